"""Cardinals written in words, or in digits and words: `twenty-six`, `three hundred and one`, `4 thousand 3 hundred
and 21`, `five point five`, `nought point nought three`, `two million and a half`, `three lakh crore`.

Read over tokens rather than a string, so that the figure keeps its span; text2num and quantulum3 read strings (and
quantulum3's parser costs seconds to load), and neither reads a fraction joined to a scale.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from ..resources import load_rules
from .numbers import parse_number

_VOCAB = load_rules("quantities.json")
CARDINALS: dict[str, int] = _VOCAB["cardinal_words"]
FRACTIONS: dict[str, int] = _VOCAB["fraction_words"]
NUMERATORS: dict[str, int] = _VOCAB["numerators"]
# the scales a number word can carry; `m` or `bn` standing alone after a word is not one
SCALES = {w: Decimal(str(v)) for w, v in _VOCAB["scales"].items() if w.isalpha() and len(w) > 3}
HUNDRED = Decimal(100)
# the words a number in words is made of, besides its digits
NUMBER_PARTS = frozenset(CARDINALS) | frozenset(SCALES) | frozenset(FRACTIONS) | {"and", "a", "an", "point", "-", "dozen"}


def read_number_words(words: Sequence[str]) -> tuple[Decimal, int] | None:
    """(value, decimals written) of lower-case tokens that spell one cardinal, or None when they do not."""
    words = [w for w in words if w != "-"]
    if not words or not any(w in CARDINALS or w in SCALES or w in FRACTIONS or w == "dozen" for w in words):
        return None
    total, current = Decimal(0), Decimal(0)
    last_scale: Decimal | None = None
    previous = ""  # the word before, for what may follow it
    i = 0
    while i < len(words):
        word = words[i]
        if word == "and":
            previous, i = word, i + 1
            continue
        if word == "point":
            decimals = _decimal_digits(words[i + 1 :])
            if decimals is None:
                return None
            return total + current + Decimal("0." + decimals), len(decimals)
        fraction = _fraction_at(words, i)
        if fraction is not None:
            value, used = fraction
            i += used
            if i < len(words) and words[i] in SCALES:  # `a half million`, `and a quarter million`
                total += value * SCALES[words[i]]
                i += 1
            elif last_scale is not None and current == 0:  # `two million and a half`: of the last scale
                total += value * last_scale
            else:  # `forty two and a third`
                current += value
            previous = "fraction"
            continue
        number = parse_number(word)
        if word in CARDINALS or number is not None:
            value = Decimal(CARDINALS[word]) if word in CARDINALS else number.value
            if not _follows(current, total, value, previous, is_word=word in CARDINALS):
                return None
            current += value
        elif word == "hundred" or word == "dozen":
            current = (current or 1) * (HUNDRED if word == "hundred" else 12)
        elif word in SCALES:
            scale = SCALES[word]
            if current == 0 and total > 0:  # `three lakh crore`: a scale of a scale
                total *= scale
            else:
                total += (current or 1) * scale
            current, last_scale = Decimal(0), scale
        elif word in ("a", "an") and i + 1 < len(words) and (words[i + 1] in SCALES or words[i + 1] == "dozen"):
            current += 1
        else:
            return None
        previous = word
        i += 1
    return total + current, 0


def _follows(current: Decimal, total: Decimal, value: Decimal, previous: str, is_word: bool) -> bool:
    """Whether a cardinal may come after what was read: first, after `hundred`, a scale or `and` (below a
    hundred), or a unit word after a tens word (`twenty six`). `one two` and `4000 3` are two numbers."""
    if current == 0 and total == 0 and not previous:
        return True
    below_hundred = current % 100
    if below_hundred == 0 and value < 100 and (previous in SCALES or previous in ("hundred", "and")):
        return True
    return is_word and previous in CARDINALS and below_hundred >= 20 and below_hundred % 10 == 0 and value < 10


def _fraction_at(words: Sequence[str], i: int) -> tuple[Decimal, int] | None:
    """`a half`, `one half`, `three quarters`, `two thirds` (or `half` alone) at position i: its value and length."""
    if words[i] == "half":
        return Decimal("0.5"), 1
    if i + 1 < len(words) and words[i + 1] in FRACTIONS and words[i] in NUMERATORS:
        if words[i] not in ("a", "an", "one") and not words[i + 1].endswith("s"):
            return None  # `three quarter` is no fraction
        return Decimal(NUMERATORS[words[i]]) / Decimal(FRACTIONS[words[i + 1]]), 2
    return None


def _decimal_digits(words: Sequence[str]) -> str | None:
    """The digits after `point`: `five five`, `nought three`, `eleven` (read as its digits), `25`."""
    digits = ""
    for word in words:
        if word in CARDINALS and CARDINALS[word] < 100:
            digits += str(CARDINALS[word])
        elif word.isdigit():
            digits += word
        else:
            return None
    return digits or None
