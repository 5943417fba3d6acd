"""Units of measure: quantulum3's unit table, kept as data in rules/units.json.

quantulum3 builds its table at import through `inflect`, which costs about two CPU-seconds in every process that
reads a figure; the table changes only with quantulum3's releases. So it is written out once, with the unit
quantulum3's parser picks for a word that names several (`tons`), and rebuilt when quantulum3 is upgraded:

    python -m extractor.normalize.units

(tests/test_quantities.py says when the file no longer matches the installed quantulum3).
"""

from __future__ import annotations

import json
import re
import warnings
from decimal import Decimal
from pathlib import Path

from ..resources import load_rules

TABLE_FILE = "units.json"


def unit_table() -> dict:
    return load_rules(TABLE_FILE)  # read once: load_rules caches


# where quantulum3's table picks the rarer unit for a word (`seconds` of arc)
OVERRIDES: dict[str, str] = load_rules("quantities.json")["unit_overrides"]


def unit_for(surface: str) -> str | None:
    """The unit a lower-case word names (`tonnes`, `metric tons`, `kph`), or None when it names none."""
    return OVERRIDES.get(surface) or unit_table()["surfaces"].get(surface)


def unit_for_symbol(symbol: str) -> str | None:
    """The unit a symbol written against a number names, case kept (`ml`, `lbs`, `kW`, `dm`)."""
    if symbol in NOT_GLUED_UNITS:
        return None
    return OVERRIDES.get(symbol) or unit_table()["symbols"].get(symbol)


# what follows a number and is no unit: ordinals (`1st`), decades and ages (`1990s`, `her 30s`), and quote marks,
# which close quotes far more often than they mark inches, feet or seconds of arc
NOT_GLUED_UNITS = frozenset({"st", "nd", "rd", "th", "s", "S", '"', "'", "''", "\u201d", "\u2019"})
_GLUED = re.compile(r"^(?P<number>\d+(?:\.\d+)?)[({\[<]?(?P<symbol>[^\d\s.,({\[<][^\s]*)$")


def glued_unit(text: str) -> tuple[Decimal, int, str] | None:
    """(value, decimals, unit) of a number with its unit symbol written against it: `75ml`, `200lbs`, `24703m2`,
    `45{kg`; None when the letters name no unit (a scale such as `5m` is read as a number first)."""
    match = _GLUED.match(text)
    if match is None or match["symbol"] in NOT_GLUED_UNITS:
        return None
    unit = unit_for_symbol(match["symbol"]) or unit_for(match["symbol"].lower())
    if unit is None:
        return None
    digits = match["number"]
    return Decimal(digits), len(digits.partition(".")[2]), unit


def build_table() -> dict:
    """Read quantulum3's table: each surface and symbol with the one unit it names, the parser's choice where the
    table lists several; a currency by its ISO 4217 code."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns that its optional classifier is not installed
        from quantulum3 import load, parser
        import quantulum3

    units = load.units("en_US")

    def chosen(surface: str, names: set[str]) -> str | None:
        if len(names) == 1:
            return next(iter(names))
        parsed = parser.parse(f"2 {surface}")
        return parsed[0].unit.name if parsed and parsed[0].unit.name in names else None

    codes = {name: unit.currency_code for name, unit in units.names.items() if getattr(unit, "currency_code", None)}

    def table(entries: dict) -> dict[str, str]:
        out = {}
        for surface in sorted(entries):
            name = chosen(surface, {u.name for u in entries[surface]})
            if name and name != "dimensionless":
                out[surface] = codes.get(name, name)  # money in ISO 4217, as the rest of the records
        return out

    return {
        "_doc": "Generated from quantulum3's unit table by `python -m extractor.normalize.units`; do not edit.",
        "quantulum3": quantulum3.__version__,
        "surfaces": table(units.surfaces_lower),
        "symbols": table(units.symbols),
    }


if __name__ == "__main__":
    path = Path(__file__).resolve().parent.parent / "rules" / TABLE_FILE
    path.write_text(json.dumps(build_table(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}")
