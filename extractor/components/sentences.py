"""Per-document lookups built once and shared by the components: sentences in O(log n) (spaCy's Span.sent and
Token.sent walk the document from its start on every call, which makes a component quadratic on long articles) and
the text (Doc.text rebuilds the string on every access)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, LOWER, POS, SENT_START, SHAPE
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token


class Sentences:
    def __init__(self, doc: Doc):
        if len(doc) and not doc.has_annotation("SENT_START"):
            list(doc.sents)  # spaCy's own error (E030), which says how to add sentence boundaries
        # read from the array: Doc.sents builds each sentence token by token
        self.starts = sorted({0, *numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()}) if len(doc) else []
        self.spans: list[Span] = [doc[a:b] for a, b in zip(self.starts, [*self.starts[1:], len(doc)])]
        self.text = doc.text

    def of(self, token_index: int) -> Span:
        return self.spans[max(bisect_right(self.starts, token_index) - 1, 0)]

    def before(self, sent: Span, count: int = 1) -> Span | None:
        """The sentence `count` places before `sent`, or None at the start of the document."""
        position = bisect_right(self.starts, sent.start) - 1 - count
        return self.spans[position] if position >= 0 else None


_RECENT: OrderedDict[int, tuple[Doc, Sentences]] = OrderedDict()
RECENT_DOCS = 64  # two nlp.pipe batches of the default size: the later components find the index the first built


def sentences_of(doc: Doc) -> Sentences:
    """One sentence index per Doc, shared by the components that run on it (spaCy rebuilds `doc.sents` on each
    access). The cache holds the Doc itself, so an id is never reused while its entry lives."""
    found = _RECENT.get(id(doc))
    if found is not None and found[0] is doc:
        _RECENT.move_to_end(id(doc))
        return found[1]
    index = Sentences(doc)
    _RECENT[id(doc)] = (doc, index)
    while len(_RECENT) > RECENT_DOCS:
        _RECENT.popitem(last=False)
    return index


class Entities:
    """The entities of a Doc as they stand, for lookups by position (Doc.ents and Span.ents rebuild every span of
    the document on each access). Build it after the last component that changes the entities."""

    def __init__(self, doc: Doc):
        self.spans: list[Span] = list(doc.ents)
        self.starts = [e.start for e in self.spans]
        self._at = {i: ent for ent in self.spans for i in range(ent.start, ent.end)}

    def at(self, token: Token) -> Span | None:
        return self._at.get(token.i) if token.ent_type_ else None

    def within(self, start: int, end: int) -> list[Span]:
        """The entities wholly inside tokens [start, end), in order: what `doc[start:end].ents` gives."""
        found = []
        for ent in self.spans[bisect_left(self.starts, start):]:
            if ent.end > end:
                break
            found.append(ent)
        return found

    def before(self, i: int) -> list[Span]:
        """The entities that end at or before token i, in order."""
        return [e for e in self.spans[: bisect_left(self.starts, i)] if e.end <= i]


def text_of(doc: Doc) -> str:
    return sentences_of(doc).text


@lru_cache(maxsize=64)
def _ids(words: frozenset[str]) -> list[int]:
    return [get_string_id(w) for w in words]


def positions(doc: Doc, lower: frozenset[str] = frozenset(), shapes: frozenset[str] = frozenset(),
              shape_has: str | None = None, pos: str | None = None, lemma: frozenset[str] = frozenset()) -> list[int]:
    """Indices of the tokens whose lower-case form is in `lower`, whose lemma is in `lemma`, whose shape is in
    `shapes` or contains `shape_has`, or whose part of speech is `pos`, read from the Doc's arrays rather than token by token (this
    runs on every article, for every component)."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    columns = doc.to_array([LOWER, SHAPE, POS, LEMMA])
    hit = numpy.isin(columns[:, 0], _ids(lower)) if lower else numpy.zeros(len(doc), bool)
    if lemma:
        hit |= numpy.isin(columns[:, 3], _ids(lemma))
    wanted_shapes = set(_ids(shapes))
    if shape_has is not None:
        wanted_shapes |= {int(h) for h in numpy.unique(columns[:, 1]) if shape_has in strings[int(h)]}
    if wanted_shapes:
        hit |= numpy.isin(columns[:, 1], list(wanted_shapes))
    if pos is not None:
        hit |= columns[:, 2] == doc.vocab.strings[pos]
    return [int(i) for i in numpy.flatnonzero(hit)]
