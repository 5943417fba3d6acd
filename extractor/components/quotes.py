"""Quotes: direct, partial and reported speech, each attributed to a speaker with role and organisation.

Quote marks are paired on the raw text (normalize/quote_marks.py); the attribution comes from the parse: a cue
verb (rules/speech.json) next to the quote and its subject, an `according to` phrase, a colon or dash, or the
speaker of the quote before. Pronouns and surnames resolve to the last full mention of a compatible speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..extensions import check_deadline, guarded
from ..normalize.quote_marks import Quoted, find_quoted
from ..resources import load_rules
from .doc_index import Entities, positions, sentences_of, text_of

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SMALL_WORDS = frozenset({"a", "an", "the", "and", "of", "for", "in", "on", "to", "at", "by", "or"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "it"})
FIRST_PERSON = frozenset({"i", "we"})
SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
WORD_BEFORE = re.compile(r"([\w.]+)\.$")
# a line opened by one to four capitalised words and a colon: `PENCE: ...`, `Ana Ruiz: ...`
LABELLED_LINE = re.compile(r"(?m)^[ \t]*([A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}):[ \t]+(\S[^\n]*)$")
FIGURE_TYPES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
TRAILING_MARKS = frozenset(".,;:!?\"\u201d\u2019'")
SCARE_QUOTE_WORDS = 4  # a short partial quote nobody is said to have said is the writer's own marking
MAX_SPLIT_ATTRIBUTION = 90  # characters between the halves of a broken quote
MAX_CONTINUED_ATTRIBUTION = 250  # `"A," said X, <who X is>. "B."`: a description can be long
PRONOUN_SENTENCES = 3  # how far back a pronoun's antecedent is looked for among subjects


@dataclass
class Speaker:
    name: str | None
    mention: Span | None
    role: str | None = None
    org: str | None = None
    confidence: float = 0.9
    resolution: str = "name"  # schemas.facts.SpeakerResolution


@dataclass
class Report:
    """Speech reported without quote marks: what was said (one or two pieces), the cue, who said it."""
    pieces: list[Span]
    cue: Span
    speaker: Speaker

    @property
    def start(self) -> int:
        return self.pieces[0].start_char

    @property
    def end(self) -> int:
        return self.pieces[-1].end_char


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


class DocumentQuotes(QuoteExtractor):
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

    def _speaker_of(self, doc: Doc, cue: Token, start: int, end: int) -> Speaker | None:
        if cue.lower_ == "according":
            objects = [t for t in doc[cue.i + 1].children if t.dep_ == "pobj"]
            if not objects or self._is_data(objects[0]):
                return None
            return self._speaker_from_token(doc, objects[0], 0.85)
        subject = self._reporting_subject(cue) if cue.pos_ == "VERB" else None
        if subject is None:
            subjects = [t for t in cue.children if t.dep_ in SUBJECT_DEPS]
            if not subjects and cue.dep_ in ("conj", "xcomp", "advcl"):
                subjects = [t for t in cue.head.children if t.dep_ in SUBJECT_DEPS]
            subject = _nearest(subjects, cue) if subjects else None
        if subject is not None:
            return self._speaker_from_token(doc, subject, 0.9)
        return self._nearest_named(doc, start, end)

    def _speaker_from_token(self, doc: Doc, token: Token, confidence: float, described: bool = True) -> Speaker | None:
        """The speaker a subject (or `according to` object) names. `described`: whether a common noun that is
        neither a name nor a word for a speaker (`the businessman`) may stand as one, as written; a proper noun the
        model did not tag (`Pate supported ...`) always may."""
        if token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._resolve_pronoun(doc, token)
        if token.lower_ in FIRST_PERSON:
            # the writer or a speaker quoted in the first person: kept as written, for a reader to see
            return Speaker(None, doc[token.i : token.i + 1], confidence=confidence - 0.4, resolution="as_written")
        if token.lower_ in RELATIVE_PRONOUNS:
            # `Lars Nyberg, chief executive of Nordlane, who said...`: the person the clause hangs from
            sent = self.sentences.of(token.i)
            people = [e for e in self.entities.within(sent.start, token.i) if e.label_ == "PERSON"]
            if people:
                return self._from_entity(people[-1], confidence - 0.1)
            clause = token.head
            if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
                return self._speaker_from_token(doc, clause.head, confidence - 0.1, described)  # `a source who said`
            return None
        if token.lower_ in self.title_heads:
            named = self._titled_name(doc, token, confidence)
            if named is not None:
                return named
        ent = self._entity_at(doc, token)
        # `ING chief economist ... Lynn Song`, `Mara Lindqvist of Northgate Research`, `a readout from Xinhua`: a
        # person named in the subject speaks, else the organisation
        inner = [e for t in token.subtree if (e := self._entity_at(doc, t)) is not None]
        people = [e for e in inner if e.label_ == "PERSON"]
        if people:
            ent = people[0]
        elif ent is None or ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            orgs = [e for e in inner if e.label_ == "ORG"]
            ent = orgs[0] if orgs else ent
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            return self._from_entity(ent, confidence)
        lemma = token.lemma_.lower()
        phrase = doc[token.left_edge.i : token.i + 1]
        if lemma in self.institutions and [t.lower_ for t in token.lefts] == ["the"]:
            # `the ministry` after `the finance ministry`, or after `the Ministry of Finance`
            named = self._earlier_institution(doc, token)
            if named is not None:
                speaker = self._from_entity(named, confidence - 0.1)
                speaker.mention, speaker.resolution = phrase, "description"
                return speaker
            for name in reversed(self.institutions_seen):
                if name.split()[-1] == token.lower_:
                    return Speaker(name, phrase, confidence=confidence - 0.2, resolution="description")
        text = " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in phrase if t.pos_ != "DET")
        if lemma in self.generic | self.institutions | self.title_heads or token.lower_ in self.generic:
            self.institutions_seen.append(text)
            return Speaker(text, phrase, confidence=confidence - 0.2, resolution="as_written")
        if (described or token.pos_ == "PROPN") and token.pos_ in ("NOUN", "PROPN") and not self._is_data(token):
            # `the New York businessman said`, `one slide says`: a speaker the article describes, not names
            return Speaker(text, phrase, confidence=confidence - 0.3, resolution="as_written")
        return None

    def _titled_name(self, doc: Doc, title: Token, confidence: float) -> Speaker | None:
        """A title whose name the model missed or mislabelled: `Trade Secretary, Rakesh Kumar, said` (the name in
        apposition), `ONS Director of Economic Statistics Clara Whitfield said` (the name ends the subject); and
        `the economist said`, the person the article last gave that title."""
        names = [c for c in title.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if names:
            name, title_words = doc[names[0].left_edge.i : names[0].i + 1], doc[title.left_edge.i : title.i + 1]
        else:
            subtree = list(title.subtree)
            run = _leading(subtree[::-1], lambda t: t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in self.title_words
                           and t.ent_type_ not in ("ORG", "GPE", "NORP", "DATE"))[::-1]
            # a name is a given name and a surname (with an initial between): the capitalised words before it
            # belong to the title (`Director of Economic Statistics`)
            run = run[-3:] if len(run) >= 3 and run[-2].text.endswith(".") else run[-2:]
            if len(run) >= 2 and run[0].i > title.i:
                name, title_words = doc[run[0].i : run[-1].i + 1], doc[title.left_edge.i : run[0].i]
            elif [t.lower_ for t in title.lefts] == ["the"]:
                return self._person_titled(doc, title, confidence)
            else:
                return None
        ent = self._entity_at(doc, name[-1])
        if ent is not None and ent.label_ == "PERSON":
            return self._from_entity(ent, confidence)
        role, org = self._role_and_org(title_words)
        return Speaker(name.text, name, role, org, confidence - 0.1)

    def _person_titled(self, doc: Doc, title: Token, confidence: float) -> Speaker | None:
        for ent in reversed(self.entities.before(title.i)):
            if ent.label_ == "PERSON":
                role = self._details_anywhere(ent._.canonical or ent.text)[0]
                if role and title.lower_ in role.lower().split():
                    speaker = self._from_entity(ent, confidence - 0.15)
                    speaker.mention, speaker.resolution = doc[title.i - 1 : title.i + 1], "description"
                    return speaker
        return None

    def _is_data(self, token: Token) -> bool:
        """`customs data`, `the figures`: the source of a figure, not a speaker (`data` lemmatises to `datum`)."""
        return token.lower_ in self.data_nouns or token.lemma_.lower() in self.data_nouns

    def _earlier_institution(self, doc: Doc, token: Token) -> Span | None:
        """`the agency` is the last organisation named before it that is an agency of that kind."""
        earlier = [e for e in self.entities.before(token.i) if e.label_ == "ORG"]
        for ent in reversed(earlier):
            if token.lower_ in ent.text.lower() or (ent._.category == "agency" and token.lower_ in ("agency", "bureau", "ministry", "office", "administration")):
                return ent
        return None

    def _from_entity(self, ent: Span, confidence: float) -> Speaker:
        name = ent._.canonical or ent.text
        if len(ent) == 1 and ent.root.pos_ == "PROPN":
            # `Berger added` after `Lukas Berger said`, `Wang added` after `Wang Lingjun said` (family name first),
            # whatever the model tagged it: the last person named in full with that name
            full = [e._.canonical or e.text for e in self.entities.before(ent.start) if e.label_ == "PERSON"]
            full = [f for f in full if " " in f and ent.text in (f.split()[0], f.split()[-1])]
            if full:
                name = full[-1]
            elif ent.label_ != "PERSON":
                return Speaker(name, ent, confidence=confidence)
        elif ent.label_ != "PERSON":
            return Speaker(name, ent, confidence=confidence)
        role, org = self._person_details(ent)
        if role is None or org is None:
            known = self._details_anywhere(name)
            role, org = role or known[0], org or known[1]
        return Speaker(name, ent, role, org, confidence)

    def _details_anywhere(self, name: str) -> tuple[str | None, str | None]:
        """A person's role and organisation as the article gives them at any mention (`Schmidt, an economist at
        Berenberg,` ... later `Schmidt said`): the first mention that states each."""
        if name not in self.people:
            role = org = None
            # every mention, tagged by the model or not: a title often hides the name from it
            mentions = [self.doc.char_span(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", self.text)]
            mentions += [e for e in self.entities.spans if e.label_ == "PERSON" and e._.canonical == name and e.text != name]
            for mention in sorted((m for m in mentions if m is not None), key=lambda m: m.start):
                if role is not None and org is not None:
                    break
                found = self._person_details(mention)
                role, org = role or found[0], org or found[1]
            self.people[name] = (role, org)
        return self.people[name]

    def _entity_at(self, doc: Doc, token: Token) -> Span | None:
        return self.entities.at(token)

    def _nearest_named(self, doc: Doc, start: int, end: int) -> Speaker | None:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        named = [e for e in self.entities.within(span.start, span.end) if e.label_ in ("PERSON", "ORG")]
        people = [e for e in named if e.label_ == "PERSON"]
        pick = (people or named or [None])[0]
        return self._from_entity(pick, 0.7) if pick is not None else None

    def _resolve_pronoun(self, doc: Doc, token: Token) -> Speaker | None:
        """`he said`, `it said`: the last person (or organisation, then country) the pronoun can stand for, and of
        those in the last few sentences, first one that was the subject of its clause: a speaker is named as the
        subject far more often than as an object (`X met Y on Monday. He said ...` is X's speech)."""
        mention = doc[token.i : token.i + 1]
        sent = self.sentences.of(token.i)
        window_start = (self.sentences.before(sent, PRONOUN_SENTENCES) or self.sentences.spans[0]).start
        for wanted in (("PERSON",),) if token.lower_ in PERSON_PRONOUNS else (("ORG",), ("ORG", "GPE")):
            # people named inside quoted words are spoken of, not speaking
            earlier = [e for e in self.entities.before(token.i) if e.label_ in wanted
                       and not any(s <= e.start_char < t for s, t in self.quoted_spans)]
            if earlier:
                break
        else:
            return Speaker(None, mention, confidence=0.4, resolution="as_written")
        wanted_gender = self.pronoun_genders.get(token.lower_)
        if wanted_gender in ("male", "female"):
            earlier = [e for e in earlier if self._gender_of(e._.canonical or e.text) in (None, wanted_gender)] or earlier
        subjects = [e for e in earlier if e.start >= window_start and e.root.dep_ in SUBJECT_DEPS]
        speaker = self._from_entity((subjects or earlier)[-1], 0.75)
        speaker.mention, speaker.resolution = mention, "pronoun"
        return speaker

    def _gender_of(self, name: str) -> str | None:
        """What the article's honorifics say of a person (`Mr. Grant`, `Mrs. Clinton`), or None."""
        if self.genders is None:
            self.genders = {}
            for ent in self.entities.spans:
                if ent.label_ == "PERSON" and ent.start > 0:
                    gender = self.honorifics.get(self.doc[ent.start - 1].lower_)
                    if gender is not None:
                        self.genders.setdefault(ent._.canonical or ent.text, gender)
        return self.genders.get(name)

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

    # --- who the person is -------------------------------------------------------------------

    def _person_details(self, ent: Span) -> tuple[str | None, str | None]:
        """Role and organisation from the words around a name: before it (`Hanse Bank chief economist Lena Park`,
        `the chamber's head of policy, Tom Ashby,`, `Nordlane's Ana Ruiz`) or after it (`Ana Ruiz, a trade
        strategist at Vela Capital,`, `Sam Ortiz at Maple Economics`)."""
        doc = ent.doc
        before = self._title_before(doc, ent.start)
        role, org = self._role_and_org(before)
        if not role and ent.start >= 2 and doc[ent.start - 1].text == ",":
            role, org = self._role_and_org(self._title_before(doc, ent.start - 1, loose=True))
        if role:
            return role, org
        org = org or self._org_of(before)
        if ent.end < len(doc) and doc[ent.end].text == ",":
            j = ent.end + 1
            # to the next comma, unless the comma is inside a name (`the Federation of Wholesale, Retail and ...`)
            while j < len(doc) and (doc[j].ent_iob_ == "I" or doc[j].text not in (",", ".", ";", "\u201c", "\u201d", '"', "\n")) and not (
                doc[j].pos_ == "VERB" and doc[j].lemma_.lower() in self.cue_verbs
            ):
                j += 1
            after_role, after_org = self._role_and_org(doc[ent.end + 1 : j])
            return after_role, after_org or org
        if ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("at", "of", "from", "with"):
            return None, org or self._org_of(doc[ent.end + 1 : ent.end + 2 + 6])
        return None, org

    def _title_before(self, doc: Doc, end: int, loose: bool = False) -> Span:
        """The words of a title just before position `end`: title words, names of organisations, `'s`, capitalised
        words of a title (`Director of Economic Statistics`); `loose` also takes articles and lower-case words, for
        a title set off by a comma (`the chamber's head of trade policy, Tom Ashby`)."""
        i = end - 1
        sent_start = self.sentences.of(end - 1).start if end > 0 else 0
        while i >= sent_start:
            t = doc[i]
            if t.lower_ in self.title_words or t.ent_type_ in ("ORG", "GPE", "LOC", "NORP") or t.lower_ in ("'s", "\u2019s", "'", "\u2019"):
                i -= 1
            elif t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME", "PERSON") and t.text[:1].isupper():
                i -= 1
            elif loose and (t.pos_ in ("DET", "ADJ", "NOUN") or t.lower_ in ("of", "for", "and")) and not t.is_punct:
                i -= 1
            elif (t.pos_ in ("ADJ", "NOUN") or t.lower_ in ("of", "for", "and")) and any(
                w.lower_ in self.title_heads for w in doc[max(sent_start, i - 4) : i]
            ):
                i -= 1  # `director of economic statistics Liz McKeown`: lower-case words of a title
            else:
                break
        start = i + 1
        while start < end and doc[start].lower_ in ("of", "for", "and"):
            start += 1
        return doc[start:end]

    def _org_of(self, phrase: Span) -> str | None:
        orgs = [e for e in self.entities.within(phrase.start, phrase.end) if e.label_ == "ORG"]
        return (orgs[0]._.canonical or orgs[0].text) if orgs else None

    def _role_and_org(self, phrase: Span) -> tuple[str | None, str | None]:
        """`a trade researcher at the Harbin Institute of Commerce` -> (`trade researcher`, the institute)."""
        if not any(t.lower_ in self.title_heads for t in phrase):
            return None, None
        # `Trade` in `Trade Secretary`, tagged an organisation by the model, is part of the title
        orgs = [e for e in self.entities.within(phrase.start, phrase.end)
                if e.label_ == "ORG" and not all(t.lower_ in self.title_words for t in e)]
        org = (orgs[0]._.canonical or orgs[0].text) if orgs else None
        in_org = {i for e in orgs for i in range(e.start, e.end)}
        tokens = [t for t in phrase if t.i not in in_org]
        # `the chamber's head of policy`: the possessor is who the person works for, not part of the role
        possessive = [n for n, t in enumerate(tokens) if t.lower_ in ("'s", "\u2019s", "'", "\u2019")]
        if possessive:
            tokens = tokens[possessive[-1] + 1 :]
        # `Nordbank economist`: capitalised words before the title, that the model did not tag, name the employer
        lead = 0
        while lead < len(tokens) and tokens[lead].pos_ == "PROPN" and tokens[lead].lower_ not in self.title_words:
            lead += 1
        if lead and lead < len(tokens):
            org = org or " ".join(t.text for t in tokens[:lead])
            tokens = tokens[lead:]
        # the role ends where the organisation is introduced: `at`, `with`, `from`, or `of`/`for` + the org
        for n, t in enumerate(tokens):
            nxt = tokens[n + 1] if n + 1 < len(tokens) else None
            if t.lower_ in ("at", "with", "from") or (t.lower_ in ("of", "for") and (nxt is None or nxt.i + 1 in in_org or nxt.i in in_org or (nxt.pos_ == "DET" and nxt.i + 1 in in_org))):
                if org is None:
                    # `economist at the Economist Intelligence Unit`, the name not tagged: its capitalised words
                    named = [w for w in tokens[n + 1 :] if w.pos_ != "DET"]
                    run = _leading(named, lambda w: w.pos_ == "PROPN" or w.lower_ in ("of", "for", "and"))
                    while run and run[-1].pos_ != "PROPN":
                        run.pop()
                    org = " ".join(w.text for w in run) or None
                tokens = tokens[:n]
                break
        while tokens and tokens[0].pos_ == "DET":
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("DET", "ADP")):
            tokens = tokens[:-1]
        role = " ".join(t.text for t in tokens).strip() or None
        return role, org

    # --- records -------------------------------------------------------------------------

    def _record(self, doc: Doc, q: Quoted, speaker: Speaker | None, cue: Token | None) -> dict:
        text = self.text
        parts = [{"text": text[s:e], "start": s, "end": e} for s, e in (_without_trailing_comma(text, p) for p in q.parts)]
        content = " ".join(p["text"] for p in parts)
        return {
            "text": text[q.start : q.end],
            "start": q.start,
            "end": q.end,
            "content": content,
            "kind": self._kind(doc, q),
            "parts": parts,
            "quoted": parts,
            "cue": _span_dict(doc[cue.i : cue.i + (2 if cue.lower_ == "according" else 1)]) if cue is not None else None,
            "speaker": speaker.name if speaker else None,
            "speaker_mention": _span_dict(speaker.mention) if speaker and speaker.mention is not None else None,
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

    def _with_reports(self, records: list[dict], reports: list[Report]) -> list[dict]:
        """Reported speech joins the quotes: as an indirect quote where it holds no quote marks, as a mixed quote
        that takes in the partial quotes it holds, and not at all where it would cut through a quote."""
        for report in reports:
            inside = self._inside(records, report)
            whole = [r for r in inside if r["kind"] != "partial"]
            if whole and report.start < whole[0]["start"] - 1:
                # `she said fathers would not be eligible, and when pressed, replied, "..."`: the report stops
                # before the quote that follows it
                report = self._cut_before(report, whole[0]["start"] - 1)
                if report is None:
                    continue
                inside = self._inside(records, report)
            crossing = [r for r in records if r["start"] < report.end and report.start < r["end"] and r not in inside]
            if crossing or any(r["kind"] != "partial" for r in inside):
                continue
            record = self._indirect(report)
            if inside:
                record["kind"] = "mixed"
                record["quoted"] = [part for r in inside for part in r["quoted"]]
                if record["speaker"] is None and inside[0]["speaker"] is not None:
                    record.update({k: inside[0][k] for k in ("speaker", "speaker_mention", "speaker_role", "speaker_org", "speaker_resolution")})
                records = [r for r in records if r not in inside]
            records.append(record)
        return records

    def _inside(self, records: list[dict], report: Report) -> list[dict]:
        """The quotes a report holds: up to the punctuation and closing marks its content was trimmed of
        (`was "unhinged, even for him."`)."""
        end = report.end
        while end < len(self.text) and self.text[end] in TRAILING_MARKS:
            end += 1
        return [r for r in records if report.start <= r["start"] and r["end"] <= end]

    def _cut_before(self, report: Report, offset: int) -> Report | None:
        """The report up to the last clause boundary (comma, semicolon, conjunction) before `offset`."""
        piece = report.pieces[0]
        tokens = [t for t in piece if t.idx < offset]
        while tokens and not (tokens[-1].text in (",", ";", ":") or tokens[-1].dep_ == "cc"):
            tokens.pop()
        span = _trim_punct(piece.doc[piece.start : tokens[-1].i]) if tokens else None
        while span is not None and span[-1].dep_ == "cc":
            span = _trim_punct(span[:-1]) if len(span) > 1 else None
        return Report([span], report.cue, report.speaker) if span is not None and len(span) >= 3 else None

    def _reports(self, doc: Doc, quoted: list[Quoted]) -> list[Report]:
        """`X said that ...`, `..., X said`, `X urged voters to ...`, `X pledged to ...`, `according to X, ...`:
        speech reported without quote marks (or with a few quoted words inside). A sentence can hold several
        (`X said Y had told him that ...`)."""
        reports = []
        marked = [(q.start - 1, q.end + 1) for q in quoted]
        seen: set[tuple[int, int]] = set()
        for i in positions(doc, lemma=self.reporting_verbs, lower=frozenset({"according"})):
            token = doc[i]
            if any(s <= token.idx < e for s, e in marked):
                continue
            with guarded(doc, "reported speech", token):
                found = self._reported_at(doc, self.sentences.of(i), token)
                if found is not None and (found.start, found.end) not in seen:
                    reports.append(found)
                    seen.add((found.start, found.end))
        reports.extend(self._labelled_lines(doc, marked))
        return reports

    def _labelled_lines(self, doc: Doc, marked: list[tuple[int, int]]) -> list[Report]:
        """`PENCE: Well, the question ...` in a transcript, `Lindqvist: Exporters Adapt` in a headline: a line
        opened by a speaker's name and a colon is that speaker's. The name must be one the article gives a
        person or an organisation (`Note:` and `Photo:` are not speakers)."""
        reports = []
        for line in LABELLED_LINE.finditer(self.text):
            label, body = line.span(1), line.span(2)
            if any(s < body[1] and body[0] < e for s, e in marked):
                continue  # a quoted line: the quote's own attribution reads the colon
            mention = doc.char_span(*label)
            content = doc.char_span(*body, alignment_mode="contract")
            if mention is None or content is None or len(content) < 3:
                continue
            speaker = self._named_as(mention)
            colon = doc.char_span(label[1], label[1] + 1, alignment_mode="expand")
            if speaker is not None and colon is not None:
                reports.append(Report([content], colon, speaker))
        return reports

    def _named_as(self, mention: Span) -> Speaker | None:
        """The person or organisation a label names: its entity, or a person whose name ends with it
        (`PENCE` for `Mike Pence`)."""
        ent = self._entity_at(mention.doc, mention[-1])
        if ent is not None and ent.start == mention.start and ent.end == mention.end and ent.label_ in ("PERSON", "ORG"):
            speaker = self._from_entity(ent, 0.7)
            speaker.mention = mention
            return speaker
        label = mention.text.lower()
        for ent in self.entities.spans:
            name = ent._.canonical or ent.text
            if ent.label_ == "PERSON" and " " in name and name.lower().split()[-1] == label:
                speaker = self._from_entity(ent, 0.65)
                speaker.mention, speaker.resolution = mention, "description"
                return speaker
        return None

    def _clause_carrying(self, doc: Doc, q: Quoted, cue: Token, speaker: Speaker) -> Report | None:
        """`X tweeted that the plan was "a con"`, `X called the deal "a disaster"`: the words a cue verb governs
        around a partial quote, which make it a mixed quote."""
        if cue.pos_ != "VERB" or cue.idx > q.start:
            return None
        sent = self.sentences.of(cue.i)
        pieces = self._reported_content(doc, sent, cue) if cue.lemma_.lower() in self.reporting_verbs else []
        if not pieces:
            span = _trim_punct(doc[cue.i + 1 : cue.right_edge.i + 1])
            pieces = [span] if span is not None else []
        pieces = [p for p in pieces if p.start_char <= q.start - 1 and q.end <= p.end_char + 1]
        if not pieces:
            return None
        return Report(pieces[:1], doc[cue.i : cue.i + 1], speaker)

    @staticmethod
    def _reported_around(q: Quoted, reports: list[Report]) -> tuple[Speaker | None, Token | None]:
        """`X accused them of being "duped"`: quoted words inside reported speech are the reporter's."""
        around = [r for r in reports if r.start <= q.start - 1 and q.end + 1 <= r.end]
        if not around:
            return None, None
        inner = min(around, key=lambda r: r.end - r.start)
        return inner.speaker, inner.cue[0]

    def _reported_at(self, doc: Doc, sent: Span, token: Token) -> Report | None:
        if token.lower_ == "according":
            return self._according_to(doc, sent, token)
        if token.pos_ != "VERB":
            return None
        trailing = self._trailing_attribution(doc, sent, token)
        if trailing is not None:
            subject, pieces = trailing
        else:
            subject = self._reporting_subject(token)
            if subject is None or (subject.head != token and token.dep_ == "advcl" and token.tag_ == "VBN"):
                return None  # `Asked about Europe, the official said`: who is asked is not the one who asks
            if self._is_data(subject):
                return None  # `customs data showed ...`: the source of a figure, which the claims carry
            pieces = self._reported_content(doc, sent, token)
        if not pieces:
            return None
        lemma = token.lemma_.lower()
        # a verb of saying makes its subject a speaker (`the businessman said`); a request or an intention
        # (`chip demand`, `prices want`) needs a subject that can speak
        speaker = self._speaker_from_token(doc, subject, 0.8 if lemma in self.reported_verbs else 0.7,
                                           described=lemma in self.reported_verbs)
        if speaker is None or (speaker.name is None and speaker.mention is None):
            return None
        return Report(pieces, doc[token.i : token.i + 1], speaker)

    def _according_to(self, doc: Doc, sent: Span, token: Token) -> Report | None:
        if token.i + 1 >= sent.end or doc[token.i + 1].lower_ != "to":
            return None
        objects = [t for t in doc[token.i + 1].children if t.dep_ == "pobj"]
        if not objects or self._is_data(objects[0]):
            return None  # `according to customs data`: the source of a figure, not a speaker
        speaker = self._speaker_from_token(doc, objects[0], 0.8)
        # the reported words are the sentence around `according to X`, in one or two parts; at the head of a
        # sentence the phrase ends at its comma, whatever the parser attached to it
        after = objects[0].right_edge.i + 1
        if token.i == _after_dateline(sent) or token.i == sent.start:
            after = next((t.i + 1 for t in doc[token.i : sent.end] if t.text == ","), after)
        pieces = [_trim_punct(doc[sent.start : token.i]), _trim_punct(doc[after : sent.end])]
        pieces = [p for p in pieces if p is not None and len(p) >= 3]
        if not pieces or speaker is None or speaker.name is None:
            return None
        return Report(pieces, doc[token.i : token.i + 2], speaker)

    @staticmethod
    def _reporting_subject(verb: Token) -> Token | None:
        """Who reports: the verb's active subject, or the subject of the verb it continues (`X lashed out,
        saying ...`, `X arrived and said ...`, `X was criticized for saying ...`); for `a statement saying ...`,
        the noun it describes. A passive (`exports are expected to ...`) reports no one."""
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            candidates: tuple[Token, ...] = (verb, verb.head.head)  # `with X saying` has its own subject
        else:
            candidates = (verb, verb.head) if verb.dep_ in ("conj", "advcl", "xcomp") else (verb,)
        for candidate in candidates:
            # `X was praised for saying ...`: after a preposition, a passive's subject is still who spoke
            wanted = ("nsubj", "nsubjpass") if candidate is not verb and verb.dep_ == "pcomp" else ("nsubj",)
            subjects = [t for t in candidate.children if t.dep_ in wanted]
            if subjects:
                return _nearest(subjects, candidate)
            if any(t.dep_ == "nsubjpass" for t in candidate.children):
                return None
        # `..., Commerce Secretary Anil Rao said that ...` parsed with the name hung elsewhere: the name just
        # before the verb
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.i >= verb.sent.start and (before.ent_type_ in ("PERSON", "ORG") or before.pos_ == "PROPN"):
            return before
        return None

    def _reported_content(self, doc: Doc, sent: Span, verb: Token) -> list[Span]:
        """What was reported, by the verb's kind: a clause for verbs of saying and thinking, an infinitive or an
        object for requests and intentions; the rest of the sentence when the attribution stands aside from it."""
        lemma = verb.lemma_.lower()
        # the clause after the verb if there is one (`...; the team says she will go on` has the parser hang
        # both clauses on `says`); one before it only when nothing stronger than a comma stands between
        clauses = sorted((t for t in verb.children if t.dep_ == "ccomp"), key=lambda t: (t.i < verb.i, t.i))
        clauses = [c for c in clauses if c.i > verb.i or not any(t.text in (";", ":") for t in doc[c.right_edge.i + 1 : verb.i])]
        if clauses and lemma in self.reported_verbs:
            clause = clauses[0]
            start = clause.left_edge.i + (doc[clause.left_edge.i].lower_ in ("that", "whether", "if"))
            end = clause.right_edge.i + 1
            # `said the timing was not intentional; they only learned ...`: a semicolon ends what was reported
            end = next((t.i for t in doc[max(start, verb.i + 1) : end] if t.text == ";"), end)
            return [p for p in (_trim_punct(doc[start:end]),) if p is not None and len(p) >= 2]
        if lemma in self.request_verbs or lemma in self.intention_verbs:
            wanted = ("xcomp", "ccomp") if lemma in self.intention_verbs else ("xcomp", "ccomp", "dobj", "dative")
            rights = list(verb.rights)
            parts = [t for t in rights if t.dep_ in wanted]
            # `called for a recount`, `asked about the deal`: the preposition right after the verb opens the content
            if rights and rights[0].dep_ == "prep" and rights[0].i == verb.i + 1 and lemma in self.request_verbs:
                parts.append(rights[0])
            if parts and any(p.dep_ in ("xcomp", "ccomp") or p.dep_ == "prep" for p in parts) or (parts and lemma in ("propose", "promise", "offer", "demand")):
                first = min(p.left_edge.i for p in parts)
                last = max(p.right_edge.i for p in parts)
                span = _trim_punct(doc[first : last + 1])
                return [span] if span is not None and len(span) >= 2 else []
        if lemma in self.object_verbs or lemma in self.stance_verbs:
            # `emphasized the need for vigilance`, `attributed the fall to tariffs`, `criticized the deal as
            # unfair`, `talked about the plan`: what the verb takes, after a preposition that belongs to the verb
            rights = [t for t in verb.rights if t.dep_ in ("dobj", "dative", "prep", "oprd", "xcomp", "ccomp", "acomp")
                      and not (t.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in t.children))]  # `on Monday`
            if rights and (rights[0].dep_ != "prep" or rights[0].i == verb.i + 1):
                first = rights[0]
                start = first.left_edge.i
                if first.dep_ == "prep" and first.i == start:
                    start += 1  # `talked about the plan`: the plan
                span = _trim_punct(doc[start : rights[-1].right_edge.i + 1])
                if span is not None and len(span) >= 1 and any(not t.is_stop for t in span):
                    return [span]
        if lemma not in self.reported_verbs:
            return []
        objects = [t for t in verb.rights if t.dep_ == "dobj"]
        if objects and lemma not in ("tell", "ask") and not any(t.like_num or t.ent_type_ in FIGURE_TYPES for t in objects[0].subtree):
            # `said the same thing`, `learned the hard way`: the object, unless it is a figure (`reported a
            # surplus of $5 billion` is a claim, which the claims carry)
            span = _trim_punct(doc[objects[0].left_edge.i : objects[0].right_edge.i + 1])
            if span is not None and any(not t.is_stop for t in span):
                return [span]
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            # `Japan recorded a deficit, the ministry said, as ...` and `Acts of protest, he said, are ...`; a
            # clause joined after the attribution (`..., the ministry said, and imports rose`) is the writer's.
            # An attribution set off by commas (`Though the change was smooth, he said, a new one would be
            # bitter`) stands aside from the whole sentence.
            head = verb.head
            set_off = verb.left_edge.i > sent.start and doc[verb.left_edge.i - 1].text == "," and verb.right_edge.i + 1 < sent.end and doc[verb.right_edge.i + 1].text == ","
            first, last = (_after_dateline(sent), sent.end) if set_off else (head.left_edge.i, head.right_edge.i + 1)
            pieces = [_trim_punct(doc[first : verb.left_edge.i]), _trim_punct(doc[verb.right_edge.i + 1 : last])]
            pieces = [p for p in pieces if p is not None and len(p) >= 2]
            if len(pieces) == 2 and pieces[1][0].dep_ == "cc":
                pieces = pieces[:1]
            return pieces
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            # `As the magazine reported on Friday, the drop may be ...`: the clause it stands aside from
            head = verb.head
            pieces = [_trim_punct(doc[head.left_edge.i : verb.left_edge.i]), _trim_punct(doc[verb.right_edge.i + 1 : head.right_edge.i + 1])]
            return [p for p in pieces if p is not None and len(p) >= 3]
        follows = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if follows is not None and follows.text == ":" and follows.i + 1 >= sent.end:
            # `The release also said:` and the report in the next paragraph
            after = self.sentences.of(follows.i + 1) if follows.i + 1 < len(doc) else None
            if after is not None and after.start > follows.i and not any(ch in after.text for ch in "\u201c\u201d\""):
                span = _trim_punct(after)
                return [span] if span is not None and len(span) >= 3 else []
        marks = [t for t in verb.subtree if t.i > verb.i and t.dep_ == "mark" and t.lower_ == "that" and t.head.pos_ in ("VERB", "AUX")]
        if marks:
            # `saying after he met the envoy that the sides could not agree`: the parser hangs the clause elsewhere
            span = _trim_punct(doc[marks[0].i + 1 : verb.right_edge.i + 1])
            return [span] if span is not None and len(span) >= 3 else []
        if sent[0].text == "," and sent.start > 0 and verb.i - sent.start <= 6:
            # `..., the Office for National Statistics said.` split off from its report by the parser
            previous = self.sentences.before(sent)
            span = _trim_punct(doc[max(previous.start, _after_dateline(previous)) : previous.end])
            return [span] if span is not None else []
        return []

    def _trailing_attribution(self, doc: Doc, sent: Span, verb: Token) -> tuple[Token, list[Span]] | None:
        """`Oil prices pulled exports down, Trade Secretary, Rakesh Kumar, said.`: a report closed by a speaker
        set off with commas, which the parser often reads as part of the report. The speaker is the phrase between
        the report and the verb; it must read as a name, a title or a pronoun."""
        if verb.lemma_.lower() not in self.reported_verbs:
            return None
        if any(not (t.is_punct or t.is_space) for t in doc[verb.i + 1 : sent.end]) or verb.i - sent.start < 5:
            return None
        subjects = [t for t in verb.children if t.dep_ == "nsubj"]
        commas = [t.i for t in doc[max(sent.start, verb.i - 14) : verb.i] if t.text == ","]
        if not commas or (subjects and subjects[0].i > commas[-1]):
            return None  # no comma before the speaker, or the parser already found the speaker after it
        for comma in commas:
            phrase = doc[comma + 1 : verb.i]
            if len(phrase) and all(self._speaker_word(t) for t in phrase) and comma - sent.start >= 3:
                roots = [t for t in phrase if not t.is_punct and not (phrase.start <= t.head.i < phrase.end)]
                content = _trim_punct(doc[max(sent.start, _after_dateline(sent)) : comma])
                if roots and content is not None and len(content) >= 3:
                    return roots[0], [content]
        return None

    def _speaker_word(self, token: Token) -> bool:
        return (token.is_punct and token.text == ",") or token.pos_ in ("PROPN", "DET") or token.lower_ in self.title_words \
            or token.lower_ in ("'s", "\u2019s", "of", "for", "at") or token.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS \
            or token.lower_ in self.generic or token.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")

    def _indirect(self, report: Report) -> dict:
        speaker = report.speaker
        return {
            "text": self.text[report.start : report.end],
            "start": report.start,
            "end": report.end,
            "content": " ".join(p.text for p in report.pieces),
            "kind": "indirect",
            "parts": [_span_dict(p) for p in report.pieces],
            "quoted": [],
            "cue": _span_dict(report.cue),
            "speaker": speaker.name,
            "speaker_mention": _span_dict(speaker.mention) if speaker.mention is not None else None,
            "speaker_role": speaker.role,
            "speaker_org": speaker.org,
            "speaker_resolution": speaker.resolution,
            "confidence": round(speaker.confidence * 0.9, 2),
        }


def _nearest(tokens: list[Token], to: Token) -> Token:
    """`Briefing on the data, Commerce Secretary Anil Rao said`: of two subjects the parser gives, the nearer."""
    return min(tokens, key=lambda t: abs(t.i - to.i))


def _leading(items: list, keep) -> list:
    """The items before the first that `keep` refuses."""
    out = []
    for item in items:
        if not keep(item):
            break
        out.append(item)
    return out


def _after_dateline(sent: Span) -> int:
    """Where a sentence starts after a dateline (`LONDON — `)."""
    for token in sent[:4]:
        if token.text in ("\u2014", "\u2013", "--"):
            return token.i + 1
    return sent.start


def _without_trailing_comma(text: str, part: tuple[int, int]) -> tuple[int, int]:
    """`"...filling the gap," said X`: the comma belongs to the writer's sentence, not to the quote."""
    start, end = part
    while end > start and text[end - 1] in ", \u2014-":
        end -= 1
    return start, end


def _trim_punct(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end > start else None


def _span_dict(span: Span) -> dict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}

