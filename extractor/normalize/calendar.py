"""Calendar arithmetic for periods: the first and last day of months, quarters, halves and years."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

DateRange = tuple[date, date]


def month(year: int, number: int) -> DateRange:
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def months(year: int, first: int, last: int) -> DateRange:
    return month(year, first)[0], month(year, last)[1]


def quarter(year: int, number: int) -> DateRange:
    return months(year, 3 * number - 2, 3 * number)


def half(year: int, number: int) -> DateRange:
    return months(year, 6 * number - 5, 6 * number)


def year(number: int) -> DateRange:
    return date(number, 1, 1), date(number, 12, 31)


def shift(period: DateRange, **delta: int) -> DateRange:
    """The same stretch moved by `delta` (`months=-1`): whole months stay whole months."""
    start = period[0] + relativedelta(**delta)
    end_month_start = period[1].replace(day=1) + relativedelta(**delta)
    end = end_month_start.replace(day=calendar.monthrange(end_month_start.year, end_month_start.month)[1])
    if period[1].day != calendar.monthrange(period[1].year, period[1].month)[1]:
        end = period[1] + relativedelta(**delta)
    return start, end


def latest_month_not_after(number: int, anchor: date) -> DateRange:
    """`November` in an article of 8 December 2025 is November 2025; `December` in it is December 2025."""
    y = anchor.year if number <= anchor.month else anchor.year - 1
    return month(y, number)


def earliest_month_not_before(number: int, anchor: date) -> DateRange:
    """`January` in a sentence about what will happen, in an article of November 2025, is January 2026."""
    y = anchor.year if number >= anchor.month else anchor.year + 1
    return month(y, number)


def latest_weekday_not_after(weekday: int, anchor: date) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def next_weekday_not_before(weekday: int, anchor: date) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
