"""Claims: each figure bound to who, what and when, and told apart from forecasts, targets and expectations.

For every figure the component finds, on the parse of its sentence:
- the metric (rules/metrics.json) in the figure's own clause, else in the clause it hangs from, else earlier in
  the sentence, else the one the previous claim in the sentence had (`while imports grew just under 2%`,
  `and to Japan 4.3%`);
- the period the same way, else the one its metric was last stated for, else the one named in the sentence
  before, else the one the article names most often (`resolution: article_reference`);
- the subject (a possessor or a national adjective on the metric, else the subject the article's claims name
  most often), the partner
  (`exports to the United States`, `US-bound shipments`), direction, basis, kind and attribution from the words
  of rules/claims.json.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..extensions import guarded
from ..resources import load_rules
from .article_frame import build_frame, reporting_agencies, reporting_conventions
from .doc_index import Entities, sentences_of, text_of
from .matching import TriggeredMatcher

CLAUSE_POS = frozenset({"VERB", "AUX"})
PARTNER_PREPS = frozenset({"to", "from", "with", "into"})
# `eleven months`, `three hours`: durations, not measured quantities
TIME_UNITS = frozenset({"month", "year", "week", "day", "quarter", "hour", "decade"})
RATE_UNITS = frozenset({"percent", "percentage_point"})
FILLERS_BEFORE_FIGURES = frozenset({"its", "the", "a", "present", "current", "currently", "roughly", "about", "with", "to"})
# Who a trade figure can be about: places and blocs, not the companies or agencies that publish it.
SUBJECT_CATEGORIES = frozenset({"country", "bloc", "region", "nationality"})
# How far back a sentence without a period of its own looks for one.
PERIOD_LOOKBACK_SENTENCES = 1


@Language.factory("newsfacts_claims", requires=["doc._.quantities", "doc._.periods"], assigns=["doc._.claims"])
def make_claims(nlp: Language, name: str) -> "ClaimBuilder":
    return ClaimBuilder(nlp)


def _phrase_matcher(nlp: Language, groups: dict[str, list[str]]) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for key, phrases in groups.items():
        matcher.add(key, [nlp.make_doc(p) for p in phrases])
    return matcher


class ClaimBuilder:
    def __init__(self, nlp: Language):
        metric_rules = load_rules("metrics.json")
        metrics = metric_rules["metrics"]
        vocab = load_rules("claims.json")
        self.words = {k: frozenset(v) for k, v in vocab.items() if isinstance(v, list)}
        groups: dict[str, list[str]] = {}
        self.flow_metrics = frozenset(name for name, entry in metrics.items() if entry.get("flow"))
        default_preps = metric_rules["default_partner_preps"]
        self.partner_preps = {name: frozenset(e.get("partner_preps", default_preps)) for name, e in metrics.items()}
        self.subject_preps = {name: frozenset(e.get("subject_preps", ())) for name, e in metrics.items()}
        for name, entry in metrics.items():
            groups[f"{name}|+"] = entry["phrases"]
            if entry.get("negative"):
                groups[f"{name}|-"] = entry["negative"]
        self.metric_matcher = _phrase_matcher(nlp, groups)
        cues = {f"basis|{k}": v for k, v in vocab["basis"].items()}
        cues.update({f"adjustment|{k}": v for k, v in vocab["adjustment"].items()})
        cues.update({f"vintage|{k}": v for k, v in vocab["vintage"].items()})
        cues.update({f"comparison|{k}": v for k, v in vocab["comparison"].items()})
        cues["attribution|according"] = ["according to"]
        self.cue_matcher = _phrase_matcher(nlp, cues)
        self.currency_terms = vocab["currency_terms"]
        self.general_goods = frozenset(vocab["general_goods"])
        self.figure_nouns = (self.words["up"] | self.words["down"] | self.words["flat"] | self.words["target"]
                             | self.words["expectation"] | self.words["forecast"] | frozenset(vocab["figure_nouns"]))
        self.agencies = reporting_agencies()
        self.conventions = reporting_conventions()
        self.ordinals = {w: i for i, w in enumerate(
            ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth"])}
        # streak patterns all hold an ordinal or `for`
        self.streak_matcher = TriggeredMatcher(nlp.vocab, load_rules("claim_patterns.jsonl"),
                                               lower=frozenset(self.ordinals) | {"for"},
                                               shapes=frozenset({"dxx", "ddxx"}))

    # --- the document ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        quantities = list(doc._.quantities or ())
        periods = [p for p in doc._.periods or () if p["role"] != "basis"]
        self.basis_periods = [p for p in doc._.periods or () if p["role"] == "basis"]
        self.doc = doc
        self.text = text_of(doc)
        self.metrics = self._matches(self.metric_matcher, doc)
        self.cues = self._matches(self.cue_matcher, doc)
        # everything looked up per sentence is indexed by sentence once, so long articles stay linear
        self.sentences = sentences_of(doc)
        self.sent_starts = [sent.start_char for sent in self.sentences.spans]
        self.entities = Entities(doc)
        self.clause_heads: dict[int, Token] = {}
        self.spans: dict[tuple[int, int], Span | None] = {}
        self.metric_tokens = {i for _, m in self.metrics for i in range(m.start, m.end)}
        self.metrics_by_sent = self._by_sentence((m.start_char, (k, m)) for k, m in self.metrics)
        self.cues_by_sent = self._by_sentence((m.start_char, (k, m)) for k, m in self.cues)
        self.frame = self._frame()
        self.reference_period = self._reference_period(periods)
        claims: list[dict] = []
        self.metric_periods: dict[str, tuple[int, dict]] = {}  # metric -> (sentence start, period) last stated
        self.previous_claims: list[dict] = []
        self.quantity_spans = self._by_sentence(
            (q["start"], (q, s)) for q in quantities
            if (s := self._span(q)) is not None
        )
        self.periods_by_sent = self._by_sentence((p["start"], p) for p in periods)
        self.basis_by_sent = self._by_sentence((p["start"], p) for p in self.basis_periods)
        quantities_by_sent = self._by_sentence((q["start"], q) for q in quantities)
        self.streaks_by_sent = self._by_sentence((m.start_char, m) for m in self.streak_matcher(doc))
        self.sentence_facts: dict[tuple, object] = {}  # per sentence: evidence and attribution, read once
        for sent in self.sentences.spans:
            sentence_claims: list[dict] = []
            in_sent = quantities_by_sent.get(sent.start_char, [])
            for quantity in in_sent:
                with guarded(doc, "claim", self._span(quantity) or sent):
                    claim = self._claim(sent, quantity, periods, sentence_claims)
                    if claim is not None:
                        sentence_claims.append(claim)
            sentence_claims.extend(self._streaks(sent, periods, sentence_claims))
            self._link_comparisons(sent, sentence_claims)
            self._remember_metric_periods(sent, periods, sentence_claims)
            for claim in sentence_claims:
                claim["_sentence_end"] = sent.end
            self.previous_claims = sentence_claims
            claims.extend(sentence_claims)
        self._fill_from_frame(claims)
        new_ids = {claim["id"]: f"c{i}" for i, claim in enumerate(claims)}
        for claim in claims:
            for private in ("_clause", "_sign", "_explicit", "_base", "_sentence_end", "_own_period"):
                claim.pop(private, None)  # working state, not part of the record (and a Token is not a plain value)
            claim["id"] = new_ids[claim["id"]]
            if claim.get("comparison"):
                claim["comparison"]["other"] = new_ids[claim["comparison"]["other"]]
        doc._.claims = claims
        return doc

    def _by_sentence(self, items) -> dict[int, list]:
        """Items keyed by the start character of their sentence."""
        grouped: dict[int, list] = {}
        for start, item in items:
            grouped.setdefault(self.sent_starts[bisect_right(self.sent_starts, start) - 1], []).append(item)
        return grouped

    def _ent(self, token: Token) -> Span | None:
        return self.entities.at(token)

    def _clause_head(self, token: Token) -> Token:
        """The verb whose clause a token belongs to (the sentence root when there is none); every figure asks
        several times, so each token's is found once."""
        found = self.clause_heads.get(token.i)
        if found is None:
            found = token
            while found.pos_ not in CLAUSE_POS and found.dep_ != "ROOT" and found.head is not found:
                found = found.head
            self.clause_heads[token.i] = found
        return found

    def _clause_chain(self, head: Token) -> list[Token]:
        """A clause head and the heads of the clauses it hangs from, up to the root."""
        chain = [head]
        while head.dep_ != "ROOT" and head.head is not head:
            head = self._clause_head(head.head)
            if head in chain:
                break
            chain.append(head)
        return chain

    def _span(self, record: dict) -> Span | None:
        """The tokens of a figure or period record, looked up once (Doc.char_span searches the document)."""
        key = (record["start"], record["end"])
        if key not in self.spans:
            self.spans[key] = self.doc.char_span(*key, alignment_mode="expand")
        return self.spans[key]

    @staticmethod
    def _matches(matcher, doc: Doc) -> list[tuple[str, Span]]:
        found = [(doc.vocab.strings[key], doc[s:e]) for key, s, e in matcher(doc)]
        # keep the longest of overlapping matches: `trade surplus` over `surplus`
        found.sort(key=lambda m: (m[1].start, -(m[1].end - m[1].start)))
        kept: list[tuple[str, Span]] = []
        for key, span in found:
            if kept and span.start < kept[-1][1].end and key.split("|")[0] == kept[-1][0].split("|")[0]:
                continue
            if kept and span.start < kept[-1][1].end and span.end <= kept[-1][1].end:
                continue
            kept.append((key, span))
        return kept

    def _frame(self):
        """Whose statistics the article reports, from every flow metric whose words name an economy."""
        flow_subjects = []
        for number, sent in enumerate(self.sentences.spans):
            for key, m in self.metrics_by_sent.get(sent.start_char, []):
                metric = key.split("|")[0]
                if metric in self.flow_metrics:
                    subject, explicit = self._subject(sent, m, metric)
                    if explicit and subject:
                        flow_subjects.append((number, subject))
        return build_frame(self.sentences.spans, self.entities.spans, flow_subjects, self.agencies, self.conventions)

    def _fill_from_frame(self, claims: list[dict]) -> None:
        """What a sentence leaves unsaid comes from the article: its reporting economy, then the basis its changes
        are stated on (the one stated nearest before, else the first stated after, else the reporter's
        convention). Each such field is recorded as inferred, with where it came from."""
        frame = self.frame
        stated = [c for c in claims if c["kind"] == "change" and c["basis"] in ("year_on_year", "month_on_month")]
        for claim in claims:
            if claim["subject"] is None and frame.subject is not None:
                claim["subject"] = frame.subject
                claim["inferred"]["subject"] = f"article frame ({frame.subject_from})"
            if claim["kind"] != "change":
                continue
            # `in yuan terms` marks the exception: a rate that does not say is in the reporter's headline currency
            if claim["currency_basis"] is None and not _is_money(claim["unit"]):
                if frame.convention_currency and claim["subject"] == frame.subject:
                    claim["currency_basis"] = frame.convention_currency
                    claim["inferred"]["currency_basis"] = f"reporting convention of {frame.subject}"
            if claim["basis"] is not None:
                continue
            period = claim["period"] or {}
            if claim["streak"]:
                continue
            if period.get("granularity") in ("year", "range", "half"):
                # a change over a year or a span of months is against the same span a year before
                claim["basis"] = "year_on_year"
                continue
            carried = _carried_basis(claim, stated)
            if carried is not None:
                claim["basis"] = carried
                claim["inferred"]["basis"] = "stated for other changes in the article"
            elif frame.convention_basis and claim["subject"] == frame.subject and claim["unit"] in RATE_UNITS:
                claim["basis"] = frame.convention_basis
                claim["inferred"]["basis"] = f"reporting convention of {frame.subject}"
        for claim in claims:
            claim["confidence"] = round(max(0.4, 1.0 - 0.15 * len(claim["inferred"])), 2)

    def _remember_metric_periods(self, sent: Span, periods: list[dict], sentence_claims: list[dict]) -> None:
        """What period each metric was last stated for: `Shipments grew in November. Exports rose 5.9%` is about
        November, even when other periods come in between."""
        for claim in sentence_claims:
            if claim["period"] is not None and claim["period"].get("resolution") != "article_reference" and claim[
                    "kind"] not in ("forecast", "target") and not claim["_base"]:
                self.metric_periods[claim["metric"]] = (sent.start, {**claim["period"], "role": "period"})
        for key, m in self.metrics_by_sent.get(sent.start_char, []):
            metric = key.split("|")[0]
            chain = self._clause_chain(self._clause_head(m.root))
            for p in self.periods_by_sent.get(sent.start_char, []):
                if p["role"] != "period" or p["granularity"] == "day":
                    continue
                pspan = self._span(p)
                if pspan is not None and self._clause_head(pspan.root) == chain[0]:
                    self.metric_periods[metric] = (sent.start, p)
                    break

    @staticmethod
    def _reference_period(periods: list[dict]) -> dict | None:
        """The period the article reports on: the month or quarter it names most often (ties: the first)."""
        counted = Counter(
            (p["start_date"], p["end_date"]) for p in periods
            if p["start_date"] and p["role"] == "period" and p["granularity"] in ("month", "quarter")
        )
        if not counted:
            return None
        top = max(counted.values())
        return next(p for p in periods if p["start_date"] and counted.get((p["start_date"], p["end_date"])) == top)

    # --- one figure ------------------------------------------------------------------------

    def _claim(self, sent: Span, quantity: dict, periods, sentence_claims) -> dict | None:
        span = self._span(quantity)
        # a count of economists or ships is not a measured quantity; streaks are read on their own
        if span is None or quantity["unit"] in TIME_UNITS or quantity["unit"] == "count":
            return None
        root = span.root
        if quantity.get("conversion_of") is not None:
            # `797.7 billion yuan, or around $111.7 billion`: the same fact in another currency
            original = next((c for c in reversed(sentence_claims) if c["quantity_id"] == quantity["conversion_of"]), None)
            return self._converted(original, quantity) if original is not None else None
        metric = self._metric_for(sent, span, sentence_claims)
        if metric is None:
            return None
        metric_name, sign, metric_span, inherited = metric
        if inherited and sentence_claims:
            sign = sentence_claims[-1]["_sign"]
        if self._describes_other_noun(span, metric_span):
            return None
        kind = self._kind(sent, span, quantity, metric_name)
        direction, negated = self._direction(sent, span, quantity, kind)
        if kind == "level" and quantity["unit"] in RATE_UNITS:
            # a percentage of a flow (exports, output) is a growth rate even when the verb is in another clause
            if direction is None and metric_name in self.flow_metrics:
                direction, negated = self._chain_direction(span)
            kind = "change" if direction or metric_name in self.flow_metrics else "level"
        subject, explicit = self._subject(sent, metric_span, metric_name) if not inherited else (None, False)
        product = self._product(metric_span) if not inherited else sentence_claims[-1]["product"] if sentence_claims else None
        if subject is None and sentence_claims:
            subject = sentence_claims[-1]["subject"]  # `EU imports rose..., while exports fell...`
        partner = self._partner(sent, span, metric_span, inherited, sentence_claims, metric_name)
        period = self._period_for(sent, span, periods, sentence_claims, metric_name, kind)
        basis = self._basis(sent, span, period, kind)
        if kind in ("level", "target", "share", "count"):
            direction = None
        value, lower, upper = quantity["value"], quantity["lower"], quantity["upper"]
        flip = direction == "down" and kind in ("change", "forecast", "expectation") and quantity["unit"] in RATE_UNITS
        flip = flip or (sign == "-" and _is_money(quantity["unit"]))
        if flip:
            value, lower, upper = _negate(value), _negate(upper), _negate(lower)
        return {
            "id": f"tmp{quantity['id']}",
            "subject": subject,
            "metric": metric_name,
            "partner": partner,
            "product": product,
            "kind": kind,
            "basis": basis,
            "direction": direction,
            "value": value,
            "unit": quantity["unit"],
            "qualifier": quantity["qualifier"],
            "lower": lower,
            "upper": upper,
            "period": _claim_period(period),
            "attribution": self._attribution(sent, kind),
            "currency_basis": self._currency_basis(sent, span, kind, quantity),
            "adjustment": self._cue_value(sent, "adjustment"),
            "vintage": self._vintage(sent, span),
            "negated": negated,
            "hedged": self._hedged(root),
            "streak": None,
            "comparison": None,
            "quantity": {"text": quantity["text"], "start": quantity["start"], "end": quantity["end"]},
            "quantity_id": quantity["id"],
            "evidence": self._evidence(sent),
            "inferred": {"period": "the period the article reports on"} if period and period.get("resolution") == "article_reference" else {},
            "_clause": self._clause_head(root),
            "_sign": sign,
            "_explicit": explicit,
            "_base": self._is_comparison_base(span),
        }

    @staticmethod
    def _converted(original: dict, quantity: dict) -> dict:
        value, lower, upper = quantity["value"], quantity["lower"], quantity["upper"]
        if original["value"] is not None and original["value"] < 0:
            value, lower, upper = _negate(value), _negate(upper), _negate(lower)
        return {**original, "id": f"tmp{quantity['id']}", "value": value, "unit": quantity["unit"],
                "qualifier": quantity["qualifier"], "lower": lower, "upper": upper, "quantity_id": quantity["id"],
                "quantity": {"text": quantity["text"], "start": quantity["start"], "end": quantity["end"]},
                "currency_basis": None, "comparison": None, "inferred": dict(original["inferred"])}

    def _product(self, metric_span: Span | None) -> str | None:
        """`exports of chip-making machinery`, `car exports`, `iron ore shipments`: one product's trade."""
        if metric_span is None:
            return None
        root = metric_span.root
        for prep in (t for t in root.children if t.dep_ == "prep" and t.lower_ == "of"):
            for obj in (t for t in prep.children if t.dep_ == "pobj"):
                if not obj.ent_type_ and obj.lower_ not in self.general_goods:
                    return " ".join(t.text for t in obj.subtree if t.dep_ not in ("det", "punct"))
        modifiers = [t for t in self.doc[max(metric_span.start - 3, 0) : metric_span.start]
                     if t.dep_ in ("compound", "amod", "nmod") and t.head.i >= metric_span.start and t.pos_ in ("NOUN", "ADJ")
                     and not t.ent_type_ and t.lower_ not in self.general_goods]
        return " ".join(t.lower_ for t in modifiers) if modifiers else None

    # --- what is measured ------------------------------------------------------------------

    def _metric_for(self, sent: Span, span: Span, sentence_claims):
        """(metric, sign, span, inherited) for the figure at `span`."""
        in_sent = [(k, m) for k, m in self.metrics_by_sent.get(sent.start_char, []) if not _overlap(m, span)]
        if in_sent:
            clause = self._clause_head(span.root)
            chain = self._clause_chain(clause)
            # a metric in the figure's own clause, else in the clause it hangs from
            for head in chain:
                same = [(k, m) for k, m in in_sent if self._clause_head(m.root) == head]
                if same:
                    before = [x for x in same if x[1].start < span.start]
                    key, m = (before[-1] if before else same[0])
                    return (*key.split("|"), m, False)
            after_prev = sentence_claims[-1]["quantity"]["end"] if sentence_claims else sent.start_char
            before = [(k, m) for k, m in in_sent if after_prev <= m.start_char < span.start_char]
            if before:
                key, m = before[-1]
                return (*key.split("|"), m, False)
            if sentence_claims:
                last = sentence_claims[-1]
                return last["metric"], "+", None, True
            before = [(k, m) for k, m in in_sent if m.start < span.start]
            if before:
                key, m = before[-1]
                return (*key.split("|"), m, False)
            return None
        if sentence_claims:
            return sentence_claims[-1]["metric"], "+", None, True
        # `Exports increased 1.4%... Economists had expected a 0.5% rise.`: a sentence with a figure and no
        # metric continues the one before
        if self.previous_claims and self.previous_claims[-1]["_sentence_end"] == sent.start and _is_rate(span):
            last = self.previous_claims[-1]
            return last["metric"], last["_sign"], None, True
        return None

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
            if token.dep_ == "prep" and token.lower_ in self.subject_preps.get(metric, ()):
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
            if token.dep_ in ("nsubj", "nsubjpass") and not _overlap(token, metric_span):
                ent = self._ent(token)
                if ent is not None and ent._.category in SUBJECT_CATEGORIES:
                    return ent._.canonical, True
        return None, False

    def _partner(self, sent: Span, span: Span, metric_span: Span | None, inherited: bool, sentence_claims,
                 metric: str) -> str | None:
        preps = self.partner_preps.get(metric, PARTNER_PREPS)
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
        candidates: list[Token] = []
        if metric_span is not None:
            for token in metric_span.root.children:
                if token.dep_ == "prep" and token.lower_ in preps:
                    candidates.extend(t for t in token.children if t.dep_ == "pobj")
            # `US-bound shipments`
            for token in self.doc[max(sent.start, metric_span.start - 3) : metric_span.start]:
                if token.lower_ in ("bound", "-bound") or token.lower_.endswith("-bound"):
                    candidates.extend(t for t in self.doc[max(sent.start, token.i - 2) : token.i + 1] if t.ent_type_)
            # `a quarter of exports went to Japan`
            head = self._clause_head(metric_span.root)
            for token in head.children:
                if token.dep_ == "prep" and token.lower_ in preps and metric in ("exports", "imports"):
                    candidates.extend(t for t in token.children if t.dep_ == "pobj")
        for token in candidates:
            ent = self._ent(token)
            if ent is not None and ent.label_ in ("GPE", "LOC", "ORG", "NORP") and ent._.category in SUBJECT_CATEGORIES:
                return ent._.canonical
        if inherited and sentence_claims and metric_span is None and not candidates:
            return sentence_claims[-1]["partner"]
        return None

    # --- how it is stated ------------------------------------------------------------------

    def _kind(self, sent: Span, span: Span, quantity: dict, metric: str) -> str:
        near = self._neighbourhood(sent, span)
        lowers = {t.lower_ for t in near}
        if lowers & self.words["target"]:
            return "target"
        # `beating the 1.1% increase economists had forecast`, `a 3.8% forecast in a poll`
        if metric not in self.flow_metrics and self._is_base_value(span):
            return "share" if metric.endswith("share") else "level"
        chain = self._clause_chain(self._clause_head(span.root))[:3]
        cues = lowers | {h.lower_ for h in chain}
        cue_heads = [h for h in chain if h.lower_ in self.words["expectation"]] or chain[:1]
        subjects = [c for h in cue_heads for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        holders = lowers | {c.lower_ for c in subjects}
        # a market expectation is held by economists at large; `analysts at Morgan Stanley` make a forecast
        named = any(t.ent_type_ in ("ORG", "PERSON") for c in subjects for t in c.subtree)
        if cues & self.words["expectation"] and not named and (
            holders & self.words["expectation_holders"] or {t.lower_ for t in sent} & {"poll", "consensus", "polled"}
        ):
            return "expectation"
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

    def _describes_other_noun(self, span: Span, metric_span: Span | None) -> bool:
        """`prices of $100-120 per tonne`, `a third of their coal`: the figure measures a noun that is no metric."""
        head = span.root.head
        if head.lower_ != "of" or head.head.pos_ not in ("NOUN", "PROPN"):
            # `close to one-third of their coal`: the fraction heads the phrase and `of` hangs from it
            of = [t for t in span.root.children if t.lower_ == "of"] or [t for t in self.doc[span.end : span.end + 1] if t.lower_ == "of"]
            if not of:
                return False
            objects = [t for t in of[0].children if t.dep_ == "pobj"]
            return bool(objects) and not any(o.i in self.metric_tokens or o.lower_ in self.figure_nouns for o in objects)
        noun = head.head
        if noun.lower_ in self.figure_nouns:
            return False  # `a rise of 8.9%`, `a growth target of 5%`, `a total of $2bn`
        return noun.i not in self.metric_tokens

    def _word_before(self, span: Span) -> str:
        """The first word before a figure past articles and hedges (`from its present 15%` -> `from`)."""
        i = span.start - 1
        while i >= 0 and self.doc[i].lower_ in FILLERS_BEFORE_FIGURES:
            i -= 1
        return self.doc[i].lower_ if i >= 0 else ""

    def _is_comparison_base(self, span: Span) -> bool:
        """`from €17.2 billion in August`, `than 1% a year earlier`: the value a change starts from."""
        return self._word_before(span) in self.words["comparison_base_cues"]

    def _is_base_value(self, span: Span) -> bool:
        """`up from roughly 15% today`, `an increase from its present 15%`: where a change starts, a level."""
        return self._word_before(span) == "from"

    def _is_forecast(self, span: Span) -> bool:
        clause = self._clause_head(span.root)
        chain = self._clause_chain(clause)
        for head in chain:
            if head.lower_ in self.words["forecast"] or head.lemma_.lower() in ("forecast", "project", "predict", "expect"):
                return True
            if any(c.dep_ == "aux" and c.lower_ in ("will", "could", "would", "should", "might") for c in head.children):
                return True
        return False

    def _direction(self, sent: Span, span: Span, quantity: dict, kind: str) -> tuple[str | None, bool]:
        if quantity["unit"] not in RATE_UNITS and not self._money_is_change(span):
            return None, False  # `fell to 690 million tonnes`: a level reached, not a change
        candidates: list[Token] = []
        before = self.doc[max(sent.start, span.start - 2) : span.start]
        candidates.extend(reversed(list(before)))
        after = self.doc[span.end : min(sent.end, span.end + 2)]
        candidates.extend(after)
        clause = self._clause_head(span.root)
        candidates.append(clause)
        candidates.extend(t for t in clause.children if t.dep_ in ("dobj", "attr") and t.pos_ == "NOUN")
        if span.root.head.pos_ == "NOUN":
            candidates.append(span.root.head)
        for token in candidates:
            word = token.lower_
            if word in self.words["up"] or word in self.words["down"] or word in self.words["flat"]:
                if word in ("to", "at"):
                    continue
                direction = "up" if word in self.words["up"] else "down" if word in self.words["down"] else "flat"
                if word in ("reached", "hit", "beat", "beating", "topped", "exceeded") and kind == "level":
                    continue
                negated = any(c.dep_ == "neg" for c in token.children)
                return direction, negated
        return None, False

    def _chain_direction(self, span: Span) -> tuple[str | None, bool]:
        for head in self._clause_chain(self._clause_head(span.root)):
            negated = any(c.dep_ == "neg" for c in head.children)
            if head.lower_ in self.words["up"] and head.lower_ not in ("to", "at", "reached", "hit"):
                return "up", negated
            if head.lower_ in self.words["down"]:
                return "down", negated
        return None, False

    def _money_is_change(self, span: Span) -> bool:
        before = self.doc[span.start - 1] if span.start > 0 else None
        return before is not None and before.lower_ == "by"

    def _basis(self, sent: Span, span: Span, period: dict | None, kind: str) -> str | None:
        cues = [(k, m) for k, m in self.cues_by_sent.get(sent.start_char, []) if k.startswith("basis|")]
        if cues and kind != "level":
            # the cue nearest the figure
            key, _ = min(cues, key=lambda km: abs(km[1].start - span.start))
            return key.split("|")[1]
        in_sent = self.basis_by_sent.get(sent.start_char, [])
        if kind != "level" and in_sent:
            # `compared with November last year`, `on the previous month`: the basis the sentence names
            nearest = min(in_sent, key=lambda p: abs(p["start"] - span.start_char))
            words = nearest["text"].lower().split()
            for unit, basis in (("month", "month_on_month"), ("quarter", "quarter_on_quarter")):
                if unit in words and not any(m in words for m in ("year",)):
                    return basis
            return "year_on_year"
        if period and period["granularity"] == "range" and period["start_date"] and period["start_date"][5:] == "01-01":
            return "year_to_date"
        if cues and kind == "level":
            key, m = min(cues, key=lambda km: abs(km[1].start - span.start))
            if key == "basis|year_to_date":
                return "year_to_date"
        return None

    def _vintage(self, sent: Span, span: Span) -> str | None:
        """`revised August's drop to 0.5% from 0.4%`: 0.5% is the revised figure, 0.4% the earlier one."""
        vintage = self._cue_value(sent, "vintage")
        if vintage == "revised" and self._is_comparison_base(span):
            return "preliminary"
        return vintage

    def _hedged(self, root: Token) -> bool:
        head = self._clause_head(root)
        return any(c.lower_ in self.words["hedge"] for c in head.children) or head.lower_ in self.words["hedge"]

    def _cue_value(self, sent: Span, family: str) -> str | None:
        for key, _ in self.cues_by_sent.get(sent.start_char, []):
            if key.startswith(family + "|"):
                return key.split("|")[1]
        return None

    def _currency_basis(self, sent: Span, span: Span, kind: str, quantity: dict) -> str | None:
        if _is_money(quantity["unit"]):
            return quantity["unit"] if kind != "level" else None
        words = [t.lower_ for t in sent]
        for i, word in enumerate(words):
            # `in yuan terms`, `measured in dollars`, `in dollar terms`, `yuan-denominated exports`
            if word in self.currency_terms and (words[i + 1 : i + 2] == ["terms"] or words[i - 1 : i] == ["in"]
                                                or word.endswith("-denominated")
                                                or "denominated" in words[i + 1 : i + 3]):
                return self.currency_terms[word]
        # `exports rose 5.7% to 2.35 trillion yuan`: a change stated beside a level is computed in its currency
        clause = self._clause_head(span.root)
        for q, other in self.quantity_spans.get(sent.start_char, []):
            if _is_money(q["unit"]) and self._clause_head(other.root) == clause and q.get("conversion_of") is None:
                return q["unit"]
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
                    return _source_phrase(objects[0])
        for token in sent:
            if token.lemma_ in ("show", "indicate") and token.pos_ == "VERB":
                subjects = [c for c in token.children if c.dep_ == "nsubj"]
                if subjects and subjects[0].lower_ in ("data", "figures", "figure", "survey", "statistics", "numbers"):
                    return _source_phrase(subjects[0])
            if token.lower_ in ("by",) and token.head.lemma_ in ("gather", "compile", "publish", "release"):
                ents = [e for e in self.entities.within(token.i + 1, sent.end) if e.label_ == "ORG"]
                if ents:
                    return ents[0]._.canonical
        if kind in ("forecast", "expectation"):
            ents = [e for e in self.entities.within(sent.start, sent.end) if e.label_ in ("ORG", "PERSON")]
            if ents:
                return ents[0]._.canonical
        return None

    # --- periods ---------------------------------------------------------------------------

    def _period_for(self, sent: Span, span: Span, periods: list[dict], sentence_claims, metric: str,
                    kind: str | None = None) -> dict | None:
        fits = list(self.periods_by_sent.get(sent.start_char, []))
        if metric in self.flow_metrics:
            fits = [p for p in fits if p["granularity"] != "day"]  # a release date, not the period measured
        in_sent = [p for p in fits if p["role"] == "period"]
        horizons = [p for p in fits if p["role"] == "horizon"]
        # `up from €215 billion a year earlier`: a level stated for the comparison period
        after = self._period_right_after(span, self.basis_by_sent.get(sent.start_char, []))
        if after is not None:
            return after
        if horizons and kind in ("forecast", "target"):
            return horizons[0]
        if in_sent:
            placed = []
            for p in in_sent:
                pspan = self._span(p)
                if pspan is not None and not _overlap(pspan, span):
                    placed.append((p, pspan))
            # `the $992 billion surplus recorded for the whole of 2024`, `2024's $992 billion`, `€17.2 billion in
            # August`: the period inside the figure's own noun phrase, or right after it, comes first
            phrase = _noun_phrase(span)
            if phrase is not None:
                inside = [(p, ps) for p, ps in placed if all(t in phrase for t in ps)]
                if inside:
                    return min(inside, key=lambda x: abs(x[1].start - span.start))[0]
            own = self._period_right_after(span, in_sent) or self._possessive_period_before(span, in_sent)
            if own is not None:
                return own
            # `its lowest level since 2004`, `wider than in 2024`: points of comparison, not the period measured
            placed = [(p, ps) for p, ps in placed if not self._is_reference_point(p)]
            # a period right after another figure's comparison base (`from €17.2 billion in August`) is that one's
            placed = [(p, ps) for p, ps in placed if not self._belongs_to_base(ps, span)]
            chain = self._clause_chain(self._clause_head(span.root))
            for head in chain:
                same = [(p, ps) for p, ps in placed if self._clause_head(ps.root) == head]
                if same:
                    return min(same, key=lambda x: abs(x[1].start - span.start))[0]
        if horizons and kind in ("forecast", "target", "expectation"):
            return horizons[0]
        # coordination: a figure takes the period of the sentence's claim in its own or a governing clause
        chain = self._clause_chain(self._clause_head(span.root))
        for claim in reversed(sentence_claims):
            if claim["period"] is not None and claim["kind"] not in ("forecast", "target") and claim["_clause"] in chain \
                    and not claim["_base"]:
                return _unclaim_period(claim["period"])
        usable = [c for c in sentence_claims if c["period"] is not None and c["kind"] not in ("forecast", "target")
                  and not c["_base"]]
        if usable and not in_sent:
            return _unclaim_period(usable[-1]["period"])
        # a sentence that names no period of its own speaks of the period its metric was last stated for, else
        # of the one named in the sentence before, else of the period the article reports on
        remembered = self.metric_periods.get(metric)
        if remembered is not None and sent.start - remembered[0] < 400:
            return remembered[1]
        earlier_start = self._sentence_start_back(sent, PERIOD_LOOKBACK_SENTENCES)
        earlier = [p for p in periods if earlier_start <= p["start"] < sent.start_char and p["role"] == "period"]
        if metric in self.flow_metrics:
            earlier = [p for p in earlier if p["granularity"] != "day"]
        if earlier:
            return earlier[-1]
        if kind in ("forecast", "target") or self.reference_period is None:
            return None
        return {**self.reference_period, "resolution": "article_reference"}

    def _evidence(self, sent: Span) -> dict:
        key = ("evidence", sent.start)
        if key not in self.sentence_facts:
            self.sentence_facts[key] = _evidence(sent)
        return dict(self.sentence_facts[key])

    def _is_reference_point(self, period: dict) -> bool:
        """`its lowest level since 2004`, `wider than in 2024`: a point of comparison, not the period measured."""
        span = self._span(period)
        if span is None:
            return False
        left = {t.lower_ for t in self.doc[max(span.start - 2, 0) : span.start]}
        return bool(left & self.words["not_period_cues"])

    def _period_right_after(self, span: Span, candidates: list[dict]) -> dict | None:
        """A period written right after the figure (`$A4.4 billion in October`, `€215 billion a year earlier`)."""
        for p in candidates:
            if p["start"] < span.end_char:
                continue
            gap = self.text[span.end_char : p["start"]]
            if len(gap) <= 8 and gap.strip().lower() in ("", "in", "for", "during", "over", "at", "as of"):
                return p
        return None

    def _possessive_period_before(self, span: Span, candidates: list[dict]) -> dict | None:
        """`October's 1% growth`, `2024's $992 billion`."""
        for p in candidates:
            gap = self.text[p["end"] : span.start_char].strip().replace("\u2019", "'")
            if p["end"] <= span.start_char and gap in ("'s", "'"):
                return p
        return None

    def _belongs_to_base(self, pspan: Span, span: Span) -> bool:
        for _, other in self.quantity_spans.get(self.sent_starts[bisect_right(self.sent_starts, span.start_char) - 1], []):
            if other.start == span.start or not (0 <= pspan.start - other.end <= 2):
                continue
            if self._is_comparison_base(other):
                return True
        return False

    def _sentence_start_back(self, sent: Span, count: int) -> int:
        earlier = self.sentences.before(sent, count) or self.sentences.spans[0]
        return earlier.start_char

    # --- streaks and comparisons -----------------------------------------------------------

    def _streaks(self, sent: Span, periods, sentence_claims) -> list[dict]:
        found = []
        for span in self.streaks_by_sent.get(sent.start_char, []):
            count = next((self.ordinals[t.lower_] for t in span if t.lower_ in self.ordinals), None)
            if count is None:
                numeric = next((t.text for t in span if re.fullmatch(r"\d{1,2}(st|nd|rd|th)", t.text)), None)
                count = int(numeric[:-2]) if numeric else None
            if count is None:
                number = next((t for t in span if t.like_num), None)
                count = _word_number(number.lower_) if number is not None else None
            if count is None:
                continue
            metric = self._metric_for(sent, span, sentence_claims)
            if metric is None:
                continue
            metric_name, _, metric_span, inherited = metric
            direction, negated = self._streak_direction(sent)
            period = self._period_for(sent, span, periods, sentence_claims, metric_name)
            unit = next(t.lemma_.lower() for t in span if t.lemma_.lower() in TIME_UNITS)
            found.append({
                "id": f"tmpstreak{span.start}",
                "subject": sentence_claims[-1]["subject"] if inherited and sentence_claims else self._subject(sent, metric_span, metric_name)[0],
                "metric": metric_name,
                "partner": self._partner(sent, span, metric_span, inherited, sentence_claims, metric_name),
                "product": None,
                "kind": "count",
                "basis": None,
                "direction": direction,
                "value": float(count),
                "unit": unit,
                "qualifier": None,
                "lower": float(count),
                "upper": float(count),
                "period": _claim_period(period),
                "attribution": self._attribution(sent, "count"),
                "currency_basis": None,
                "adjustment": None,
                "vintage": None,
                "negated": negated,
                "hedged": False,
                "streak": count,
                "comparison": None,
                "quantity": {"text": span.text, "start": span.start_char, "end": span.end_char},
                "quantity_id": None,
                "evidence": self._evidence(sent),
                "inferred": {},
                "_clause": self._clause_head(span.root),
                "_sign": "+",
                "_explicit": False,
                "_base": False,
            })
        return found

    def _streak_direction(self, sent: Span) -> tuple[str | None, bool]:
        for token in sent:
            word = token.lower_
            if word in self.words["down"] and word not in ("lower", "cut"):
                return "down", any(c.dep_ == "neg" for c in token.children)
            if word in self.words["up"] and word not in ("up", "to", "at", "reached", "hit"):
                return "up", any(c.dep_ == "neg" for c in token.children)
        return None, False

    def _link_comparisons(self, sent: Span, claims: list[dict]) -> None:
        """`the surplus ... exceeded 2024's $992 billion`: the first claim is above the second."""
        for key, m in self.cues_by_sent.get(sent.start_char, []):
            if not key.startswith("comparison|"):
                continue
            before = [c for c in claims if c["quantity"]["end"] <= m.start_char and c["comparison"] is None]
            after = [c for c in claims if c["quantity"]["start"] >= m.end_char]
            if before and after and before[-1]["metric"] == after[0]["metric"] and before[-1]["unit"] == after[0]["unit"]:
                before[-1]["comparison"] = {"relation": key.split("|")[1], "other": after[0]["id"]}


# --- helpers ---------------------------------------------------------------------------------


def _carried_basis(claim: dict, stated: list[dict]) -> str | None:
    """The basis an article states for its changes, carried to a change that states none: first from the same
    flow (metric and partner), then the same metric, then any change; the nearest before, else the first after."""
    at = claim["quantity"]["start"] if claim["quantity"] else 0
    for same in (lambda c: c["metric"] == claim["metric"] and c["partner"] == claim["partner"],
                 lambda c: c["metric"] == claim["metric"],
                 lambda c: True):
        candidates = [c for c in stated if same(c)]
        before = [c for c in candidates if c["quantity"]["start"] < at]
        after = [c for c in candidates if c["quantity"]["start"] > at]
        if before or after:
            return (before[-1] if before else after[0])["basis"]
    return None


def _is_rate(span: Span) -> bool:
    return any(t.text == "%" or t.lower_ in ("percent", "cent", "point", "points", "pct") for t in span) or any(
        t.lower_ in ("half", "third", "quarter", "tenth", "fifth", "digit", "digits") for t in span)


def _is_money(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()


def _negate(value):
    return None if value is None else -value


def _overlap(a, b) -> bool:
    a_start, a_end = (a.i, a.i + 1) if isinstance(a, Token) else (a.start, a.end)
    b_start, b_end = (b.i, b.i + 1) if isinstance(b, Token) else (b.start, b.end)
    return a_start < b_end and b_start < a_end


def _noun_phrase(span: Span) -> set[Token] | None:
    """The tokens of the noun phrase a figure heads or modifies, without appositions and conjuncts (`$50 billion,
    up from the 2% rise seen in March` is not about March)."""
    root = span.root
    head = root.head if root.dep_ in ("nummod", "quantmod", "compound", "amod", "poss") and root.head.pos_ == "NOUN" else root
    if head.pos_ not in ("NOUN", "NUM", "SYM", "PROPN"):
        return None
    tokens = {head}
    for child in head.children:
        if child.dep_ not in ("appos", "conj", "cc", "punct"):
            tokens.update(child.subtree)
    return tokens


def _source_phrase(head: Token) -> str:
    """`customs data` out of `Monday's released customs data`: the nouns that name a source."""
    words = [t for t in head.lefts if t.dep_ in ("compound", "amod") and not t.ent_type_ == "DATE" and t.pos_ != "VERB"]
    return " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in (*words, head))


def _evidence(sent: Span) -> dict:
    text = sent.text
    stripped = text.strip()
    offset = text.find(stripped)
    return {"text": stripped, "start": sent.start_char + offset, "end": sent.start_char + offset + len(stripped)}


def _claim_period(period: dict | None) -> dict | None:
    if period is None:
        return None
    return {
        "text": period["text"],
        "start_date": period["start_date"],
        "end_date": period["end_date"],
        "granularity": period["granularity"],
        "resolution": period["resolution"],
    }


def _unclaim_period(period: dict) -> dict:
    return {**period, "role": "period"}


def _word_number(word: str) -> int | None:
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
             "eleven": 11, "twelve": 12}
    if word.isdigit():
        return int(word)
    return words.get(word)
