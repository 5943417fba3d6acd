"""One document as the claim rules read it: its sentences, entities, matches and parse, indexed once.

A `DocumentView` is made for each document and dropped after it, so the component itself holds no per-document
state and is safe to share between threads. Everything looked up per sentence is indexed by sentence once, so
long articles stay linear.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

from spacy.tokens import Doc, Span, Token

from ...normalize import calendar as cal
from ..doc_index import Entities, sentences_of, text_of
from .rules import CLAUSE_POS, FILLERS_BEFORE_FIGURES, ClaimRules


# What opens a line of a bulleted list.
LIST_BULLETS = frozenset("-\u2022*\u2013\u2014\u00b7\u25aa\u25e6\u25cf\u2023")
# What opens an adverbial clause that states a fact rather than an expectation.
FACT_MARKERS = frozenset({"as", "while", "whereas", "after", "since", "because", "when", "though", "although"})
# A heading line over a list is a few words (`Exports`, `Imports from Asia`).
HEADING_WORDS = 4
# Pronouns a clause uses for a metric named before (`those to Spain`, `raised those on cars`).
STAND_INS = frozenset({"those", "that"})
# Nouns a flow word describes without naming a figure of the flow (`export item`, `export powerhouse`).
DESCRIBED_NOUNS = frozenset({"item", "powerhouse", "hub", "giant", "champion", "engine", "nation", "economy", "industry",
                             "sector", "competitiveness", "control", "ban", "restriction", "curb", "licence", "license"})


class DocumentView:
    def __init__(self, rules: ClaimRules, doc: Doc):
        self.rules = rules
        self.doc = doc
        self.text = text_of(doc)
        self.quantities = list(doc._.quantities or ())
        self.periods = [p for p in doc._.periods or () if p["role"] != "basis"]
        self.basis_periods = [p for p in doc._.periods or () if p["role"] == "basis"]
        metrics = [(_gap_in(k, m), m) for k, m in self._matches(rules.metric_matcher, doc)
                   if not _describes_subject(m) and not _modifies_noun(m, rules)]
        tariffs = [m for k, m in metrics if k.split("|")[0] in rules.in_force_metrics]
        self.metrics = [(k, m) for k, m in metrics
                        if k.split("|")[0] not in rules.flow_metrics or not _goods_taxed(m, tariffs)]
        self.cues = self._matches(rules.cue_matcher, doc)
        self.sentences = sentences_of(doc)
        self.sent_starts = [sent.start_char for sent in self.sentences.spans]
        # the parser sets a list's bullet apart as a sentence of its own; what reads back passes over it
        self.worded = [sent for sent in self.sentences.spans if any(t.is_alpha or t.like_num for t in sent)]
        self.worded_starts = [sent.start for sent in self.worded]
        self.entities = Entities(doc)
        self.clause_heads: dict[int, Token] = {}
        self.spans: dict[tuple[int, int], Span | None] = {}
        self.metric_tokens = {i for _, m in self.metrics for i in range(m.start, m.end)}
        self.metrics_by_sent = self._by_sentence((m.start_char, (k, m)) for k, m in self.metrics)
        self.cues_by_sent = self._by_sentence((m.start_char, (k, m)) for k, m in self.cues)
        self.quantity_spans = self._by_sentence(
            (q["start"], (q, s)) for q in self.quantities if (s := self._span(q)) is not None
        )
        self.periods_by_sent = self._by_sentence((p["start"], p) for p in self.periods)
        self.basis_by_sent = self._by_sentence((p["start"], p) for p in self.basis_periods)
        self.quantities_by_sent = self._by_sentence((q["start"], q) for q in self.quantities)
        self.streaks_by_sent = self._by_sentence((m.start_char, m) for m in rules.streak_matcher(doc))
        self.sentence_facts: dict[tuple, object] = {}  # per sentence: evidence and attribution, read once
        self.reports_services = "services" in self.text.lower()

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
            while found.pos_ not in CLAUSE_POS and found.dep_ != "ROOT" and found.head.i != found.i:
                found = found.head
            self.clause_heads[token.i] = found
        return found

    def _stand_in(self, span: Span) -> Token | None:
        """`those to Spain slipping 1.5%`, `raised those on cars to 22.5%`: the pronoun a figure's clause uses for
        the metric named before, with words of its own (a partner, the goods)."""
        clause = self._clause_head(span.root)
        return next((t for t in clause.children if t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.lower_ in STAND_INS
                     and self._stand_in_preps(t)), None)

    def _stand_in_preps(self, pronoun: Token) -> list[Token]:
        """The prepositions that give a stand-in its own words, however the parse hangs the one right after it."""
        preps = [c for c in pronoun.children if c.dep_ == "prep"]
        following = self.doc[pronoun.i + 1] if pronoun.i + 1 < len(self.doc) else None
        if not preps and following is not None and following.dep_ == "prep":
            preps = [following]
        return preps

    def _clause_chain(self, head: Token) -> list[Token]:
        """A clause head and the heads of the clauses it hangs from, up to the root."""
        chain = [head]
        while head.dep_ != "ROOT" and head.head.i != head.i:
            head = self._clause_head(head.head)
            if head in chain:
                break
            chain.append(head)
        return chain

    def _stance_chain(self, head: Token) -> list[Token]:
        """The clause chain up to an adverbial clause of fact: in `economists expected a 1% fall, as production
        rose 2.3%` the `as` clause states what happened, and the expectation above it is not its figure's."""
        chain = self._clause_chain(head)
        if len(chain) > 1 and chain[0].dep_ == "conj" and chain[1].lower_ in self.rules.stance_words:
            # `the 7.6% increase projected by Wind and beating the 6.7% growth of November`: a verb coordinated
            # with the stance verb is said beside it, not under it
            return chain[:1]
        for n, token in enumerate(chain[:-1]):
            if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FACT_MARKERS for c in token.children):
                return chain[: n + 1]
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

    def _line_of(self, sent: Span) -> tuple[int, int]:
        """Where the line holding a sentence starts and ends (the parser may cut a line into several sentences)."""
        start = self.text.rfind("\n", 0, sent.start_char) + 1
        end = self.text.find("\n", sent.start_char)
        return start, len(self.text) if end < 0 else end

    def _is_list_item(self, sent: Span) -> bool:
        """`- Fell by 1.7% to €131.1 billion`, `• From the EU: +4.5%`: a line of a bulleted list."""
        start, end = self._line_of(sent)
        line = self.text[start:end].lstrip()
        return line[:1] in LIST_BULLETS

    def _heading_metric(self, sent: Span) -> str | None:
        """`📉 Exports`, `Imports:`: a short line naming one metric and no figure heads the list items below it."""
        start, end = self._line_of(sent)
        line = self.doc.char_span(start, end, alignment_mode="expand")
        if line is None or sum(t.is_alpha for t in line) > HEADING_WORDS:
            return None
        metrics = [k for k, m in self.metrics if start <= m.start_char < end]
        if len(metrics) != 1 or any(start <= q["start"] < end for q in self.quantities):
            return None
        return metrics[0]

    def _evidence(self, sent: Span) -> dict:
        key = ("evidence", sent.start)
        if key not in self.sentence_facts:
            self.sentence_facts[key] = evidence_of(sent)
        return dict(self.sentence_facts[key])

    def _sentence_before(self, sent: Span, count: int = 1) -> Span | None:
        """The sentence `count` places before, counting only sentences with a word in them."""
        position = bisect_left(self.worded_starts, sent.start) - count
        return self.worded[position] if position >= 0 else None

    def _sentence_start_back(self, sent: Span, count: int) -> int:
        earlier = self._sentence_before(sent, count) or self.sentences.spans[0]
        return earlier.start_char

    def _cue_value(self, sent: Span, family: str) -> str | None:
        for key, _ in self.cues_by_sent.get(sent.start_char, []):
            if key.startswith(family + "|"):
                return key.split("|")[1]
        return None

    def _word_before(self, span: Span) -> str:
        """The first word before a figure past articles and hedges (`from its present 15%` -> `from`)."""
        i = self._index_before(span)
        return self.doc[i].lower_ if i >= 0 else ""

    def _index_before(self, span: Span) -> int:
        """Where the first word before a figure past articles and hedges stands (-1 when none does)."""
        i = span.start - 1
        while i >= 0 and self.doc[i].lower_ in FILLERS_BEFORE_FIGURES:
            i -= 1
        return i


# --- helpers ---------------------------------------------------------------------------------


def _describes_subject(match: Span) -> bool:
    """`Asia's fourth-largest economy`, `the world's biggest exporter`: a description of who reports, not a metric."""
    if match.root.lower_ not in ("economy", "economies"):
        return False
    doc = match.doc
    before = doc[max(match.start - 3, 0) : match.start]
    return any(t.tag_ == "JJS" or t.lower_.endswith(("largest", "biggest")) for t in before)


def _gap_in(key: str, match: Span) -> str:
    """`the gap in goods and services trade`: a deficit, as `the trade gap` is."""
    root = match.root
    if match.text.lower() == "trade" and root.dep_ == "pobj" and root.head.lower_ in ("in", "of") \
            and root.head.head.lemma_.lower() in ("gap", "shortfall"):
        return "trade_balance|-"
    return key


def _modifies_noun(match: Span, rules: ClaimRules) -> bool:
    """`trade ministry`, `trade data`: a word that names a metric only in general (`Peru's trade came to $150
    billion`) names none when it describes another noun; nor does a flow word describing what a thing is
    (`Peru's top export item`, `an export powerhouse`, `export curbs`)."""
    if len(match) != 1 or match.root.dep_ not in ("compound", "amod", "nmod") or match.root.head.i < match.root.i:
        return False
    return match.text.lower() in rules.generic_metric_phrases or match.root.head.lemma_.lower() in DESCRIBED_NOUNS


def _goods_taxed(match: Span, tariffs: list[Span]) -> bool:
    """`increased tariffs on imports of cars to 22.5%`: the flow a tariff falls on names the goods taxed; it is
    not what the sentence's figure measures."""
    doc, i = match.doc, match.start - 1
    if i >= 0 and doc[i].pos_ in ("DET", "PRON"):
        i -= 1
    if i < 0 or doc[i].lower_ not in ("on", "against"):
        return False
    return any(0 <= i - tariff.end <= 4 and tariff.sent == match.sent for tariff in tariffs)


def is_rate(span: Span) -> bool:
    return any(t.text == "%" or t.lower_ in ("percent", "cent", "point", "points", "pct") for t in span) or any(
        t.lower_ in ("half", "third", "quarter", "tenth", "fifth", "digit", "digits") for t in span)


def is_money(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()


def negate(value):
    return None if value is None else -value


def overlap(a, b) -> bool:
    a_start, a_end = (a.i, a.i + 1) if isinstance(a, Token) else (a.start, a.end)
    b_start, b_end = (b.i, b.i + 1) if isinstance(b, Token) else (b.start, b.end)
    return a_start < b_end and b_start < a_end


def noun_phrase(span: Span) -> set[Token] | None:
    """The tokens of the noun phrase a figure heads or modifies, without appositions and conjuncts (`$50 billion,
    up from the 2% rise seen in March` is not about March)."""
    root = span.root
    head = root.head if root.dep_ in ("nummod", "quantmod", "compound", "amod", "poss") and root.head.pos_ == "NOUN" else root
    if head.pos_ not in ("NOUN", "NUM", "SYM", "PROPN"):
        return None
    tokens = {head}
    for child in head.children:
        # `$73.1 billion, which was up from $71.1 billion in April 2023`: a relative clause states another figure
        if child.dep_ not in ("appos", "conj", "cc", "punct", "relcl"):
            tokens.update(_without_coordinated_clauses(child))
    return tokens


def _without_coordinated_clauses(token: Token) -> list[Token]:
    """A subtree without the clauses coordinated inside it: `the 7.6% increase projected by Wind and beating the
    6.7% growth recorded in November` is not about November."""
    kept = [token]
    for child in token.children:
        if not (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")) and child.dep_ != "cc":
            kept.extend(_without_coordinated_clauses(child))
    return kept


def source_phrase(head: Token) -> str:
    """`customs data` out of `Monday's released customs data`: the nouns that name a source."""
    words = [t for t in head.lefts if t.dep_ in ("compound", "amod") and not t.ent_type_ == "DATE" and t.pos_ != "VERB"]
    return " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in (*words, head))


def evidence_of(sent: Span) -> dict:
    text = sent.text
    stripped = text.strip()
    offset = text.find(stripped)
    return {"text": stripped, "start": sent.start_char + offset, "end": sent.start_char + offset + len(stripped)}


def years_shifted(period: dict, years: int) -> dict:
    """The same stretch of months `years` years later (earlier when negative)."""
    start, end = cal.shift((date.fromisoformat(period["start_date"]), date.fromisoformat(period["end_date"])),
                           years=years)
    return {**period, "start_date": start.isoformat(), "end_date": end.isoformat()}


def claim_period(period: dict | None) -> dict | None:
    if period is None:
        return None
    return {
        "text": period["text"],
        "start_date": period["start_date"],
        "end_date": period["end_date"],
        "granularity": period["granularity"],
        "resolution": period["resolution"],
    }


def unclaim_period(period: dict) -> dict:
    return {**period, "role": "period"}


def word_number(word: str) -> int | None:
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
             "eleven": 11, "twelve": 12}
    if word.isdigit():
        return int(word)
    return words.get(word)
