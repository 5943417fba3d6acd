"""How two claims of the same fact relate, from the intervals their wording allows."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from schemas import Claim

# Hedges that move the value one way: the writer says it is not exactly the figure.
DIRECTIONAL = frozenset({"nearly", "just_under", "less_than", "more_than", "just_over", "at_least", "up_to", "at_most"})
# One-sided hedges: the claim holds of any figure beyond its value on that side.
OPEN_ABOVE = frozenset({"more_than", "at_least"})
OPEN_BELOW = frozenset({"less_than", "up_to", "at_most"})
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def bounds(claim: Claim) -> tuple[float, float]:
    low = claim.lower if claim.lower is not None else -math.inf
    high = claim.upper if claim.upper is not None else math.inf
    return low, high


def allowed(claim: Claim) -> tuple[float, float]:
    """What a claim's words are true of, for comparing sources: its interval, opened on the side a one-sided hedge
    leaves open (`more than a fifth` is true of 22%, `less than 5%` of 3%)."""
    low, high = bounds(claim)
    if claim.qualifier in OPEN_ABOVE:
        high = math.inf
    if claim.qualifier in OPEN_BELOW:
        low = -math.inf
    return low, high


def step(claim: Claim) -> float | None:
    """The rounding unit the figure was written to: 0.1 billion for `$330.3 billion`."""
    if claim.value is None or claim.quantity is None:
        return None
    match = _NUMBER.search(claim.quantity.text)
    if match is None:
        return None
    written = Decimal(match.group(0).replace(",", ""))
    if written == 0:
        return None
    decimals = len(match.group(1) or "")
    scale = abs(Decimal(str(claim.value)) / written)
    return float(Decimal(10) ** -decimals * scale)


def relation(a: Claim, b: Claim) -> tuple[str, str]:
    (a_low, a_high), (b_low, b_high) = allowed(a), allowed(b)
    if a_high < b_low or b_high < a_low:
        return "conflict", "the intervals do not overlap"
    hedges = {a.qualifier, b.qualifier} & DIRECTIONAL
    if hedges:
        return "compatible", f"they overlap through `{sorted(hedges)[0].replace('_', ' ')}`"
    if a.value is None or b.value is None:
        same = (a.lower, a.upper) == (b.lower, b.upper)
        return ("agree", "the same range") if same else ("compatible", "the ranges overlap")
    steps = [s for s in (step(a), step(b)) if s]
    coarse = max(steps) if steps else 0.0
    if coarse and math.isclose(round(a.value / coarse) * coarse, round(b.value / coarse) * coarse, rel_tol=1e-9):
        return "agree", "equal at the coarser precision"
    if math.isclose(a.value, b.value, rel_tol=1e-9):
        return "agree", "equal"
    return "compatible", "the intervals overlap, the values differ within rounding"
