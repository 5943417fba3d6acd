"""Numbers as trade news writes them: `1,234.5`, `111.68bn`, `US111.68` (after a `$`), number words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..resources import load_rules

_VOCAB = load_rules("quantities.json")
# what can be glued before a number: a dollar's country after a `$` (`$US111.68`), or a currency code or local
# sign (`USD25m`, `RM14.90`, `S$2mil`); after it, a scale (`111.68bn`) or `pc` (`6pc`, per cent)
_PREFIXES = sorted({*_VOCAB["number_prefix_currency"], *_VOCAB["glued_currency"]}, key=len, reverse=True)
_AFFIXED = re.compile(
    rf"^(?P<prefix>{'|'.join(map(re.escape, _PREFIXES))})?"
    r"(?P<digits>[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+))"
    r"(?:(?P<suffix>bn|tn|trn|tr|mn|mln|bln|mil|m|b|k|t|pc|Bn|BN|MM|M|B|K)\.?)?$"  # `$10M.` at a sentence's end
)


@dataclass(frozen=True)
class Number:
    """A written number: its value, how many decimals were written, and what was glued to it."""

    value: Decimal
    decimals: int
    prefix: str | None = None  # `US` in `$US111.68`, `USD` in `USD25m`
    scale_suffix: str | None = None  # `bn` in `111.68bn`; `pc` in `6pc` (per cent, no scale)


def parse_number(text: str) -> Number | None:
    match = _AFFIXED.match(text)
    if match is None:
        return None
    digits = match["digits"].replace(",", "").lstrip("+")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Number(Decimal(digits), decimals, match["prefix"], match["suffix"])


def scale_of(word: str | None) -> Decimal:
    if not word:
        return Decimal(1)
    if word == "MM":
        return Decimal(1_000_000)  # bankers' thousand thousands (`$1MM`); `mm` in lower case is millimetres
    return Decimal(str(_VOCAB["scales"].get(word.lower(), 1)))


def is_year(text: str) -> bool:
    """A bare four-digit number that reads as a year (`2024`), not a figure."""
    return bool(re.fullmatch(r"(1[89]|20|21)\d\d", text))
