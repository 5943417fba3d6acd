from decimal import Decimal

import pytest

from extractor.normalize.intervals import half_unit, interval, range_interval


@pytest.mark.parametrize(
    "value, decimals, qualifier, expected",
    [
        ("5.9", 1, None, (5.85, 5.95)),  # stated precision
        ("29", 0, "nearly", (27.55, 29.0)),  # a little below, never above
        ("2", 0, "just_under", (1.5, 2.0)),
        ("218.6", 1, "more_than", (218.6, 229.53)),  # a little above
        ("5", 0, "approximately", (4.5, 5.5)),
        ("10", 0, "at_least", (10.0, None)),
        ("10", 0, "up_to", (None, 10.0)),
    ],
)
def test_interval_rules(value, decimals, qualifier, expected):
    v = Decimal(value)
    assert interval(v, half_unit(decimals), qualifier) == pytest.approx(expected)


def test_scale_keeps_exact_base_units():
    h = half_unit(1, Decimal(10) ** 9)
    assert interval(Decimal("330.3") * Decimal(10) ** 9, h, None) == (330250000000.0, 330350000000.0)


def test_range_takes_each_end_with_its_precision():
    assert range_interval(Decimal(3), Decimal(4), Decimal("0.5"), Decimal("0.5"), None) == (2.5, 4.5)


def test_unknown_qualifier_is_an_error():
    with pytest.raises(ValueError):
        interval(Decimal(1), Decimal("0.5"), "roughly-ish")
