"""Arithmetic between stated figures: exports - imports = the balance; a level and a change imply the level of the
period before. Checks use each group's best-supported value, within and across articles."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from schemas.reconciliation import ArithmeticCheck, ClaimGroup

from .relations import DIRECTIONAL


def _plain(group: ClaimGroup):
    """The most precise claim stated plainly (no hedge of direction, its own period): arithmetic needs those."""
    plain = [c.claim for c in group.claims if c.claim.value is not None and c.claim.qualifier not in DIRECTIONAL
             and not (c.claim.period and c.claim.period.resolution == "article_reference")
             and c.claim.lower is not None and c.claim.upper is not None]
    return min(plain, key=lambda c: c.upper - c.lower) if plain else None


def _width(claim) -> float:
    return (claim.upper - claim.lower) / 2


def _check(kind: str, expected: float, stated, tolerance: float, explanation: str, groups: list[ClaimGroup],
           used: list) -> ArithmeticCheck:
    ok = abs(expected - stated.value) <= tolerance
    return ArithmeticCheck(check=kind, verdict="consistent" if ok else "inconsistent", expected=expected,
                           stated=stated.value, tolerance=tolerance, explanation=explanation,
                           claims=[i for g in groups for i in _ids(g)], evidence=[c.evidence for c in used])


def _ids(group: ClaimGroup) -> list[str]:
    return [f"{c.article_id}:{c.claim.id}" for c in group.claims]


def arithmetic_checks(groups: list[ClaimGroup]) -> list[ArithmeticCheck]:
    levels = {}
    for g in groups:
        k = g.key
        if k.kind == "level" and k.partner is None and k.product is None and k.period_end and _plain(g) is not None:
            levels.setdefault((k.subject, k.metric, k.period_start, k.period_end, k.unit), g)
    checks = []
    for (subject, metric, start, end, unit), balance_group in levels.items():
        if metric != "trade_balance":
            continue
        exports_group = levels.get((subject, "exports", start, end, unit))
        imports_group = levels.get((subject, "imports", start, end, unit))
        if exports_group is None or imports_group is None:
            continue
        exports, imports, balance = _plain(exports_group), _plain(imports_group), _plain(balance_group)
        expected = exports.value - imports.value
        checks.append(_check(
            "balance", expected, balance, _width(exports) + _width(imports) + _width(balance),
            f"{subject} {start}..{end}: exports {exports.value:,.0f} - imports {imports.value:,.0f}"
            f" = {expected:,.0f} {unit}; the stated balance is {balance.value:,.0f}",
            [exports_group, imports_group, balance_group], [exports, imports, balance],
        ))
    checks.extend(_implied_previous(groups, levels))
    return checks


def _implied_previous(groups: list[ClaimGroup], levels: dict) -> list[ArithmeticCheck]:
    """A level of 330.3 after a rise of 5.9% means 311.9 the year before: compare with a stated level for then."""
    checks = []
    for g in groups:
        k = g.key
        if k.kind != "change" or k.unit != "percent" or k.basis not in ("year_on_year", "month_on_month"):
            continue
        if k.partner is not None or k.product is not None or not k.period_end:
            continue
        for (subject, metric, start, end, unit), level in levels.items():
            if (subject, metric, start, end) != (k.subject, k.metric, k.period_start, k.period_end) or unit == "percent":
                continue
            months = 12 if k.basis == "year_on_year" else 1
            prev_start = str(date.fromisoformat(start) - relativedelta(months=months))
            prev_end = str((date.fromisoformat(end).replace(day=1) - relativedelta(months=months)) + relativedelta(months=1, days=-1))
            previous = levels.get((subject, metric, prev_start, prev_end, unit))
            if previous is None:
                continue
            change, now, before = _plain(g), _plain(level), _plain(previous)
            if change is None:
                continue
            expected = now.value / (1 + change.value / 100)
            checks.append(_check(
                "implied_previous_level", expected, before,
                _width(before) + _width(now) + abs(expected) * _width(change) / 100,
                f"{subject} {metric}: {now.value:,.0f} {unit} after a change of {change.value}% implies "
                f"{expected:,.0f} for {prev_start}..{prev_end}; stated {before.value:,.0f}",
                [level, g, previous], [now, change, before],
            ))
    return checks
