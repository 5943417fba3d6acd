"""Entities: the model's names, fixed where it slips on trade news, each given one canonical name."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..extensions import check_deadline
from ..resources import load_rules
from .doc_index import positions, sentences_of

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
CATEGORY_BY_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "LOC": "region", "NORP": "nationality"}
# A capital is read as its government when it acts: subject, possessor, agent.
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "compound"})
ACTOR_PREPS = frozenset({"by", "from"})
NAME_MARKERS = frozenset({",", "of", "at"})  # what follows a name: `Ana Ruiz, economist`, `Ana Ruiz of Vela`
POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})
ACRONYM_SKIPS = frozenset({"of", "and", "the", "for", "&", "on", "in"})  # words an organisation's initials leave out

for _name in ("canonical", "category", "reading"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@dataclass(frozen=True)
class NameEntry:
    canonical: str
    category: str
    label: str
    capital: str | None = None  # set when this entry is a capital standing for `canonical`


def name_key(text: str) -> str:
    """How a name is looked up: case, dots, `the` and a possessive do not matter."""
    text = text.replace("\u2019", "'").strip()
    text = re.sub(r"(?i)^the\s+", "", text)
    text = re.sub(r"'s?$", "", text)
    return re.sub(r"\s+", " ", text.replace(".", "")).lower().strip()


class NameTable:
    """canonical_names.json as a lookup from any alias to its entry."""

    def __init__(self, entries: list[dict]):
        self.by_key: dict[str, NameEntry] = {}
        self.phrases: list[tuple[str, str]] = []  # (label, surface form) for the entity ruler
        for entry in entries:
            main = NameEntry(entry["canonical"], entry["category"], entry["label"])
            for alias in (entry["canonical"], *entry.get("aliases", ())):
                self.by_key.setdefault(name_key(alias), main)
                self.phrases.append((entry["label"], alias))
            for demonym in entry.get("demonyms", ()):
                for form in (demonym, demonym + "s"):
                    self.by_key.setdefault(name_key(form), NameEntry(entry["canonical"], "nationality", "NORP"))
            if entry.get("capital"):
                capital = NameEntry(entry["canonical"], entry["category"], "GPE", capital=entry["capital"])
                self.by_key.setdefault(name_key(entry["capital"]), capital)

    def get(self, text: str) -> NameEntry | None:
        return self.by_key.get(name_key(text))


_TABLE: NameTable | None = None


def name_table() -> NameTable:
    global _TABLE
    if _TABLE is None:
        _TABLE = NameTable(load_rules("canonical_names.json")["entries"])
    return _TABLE


@Language.factory("newsfacts_entities", requires=["doc.ents"], assigns=["doc.ents", "span._.canonical"])
def make_entities(nlp: Language, name: str) -> "EntityNormalizer":
    return EntityNormalizer()


class EntityNormalizer:
    def __init__(self) -> None:
        people = load_rules("people.json")
        self.title_heads = frozenset(people["title_heads"])
        self.title_words = self.title_heads | frozenset(people["title_modifiers"])
        self.org_nouns = frozenset(people["org_nouns"])
        self.org_words = self.org_nouns | frozenset(people["institution_nouns"]) | {"reserve", "university", "fund"}
        self.table = name_table()

    def __call__(self, doc: Doc) -> Doc:
        check_deadline(doc)
        ents = []
        for ent in doc.ents:
            if not ent.text.strip():
                continue  # the model sometimes labels a run of line breaks as a name: it names nothing
            ents.extend(self._fix(ent) if ent.label_ in ENTITY_LABELS else [ent])
        ents = self._add_dateline(doc, filter_spans(ents))
        ents = self._add_named_speakers(doc, ents)
        doc.ents = self._canonicalize(doc, self._relabel_surnames(doc, self._add_surnames(doc, ents)))
        return doc

    @staticmethod
    def _add_dateline(doc: Doc, ents: list[Span]) -> list[Span]:  # noqa: C901
        """`BERLIN, Nov 7 —`, `SYDNEY —`: the place a story was filed from, written in capitals at a line start."""
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        added = []
        for sent in sentences_of(doc).spans:
            first = sent[0]
            if first.is_space and len(sent) > 1:
                first = sent[1]
            nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
            if (first.is_upper and first.is_alpha and len(first) >= 3 and nxt is not None
                    and nxt.text in (",", "\u2014", "\u2013", "-") and first.i not in taken):
                added.append(Span(doc, first.i, first.i + 1, label="GPE"))
            elif first.i in taken:
                ent = next(e for e in ents if e.start <= first.i < e.end)
                if ent.label_ != "GPE" and len(ent) == 1 and first.is_upper and nxt is not None and nxt.text in ("\u2014", "\u2013"):
                    ents = [e for e in ents if e is not ent]
                    added.append(Span(doc, first.i, first.i + 1, label="GPE"))
        return sorted(ents + added, key=lambda e: e.start) if added else ents

    def _add_named_speakers(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """Names the model does not know: `said Ana Ruiz, Global Market Strategist at...` and `Ana Ruiz, an
        economist at...`. Two or three capitalised words followed by a comma and a job title are a person."""
        taken = {i: e for e in ents for i in range(e.start, e.end)}
        added = []
        for marker in (doc[i] for i in positions(doc, lower=NAME_MARKERS)):
            start = marker.i
            while start > 0 and marker.i - start < 3 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
                start -= 1
            name = doc[start : marker.i]
            if not 2 <= len(name) <= 3 or self.table.get(name.text) is not None:
                continue
            if any(t.lower_ in self.org_words or t.lower_ in self.title_heads for t in name):
                continue
            if marker.text == ",":
                after = [t.lower_ for t in doc[marker.i + 1 : marker.i + 7]]
                if not any(w in self.title_heads for w in after):
                    continue
            elif not (marker.i + 1 < len(doc) and doc[marker.i + 1].ent_type_ == "ORG"):
                continue  # `Ana Ruiz of Vela Capital`
            overlapping = {taken[i] for i in range(name.start, name.end) if i in taken}
            if any(e.label_ == "PERSON" for e in overlapping):
                continue
            # the model's other labels (`Mara Lindqvist of` as a WORK_OF_ART) give way too
            if all((e.start >= name.start and e.end <= name.end) or e.label_ not in ENTITY_LABELS for e in overlapping):
                ents = [e for e in ents if e not in overlapping]
                added.append(Span(doc, name.start, name.end, label="PERSON"))
        added.extend(self._names_before_verbs(doc, ents + added))
        return sorted(ents + added, key=lambda e: e.start) if added else ents

    def _names_before_verbs(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """`chief economist for Greater Asia Lena Park wrote`: the model runs a region and a name together. Two or
        three capitalised words no entity holds, right before a verb and right after a place, an organisation or a
        job title, are a person."""
        taken = {i for e in ents for i in range(e.start, e.end)}
        found = []
        for verb in (doc[i] for i in positions(doc, pos="VERB") if i >= 3):
            end = verb.i
            start = end
            while start > 0 and end - start < 3 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                    and start - 1 not in taken:
                start -= 1
            if end - start < 2 or start == 0:
                continue
            before = doc[start - 1]
            if (before.i in taken and before.ent_type_ in ("LOC", "GPE", "ORG", "NORP")) or before.lower_ in self.title_heads:
                name = doc[start:end]
                if self.table.get(name.text) is None and not any(t.lower_ in self.title_words for t in name):
                    found.append(Span(doc, start, end, label="PERSON"))
        return found

    def _relabel_surnames(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """The model often reads a bare surname as an ORG (`Bell said`), and a name after `the freight group` as a
        place: a surname of a person named before is that person; a name after an organisation noun is an org."""
        surnames = {e[-1].text: e.end for e in ents if e.label_ == "PERSON" and len(e) > 1}
        fixed = []
        for ent in ents:
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if (ent.label_ in ("ORG", "GPE", "NORP") and len(ent) == 1 and ent.text in surnames
                    and ent.start >= surnames[ent.text] and self.table.get(ent.text) is None):
                ent = Span(doc, ent.start, ent.end, label="PERSON")
            elif ent.label_ in ("GPE", "PERSON", "NORP") and before in self.org_nouns and self.table.get(ent.text) is None:
                ent = Span(doc, ent.start, ent.end, label="ORG")
            fixed.append(ent)
        return fixed

    @staticmethod
    def _add_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
        """`Okafor added that...`: a surname the model missed, after the full name was given, is that person."""
        surnames: dict[str, int] = {}  # surname -> token index after which it counts
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title:
                surnames.setdefault(ent[-1].text, ent.end)
        if not surnames:
            return ents
        taken = {i for ent in ents for i in range(ent.start, ent.end)}
        # look the surnames up in the token array rather than token by token: this runs on every article
        orth = doc.to_array(ORTH)
        hashes = {doc.vocab.strings[name]: name for name in surnames}
        candidates = numpy.flatnonzero(numpy.isin(orth, list(hashes)))
        added = [
            Span(doc, int(i), int(i) + 1, label="PERSON")
            for i in candidates
            if i >= surnames[hashes[int(orth[i])]] and i not in taken and doc[int(i)].pos_ in ("PROPN", "NOUN")
        ]
        return sorted(ents + added, key=lambda e: e.start) if added else ents

    # --- the model's slips -----------------------------------------------------------------

    def _is_title(self, token) -> bool:
        return token.lower_ in self.title_words

    def _fix(self, ent: Span) -> list[Span]:
        ent = self._trim(ent)
        if ent is None:
            return []
        if ent.label_ in ("ORG", "PERSON") and any(t.lower_ in self.title_heads for t in ent):
            return self._split_title(ent)
        if self._is_titled_name(ent):
            return [Span(ent.doc, ent.start, ent.end, label="PERSON")]
        return [ent]

    def _is_titled_name(self, ent: Span) -> bool:
        """`Chief Asia Economist Chetan Ahya`: a short proper name right after a job title is a person."""
        if ent.label_ == "PERSON" or ent.start == 0 or len(ent) > 3 or self.table.get(ent.text) is not None:
            return False
        before = ent.doc[ent.start - 1]
        return before.lower_ in self.title_heads and all(t.is_title and t.pos_ == "PROPN" for t in ent)

    @staticmethod
    def _trim(ent: Span) -> Span | None:
        """Leave `the`, a possessive `'s`, punctuation and white space (`―\xa0`) outside the name."""
        doc, start, end = ent.doc, ent.start, ent.end
        while start < end and (doc[start].lower_ == "the" or doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].lower_ in POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return Span(doc, start, end, label=ent.label_) if start < end else None

    def _split_title(self, ent: Span) -> list[Span]:
        """`Morgan Stanley Chief Asia Economist Chetan Ahya` -> ORG + title + PERSON; a bare title -> nothing."""
        tokens = list(ent)
        first = next(i for i, t in enumerate(tokens) if self._is_title(t))
        last = max(i for i, t in enumerate(tokens) if t.lower_ in self.title_heads)
        out = []
        if first > 0:
            out.append(Span(ent.doc, ent.start, ent.start + first, label="ORG"))
        tail = tokens[last + 1 :]
        if tail and all(t.is_title or t.is_upper for t in tail) and not any(self._is_title(t) for t in tail):
            out.append(Span(ent.doc, ent.start + last + 1, ent.end, label="PERSON"))
        return out

    # --- canonical names -------------------------------------------------------------------

    def _canonicalize(self, doc: Doc, found: list[Span]) -> list[Span]:
        people: dict[str, str] = {}  # surname or first name -> last full name seen
        initials: dict[str, str] = {}  # `BCC` -> `British Chambers of Commerce`, from names met so far
        ents = []
        for ent in found:
            if ent.label_ not in ENTITY_LABELS:
                ents.append(ent)
                continue
            entry = self.table.get(ent.text)
            label = ent.label_
            if ent.label_ == "PERSON" and entry is None:
                canonical, category, reading = self._person(ent, people), "person", "name"
            elif entry is not None:
                label = entry.label if ent.label_ != "NORP" or entry.label == "NORP" else ent.label_
                canonical, category = entry.canonical, entry.category
                reading = "name"
                if entry.capital:
                    acts = self._acts(ent)
                    reading = "government" if acts else "place"
                    canonical = entry.canonical if acts else entry.capital
                    category = entry.category if acts else "city"
                elif category in ("country", "city", "region"):
                    reading = "place"
            elif ent.label_ == "ORG" and ent.text in initials:
                # an organisation named in full, then by its initials
                canonical, category, reading = initials[ent.text], CATEGORY_BY_LABEL[ent.label_], "name"
            else:
                # `SYDNEY` in a dateline is Sydney
                text = ent.text.title() if ent.text.isupper() and len(ent.text) > 4 else ent.text
                canonical, category, reading = text, CATEGORY_BY_LABEL[ent.label_], "name"
            if label != ent.label_:
                ent = Span(doc, ent.start, ent.end, label=label)
            # Span extensions live in doc.user_data keyed by offsets and label: they hold once the span is assigned
            ent._.canonical, ent._.category, ent._.reading = canonical or ent.text, category, reading
            if ent.label_ == "ORG" and len(words := [w for w in ent.text.split() if w.lower() not in ACRONYM_SKIPS]) >= 2:
                initials.setdefault("".join(w[0] for w in words).upper(), ent._.canonical)
            ents.append(ent)
        return ents

    @staticmethod
    def _person(ent: Span, people: dict[str, str]) -> str:
        words = ent.text.split()
        if len(words) == 1:
            return people.get(words[0], ent.text)
        full = ent.text
        people[words[-1]] = full
        people.setdefault(words[0], full)
        return full

    @staticmethod
    def _acts(ent: Span) -> bool:
        root = ent.root
        if _is_dateline(ent):
            return False
        if root.dep_ in ACTOR_DEPS and root.head.pos_ != "ADP":
            return root.dep_ != "compound" or root.head.pos_ == "NOUN"
        return root.dep_ == "pobj" and root.head.lower_ in ACTOR_PREPS


def _is_dateline(ent: Span) -> bool:
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return ent.text.isupper() and nxt is not None and nxt.text in (",", "\u2014", "\u2013", "-") and (
        ent.start == 0 or "\n" in doc[ent.start - 1].text_with_ws or ent[0].is_sent_start)
