"""Sentence lookups in O(log n). spaCy's Span.sent and Token.sent walk the document from its start on every call,
which makes a component quadratic on long articles."""

from __future__ import annotations

from bisect import bisect_right

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
