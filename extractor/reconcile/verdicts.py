"""A verdict for each group of claims, from the intervals their wording allows.

- conflict: two stated intervals are disjoint (`8.2%` vs `8.4%`);
- agree: the intervals overlap and the values are equal at the coarser precision, with no hedge of direction
  (`$111.68 billion` vs `around $111.7 billion`);
- compatible: the intervals overlap only through a hedge or coarse rounding (`1.9%` vs `just under 2%`);
- needs_review: the figures look disjoint, but the tool is not sure enough of what they state to call a conflict
  (one source gives two figures for the fact, or a claim's period, subject or basis was inferred); the group says
  why;
- single_source: one article (syndicated copies count once).

Forecasts (a poll's consensus, a bank's projection) of the same outcome are one group, and figures that differ
there are compatible, never in conflict: polls and forecasters differ without anyone misreporting.

A fact-checker acts on a conflict, so a conflict is raised only between claims whose sentences state what they
are about, each source giving one figure for the fact.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from schemas.facts import (
    INFERRED_CONVENTION,
    INFERRED_REFERENCE_PERIOD,
    INFERRED_STATED_BASIS,
    INFERRED_YEAR_TO_DATE,
)
from schemas.reconciliation import ClaimGroup, Relation, SourcedClaim

from .grouping import Group, Member
from .relations import DIRECTIONAL, allowed, bounds, relation, step


def _best(members: list[Member], reference: str | None = None) -> Member:
    """The official release's claim when the group has one; else the best-supported claim: overlapping the most
    others, then the most precise, then the first by article and claim id (never the input order). Counting
    overlaps with sorted bounds keeps a group of m claims at m log m."""
    official = [m for m in members if m.article.article.id == reference]
    if official:
        return min(official, key=lambda m: m.claim.id)
    lows = sorted(bounds(m.claim)[0] for m in members)
    highs = sorted(bounds(m.claim)[1] for m in members)

    def support(m: Member):
        low, high = bounds(m.claim)
        disjoint = bisect_left(highs, low) + (len(lows) - bisect_right(lows, high))
        width = high - low
        return (-(len(members) - disjoint), width if math.isfinite(width) else math.inf, m.article.article.id, m.claim.id)

    return min(members, key=support)


def _sources(members: list[Member]) -> set[str]:
    return {m.article.article.id for m in members}


FORECASTS_DIFFER = "forecasts from different polls or forecasters differ without either being wrong"
# Levels this many times apart are two facts the extraction bound to one, not a misreport.
SEVERAL_FOLD = 3


# What a claim may take from its article without making a conflict doubtful: its subject, when the article names
# whose statistics it reports; the currency of a growth rate, when the reporter publishes its rates in one
# currency; the seasonal adjustment its reporter publishes; a basis the article states for its other changes, or
# the one its reporter's release states changes on (how every outlet reads `exports fell 4.8%` in a report on that
# release); the months of a fiscal year the article names, in its reporter's calendar. A period taken from
# elsewhere can be the wrong one.
def _weak_inferences(m: Member) -> list[str]:
    return [field for field, source in m.claim.inferred.items() if not _firm(field, source)]


def _firm(field: str, source: str) -> bool:
    if field in ("subject", "currency_basis", "adjustment", "unit"):
        return True
    if field == "basis":
        return source == INFERRED_STATED_BASIS or source.startswith(INFERRED_CONVENTION)
    if field == "period":
        # the period the article reports on, or a fiscal year it names read in its reporter's calendar
        return source.endswith(INFERRED_REFERENCE_PERIOD) and source != INFERRED_YEAR_TO_DATE \
            or source.startswith(INFERRED_CONVENTION)
    return False


def judge(group: Group, copy_of: dict[str, str]) -> list[ClaimGroup]:
    """One verdict per group. Where the intervals are disjoint, the figures that only doubtful binding put there
    are set apart first (listed with the reason); a conflict is raised only when it is sure, else the group needs
    review, with the reason."""
    members = group.members
    if _verdict(members) != "conflict":
        return [_group(group, copy_of)]
    if group.key.kind == "forecast":
        return [_group(Group(group.key, members, [*group.notes, FORECASTS_DIFFER], group.reference), copy_of,
                       verdict="compatible")]
    official = any(m.article.article.id == group.reference for m in members)
    # against an official release nothing is set apart: an outlet that differs from it is what the desk looks for
    kept, aside = (members, []) if official else _set_aside(members)
    if aside:
        reason = "; ".join(dict.fromkeys(why for _, why in aside))
        group = Group(group.key, kept, [*group.notes, f"set apart: {reason}"], group.reference)
        members = kept
        if _verdict(members) != "conflict":
            return [_group(group, copy_of, aside=[m for m, _ in aside])]
    doubt = _doubt(members)
    if doubt is None:
        return [_group(group, copy_of, aside=[m for m, _ in aside])]
    return [_group(Group(group.key, members, [*group.notes, doubt], group.reference), copy_of, verdict="needs_review",
                   aside=[m for m, _ in aside])]


def _set_aside(members: list[Member]) -> tuple[list[Member], list[tuple[Member, str]]]:
    """Figures that disagree with what two or more sources agree on, when their binding is doubtful: their own
    article also gives a figure that fits, their period or basis was inferred, or they are several-fold off."""
    # what most sources support, firm or inferred: one firm figure does not outvote four that agree
    consensus = _best(members)
    supporting = {m.article.article.id for m in members if relation(m.claim, consensus.claim)[0] != "conflict"}
    if len(supporting) < 2:
        return members, []
    by_source: dict[str, list[Member]] = {}
    for m in members:
        by_source.setdefault(m.article.article.id, []).append(m)
    kept, aside = [], []
    for m in members:
        own = by_source[m.article.article.id]
        if relation(m.claim, consensus.claim)[0] != "conflict":
            kept.append(m)
        elif m.article.article.id in supporting:
            aside.append((m, "its article also gives a figure that fits the other sources; this one likely belongs "
                             "to another fact (a category, a partner or another period)"))
        elif len(own) > 1 and _cross_disjoint_within(own):
            aside.append((m, "its article gives several figures for this fact that cannot all be it; they likely "
                             "belong to other facts (a category, a partner or another period)"))
        elif _weak_inferences(m):
            aside.append((m, f"its {' and '.join(_weak_inferences(m))} was inferred, not stated in its sentence"))
        elif _several_fold(m.claim, consensus.claim):
            aside.append((m, "it is several-fold off the others: more likely another fact than a misreport"))
        else:
            kept.append(m)
    return kept, aside


def _several_fold(a, b) -> bool:
    return a.kind == "level" and _fold_apart([a.value, b.value])


def _fold_apart(values: list[float | None]) -> bool:
    """Are the largest and smallest of these levels several-fold apart?"""
    sizes = [abs(v) for v in values if v]
    return len(sizes) > 1 and max(sizes) >= SEVERAL_FOLD * min(sizes)


def _doubt(members: list[Member]) -> str | None:
    """Why a disjoint group may not be a real disagreement, or None when the conflict is sure."""
    by_source: dict[str, list[Member]] = {}
    for m in members:
        by_source.setdefault(m.article.article.id, []).append(m)
    for own in by_source.values():
        if len(own) > 1 and _cross_disjoint_within(own):
            figures = ", ".join(f"`{m.claim.quantity.text if m.claim.quantity else m.claim.value}`" for m in own[:3])
            return (f"{_name(own[0])} gives several figures for this fact ({figures}): some may belong to another fact "
                    f"(a category, a partner or another period)")
    if _fold_apart([m.claim.value for m in members if m.claim.kind == "level"]):
        return ("the figures differ several-fold: more likely different facts (a category and a total, a month and "
                "a year) than one fact misreported")
    firm = [m for m in members if not _weak_inferences(m)]
    if _verdict(firm) != "conflict":
        inferred = sorted({f for m in members for f in _weak_inferences(m)})
        return (f"the figures differ only where a claim's {' and '.join(inferred)} was inferred from the article, "
                f"not stated in its sentence")
    return None


def _cross_disjoint_within(own: list[Member]) -> bool:
    lows = [allowed(m.claim)[0] for m in own]
    highs = [allowed(m.claim)[1] for m in own]
    return max(lows) > min(highs)


def _name(m: Member) -> str:
    return m.article.article.source or m.article.article.title or f"article {m.article.article.id[:8]}"


def _verdict(members: list[Member]) -> str:
    """The worst relation between claims of different articles: a conflict when two intervals are disjoint,
    compatible when a hedge or coarse rounding is needed to make them meet, else agree."""
    if len(_sources(members)) < 2:
        return "single_source"
    if _cross_article_disjoint(members):
        return "conflict"
    claims = [m.claim for m in members]
    if any(c.qualifier in DIRECTIONAL for c in claims) or any(c.value is None for c in claims):
        if all(c.value is None for c in claims) and len({(c.lower, c.upper) for c in claims}) == 1:
            return "agree"
        return "compatible"
    coarse = max((s for c in claims if (s := step(c))), default=0.0)
    rounded = {round(c.value / coarse) if coarse else c.value for c in claims}
    return "agree" if len(rounded) == 1 else "compatible"


def _cross_article_disjoint(members: list[Member]) -> bool:
    """Is some claim's interval entirely above another's, from a different article? The highest lower bounds
    against the lowest upper bounds answer it without looking at every pair."""
    by_low = sorted(members, key=lambda m: allowed(m.claim)[0], reverse=True)
    by_high = sorted(members, key=lambda m: allowed(m.claim)[1])
    for a in by_low[:3]:
        for b in by_high[:3]:
            if a.article.article.id != b.article.article.id and allowed(a.claim)[0] > allowed(b.claim)[1]:
                return True
    # past the first few, an article's own claims are the only reason to look further
    lowest_high = {}
    for m in by_high:
        lowest_high.setdefault(m.article.article.id, allowed(m.claim)[1])
    ranked = sorted(lowest_high.items(), key=lambda kv: kv[1])[:2]
    for m in by_low:
        low = allowed(m.claim)[0]
        for article_id, high in ranked:
            if article_id != m.article.article.id and low > high:
                return True
    return False


def _group(group: Group, copy_of: dict[str, str], verdict: str | None = None,
           aside: list[Member] | None = None) -> ClaimGroup:
    verdict = verdict or _verdict(group.members)
    best = _best(group.members, group.reference)
    official = best.article.article.id == group.reference
    members = [best, *(m for m in group.members if m is not best)]  # the best-supported statement first
    copies: dict[str, list[str]] = {}
    for copy, kept in copy_of.items():
        copies.setdefault(kept, []).append(copy)
    relations = []
    for m in members:
        if m is best:
            rel, detail = "agree", "the official release" if official else "best-supported value"
        else:
            rel, detail = relation(m.claim, best.claim)
        relations.append(Relation(article_id=m.article.article.id, claim_id=m.claim.id, relation=rel, detail=detail))
    return ClaimGroup(
        key=group.key,
        verdict=verdict,
        best_value=best.claim.value,
        claims=[_sourced(m, copies) for m in members],
        set_aside=[_sourced(m, copies) for m in aside or ()],
        relations=relations,
        explanation=_explain(group, verdict, members) + (
            f"; judged against the official release ({_name(best)})" if official else ""),
        note="; ".join(dict.fromkeys(group.notes)) or None,
        reference=best.article.article.id if official else None,
    )



def _sourced(m: Member, copies: dict[str, list[str]]) -> SourcedClaim:
    return SourcedClaim(article_id=m.article.article.id, source=m.article.article.source, claim=m.claim,
                        copies=copies.get(m.article.article.id, []))


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
    if verdict == "conflict":
        return f"{n} sources conflict on {what}, {when}: {_disjoint_pair(members)}"
    head = {"agree": f"{n} sources agree on", "compatible": f"{n} sources are compatible on",
            "needs_review": f"{n} sources give figures that need review for", "single_source": "one source states"}[verdict]
    return f"{head} {what}, {when}: {said}"


def _disjoint_pair(members: list[Member]) -> str:
    """The two figures that cannot both hold, with their sources and the ranges their wording allows."""
    by_low = sorted(members, key=lambda m: bounds(m.claim)[0], reverse=True)
    by_high = sorted(members, key=lambda m: bounds(m.claim)[1])
    high, low = next(((a, b) for a in by_low for b in by_high
                      if a.article.article.id != b.article.article.id and bounds(a.claim)[0] > bounds(b.claim)[1]),
                     (by_low[0], by_high[0]))

    def said(m: Member) -> str:
        lo, hi = bounds(m.claim)
        figure = m.claim.quantity.text if m.claim.quantity else m.claim.value
        return f"{_name(m)} gives `{figure}` (from {lo:g} to {hi:g})"

    return f"{said(high)} and {said(low)}; the ranges their wording allows do not overlap, so both cannot be right"
