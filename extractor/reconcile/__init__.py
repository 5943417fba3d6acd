"""Cross-checking claims and quotes across articles.

    articles -> syndicated copies counted once (duplicates.py)
             -> claims grouped by the fact they state (grouping.py), each group given a verdict (verdicts.py)
             -> arithmetic checks between groups (arithmetic.py)
             -> quotes grouped by their words and compared (quotes.py)
"""

from __future__ import annotations

from collections.abc import Iterable

from schemas import ArticleFacts, Reconciliation, load_facts

from .arithmetic import arithmetic_checks
from .duplicates import find_duplicates
from .grouping import group_claims
from .quotes import reconcile_quotes
from .verdicts import judge

# What a reviewer reads first: conflicts, then what needs review.
REVIEW_ORDER = {"conflict": 0, "needs_review": 1}


def reconcile(articles: Iterable[ArticleFacts | dict]) -> Reconciliation:
    """Cross-check the claims and quotes of several articles. Items are ArticleFacts records or the dicts read back
    from `facts.jsonl` (checked by `schemas.load_facts`)."""
    articles = [load_facts(a) if isinstance(a, dict) else a for a in articles]
    duplicates, copy_of = find_duplicates(articles)
    originals = [a for a in articles if a.article.id not in copy_of]
    groups = [judged for group in group_claims(originals, copy_of) for judged in judge(group, copy_of)]
    return Reconciliation(
        articles=[a.article.id for a in articles],
        groups=sorted(groups, key=lambda g: (REVIEW_ORDER.get(g.verdict, len(REVIEW_ORDER)), g.key.subject or "", g.key.metric)),
        quotes=reconcile_quotes(originals),
        checks=arithmetic_checks(groups),
        duplicates=duplicates,
    )


__all__ = ["reconcile"]
