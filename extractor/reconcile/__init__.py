"""Cross-checking claims and quotes across articles.

    articles -> syndicated copies counted once (duplicates.py)
             -> claims grouped by the fact they state (grouping.py), each group given a verdict (verdicts.py)
             -> arithmetic checks between groups (arithmetic.py)
             -> quotes grouped by their words and compared (quotes.py)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from schemas import ArticleFacts, Reconciliation, load_facts
from schemas.reconciliation import ArticleRef

from .arithmetic import arithmetic_checks
from .duplicates import find_duplicates
from .grouping import group_claims
from .quotes import reconcile_quotes
from .verdicts import judge

# What a reviewer reads first: conflicts, then what needs review.
REVIEW_ORDER = {"conflict": 0, "needs_review": 1}


def reconcile(articles: Iterable[ArticleFacts | dict | str | Path] | str | Path,
              reference: ArticleFacts | dict | None = None) -> Reconciliation:
    """Cross-check the claims and quotes of several articles. Items are ArticleFacts records, the dicts read back
    from `facts.jsonl` (checked by `schemas.load_facts`), or paths of such JSON-lines files. `reference` is an
    official release (a statistics office's own text): where it states a fact, its figure is the one each outlet is
    judged against."""
    articles = list(_loaded([articles] if isinstance(articles, (str, Path)) else articles))
    if isinstance(reference, dict):
        reference = load_facts(reference)
    if reference is not None:
        articles.append(reference)
    reference_id = reference.article.id if reference is not None else None
    # one order whatever order the articles came in, so that the same inputs give the same output byte for byte: the
    # official release first, then by date (the first published of a set of copies is the one kept), then by id;
    # the same article given twice (one file named twice) is one source
    articles = sorted({a.article.id: a for a in articles}.values(),
                      key=lambda a: (a.article.id != reference_id, a.article.published or date.max, a.article.id))
    duplicates, copy_of = find_duplicates(articles)
    originals = [a for a in articles if a.article.id not in copy_of]
    stated = originals + _what_copies_changed(articles, duplicates)
    grouped = group_claims(stated, copy_of)
    for group in grouped:
        group.reference = reference_id
    groups = [judged for group in grouped for judged in judge(group, copy_of)]
    return Reconciliation(
        articles=[a.article.id for a in articles],
        sources=[ArticleRef(id=a.article.id, source=a.article.source, title=a.article.title, url=a.article.url,
                            published=a.article.published) for a in articles],
        groups=sorted(groups, key=_review_order),
        quotes=reconcile_quotes(stated),
        checks=arithmetic_checks(groups),
        duplicates=duplicates,
    )


def _loaded(items: Iterable[ArticleFacts | dict | str | Path]) -> Iterable[ArticleFacts]:
    for item in items:
        if isinstance(item, (str, Path)):
            lines = Path(item).read_text(encoding="utf-8").split("\n")
            yield from (load_facts(line) for line in lines if line.strip())
        else:
            yield load_facts(item) if isinstance(item, dict) else item


def _review_order(group) -> tuple:
    """Conflicts, then what needs review; within a subject and metric, the groups most sources state first; then
    by key, so that the order never depends on the input's."""
    sources = len({c.article_id for c in group.claims})
    return (REVIEW_ORDER.get(group.verdict, len(REVIEW_ORDER)), group.key.subject or "", group.key.metric, -sources,
            group.key.model_dump_json())


def _what_copies_changed(articles: list[ArticleFacts], duplicates) -> list[ArticleFacts]:
    """A changed copy is a source for what it changed: its claims with values the kept article does not state, and
    its quotes whose words differ, each reconciled as the copy's own. What it repeats is counted once, with the
    article kept."""
    by_id = {a.article.id: a for a in articles}
    changed = []
    for duplicate in duplicates:
        kept_quotes = {q.text for q in by_id[duplicate.kept].quotes}
        for change in duplicate.changed:
            copy = by_id[change.article_id]
            changed_ids = set(change.claims)
            claims = [c for c in copy.claims if c.id in changed_ids]
            quotes = [q for q in copy.quotes if q.text not in kept_quotes]
            if claims or quotes:
                changed.append(copy.model_copy(update={"claims": claims, "quotes": quotes}))
    return changed


__all__ = ["reconcile"]
