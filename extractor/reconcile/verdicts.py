"""A verdict for each group of claims, from the intervals their wording allows.

- conflict: two stated intervals are disjoint (`8.2%` vs `8.4%`);
- agree: the intervals overlap and the values are equal at the coarser precision, with no hedge of direction
  (`$111.68 billion` vs `around $111.7 billion`);
- compatible: the intervals overlap only through a hedge or coarse rounding (`1.9%` vs `just under 2%`);
- single_source: one article (syndicated copies count once).
"""

from __future__ import annotations

import math

from schemas.reconciliation import ClaimGroup, Relation, SourcedClaim

from .grouping import Group, Member
from .relations import ORDER, bounds, relation

def _best(members: list[Member]) -> Member:
    """The best-supported claim: overlapping the most others, then the most precise."""
    def support(m: Member):
        overlaps = sum(relation(m.claim, o.claim)[0] != "conflict" for o in members)
        low, high = bounds(m.claim)
        return (overlaps, -(high - low) if math.isfinite(high - low) else -math.inf)

    return max(members, key=support)


def _sources(members: list[Member]) -> set[str]:
    return {m.article.article.id for m in members}


def judge(group: Group, copy_of: dict[str, str]) -> list[ClaimGroup]:
    """One verdict per group; claims whose period was inferred from the article are set apart when they would be
    the only cause of a conflict."""
    members = group.members
    verdict = _verdict(members)
    if verdict == "conflict":
        stated = [m for m in members if not m.inferred_period]
        inferred = [m for m in members if m.inferred_period]
        if inferred and stated and _verdict(stated) != "conflict":
            aside = Group(group.key, inferred, ["the period was inferred from the article, not stated; not compared"])
            return [_group(Group(group.key, stated, group.notes), copy_of), _group(aside, copy_of, single=True)]
    return [_group(group, copy_of)]


def _verdict(members: list[Member]) -> str:
    if len(_sources(members)) < 2:
        return "single_source"
    worst = "agree"
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.article.article.id == b.article.article.id:
                continue
            rel, _ = relation(a.claim, b.claim)
            worst = max(worst, rel, key=ORDER.__getitem__)
    return worst


def _group(group: Group, copy_of: dict[str, str], single: bool = False) -> ClaimGroup:
    members = group.members
    verdict = "single_source" if single else _verdict(members)
    best = _best(members)
    copies: dict[str, list[str]] = {}
    for copy, kept in copy_of.items():
        copies.setdefault(kept, []).append(copy)
    relations = []
    for m in members:
        if m is best:
            rel, detail = "agree", "best-supported value"
        else:
            rel, detail = relation(m.claim, best.claim)
        relations.append(Relation(article_id=m.article.article.id, claim_id=m.claim.id, relation=rel, detail=detail))
    return ClaimGroup(
        key=group.key,
        verdict=verdict,
        best_value=best.claim.value,
        claims=[SourcedClaim(article_id=m.article.article.id, source=m.article.article.source, claim=m.claim,
                             copies=copies.get(m.article.article.id, [])) for m in members],
        relations=relations,
        explanation=_explain(group, verdict, members),
        note="; ".join(dict.fromkeys(group.notes)) or None,
    )


def _explain(group: Group, verdict: str, members: list[Member]) -> str:
    key = group.key
    what = " ".join(x for x in (key.subject, key.metric.replace("_", " "), f"to {key.partner}" if key.partner else "",
                                 f"({key.product})" if key.product else "", key.kind,
                                 f"({key.basis.replace('_', ' ')})" if key.basis else "") if x)
    claim = members[0].claim
    when = claim.period.text if claim.period and claim.period.text else "no period"
    if claim.period and claim.period.start_date:
        when = f"{claim.period.start_date}..{claim.period.end_date}"
    said = "; ".join(f"{m.article.article.source or m.article.article.id[:8]}: {m.claim.quantity.text if m.claim.quantity else m.claim.value}"
                     for m in members)
    n = len(_sources(members))
    head = {"agree": f"{n} sources agree", "compatible": f"{n} sources are compatible",
            "conflict": f"{n} sources conflict", "single_source": "only one source states"}[verdict]
    return f"{head} on {what}, {when}: {said}"
