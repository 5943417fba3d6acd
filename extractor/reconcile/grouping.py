"""Which claims state the same fact: same subject, metric, partner, product, kind, basis, period and unit, after
canonical names. Grouping is by key (a dict lookup), so the cost grows linearly with the number of claims."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from schemas import ArticleFacts, Claim
from schemas.reconciliation import GroupKey

from ..resources import load_rules
from .relations import relation

# A poll's consensus and a named forecaster's figure for the same outcome are compared as one group of forecasts.
FORECAST_KINDS = frozenset({"forecast", "expectation"})
# Fields a claim may leave unstated; such a claim joins the one group that states it, and the group says so.
WILDCARDS = ("basis", "currency_basis")


@dataclass
class Member:
    article: ArticleFacts
    claim: Claim


@dataclass
class Group:
    key: GroupKey
    members: list[Member] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reference: str | None = None  # the id of the official release, when it states this fact


def _partner_names() -> dict[str, str]:
    names = {}
    for same in load_rules("reconcile.json")["same_partner"]:
        for name in same:
            names[name] = same[0]
    return names


def claim_key(claim: Claim, article: ArticleFacts, partners: dict[str, str]) -> GroupKey:
    period = claim.period
    resolved = period is not None and period.start_date is not None
    return GroupKey(
        subject=claim.subject,
        metric=claim.metric,
        partner=partners.get(claim.partner, claim.partner) if claim.partner else None,
        product=claim.product,
        kind="forecast" if claim.kind in FORECAST_KINDS else claim.kind,
        basis=_comparison_basis(claim),
        period_start=str(period.start_date) if resolved else (f"unresolved: {period.text}" if period else None),
        period_end=str(period.end_date) if resolved else None,
        unit=claim.unit,
        currency_basis=claim.currency_basis,
        adjustment=claim.adjustment,
        vintage=claim.vintage,
        # who set a target matters; forecasters' figures are all forecasts of the same outcome
        attribution=claim.attribution if claim.kind == "target" else None,
        # an unresolved period is the same period only in articles of the same day
        published=None if resolved else (str(article.article.published) if article.article.published else "unknown"),
    )


def _comparison_basis(claim: Claim) -> str | None:
    """`up 30% in January-May`, `a 40% increase year to date`: a change over a span of the year so far is
    measured against the same months a year before."""
    if claim.basis == "year_to_date" and claim.kind == "change" and claim.period is not None \
            and claim.period.granularity == "range":
        return "year_on_year"
    return claim.basis


def group_claims(articles: list[ArticleFacts], copy_of: dict[str, str]) -> list[Group]:
    partners = _partner_names()
    groups: dict[GroupKey, Group] = {}
    for article in articles:
        for claim in article.claims:
            if claim.negated:
                continue  # `did not fall 3%` states no value to compare
            key = claim_key(claim, article, partners)
            groups.setdefault(key, Group(key)).members.append(Member(article, claim))
    for wildcard in WILDCARDS:
        _merge_unstated(groups, wildcard)
    _merge_products(groups, frozenset(load_rules("reconcile.json")["product_filler_words"]))
    return list(groups.values())


def product_words(name: str, fillers: frozenset[str]) -> frozenset[str]:
    """The words that name a good, singular: `Gems & Jewellery` and `gems and jewellery` are {gem, jewellery};
    `petroleum products` is {petroleum}."""
    words = re.findall(r"[a-z0-9][a-z0-9-]*", name.lower())
    return frozenset(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w
                     for w in words if w not in fillers)


def _merge_products(groups: dict[GroupKey, Group], fillers: frozenset[str]) -> None:
    """Outlets name one category in their own words: `electronic goods` and `electronics` are one product, and
    `jewellery` is the `gems and jewellery` of another outlet when that is the only product whose name holds it.
    A name whose words another's hold joins it only where its figures fit that group's."""
    by_rest: dict[GroupKey, list[tuple[frozenset[str], GroupKey]]] = defaultdict(list)
    for key in groups:
        if key.product and (words := product_words(key.product, fillers)):
            by_rest[key.model_copy(update={"product": None})].append((words, key))
    for named in by_rest.values():
        named.sort(key=lambda item: (len(item[0]), item[1].product))
        for i, (words, key) in enumerate(named):
            wider = {w for w, _ in named[i + 1:] if words < w or words == w}
            if len(wider) != 1:
                continue
            target_words = wider.pop()
            target = groups[next(k for w, k in named[i + 1:] if w == target_words)]
            source = groups[key]
            fits = source.members if words == target_words else [
                m for m in source.members if any(relation(m.claim, t.claim)[0] != "conflict" for t in target.members)]
            if not fits:
                continue
            target.members.extend(fits)
            target.notes.append(f"`{key.product}` taken as the same product as `{target.key.product}`")
            source.members = [m for m in source.members if m not in fits]
            if not source.members:
                del groups[key]


def _merge_unstated(groups: dict[GroupKey, Group], wildcard: str) -> None:
    """`Imports climbed 1.9%` (basis unstated) joins `imports grew just under 2% from a year earlier` when that is the
    only basis stated for the same fact."""
    stated: dict[GroupKey, list[GroupKey]] = defaultdict(list)
    for key in groups:
        if getattr(key, wildcard) is not None:
            stated[key.model_copy(update={wildcard: None})].append(key)
    for key in [k for k in groups if getattr(k, wildcard) is None]:
        targets = stated.get(key, [])
        if len(targets) != 1:
            continue
        target, unstated = groups[targets[0]], groups[key]
        # an unstated basis is assumed only where the figure fits a source that states it (so that it counts towards
        # the majority it belongs to); a figure that clashes with every one is more likely a different basis
        fits = [m for m in unstated.members if any(relation(m.claim, t.claim)[0] != "conflict" for t in target.members)]
        if fits:
            target.members.extend(fits)
            target.notes.append(f"some sources do not state the {wildcard.replace('_', ' ')}; taken as "
                                f"{getattr(targets[0], wildcard)}")
        unstated.members = [m for m in unstated.members if m not in fits]
        if not unstated.members:
            del groups[key]
        else:
            unstated.notes.append(f"the {wildcard.replace('_', ' ')} is not stated and these figures do not fit the "
                                  f"sources that state one; not compared with them")
