"""Syndicated copies: the same wire text republished is one source, not five confirmations."""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from schemas import ArticleFacts
from schemas.reconciliation import ChangedCopy, DuplicateSet

from ..resources import load_rules

# Copies are compared on their opening: outlets add their own headline, byline or footer around the same body.
COMPARED_CHARS = 3000
SHINGLE = 6  # words
SKETCH = 8  # smallest shingle hashes kept per article
MAX_DIFFERENCES = 12


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _sketch(words: list[str]) -> set[int]:
    """The SKETCH smallest hashes of the article's word shingles: copies share them, unrelated texts almost never."""
    hashes = {hash(" ".join(words[i : i + SHINGLE])) for i in range(max(1, len(words) - SHINGLE + 1))}
    return set(sorted(hashes)[:SKETCH])


def find_duplicates(articles: list[ArticleFacts]) -> tuple[list[DuplicateSet], dict[str, str]]:
    """(sets of copies, copy id -> kept id). Candidates are articles whose shingle sketches meet, so the cost grows
    with the number of articles, not with its square; candidates are then compared word by word."""
    threshold = load_rules("reconcile.json")["syndication_similarity"]
    texts = {a.article.id: _normal(a.article.text[:COMPARED_CHARS]) for a in articles}
    position = {a.article.id: i for i, a in enumerate(articles)}
    by_hash: dict[int, list[str]] = defaultdict(list)
    for article in articles:
        for value in _sketch(texts[article.article.id].split()):
            by_hash[value].append(article.article.id)
    copy_of: dict[str, str] = {}
    sets: dict[str, DuplicateSet] = {}
    for article in articles:
        aid = article.article.id
        if aid in copy_of:
            continue
        candidates = {oid for value in _sketch(texts[aid].split()) for oid in by_hash[value]}
        for oid in sorted(candidates, key=position.__getitem__):
            if oid == aid or oid in copy_of or oid in sets or position[oid] < position[aid]:
                continue
            score = fuzz.token_sort_ratio(texts[aid], texts[oid])
            if score >= threshold:
                copy_of[oid] = aid
                kept = sets.get(aid) or DuplicateSet(kept=aid, copies=[], similarity=100.0)
                sets[aid] = DuplicateSet(kept=aid, copies=[*kept.copies, oid], similarity=min(kept.similarity, round(score, 1)))
    by_id = {a.article.id: a for a in articles}
    for kept_id, duplicate in sets.items():
        changed = [change for copy in duplicate.copies if (change := _changes(by_id[kept_id], by_id[copy])) is not None]
        sets[kept_id] = duplicate.model_copy(update={"changed": changed})
    return list(sets.values()), copy_of


def _changes(kept: ArticleFacts, copy: ArticleFacts) -> ChangedCopy | None:
    """How a copy differs from the article kept for its set: the words it changed, and its claims with a value the
    kept article does not state (`rose 4.8%` where the wire says `4.2%`)."""
    old, new = kept.article.text.split(), copy.article.text.split()
    differences = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("insert", "delete"):  # a word added or dropped reads with the words around it
            i1, j1, i2, j2 = max(i1 - 1, 0), max(j1 - 1, 0), i2 + 1, j2 + 1
        if op != "equal":
            differences.append(f"{' '.join(old[i1:i2])} → {' '.join(new[j1:j2])}")
    if not differences:
        return None
    stated = {_statement(c) for c in kept.claims}
    claims = [c.id for c in copy.claims if _statement(c) not in stated]
    return ChangedCopy(article_id=copy.article.id, differences=differences[:MAX_DIFFERENCES], claims=claims)


def _statement(claim) -> tuple:
    return claim.subject, claim.metric, claim.partner, claim.kind, claim.basis, claim.value, claim.unit
