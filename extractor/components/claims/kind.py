"""How a figure is stated: its kind (level, change, share, target, forecast, expectation), direction, basis,
vintage, hedges, currency basis and attribution, from the words of rules/claims.json."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .document import is_money, source_phrase
from .rules import CLAUSE_POS, PRIOR_FIGURE_LEADS, RATE_UNITS

# `-3.8% YoY expected`, `a 0.5% fall forecast`: the participle right after the figure
EXPECTED_AFTER = frozenset({"expected", "forecast", "forecasted", "estimated", "predicted", "anticipated", "projected"})
# Dependencies that make a verb the head of a clause of its own (a participle modifying a noun is not one).
CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "ccomp", "xcomp", "relcl", "parataxis"})
BASIS_ABBREVIATIONS = frozenset({"yoy", "y/y", "mom", "m/m", "qoq", "q/q", "%", "percent"})


class KindRules:
    """Methods of `ArticleClaims` (record.py); they read the `DocumentView` it is."""

    def _kind(self, sent: Span, span: Span, quantity: dict, metric: str) -> str:
        near = self._neighbourhood(sent, span)
        lowers = {t.lower_ for t in near}
        if lowers & self.rules.words["target"]:
            return "target"
        # `beating the 1.1% increase economists had forecast`, `a 3.8% forecast in a poll`
        # where a flow's amount starts (`expected the deficit to shrink to $94 billion from $140.5 billion`) is
        # its level already reported
        if (metric not in self.rules.flow_metrics or is_money(quantity["unit"])) and self._is_base_value(span):
            return "share" if metric.endswith("share") else "level"
        if self._led_by(span, PRIOR_FIGURE_LEADS, 4):
            # `economists expected 0.7%, after an increase of 1.2% in March`: the earlier figure is an outcome
            return "level"
        chain = self._stance_chain(self._clause_head(span.root))[:3]
        cues = lowers | {h.lower_ for h in chain}
        cue_heads = [h for h in chain if h.lower_ in self.rules.words["expectation"]] or chain[:1]
        subjects = [c for h in cue_heads for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        holders = lowers | {c.lower_ for c in subjects}
        # a market expectation is held by economists at large; `analysts at Morgan Stanley` make a forecast
        named = any(t.ent_type_ in ("ORG", "PERSON") for c in subjects for t in c.subtree)
        if cues & self.rules.words["expectation"] and not named and (
            holders & self.rules.words["expectation_holders"] or {t.lower_ for t in sent} & {"poll", "consensus", "polled"}
        ):
            return "expectation"
        cue = self._expectation_cue(span)
        if cue is not None:
            # `a forecast of 7.6% by Wind`, `analysts at Nomura expected`: one forecaster's figure
            return "forecast" if self._named_forecaster(sent, cue) else "expectation"
        if self._is_forecast(span):
            return "forecast"
        if metric == "global_export_share":
            return "share"
        if quantity["unit"] == "count":
            return "count"
        if quantity["unit"] == "percent":
            after = self.doc[span.end] if span.end < len(self.doc) else None
            if after is not None and after.lower_ == "of":
                return "share"
        return "level"

    def _expectation_cue(self, span: Span) -> Token | None:
        """The word that makes a figure an expectation when it governs the figure or names it: `forecasts of
        7.3%`, `the expected gain of 2.1%`, `had expected the deficit to shrink to $94 billion`, `(-3.8% expected)`,
        `the 7.6% increase projected by Wind`. A cue elsewhere in the sentence (`rose 5%, more than expected`)
        speaks of another figure."""
        expectation = self.rules.words["expectation"]
        span = _figure_core(span)
        token = span.root
        for _ in range(4):
            if token.head.i == token.i:
                break
            token = token.head
            if token.lower_ in expectation:
                return token
            if token.pos_ in ("VERB", "AUX") and token.lower_ not in expectation:
                subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
                # `the median estimate was for a $66 billion deficit`: the clause's subject is the expectation
                cue = next((c for c in subjects if c.lower_ in expectation), None)
                if cue is not None:
                    return cue
                if subjects or token.dep_ == "conj":
                    break  # the figure's own clause is about something else, or is said beside the cue
        head = span.root.head if span.root.dep_ in ("nummod", "quantmod", "compound", "amod") else span.root
        for word in (head, *head.children):
            if word.dep_ in ("amod", "acl", "compound", "ROOT", "nsubj", "dobj", "pobj", "attr") and word.lower_ in expectation \
                    and word.i != span.root.i:
                return word
        # `a median forecast for a 3.8% decrease`, `forecasts of 7.3%` (the parser often hangs `for` elsewhere)
        i = span.start - 1
        while i > 0 and self.doc[i].lower_ in ("a", "an", "the"):
            i -= 1
        if i > 0 and self.doc[i].lower_ in ("for", "of", "at") and self.doc[i - 1].lower_ in expectation:
            return self.doc[i - 1]
        if i > 1 and self.doc[i].lower_ == "of" and self.doc[i - 1].lower_ in self.rules.moves \
                and self.doc[i - 2].lower_ in expectation:
            return self.doc[i - 2]  # `the expected fall of 0.5%`
        for word in self.doc[span.end : min(span.end + 3, len(self.doc))]:
            if word.lower_ in EXPECTED_AFTER:
                return word
            if not (word.lower_ in BASIS_ABBREVIATIONS or word.is_punct):
                break
        return None

    def _crosses_threshold(self, span: Span, unit: str) -> bool:
        """`surpassed $180 billion`, `broke the $1 trillion mark`: a threshold crossed, not a level reached."""
        i = span.start - 1
        if i >= 0 and self.doc[i].lower_ == "the":
            i -= 1
        if i < 0 or self.doc[i].lower_ not in self.rules.words["threshold_verbs"]:
            return False
        after = self.doc[span.end] if span.end < len(self.doc) else None
        return is_money(unit) or (after is not None and after.lower_ in self.rules.words["threshold_nouns"])

    def _named_forecaster(self, sent: Span, cue: Token) -> bool:
        """`projected by Wind`, `Nomura expects`, `a Bloomberg survey`: the cue names who made the figure."""
        near = [c for c in cue.children if c.dep_ in ("nsubj", "agent", "compound", "poss", "prep")]
        for child in near:
            for token in child.subtree:
                if token.ent_type_ in ("ORG", "PERSON") and token.lower_ not in BASIS_ABBREVIATIONS:
                    return True
        return False

    def _neighbourhood(self, sent: Span, span: Span) -> list[Token]:
        """The figure's own phrase: its head noun or verb and the words that modify it."""
        root = span.root
        head = root.head if root.dep_ in ("nummod", "quantmod", "pobj", "dobj", "npadvmod", "compound", "amod", "attr") else root
        tokens = set(head.subtree) if head.pos_ == "NOUN" else set()
        tokens.add(head)
        if head.dep_ == "pobj":
            tokens.add(head.head)
            tokens.add(head.head.head)
        window = self.doc[max(sent.start, span.start - 3) : min(sent.end, span.end + 3)]
        tokens.update(window)
        return sorted(tokens, key=lambda t: t.i)

    def _is_comparison_base(self, span: Span) -> bool:
        """`from €17.2 billion in August`, `than 1% a year earlier`, `compared to $55 billion`: the value a change
        starts from."""
        i = self._index_before(span)
        if i >= 0 and self.doc[i].lower_ in self.rules.words["comparison_base_cues"]:
            return True
        return i > 0 and self.doc[i].lower_ in ("to", "with") and self.doc[i - 1].lower_ in ("compared", "comparison")

    def _is_base_value(self, span: Span) -> bool:
        """`up from roughly 15% today`, `an increase from its present 15%`: where a change starts, a level."""
        return self._word_before(span) == "from"

    def _is_forecast(self, span: Span) -> bool:
        for head in self._stance_chain(self._clause_head(span.root)):
            if head.lower_ in self.rules.words["forecast"] or head.lemma_.lower() in ("forecast", "project", "predict", "expect"):
                return True
            if any(c.dep_ == "aux" and c.lower_ in ("will", "could", "would", "should", "might") for c in head.children):
                return True
            if head.dep_ == "xcomp" and head.head.lower_ == "going" and any(c.dep_ == "aux" for c in head.head.children):
                return True  # `we are going to surpass $80 billion`
        return False

    def _direction(self, sent: Span, span: Span, quantity: dict, kind: str) -> tuple[str | None, bool]:
        if quantity["unit"] not in RATE_UNITS and not self._money_is_change(span):
            return None, False  # `fell to 690 million tonnes`: a level reached, not a change
        after = self.doc[span.end : min(sent.end, span.end + 2)]
        if any(t.lower_ in ("less", "fewer") for t in after):
            return "down", False  # `10.5% less goods were exported`
        if [t.lower_ for t in after] == ["more", "than"]:
            return "up", False  # `$8.3 billion more than March exports`
        candidates: list[Token] = []
        move = self._move_sized_by_of(span)
        if move is not None:
            candidates.append(move)  # `an increase in the services surplus of $1.5 billion`: the move the amount sizes
        before = self.doc[max(sent.start, span.start - 2) : span.start]
        # `a higher 20% tariff`: a comparative describing the noun the figure measures says what it is, not a move
        candidates.extend(t for t in reversed(list(before)) if not (t.dep_ == "amod" and t.head == span.root.head))
        candidates.extend(after)
        clause = self._clause_head(span.root)
        candidates.append(clause)
        candidates.extend(t for t in clause.children if t.dep_ in ("dobj", "attr") and t.pos_ == "NOUN")
        if span.root.head.pos_ == "NOUN" or span.root.dep_ == "conj":
            # `down 1.4% from the previous month and 3.3% compared to May 2024`: the second figure is the first's
            # conjunct and moves the same way
            candidates.append(span.root.head)
        for token in candidates:
            word = token.lower_
            if word in self.rules.words["up"] or word in self.rules.words["down"] or word in self.rules.words["flat"]:
                if word in ("to", "at"):
                    continue
                direction = "up" if word in self.rules.words["up"] else "down" if word in self.rules.words["down"] else "flat"
                if word in ("reached", "hit", "beat", "beating", "topped", "exceeded") and kind == "level":
                    continue
                negated = any(c.dep_ == "neg" for c in token.children)
                return direction, negated
        return None, False

    def _chain_direction(self, span: Span) -> tuple[str | None, bool]:
        for head in self._clause_chain(self._clause_head(span.root)):
            negated = any(c.dep_ == "neg" for c in head.children)
            if head.lower_ in self.rules.words["up"] and head.lower_ not in ("to", "at", "reached", "hit"):
                return "up", negated
            if head.lower_ in self.rules.words["down"]:
                return "down", negated
        return None, False

    def _move_sized_by_of(self, span: Span) -> Token | None:
        """`a decrease in the goods deficit of $75.2 billion`: the nearest move named shortly before the `of` that
        introduces the figure; none when a level noun takes the `of` (`to a record high of $289.4 billion`)."""
        doc = self.doc
        if span.start < 2 or doc[span.start - 1].lower_ != "of" \
                or doc[span.start - 2].lower_ in self.rules.words["figure_nouns"]:
            return None
        start = max(span.start - 7, self.sentences.of(span.start).start)
        moves = (t for t in reversed(doc[start : span.start - 1]) if t.pos_ == "NOUN" and t.lower_ in self.rules.moves)
        return next(moves, None)

    def _money_is_change(self, span: Span) -> bool:
        """`fell by £2 billion`, `rose $6.2 billion to $190.5 billion`, `a $10.4 billion rise in`, `$8.3 billion
        more than March exports`: an amount of money that is a change, not a level."""
        doc = self.doc
        i = span.start - 1
        while i > 0 and doc[i].lower_ in ("a", "an", "record", "further", "another", "whopping", "massive"):
            i -= 1  # `fell by a record £2 billion`
        if i >= 0 and doc[i].lower_ == "by":
            return True
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.lower_ in ("more", "less") and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "than":
            return True
        moves = self.rules.moves
        if before is not None and before.lower_ in ("up", "down") and before.pos_ in ("ADV", "ADP"):
            return True  # `$61.6 billion in April, down $76.7 billion from March`
        if self._move_sized_by_of(span) is not None:
            return True  # `a decrease in the goods deficit of $75.2 billion`
        # `rose $6.2 billion to $190.5 billion`: a move, an amount, then the level it reached
        if before is not None and before.lower_ in moves and after is not None and after.lower_ == "to" and \
                span.end + 1 < len(doc) and (doc[span.end + 1].is_currency or doc[span.end + 1].like_num):
            return True
        # `increased $58.4 billion or 5.5%`: a verb of movement right before the amount, whatever the parse
        if before is not None and before.pos_ == "VERB" and before.lower_ in moves \
                and before.lower_ not in self.rules.level_words and not (after is not None and after.lower_ in ("to", "at")):
            return True
        head = span.root.head
        if head.pos_ == "NOUN" and head.lower_ in moves and span.root.dep_ in ("nummod", "compound", "quantmod", "amod"):
            return True  # `a $10.4 billion rise`
        moved = (head.lower_ in moves and head.lower_ not in self.rules.level_words) or \
            any(c.dep_ == "prt" and c.lower_ in ("up", "down") for c in head.children)
        if head.pos_ == "VERB" and moved and span.root.dep_ in ("dobj", "npadvmod", "attr", "advmod"):
            # `increased $58.4 billion or 5.5%`, `went up $6.2 billion to $190.5 billion`: the level comes after `to`
            return not any(c.lower_ in ("to", "at") and c.i < span.start for c in head.children)
        return False

    def _basis(self, sent: Span, span: Span, period: dict | None, kind: str) -> str | None:
        cues = [(k, m) for k, m in self.cues_by_sent.get(sent.start_char, []) if k.startswith("basis|")]
        base = self._changed_from_in(sent)
        if base is not None:
            # `more than double the level of October and up 331% on year`: where the sentence names a point to
            # measure from, a cue written right after another figure is that one's
            others = [o for _, o in self.quantity_spans.get(sent.start_char, []) if o.start != span.start]
            cues = [(k, m) for k, m in cues if not any(o.end <= m.start <= o.end + 1 for o in others)]
        if cues and kind != "level":
            # the cue written right after the figure (`-1.7% YoY`), else the one nearest it
            after = [(k, m) for k, m in cues if span.end <= m.start <= span.end + 1]
            key, _ = after[0] if after else min(cues, key=lambda km: abs(km[1].start - span.start))
            return key.split("|")[1]
        if base is not None and kind != "level" and period and period["start_date"]:
            # `down 1.4% from the previous month and 3.3% compared to May 2024`: a point of comparison written
            # right after the figure is that figure's own
            base_span = self._span(base)
            if base_span is not None and span.end <= base_span.start <= span.end + 3:
                basis = _basis_between(base, period)
                if basis is not None:
                    return basis
        in_sent = self.basis_by_sent.get(sent.start_char, [])
        if kind != "level" and in_sent:
            # `compared with November last year`, `on the previous month`: the basis the sentence names
            nearest = min(in_sent, key=lambda p: abs(p["start"] - span.start_char))
            words = re.findall(r"[a-z]+", nearest["text"].lower())  # `the year-ago month` is a year back
            for unit, basis in (("month", "month_on_month"), ("quarter", "quarter_on_quarter")):
                if unit in words and "year" not in words:
                    return basis
            return "year_on_year"
        if period and period["granularity"] == "range" and period["start_date"] and period["start_date"][5:] == "01-01":
            return "year_to_date"
        if base is not None and kind != "level" and period and period["start_date"]:
            basis = _basis_between(base, period)
            if basis is not None:
                return basis
        if cues and kind == "level":
            key, m = min(cues, key=lambda km: abs(km[1].start - span.start))
            if key == "basis|year_to_date":
                return "year_to_date"
        return None

    def _vintage(self, sent: Span, span: Span) -> str | None:
        """`revised August's drop to 0.5% from 0.4%`: 0.5% is the revised figure, 0.4% the earlier one. The word
        marks the figure it stands before or the clause it heads, not every figure of its sentence (`narrowed to
        $61.6 billion from a revised $138.3 billion`)."""
        clause = self._clause_head(span.root)
        for key, m in self.cues_by_sent.get(sent.start_char, []):
            if not key.startswith("vintage|"):
                continue
            vintage = key.split("|")[1]
            if 0 <= span.start - m.end <= 2:
                # `from a revised $138.3 billion` is revised; `revised from 0.4%` is what was revised
                between = {t.lower_ for t in self.doc[m.end : span.start]}
                return "preliminary" if vintage == "revised" and between & self.rules.words["comparison_base_cues"] \
                    else vintage
            if m.start <= clause.i < m.end or clause.i in {t.head.i for t in m}:
                return "preliminary" if vintage == "revised" and self._is_comparison_base(span) else vintage
        return None

    def _hedged(self, root: Token) -> bool:
        head = self._clause_head(root)
        return any(c.lower_ in self.rules.words["hedge"] for c in head.children) or head.lower_ in self.rules.words["hedge"]

    def _currency_basis(self, sent: Span, span: Span, kind: str, quantity: dict) -> str | None:
        if is_money(quantity["unit"]):
            return quantity["unit"] if kind != "level" else None
        # the currency term of the figure's own clause (`..., and yuan-denominated exports rose 5.7%`)
        clause = self._clause_head(span.root)
        stated = self._currency_terms(sent, clause)
        if stated is not None:
            return stated
        # `exports rose 5.7% to 2.35 trillion yuan`: a change stated beside a level is computed in its currency,
        # which matters only for a reporter that publishes its rates in more than one
        if self.frame.convention_currency is None:
            return None
        amounts = [(q, other) for q, other in self.quantity_spans.get(sent.start_char, [])
                   if is_money(q["unit"]) and q.get("conversion_of") is None]
        for q, other in amounts:
            if self._clause_head(other.root) == clause:
                return q["unit"]
        # `trade swelled 5% to reach 43.85 trillion yuan`: the one currency the sentence states its amounts in
        currencies = {q["unit"] for q, _ in amounts}
        if len(currencies) == 1:
            return currencies.pop()
        # `Yuan-denominated exports rose 7.1%. Imports gained 2.3%.`: terms the sentence before stated in words go
        # on while no other currency is named
        before = self._sentence_before(sent)
        return self._currency_terms(before) if before is not None and not currencies else None

    def _currency_terms(self, sent: Span, clause: Token | None = None) -> str | None:
        """The currency a sentence (or one clause of it) says its rates are in: `in yuan terms`, `measured in
        dollars`, `in dollar terms`, `yuan-denominated exports`."""
        words = [t.lower_ for t in sent]
        for i, word in enumerate(words):
            if word in self.rules.currency_terms and (words[i + 1 : i + 2] == ["terms"] or words[i - 1 : i] == ["in"]
                                                or word.endswith("-denominated")
                                                or "denominated" in words[i + 1 : i + 3]) \
                    and (clause is None or _within(sent[i], clause)):
                return self.rules.currency_terms[word]
        return None

    def _attribution(self, sent: Span, kind: str) -> str | None:
        key = ("attribution", sent.start, kind)
        if key not in self.sentence_facts:
            self.sentence_facts[key] = self._find_attribution(sent, kind)
        return self.sentence_facts[key]

    def _find_attribution(self, sent: Span, kind: str) -> str | None:
        if kind == "expectation" and {"poll", "polled"} & {t.lower_ for t in sent}:
            return "poll"
        for key, m in self.cues_by_sent.get(sent.start_char, []):
            if key == "attribution|according":
                after = self.doc[m.end : min(sent.end, m.end + 10)]
                ents = [e for e in self.entities.within(after.start, after.end) if e.label_ in ("ORG", "PERSON")]
                if ents:
                    return ents[0]._.canonical
                objects = [t for t in m[-1].children if t.dep_ == "pobj"]
                if objects:
                    return source_phrase(objects[0])
        for token in sent:
            if token.lemma_ in ("show", "indicate") and token.pos_ == "VERB":
                subjects = [c for c in token.children if c.dep_ == "nsubj"]
                if subjects and subjects[0].lower_ in ("data", "figures", "figure", "survey", "statistics", "numbers"):
                    return source_phrase(subjects[0])
            if token.lower_ in ("by",) and token.head.lemma_ in ("gather", "compile", "publish", "release"):
                ents = [e for e in self.entities.within(token.i + 1, sent.end) if e.label_ == "ORG"]
                if ents:
                    return ents[0]._.canonical
        if kind in ("forecast", "expectation"):
            ents = [e for e in self.entities.within(sent.start, sent.end) if e.label_ in ("ORG", "PERSON")]
            if ents:
                return ents[0]._.canonical
        return None


def _figure_core(span: Span) -> Span:
    """The figure without the hedge words its record spans (`above the 3.5%` -> `3.5%`), so its head is its own."""
    for i, token in enumerate(span):
        if token.like_num or token.is_currency or token.text == "%":
            return span[i:] if i else span
    return span


def _within(token: Token, clause: Token, reach: int = 4) -> bool:
    """Does the token hang from `clause` within a few steps (`yuan-denominated exports rose`: `yuan` from `rose`)?"""
    for _ in range(reach):
        if token.i == clause.i:
            return True
        if token.head.i == token.i or (token.pos_ in CLAUSE_POS and token.dep_ in CLAUSE_DEPS):
            return False  # the root, or another clause's verb
        token = token.head
    return token.i == clause.i


def _basis_between(base: dict, period: dict) -> str | None:
    """`a 4.1% decline from March` in a report on April: against the month (or quarter) before, or the year."""
    months = _months_between(base["start_date"], period["start_date"])
    step = {"month": 1, "quarter": 3}.get(base["granularity"])
    if months == step and period["granularity"] == base["granularity"]:
        return "month_on_month" if step == 1 else "quarter_on_quarter"
    if months == 12:
        return "year_on_year"
    return None


def _months_between(earlier: str, later: str) -> int:
    """Months from one ISO date's month to another's."""
    return (int(later[:4]) - int(earlier[:4])) * 12 + int(later[5:7]) - int(earlier[5:7])
