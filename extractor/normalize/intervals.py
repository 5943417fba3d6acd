"""The interval of values a figure's wording allows. Every rule is here, once.

h, the half-unit of stated precision: half of one unit in the last written digit, times the scale.
`5.9%` -> h = 0.05; `$330.3 billion` -> h = 0.05e9; `29%` -> h = 0.5; number words and fractions -> 0.5.

s, the slack of a hedge: max(h, 5% of the value). It stands for "a little" in `nearly`, `just over`, `about`.

| wording                                          | qualifier             | interval        |
|--------------------------------------------------|-----------------------|-----------------|
| `5.9%`                                           | none                  | [v - h, v + h]  |
| `about`, `around`, `roughly`, `close to`          | approximately         | [v - s, v + s]  |
| `nearly`, `almost`, `just under`, `less than`     | nearly, just_under, less_than | [v - s, v] |
| `more than`, `over`, `just over`                  | more_than, just_over  | [v, v + s]      |
| `at least`                                        | at_least              | [v, unbounded]  |
| `up to`, `at most`, `no more than`                | up_to, at_most        | [unbounded, v]  |
| `between 3% and 4%`, `$100-120 billion`           | range                 | [a - h, b + h], widened by s if hedged |
| `double digits`                                  | band                  | [10, 100]       |

Bounds are computed in Decimal so `330.3 billion` stays 330300000000.0, not 330299999999.99994.
"""

from __future__ import annotations

from decimal import Decimal

SLACK = Decimal("0.05")

BELOW = frozenset({"nearly", "just_under", "less_than"})
ABOVE = frozenset({"more_than", "just_over"})


def half_unit(decimals: int, scale: Decimal = Decimal(1)) -> Decimal:
    return Decimal(5) * Decimal(10) ** (-decimals - 1) * scale


def slack(value: Decimal, h: Decimal) -> Decimal:
    return max(h, abs(value) * SLACK)


def interval(value: Decimal, h: Decimal, qualifier: str | None) -> tuple[float | None, float | None]:
    """(lower, upper) for one stated value; None is unbounded."""
    s = slack(value, h)
    if qualifier is None:
        low, high = value - h, value + h
    elif qualifier == "approximately":
        low, high = value - s, value + s
    elif qualifier in BELOW:
        low, high = value - s, value
    elif qualifier in ABOVE:
        low, high = value, value + s
    elif qualifier == "at_least":
        return float(value), None
    elif qualifier in ("up_to", "at_most"):
        return None, float(value)
    else:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    return float(low), float(high)


def range_interval(
    low: Decimal, high: Decimal, h_low: Decimal, h_high: Decimal, qualifier: str | None
) -> tuple[float | None, float | None]:
    """(lower, upper) for a stated range: each end with its own precision, a hedge widening both."""
    lower, _ = interval(low, h_low, qualifier if qualifier in (None, "approximately", *BELOW) else None)
    _, upper = interval(high, h_high, qualifier if qualifier in (None, "approximately", *ABOVE) else None)
    return lower, upper
