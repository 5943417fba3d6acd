"""Token-pattern matching where it can match. spaCy's Matcher starts every pattern at every token, so its cost
grows with patterns x tokens; every pattern of our rule files holds a trigger (a word or a token shape), so the
Matcher runs only on short windows around the triggers and skips the rest of the article."""

from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..resources import expand_placeholders
from .doc_index import positions

REPEATS = 3  # tokens a `*` or `+` in a pattern is assumed to cover, for the window size (`Hong Kong dollars`)


class TriggeredMatcher:
    def __init__(self, vocab: Vocab, rules: list[dict], placeholders: dict[str, Any] | None = None, *,
                 lower: frozenset[str] = frozenset(), shapes: frozenset[str] = frozenset(),
                 shape_has: str | None = None):
        self.matcher = Matcher(vocab, validate=True)
        patterns = [(rule["label"], expand_placeholders(rule["pattern"], placeholders or {})) for rule in rules]
        for label, pattern in patterns:
            self.matcher.add(label, [pattern])
        self.lower, self.shapes, self.shape_has = lower, shapes, shape_has
        # a match that holds a trigger lies within the longest pattern's length of it
        self.reach = max(sum(REPEATS if t.get("OP") in ("*", "+") else 1 for t in p) for _, p in patterns) - 1

    def __call__(self, doc: Doc) -> list[Span]:
        """Every match, labelled with its rule's label (overlaps included: the caller picks)."""
        triggers = positions(doc, lower=self.lower, shapes=self.shapes, shape_has=self.shape_has)
        return [Span(doc, w.start + s, w.start + e, label=key)
                for w in windows(doc, triggers, self.reach) for key, s, e in self.matcher(w)]


def windows(doc: Doc, positions: list[int], radius: int) -> list[Span]:
    """Stretches of `radius` tokens around each position, merged where they meet."""
    spans: list[list[int]] = []
    for i in sorted(positions):
        start, end = max(i - radius, 0), min(i + radius + 1, len(doc))
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [doc[start:end] for start, end in spans]
