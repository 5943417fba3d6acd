"""Syndicated copies: the same wire text republished is one source, not five confirmations."""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from schemas import ArticleFacts
from schemas.reconciliation import DuplicateSet

from ..resources import load_rules

# Copies are compared on their opening: outlets add their own headline, byline or footer around the same body.
COMPARED_CHARS = 3000


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def find_duplicates(articles: list[ArticleFacts]) -> tuple[list[DuplicateSet], dict[str, str]]:
    """(sets of copies, copy id -> kept id). Only articles of similar length are compared, so the cost stays
    near-linear in practice."""
    threshold = load_rules("reconcile.json")["syndication_similarity"]
    buckets: dict[int, list[ArticleFacts]] = defaultdict(list)
    for article in articles:
        buckets[len(article.article.text) // 2000].append(article)
    copy_of: dict[str, str] = {}
    sets: dict[str, DuplicateSet] = {}
    texts = {a.article.id: _normal(a.article.text[:COMPARED_CHARS]) for a in articles}
    position = {a.article.id: i for i, a in enumerate(articles)}
    for i, article in enumerate(articles):
        aid = article.article.id
        if aid in copy_of:
            continue
        band = len(article.article.text) // 2000
        for other in (o for b in (band - 1, band, band + 1) for o in buckets.get(b, ())):
            oid = other.article.id
            if oid == aid or oid in copy_of or oid in sets or position[oid] < i:
                continue
            score = fuzz.token_sort_ratio(texts[aid], texts[oid])
            if score >= threshold:
                copy_of[oid] = aid
                kept = sets.get(aid) or DuplicateSet(kept=aid, copies=[], similarity=100.0)
                sets[aid] = DuplicateSet(kept=aid, copies=[*kept.copies, oid], similarity=min(kept.similarity, round(score, 1)))
    return list(sets.values()), copy_of
