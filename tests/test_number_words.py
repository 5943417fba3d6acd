from decimal import Decimal

import pytest

from extractor.normalize.number_words import read_number_words


@pytest.mark.parametrize(
    "words, value, decimals",
    [
        ("twenty - six", 26, 0),
        ("one hundred thirty", 130, 0),
        ("three hundred and one", 301, 0),
        ("4 thousand 3 hundred and 21", 4321, 0),
        ("five point five", Decimal("5.5"), 1),
        ("nought point nought three", Decimal("0.03"), 2),
        ("two million and a half", 2_500_000, 0),
        ("one billion and a quarter million", 1_000_250_000, 0),
        ("half million", 500_000, 0),
        ("five billion and three quarters", 5_750_000_000, 0),
        ("three lakh crore", 3 * 10**12, 0),
        ("a dozen", 12, 0),
    ],
)
def test_cardinals_in_words(words, value, decimals):
    assert read_number_words(words.split()) == (Decimal(value), decimals)


@pytest.mark.parametrize("words", ["one two", "twenty thirty", "4000 3 hundred", "the", ""])
def test_words_that_are_not_one_number(words):
    assert read_number_words(words.split()) is None
