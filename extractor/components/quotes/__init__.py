"""Quotes: direct, partial, mixed and reported speech, each attributed to a speaker with role and organisation.

Quote marks are paired on the raw text (normalize/quote_marks.py); the attribution comes from the parse: a cue
verb (rules/speech.json) next to the quote and its subject, an `according to` phrase, a colon or dash, the paragraph
before, or the speaker of the quote before. This module reads the quotes in marks; `reported.py` reads speech
reported without them; `speakers.py` resolves who speaks.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...extensions import check_deadline, guarded
from ...normalize.quote_marks import Quoted, find_quoted
from ...resources import load_rules
from ..doc_index import Entities, sentences_of, text_of
from .reported import ReportedSpeech
from .speakers import GROUP_PRONOUNS, PERSON_PRONOUNS, SUBJECT_DEPS, Speaker, SpeakerResolver
from .spans import span_dict, without_trailing_comma

SMALL_WORDS = frozenset({"a", "an", "the", "and", "of", "for", "in", "on", "to", "at", "by", "or"})
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
WORD_BEFORE = re.compile(r"([\w.]+)\.$")
SCARE_QUOTE_WORDS = 4  # a short partial quote nobody is said to have said is the writer's own marking
MAX_SPLIT_ATTRIBUTION = 90  # characters between the halves of a broken quote
MAX_CONTINUED_ATTRIBUTION = 250  # `"A," said X, <who X is>. "B."`: a description can be long


@Language.factory("newsfacts_quotes", requires=["doc.ents"], assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str) -> "QuoteExtractor":
    return QuoteExtractor()


class QuoteExtractor:
    def __init__(self) -> None:
        speech = load_rules("speech.json")
        people = load_rules("people.json")
        self.marks = speech["quote_marks"]
        self.cue_verbs = frozenset(speech["cue_verbs"])
        self.reported_verbs = frozenset(speech["reported_verbs"])
        self.request_verbs = frozenset(speech["request_verbs"])
        self.intention_verbs = frozenset(speech["intention_verbs"])
        self.object_verbs = frozenset(speech["object_verbs"])
        self.stance_verbs = frozenset(speech["stance_verbs"])
        self.intentions_with_object = frozenset(speech["intentions_with_object"])
        self.reporting_verbs = self.reported_verbs | self.request_verbs | self.intention_verbs | self.object_verbs | self.stance_verbs
        self.not_quote_cues = frozenset(speech["not_quote_cues"])
        self.generic = frozenset(speech["generic_speakers"])
        self.data_nouns = frozenset(speech["data_nouns"])
        self.abbreviations = frozenset(speech["abbreviations"])
        self.title_heads = frozenset(people["title_heads"])
        self.title_words = self.title_heads | frozenset(people["title_modifiers"])
        self.institutions = frozenset(people["institution_nouns"])
        self.pronoun_genders = people["pronouns"]
        self.honorifics = people["honorifics"]

    def __call__(self, doc: Doc) -> Doc:
        check_deadline(doc)
        return DocumentQuotes(self, doc).read()


class DocumentQuotes(SpeakerResolver, ReportedSpeech, QuoteExtractor):
    """One document's quotes: the rules of the component it was made by, and what this document needs while it
    is read (who has spoken so far, its sentences and entities), so the component holds no per-document state."""

    def __init__(self, rules: QuoteExtractor, doc: Doc):
        self.__dict__.update(rules.__dict__)
        self.doc = doc

    def read(self) -> Doc:
        doc = self.doc
        self.people: dict[str, tuple[str | None, str | None]] = {}  # canonical name -> (role, org)
        self.institutions_seen: list[str] = []  # unnamed speakers so far: `finance ministry`
        self.genders: dict[str, str] | None = None  # canonical name -> male/female, from honorifics, when first asked
        self.text = text_of(doc)
        self.sentences = sentences_of(doc)
        self.entities = Entities(doc)
        found = find_quoted(self.text, self.marks["double"], self.marks["single"])
        quoted = [self._cut_unclosed(doc, q) if q.unclosed else q for q in found]
        quoted = [q for q in quoted if self._is_quote(doc, q)]
        quoted = self._merge_split(doc, quoted)
        self.quoted_spans = [(q.start, q.end) for q in quoted]
        reports = self._reports(doc, quoted)
        records = []
        last: Speaker | None = None
        last_end = 0
        for q in quoted:
            with guarded(doc, "quote", doc.char_span(q.start, q.end, alignment_mode="expand")):
                speaker, cue = self._attribute(doc, q)
                if speaker is None:
                    speaker, cue = self._reported_around(q, reports)
                if speaker is None:
                    speaker = self._introduced_before(doc, q)
                if speaker is None and last is not None and self._follows_on(doc, last_end, q, last):
                    speaker = Speaker(last.name, None, last.role, last.org, confidence=0.6, resolution="context")
                record = self._record(doc, q, speaker, cue)
                if speaker is not None and speaker.name:
                    last, last_end = speaker, q.end
                records.append(record)
                if record["kind"] == "partial" and cue is not None and speaker is not None:
                    carrier = self._clause_carrying(doc, q, cue, speaker)
                    if carrier is not None and all((r.start, r.end) != (carrier.start, carrier.end) for r in reports):
                        reports.append(carrier)
        records = self._with_reports(records, reports)
        # `a "con"`, `the "411"`: a few words the writer marks, attributed to no one, are not a quote
        records = [r for r in records if not (r["speaker"] is None and r["speaker_mention"] is None and r["kind"] == "partial"
                                              and len(r["content"].split()) <= SCARE_QUOTE_WORDS)]
        records.sort(key=lambda r: r["start"])
        for i, record in enumerate(records):
            record["id"] = f"u{i}"
        doc._.quotes = records
        return doc

    # --- which marked stretches are quotes -------------------------------------------------

    def _is_quote(self, doc: Doc, q: Quoted) -> bool:
        content = self.text[q.start : q.end]
        if not re.search(r"[A-Za-z]", content):
            return False
        before = re.findall(r"[\w-]+", self.text[max(0, q.start - 25) : q.start - 1].lower())
        if before and (before[-1] in self.not_quote_cues or before[-2:-1] == ["known"]):
            return False  # so-called "phony" polls, a deal dubbed "Phase One", a nickname
        words = content.split()
        if len(words) <= 4 and not re.search(r"[.!?,]$", content) and all(
            w[:1].isupper() for w in words if w.lower() not in SMALL_WORDS
        ):
            return False  # a title or a nickname in quote marks: "Tariffs and the Table", "Mr. Tariff"
        if len(words) <= 3 and q.start > 1:
            left, right = self.text[: q.start - 1].rstrip(), self.text[q.end + 1 :].lstrip()
            if left[-1:].isalpha() and left.split()[-1][:1].isupper() and right[:1].isupper():
                return False  # Donald "The Donald" Trump
        return True

    def _cut_unclosed(self, doc: Doc, q: Quoted) -> Quoted:
        """`"This is not the end, Bell said as the session closed.` never closes: the quote stops at the comma
        before its own attribution, which then attributes it."""
        last_start, last_end = q.parts[-1]
        span = doc.char_span(last_start, last_end, alignment_mode="contract")
        if span is None:
            return q
        for token in span:
            if token.lemma_.lower() in self.cue_verbs and token.pos_ == "VERB":
                subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
                if subjects and (subjects[0].ent_type_ in ("PERSON", "ORG") or subjects[0].lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS):
                    first = min(token.i, subjects[0].left_edge.i)
                    if first > span.start and doc[first - 1].text == ",":
                        cut = doc[first - 1].idx
                        return Quoted(q.parts[:-1] + [(last_start, cut)], unclosed=True, single=q.single)
        return q

    def _merge_split(self, doc: Doc, quoted: list[Quoted]) -> list[Quoted]:
        """`"A," he said, "B."` is one quote in two parts."""
        merged: list[Quoted] = []
        for q in quoted:
            prev = merged[-1] if merged else None
            if prev is not None and not prev.unclosed:
                between = self.text[prev.end + 1 : q.start - 1]
                prev_text = self.text[prev.start : prev.end]
                if (
                    len(between) <= MAX_SPLIT_ATTRIBUTION
                    and "\n" not in between
                    and next(self._sentence_ends(prev.end + 1, q.start - 1), None) is None
                    and prev_text.rstrip().endswith((",", "\u2014", "-"))
                    and self._cue_in(doc, prev.end, q.start) is not None
                ):
                    prev.parts.extend(q.parts)
                    prev.unclosed = q.unclosed
                    continue
                if self._continues(doc, prev, q, between):
                    prev.parts.extend(q.parts)
                    prev.unclosed = q.unclosed
                    continue
            merged.append(q)
        return merged

    def _continues(self, doc: Doc, prev: Quoted, q: Quoted, between: str) -> bool:
        """`"A," said X. "B."`: a quote that opens right after the attribution of the one before, in the same
        paragraph, with no attribution of its own, goes on with the same speaker's words."""
        if len(between) > MAX_CONTINUED_ATTRIBUTION or "\n" in between or not self.text[prev.start : prev.end].rstrip().endswith((",", "?", "!")):
            return False
        ends = list(self._sentence_ends(prev.end + 1, q.start))
        if len(ends) != 1 or self.text[ends[0] : q.start - 1].strip() or self._cue_in(doc, prev.end, q.start) is None:
            return False
        zone_end = self._zone(doc, q)[1]
        return self._cue_in(doc, q.end + 1, zone_end) is None

    # --- attribution -------------------------------------------------------------------------

    def _zone(self, doc: Doc, q: Quoted) -> tuple[int, int]:
        """The words around a quote that can attribute it: back to the sentence start, on to the sentence end."""
        text = self.text
        before = text.rfind("\n", 0, q.start)
        for stop in self._sentence_ends(before + 1, max(q.start - 1, 0)):
            before = stop - 1
        end = next(self._sentence_ends(q.end + 1, len(text)), len(text))
        # stop at the next quote's opening mark: that one has its own attribution
        for mark, _ in self.marks["double"]:
            nxt = text.find(mark, q.end + 1, end)
            if nxt != -1 and mark != "\"":
                end = nxt
        return before + 1, end

    def _sentence_ends(self, start: int, end: int):
        """Where sentences end between two offsets (just after the stop): not after `Mr.`, `Sen.` or an initial."""
        for m in SENTENCE_END.finditer(self.text, start, end):
            if m.group() == ".":
                word = WORD_BEFORE.search(self.text, max(0, m.start() - 12), m.end())
                if word and (word.group(1).lower() in self.abbreviations or re.fullmatch(r"[A-Z]", word.group(1)[-1:]) and len(word.group(1).split(".")[-1]) == 1):
                    continue
            yield m.end()

    def _cue_in(self, doc: Doc, start: int, end: int, nearest_last: bool = False) -> Token | None:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        for token in reversed(span) if nearest_last else span:
            if token.lemma_.lower() in self.cue_verbs and token.pos_ in ("VERB", "AUX", "NOUN"):
                return token
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                return token
        return None

    def _attribute(self, doc: Doc, q: Quoted) -> tuple[Speaker | None, Token | None]:
        zone_start, zone_end = self._zone(doc, q)
        inside = [(s - 1, e + 1) for s, e in q.parts]
        # after the quote first (`..." X said`), then before it (`X said: "..."`), then between its parts
        windows = [(q.end + 1, zone_end), (zone_start, max(q.start - 1, zone_start))]
        windows += [(a[1], b[0]) for a, b in zip(inside, inside[1:], strict=False)]
        for n, (start, end) in enumerate(windows):
            cue = self._cue_in(doc, start, end, nearest_last=n == 1)
            if cue is not None:
                speaker = self._speaker_of(doc, cue, start, end)
                if speaker is not None:
                    return speaker, cue
        # no cue verb: `Song: "..."`, `"..." - Lynn Song`, or a speaker introduced just before
        lead = self.text[zone_start : max(q.start - 1, zone_start)].rstrip()
        if lead.endswith(":"):
            speaker = self._nearest_named(doc, zone_start, q.start - 1)
            if speaker is not None:
                return speaker, None
        tail = self.text[q.end + 1 : zone_end].lstrip()
        if tail[:1] in ("\u2014", "\u2013", "\u2015", "-"):
            speaker = self._nearest_named(doc, q.end + 1, zone_end)
            if speaker is not None:
                return speaker, None
        return self._introduced_by_paragraph(doc, q)

    def _introduced_by_paragraph(self, doc: Doc, q: Quoted) -> tuple[Speaker | None, Token | None]:
        """A quote that opens its paragraph, introduced by the paragraph before: one that ends with a colon
        (`Ana Ruiz, president of the federation, urged action:`) or that is only a name (a by-line above a
        statement)."""
        paragraph_start = self.text.rfind("\n", 0, q.start) + 1
        if self.text[paragraph_start : q.start - 1].strip() or paragraph_start == 0:
            return None, None
        previous_end = len(self.text[:paragraph_start].rstrip())
        previous_start = self.text.rfind("\n", 0, previous_end) + 1
        previous = self.text[previous_start:previous_end]
        if previous.endswith(":"):
            cue = self._cue_in(doc, previous_start, previous_end, nearest_last=True)
            if cue is not None:
                speaker = self._speaker_of(doc, cue, previous_start, previous_end)
                if speaker is not None:
                    return speaker, cue
        span = doc.char_span(previous_start, previous_end)
        if span is not None and 2 <= len(span) <= 4:
            people = [e for e in self.entities.within(span.start, span.end) if e.label_ == "PERSON"]
            if people and people[0].start == span.start and people[0].end == span.end:
                speaker = self._from_entity(people[0], 0.6)
                speaker.resolution = "context"
                return speaker, None
        return None, None

    def _follows_on(self, doc: Doc, last_end: int, q: Quoted, last: Speaker) -> bool:
        """A quote with no attribution of its own carries on the last speaker's words: in the next paragraph, or
        in the same one when nobody else is named in between."""
        gap = self.text[last_end:q.start]
        if gap.count("\n") > 4:
            return False
        paragraph_start = self.text.rfind("\n", 0, q.start)
        if not self.text[paragraph_start + 1 : q.start - 1].strip():
            return True
        span = doc.char_span(last_end, q.start, alignment_mode="contract")
        between = self.entities.within(span.start, span.end) if span is not None else []
        others = [e for e in between if e.label_ in ("PERSON", "ORG")
                  and (e._.canonical or e.text) != last.name]
        return "\n" not in gap and not others

    def _introduced_before(self, doc: Doc, q: Quoted) -> Speaker | None:
        """`Asked whether the boom would last, Grant smiled. "Ask me again..."`: a person who is the subject of
        the sentence just before, in the same paragraph, speaks the quote."""
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or len(span) == 0 or span.start == 0:
            return None
        sent = self.sentences.of(span.start)
        previous = self.sentences.before(sent)
        if previous is None or "\n" in self.text[previous.end_char - 1 : q.start - 1].strip(" \t"):
            return None
        if any(ch in previous.text for ch in "\"\u201c\u201d"):
            return None
        subjects = [t for t in previous if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT" and t.ent_type_ == "PERSON"]
        if not subjects:
            return None
        ent = self._entity_at(doc, subjects[0])
        if ent is None:
            return None
        speaker = self._from_entity(ent, 0.6)
        speaker.resolution = "context"
        return speaker

    # --- records -------------------------------------------------------------------------------

    def _record(self, doc: Doc, q: Quoted, speaker: Speaker | None, cue: Token | None) -> dict:
        text = self.text
        parts = [{"text": text[s:e], "start": s, "end": e} for s, e in (without_trailing_comma(text, p) for p in q.parts)]
        content = " ".join(p["text"] for p in parts)
        return {
            "text": text[q.start : q.end],
            "start": q.start,
            "end": q.end,
            "content": content,
            "kind": self._kind(doc, q),
            "parts": parts,
            "quoted": parts,
            "cue": span_dict(doc[cue.i : cue.i + (2 if cue.lower_ == "according" else 1)]) if cue is not None else None,
            "speaker": speaker.name if speaker else None,
            "speaker_mention": span_dict(speaker.mention) if speaker and speaker.mention is not None else None,
            "speaker_role": speaker.role if speaker else None,
            "speaker_org": speaker.org if speaker else None,
            "speaker_resolution": speaker.resolution if speaker else None,
            "confidence": round((speaker.confidence if speaker else 0.3) * (0.8 if q.unclosed else 1.0), 2),
        }

    def _kind(self, doc: Doc, q: Quoted) -> str:
        """Direct when the quote stands as its own sentence or clause; partial when its words sit inside the
        writer's sentence (`relations "remain in a stalemate" despite...`)."""
        if len(q.parts) > 1:
            return "direct"
        content = self.text[q.start : q.end]
        # what comes before the opening mark (two characters for `''`), and whether the quote opens its paragraph
        gap = self.text[: max(q.start - 1, 0)]
        before = gap.rstrip(" \t'")
        opens_paragraph = not gap[gap.rfind("\n") + 1 :].strip(" \t'")
        introduced = opens_paragraph or not before or before[-1] in ".:!?,\n\u2014-"
        return "direct" if introduced and len(content.split()) >= 3 else "partial"
