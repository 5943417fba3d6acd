"""Sentence lookups in O(log n). spaCy's Span.sent and Token.sent walk the document from its start on every call,
which makes a component quadratic on long articles."""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, LOWER, POS, SHAPE
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span


class Sentences:
    def __init__(self, doc: Doc):
        self.spans: list[Span] = list(doc.sents)
        self.starts = [s.start for s in self.spans]

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


def windows(doc: Doc, positions: list[int], radius: int) -> list[Span]:
    """Stretches of `radius` tokens around each position, merged where they meet: a matcher whose every pattern
    holds one of these tokens need not look anywhere else."""
    spans: list[list[int]] = []
    for i in sorted(positions):
        start, end = max(i - radius, 0), min(i + radius + 1, len(doc))
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [doc[start:end] for start, end in spans]


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
