"""Per-document lookups built once and shared by the components that run after the statistical model: the
sentences, in O(log n) (spaCy's Span.sent and Token.sent walk the document from its start on every call, which
makes a component quadratic on long articles), the text (Doc.text rebuilds the string on every access), the token
attribute columns, and the entities by position."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

import numpy
from spacy.attrs import LEMMA, LOWER, POS, SENT_START, SHAPE
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

T = TypeVar("T")
_RECENT: OrderedDict[int, tuple[Doc, dict[str, Any]]] = OrderedDict()
RECENT_DOCS = 64  # two nlp.pipe batches of the default size: the later components find what the first built


def once(doc: Doc, name: str, build: Callable[[Doc], T]) -> T:
    """`build(doc)`, computed once per Doc. The cache holds the Doc itself, so an id is never reused while its
    entry lives; only the most recent documents are kept."""
    entry = _RECENT.get(id(doc))
    if entry is None or entry[0] is not doc:
        entry = _RECENT[id(doc)] = (doc, {})
        while len(_RECENT) > RECENT_DOCS:
            _RECENT.popitem(last=False)
    else:
        _RECENT.move_to_end(id(doc))
    if name not in entry[1]:
        entry[1][name] = build(doc)
    return entry[1][name]


class Sentences:
    def __init__(self, doc: Doc):
        if len(doc) and not doc.has_annotation("SENT_START"):
            list(doc.sents)  # spaCy's own error (E030), which says how to add sentence boundaries
        # read from the array: Doc.sents builds each sentence token by token
        self.starts = sorted({0, *numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()}) if len(doc) else []
        self.spans: list[Span] = [doc[a:b] for a, b in zip(self.starts, [*self.starts[1:], len(doc)])]

    def of(self, token_index: int) -> Span:
        return self.spans[max(bisect_right(self.starts, token_index) - 1, 0)]

    def before(self, sent: Span, count: int = 1) -> Span | None:
        """The sentence `count` places before `sent`, or None at the start of the document."""
        position = bisect_right(self.starts, sent.start) - 1 - count
        return self.spans[position] if position >= 0 else None


def sentences_of(doc: Doc) -> Sentences:
    return once(doc, "sentences", Sentences)


def text_of(doc: Doc) -> str:
    return once(doc, "text", lambda d: d.text)


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


COLUMNS = (LOWER, SHAPE, POS, LEMMA)


def _columns(doc: Doc) -> list[list[int]]:
    return doc.to_array(list(COLUMNS)).T.tolist() if len(doc) else [[] for _ in COLUMNS]


@lru_cache(maxsize=64)
def _ids(words: frozenset[str]) -> frozenset[int]:
    return frozenset(get_string_id(w) for w in words)


_SHAPE_HAS: dict[tuple[int, str], bool] = {}  # (shape id, part) -> whether the shape holds it; shapes are few


def positions(doc: Doc, lower: frozenset[str] = frozenset(), shapes: frozenset[str] = frozenset(),
              shape_has: str | None = None, pos: str | None = None, lemma: frozenset[str] = frozenset()) -> list[int]:
    """Indices of the tokens whose lower-case form is in `lower`, whose lemma is in `lemma`, whose shape is in
    `shapes` or contains `shape_has`, or whose part of speech is `pos`, read from the Doc's attribute columns
    rather than token by token (this runs on every article, for every component)."""
    lowers, shape_column, tags, lemmas = once(doc, "columns", _columns)
    wanted: list[tuple[list[int], frozenset[int]]] = []
    if lower:
        wanted.append((lowers, _ids(lower)))
    if lemma:
        wanted.append((lemmas, _ids(lemma)))
    if pos is not None:
        wanted.append((tags, frozenset({doc.vocab.strings[pos]})))
    shape_ids = _ids(shapes)
    if shape_has is not None:
        shape_ids = shape_ids | {h for h in set(shape_column) if _shape_has(doc, h, shape_has)}
    if shape_ids:
        wanted.append((shape_column, shape_ids))
    found: set[int] = set()
    for column, values in wanted:
        found.update(i for i, value in enumerate(column) if value in values)
    return sorted(found)


def _shape_has(doc: Doc, shape: int, part: str) -> bool:
    key = (shape, part)
    if key not in _SHAPE_HAS:
        _SHAPE_HAS[key] = part in doc.vocab.strings[shape]
    return _SHAPE_HAS[key]
