"""Who a figure is about and with whom: the subject its own words name (`China's exports`, `German exports`,
`exports from Vietnam`) and the partner (`exports to the United States`, `US-bound shipments`). A sentence that
names no subject takes the article's reporting economy later (frame.py)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .document import overlap
from .rules import PARTNER_PREPS, SUBJECT_CATEGORIES


# How far into a list item its label's colon may stand: `- Non-EU countries overall: ...`
LABEL_CHARS = 40
# How far into a sentence a basis opens it: `On a year-on-year basis, exports ...`
BASIS_OPENING_TOKENS = 3
# What calls a figure the whole of trade: `the total trade deficit with the rest of the world`
TOTAL_WORDS = frozenset({"total", "overall", "combined"})
# A flow and the flow the other way: `exported ... to the US and imported ...`
TWO_WAY = {"exports": "imports", "imports": "exports"}
# `exports of most commodities to the US`: a sentence that announces a breakdown of one flow by goods
BREAKDOWN_NOUNS = frozenset({"commodity", "good", "product", "category", "item", "sector"})
BREAKDOWN_WORDS = frozenset({"most", "all", "many", "several", "various"})
# the nouns that describe an economy as another's partner in trade
PARTNER_NOUNS = frozenset({"partner", "market", "destination", "customer", "buyer", "supplier"})
# the words between a move's size and the level it reached (`slipping by 1.5% to €1 billion`)
MOVE_JOINERS = frozenset({"to", "at", ",", "or"})
# Nouns that name a group of partners: `non-EU countries`, `other economies`.
GROUP_NOUNS = frozenset({"country", "economy", "nation", "state", "market", "destination", "partner"})


class SubjectRules:
    """Methods of `ArticleClaims` (record.py); they read the `DocumentView` it is."""

    def _subject(self, sent: Span, metric_span: Span | None, metric: str) -> tuple[str | None, bool]:
        """(subject, whether the sentence names it): `China's exports`, `German exports`, `exports from Vietnam`,
        `the euro zone posted a surplus`."""
        if metric_span is None:
            return None, False
        root = metric_span.root
        for token in root.children:
            if token.dep_ in ("poss", "compound", "amod", "nmod") and token.ent_type_ in ("GPE", "NORP", "ORG", "LOC"):
                ent = self._ent(token)
                if ent is not None and ent._.category in SUBJECT_CATEGORIES:
                    return ent._.canonical, True
            if token.dep_ == "prep" and token.lower_ in self.rules.subject_preps.get(metric, ()):
                for obj in (t for t in token.children if t.dep_ == "pobj"):
                    ent = self._ent(obj)
                    if ent is not None and ent._.category in SUBJECT_CATEGORIES:
                        return ent._.canonical, True
        for token in metric_span:
            ent = self._ent(token)
            if ent is not None and ent._.category in SUBJECT_CATEGORIES and token.i < root.i:
                return ent._.canonical, True
        head = self._clause_head(root)
        for token in head.children:
            if token.dep_ in ("nsubj", "nsubjpass") and not overlap(token, metric_span):
                ent = self._ent(token)
                if ent is not None and ent._.category in SUBJECT_CATEGORIES \
                        and ent._.canonical != self._described_partner(metric_span.sent):
                    return ent._.canonical, True
        return None, False

    def _described_partner(self, sent: Span) -> str | None:
        """`While Chile remained Peru's largest trade partner, exports there were $2 billion`, `Chile,
        Peru's biggest customer,`: the economy a sentence describes as a trade partner is the one its flows go
        to, not the one they are about."""
        key = ("described partner", sent.start)
        if key not in self.sentence_facts:
            found = None
            for noun in (t for t in sent if t.lemma_.lower() in PARTNER_NOUNS):
                if noun.dep_ == "attr":
                    named = [c for c in noun.head.children if c.dep_ == "nsubj"]
                elif noun.dep_ == "appos":
                    named = [noun.head]
                else:
                    continue
                ents = [e for e in map(self._ent, named) if e is not None and e._.category in SUBJECT_CATEGORIES]
                if ents:
                    found = ents[0]._.canonical
                    break
            self.sentence_facts[key] = found
        return self.sentence_facts[key]

    def _two_way_partner(self, metric_span: Span | None, sentence_claims, metric: str) -> str | None:
        """`Peru exported $59 billion of goods to the US and imported $57 billion`: a flow verb coordinated with
        the flow the other way trades with the same partner."""
        other = TWO_WAY.get(metric)
        if other is None or metric_span is None or not sentence_claims:
            return None
        verb = metric_span.root
        if not (verb.pos_ == "VERB" and verb.dep_ == "conj" and verb.head.pos_ == "VERB"):
            return None
        previous = sentence_claims[-1]
        return previous["partner"] if previous["metric"] == other else None

    def _partner(self, sent: Span, span: Span, metric_span: Span | None, inherited: bool, sentence_claims,
                 metric: str) -> str | None:
        preps = self.rules.partner_preps.get(metric, PARTNER_PREPS)
        respective = self._respective_partner(sent, span, preps)
        if respective is not None:
            return respective
        labelled = self._list_label_partner(sent, metric) or self._run_in_label_partner(span, metric)
        if labelled is not None:
            return labelled
        if sentence_claims and sentence_claims[-1]["metric"] == metric and sentence_claims[-1]["partner"]:
            # `those to Spain slipping by 1.5% to €1 billion`: two figures of one move are one flow's
            previous = self._span(sentence_claims[-1]["quantity"])
            if previous is not None and 0 < span.start - previous.end <= 2 and \
                    all(t.lower_ in MOVE_JOINERS for t in self.doc[previous.end : span.start]):
                return sentence_claims[-1]["partner"]
        # `exports to the EU jumped 14.8% and to Southeast Asia 8.2%`: a partner named right before the figure,
        # after its metric, is the figure's own
        start = max(sent.start, span.start - 5, metric_span.end if metric_span is not None else 0)
        if sentence_claims:
            start = max(start, self._span(sentence_claims[-1]["quantity"]).end)
        before = self.doc[start : span.start]
        for token in before:
            if token.lower_ in preps:
                for t in before:
                    ent = self._ent(t) if t.i > token.i else None
                    if ent is not None and ent.label_ in ("GPE", "LOC", "ORG", "NORP"):
                        return ent._.canonical
        # `exports to Asia shrank, while those to the EU were up 0.7%`: the pronoun standing for the flow names its
        # own partner
        stand_in = self._stand_in(span)
        candidates: list[Token] = [] if stand_in is None else [
            o for p in self._stand_in_preps(stand_in) if p.lower_ in preps for o in p.children if o.dep_ == "pobj"]
        if metric_span is not None and not candidates:
            for token in metric_span.root.children:
                if token.dep_ == "prep" and token.lower_ in preps:
                    candidates.extend(t for t in token.children if t.dep_ == "pobj")
            # `US-bound shipments`
            for token in self.doc[max(sent.start, metric_span.start - 3) : metric_span.start]:
                if token.lower_ in ("bound", "-bound") or token.lower_.endswith("-bound"):
                    candidates.extend(t for t in self.doc[max(sent.start, token.i - 2) : token.i + 1] if t.ent_type_)
            # `a quarter of exports went to Japan`, `With China, Japan remained in the red, logging a deficit`
            for head in self._clause_chain(self._clause_head(metric_span.root))[:2]:
                for token in head.children:
                    if token.dep_ == "prep" and token.lower_ in preps and metric in self.rules.flow_metrics:
                        candidates.extend(t for t in token.children if t.dep_ == "pobj")
        if metric == "imports":
            candidates.extend(self._origin_of_goods(span))
        # `exports rose to all regions except the United States, which fell 1.4%`: the clause is about its noun
        clause = self._clause_head(span.root)
        if clause.dep_ == "relcl" and any(c.lower_ in ("which", "that") for c in clause.children):
            candidates.append(clause.head)
        # `exports to ASEAN countries`, `shipments to EU member states`: the name modifies the noun after the preposition
        # (`EU member states`: through a compound of a compound)
        candidates.extend(c for t in list(candidates) for c in t.subtree
                          if c.i < t.i and c.dep_ in ("compound", "amod", "nmod"))
        for token in candidates:
            group = self._partner_group(token)
            if group is not None:
                return group
            ent = self._ent(token)
            if ent is not None and ent.label_ in ("GPE", "LOC", "ORG", "NORP") and ent._.category in SUBJECT_CATEGORIES \
                    and not self._negated_place(ent):
                return ent._.canonical
        if inherited and sentence_claims and metric_span is None and not candidates:
            return sentence_claims[-1]["partner"]
        return None

    def _origin_of_goods(self, span: Span) -> list[Token]:
        """`imported $57.1 billion worth of US goods`: the goods' origin is where they came from."""
        i = span.end
        if i < len(self.doc) and self.doc[i].text == "(":  # `£57.1 billion ($77 billion) worth of`
            close = next((t.i for t in self.doc[i : min(i + 8, len(self.doc))] if t.text == ")"), i - 1)
            i = close + 1
        if i < len(self.doc) and self.doc[i].lower_ == "worth":
            i += 1
        if i >= len(self.doc) or self.doc[i].lower_ != "of":
            return []
        window = self.doc[i + 1 : min(i + 5, len(self.doc))]
        goods = next((t for t in window if t.lower_ in ("goods", "products", "merchandise")), None)
        return [t for t in window if goods is not None and t.i < goods.i and t.ent_type_ in ("GPE", "NORP")]

    def _list_label_partner(self, sent: Span, metric: str) -> str | None:
        """`- China: exports fell 5.9% to €7.0 billion`, `- Non-EU countries overall: ...`: a list item labelled with
        a place or a group of places is about trade with it."""
        if metric not in self.rules.flow_metrics or not self._is_list_item(sent):
            return None
        line_start, line_end = self._line_of(sent)
        colon = self.text.find(":", line_start, min(line_end, line_start + LABEL_CHARS))
        if colon < 0 or any(ch.isdigit() for ch in self.text[line_start:colon]):
            return None
        label = self.doc.char_span(line_start, colon, alignment_mode="contract")
        if label is None:
            return None
        group = next((self._partner_group(t) for t in label if t.lemma_.lower() in GROUP_NOUNS), None)
        if group is not None:
            return group
        places = [e for e in self.entities.within(label.start, label.end) if e._.category in SUBJECT_CATEGORIES]
        if len(places) != 1 or places[0]._.canonical == self.frame.subject or self._negated_place(places[0]):
            return None
        return places[0]._.canonical

    def _run_in_label_partner(self, span: Span, metric: str) -> str | None:
        """`gains in other markets, including Japan, up 40% to $500 million`: a place standing right before the
        move and its figure labels them."""
        if metric not in self.rules.flow_metrics:
            return None
        i = span.start - 1
        while i >= 0 and (self.doc[i].text == "," or self.doc[i].lower_ in self.rules.moves):
            i -= 1
        if i < 0 or i == span.start - 1 or self.doc[i + 1].text != ",":
            return None
        ent = self._ent(self.doc[i])
        if ent is None or ent._.category not in SUBJECT_CATEGORIES or ent._.canonical == self.frame.subject:
            return None
        return ent._.canonical

    def _partner_group(self, token: Token) -> str | None:
        """`exports to non-EU countries`, `to other countries`, `to the rest of the world`: a group of partners
        named by what they are not, kept as written so that it is neither the total nor the place it excludes."""
        if token.lower_ == "rest" and any(c.lower_ == "of" for c in token.children):
            if not self._partner_named_near(token) or self._stated_as_total(token):
                return None  # `the UK's trade deficit with the rest of the world`: everyone, the total
            words = self.doc[token.i : token.right_edge.i + 1]
        elif token.lemma_.lower() in GROUP_NOUNS and any(
                t.lower_ == "non" or t.lower_.startswith("non-") or (t.lower_ == "other" and not self._names_place(t.head))
                for t in self.doc[token.left_edge.i : token.i]):
            start = token.left_edge.i
            while start < token.i and not self.doc[start].is_alpha:
                start += 1  # a list's bullet
            words = self.doc[start : token.i + 1]
        else:
            return None
        text = words.text
        for article in ("the ", "The "):
            text = text.removeprefix(article)
        return text

    def _partner_named_near(self, token: Token) -> bool:
        """Does this sentence or the one before name a partner that `the rest of the world` is the rest from?"""
        sent = self.sentences.of(token.i)
        before = self._sentence_before(sent)
        start = before.start if before is not None else sent.start
        return any(e._.category in SUBJECT_CATEGORIES and e._.canonical != self.frame.subject
                   for e in self.entities.within(start, token.i))

    def _stated_as_total(self, token: Token) -> bool:
        """`the total goods and services deficit with the rest of the world`: the whole of trade, whatever
        partner was named before."""
        sent = self.sentences.of(token.i)
        return any(t.lower_ in TOTAL_WORDS or t.lower_ == "services" for t in self.doc[sent.start : token.i])

    def _names_place(self, token: Token) -> bool:
        """`other European Union countries`: the members of a place named, which is the partner."""
        return any(e._.category in SUBJECT_CATEGORIES for e in self.entities.within(token.left_edge.i, token.i + 1))

    def _negated_place(self, ent: Span) -> bool:
        """`non-EU`: everyone but the place named."""
        return self.text[max(ent.start_char - 4, 0) : ent.start_char].lower() == "non-"

    def _from_to_partner(self, span: Span, sentence_claims: list[dict], metric: str) -> str | None:
        """`swung from a $15.4 billion deficit with Switzerland in March to a $3.5 billion surplus in April`: the
        figure after `to` of a `from ... to` pair is of the same trade as the one after `from`."""
        if not sentence_claims or sentence_claims[-1]["metric"] != metric or sentence_claims[-1]["partner"] is None:
            return None
        before = self._span(sentence_claims[-1]["quantity"])
        if before is None or _lead(span) != "to" or _lead(before) != "from":
            return None
        return sentence_claims[-1]["partner"]

    def _restated_on_another_basis(self, sent: Span, metric: str) -> dict | None:
        """`On a year-on-year basis, exports were down 6.3%` right after `Exports to the US fell 10.5%`: a sentence
        that opens on a basis restates the flow before it; the claim before with the same metric and a partner."""
        opening = [k for k, m in self.cues_by_sent.get(sent.start_char, []) if k.startswith("basis|")
                   and m.start - sent.start <= BASIS_OPENING_TOKENS]
        if not opening or any(t.lower_ in ("total", "overall", "all") for t in sent):
            return None
        before = self._sentence_before(sent)
        same = [c for c in self.previous_claims if before is not None and c["_sentence_end"] == before.end
                and c["metric"] == metric and c["partner"] is not None]
        return same[-1] if same else None

    def _breakdown_partner(self, sent: Span, metric: str) -> str | None:
        """`Copper exports to Japan fell $500 million. Zinc exports slid $200 million.`, `Exports of most goods to
        Japan fell. Copper exports dropped $500 million.`: a good's flow told with no partner, right after a
        sentence that broke the same flow to one partner down by goods, goes on with that breakdown; a remark
        with no figure may stand between (`Most of that came from weaker prices.`)."""
        before = self._sentence_before(sent)
        if before is None or metric not in TWO_WAY:
            return None
        announced = self._breakdown_announced(before, metric)
        if announced is not None or self.quantities_by_sent.get(before.start_char):
            return announced
        earlier = self._sentence_before(before)
        told = [c for c in self.last_told_claims if earlier is not None and c["_sentence_end"] == earlier.end
                and c["metric"] == metric]
        return told[-1]["partner"] if told and told[-1]["product"] is not None else None

    def _breakdown_announced(self, before: Span, metric: str) -> str | None:
        """The one partner the sentence before breaks the flow down for: by a good's figure (`Car exports to the US
        fell £800 million`) or in words (`exports of most commodities to the US fell`)."""
        told = [c for c in self.previous_claims if c["_sentence_end"] == before.end and c["metric"] == metric]
        if told:
            return told[-1]["partner"] if told[-1]["product"] is not None else None
        preps = self.rules.partner_preps.get(metric, PARTNER_PREPS)
        for key, m in self.metrics_by_sent.get(before.start_char, []):
            goods = [o for prep in m.root.children if prep.dep_ == "prep" and prep.lower_ == "of"
                     for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in BREAKDOWN_NOUNS
                     and any(c.lower_ in BREAKDOWN_WORDS for c in o.children)]
            partners = {e._.canonical for prep in m.root.subtree if prep.dep_ == "prep" and prep.lower_ in preps
                        for o in prep.children if o.dep_ == "pobj" and (e := self._ent(o)) is not None
                        and e._.category in SUBJECT_CATEGORIES}
            if key.split("|")[0] == metric and goods and len(partners) == 1:
                return partners.pop()
        return None

    def _partner_there(self, sent: Span, span: Span) -> str | None:
        """`Most exports went to the US. However, 10.5% less was shipped there`: `there` is the place the sentence
        before named last, other than the reporter (an inference, recorded as one)."""
        clause = self._clause_head(span.root)
        if not any(c.lower_ == "there" and c.dep_ == "advmod" for c in clause.children):
            return None
        previous = self._sentence_before(sent)
        if previous is None:
            return None
        places = [e for e in self.entities.within(previous.start, previous.end)
                  if e._.category in SUBJECT_CATEGORIES and e._.canonical != self.frame.subject]
        return places[-1]._.canonical if places else None

    def _respective_partner(self, sent: Span, span: Span, preps: frozenset[str]) -> str | None:
        """`those to the EU and the ASEAN bloc soared 19.3% and 17.8%, respectively`: the k-th figure of the run
        before `respectively` goes with the k-th partner named after the partner preposition."""
        key = ("respectively", sent.start)
        if key not in self.sentence_facts:
            self.sentence_facts[key] = next((t.i for t in sent if t.lower_ == "respectively"), None)
        respectively = self.sentence_facts[key]
        if respectively is None or span.start > respectively:
            return None
        figures = sorted((s for _, s in self.quantity_spans.get(sent.start_char, []) if s.end <= respectively),
                         key=lambda s: s.start)
        run: list[Span] = []
        for figure in reversed(figures):
            if run and any(t.lower_ not in (",", "and") for t in self.doc[figure.end : run[0].start]):
                break
            run.insert(0, figure)
        starts = [f.start for f in run]
        if span.start not in starts:
            return None
        floor = max((f.end for f in figures if f.end <= run[0].start), default=sent.start)
        stretch = self.doc[floor : run[0].start]
        prep = next((t.i for t in stretch if t.lower_ in preps), None)
        if prep is None:
            return None
        partners: list[str] = []
        for ent in self.entities.within(prep + 1, run[0].start):
            if ent._.category in SUBJECT_CATEGORIES and ent._.canonical not in partners:
                partners.append(ent._.canonical)
        return partners[starts.index(span.start)] if len(partners) == len(run) else None


def _lead(span: Span) -> str:
    """The word before a figure, past its article: `to` in `to a $3.5 billion surplus`."""
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in ("a", "an", "the"):
        i -= 1
    return span.doc[i].lower_ if i >= 0 else ""
