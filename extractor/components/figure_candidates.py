"""Figure candidates that token patterns cannot state: numbers written in words (a run of any length, read as
one cardinal), and plain numbers that name no unit, with digits grouped by spaces (`40 000`)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..normalize.number_words import CARDINALS, NUMBER_PARTS, SCALES, read_number_words
from ..normalize.numbers import parse_number
from ..normalize.units import glued_unit
from .doc_index import positions

ARTICLES = frozenset({"a", "an"})
STARTS = frozenset(CARDINALS) | frozenset(SCALES) | {"dozen"}  # the words a number in words holds, to find it by
TRAILING = frozenset({"and", "a", "an", "-", "point"})  # words that join a number to what follows, never end it
GROUP_SEPARATORS = frozenset({"\u00a0", "\u202f", "\u2009"})  # thousands written apart: `40\u202f000`


def number_word_runs(doc: Doc) -> list[Span]:
    """The longest runs of number words (with digits, `and`, `point`, fractions and scales) that read as one
    cardinal: `twenty-six`, `4 thousand 3 hundred and 21`, `two million and a half`. A run of digits and a scale
    alone (`3 million`) is the token patterns' to read."""
    runs: list[Span] = []
    end_of_last = 0
    for i in positions(doc, lower=STARTS):
        i = _start_of_number(doc, i)
        if i is None or i < end_of_last:
            continue
        j = i
        while j < len(doc) and (doc[j].lower_ in NUMBER_PARTS or doc[j].text.isdigit()):
            j += 1
        for end in range(j, i, -1):
            words = [t.lower_ for t in doc[i:end]]
            if words[-1] in TRAILING or len(words) == 2 and words[0].isdigit() and words[1] in SCALES:
                continue
            if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
                break  # `a three-foot trip`, `a five-year plan`: a modifier, the compound pattern's to read
            if read_number_words(words) is not None:
                runs.append(doc[i:end])
                end_of_last = end
                break
    return runs


def _start_of_number(doc: Doc, i: int) -> int | None:
    """Where a number in words that holds token i starts: at a cardinal (`twenty`), or one token before a scale
    (`a hundred`, `3 hundred and 21`, `half a million` is not one); None when token i starts none."""
    word = doc[i].lower_
    before = doc[i - 1] if i > 0 else None
    if word in CARDINALS:
        return None if before is not None and before.text.isdigit() else i  # `10 one-year bonds`
    if before is not None and (before.lower_ in ARTICLES or before.lower_ == "half" or before.text.isdigit()):
        return i - 1
    return None


def digit_runs(doc: Doc, digit_positions: list[int]) -> list[Span]:
    """Each number written in digits, its groups joined where they are written apart by a space (`1 414 021 100`);
    the first group has one to three digits, every later one three."""
    runs: list[Span] = []
    end_of_last = 0
    for i in digit_positions:
        if i < end_of_last:
            continue
        if parse_number(doc[i].text) is None:
            if glued_unit(doc[i].text) or is_fraction(doc[i].text):
                runs.append(doc[i : i + 1])  # `75ml`, `1/4`
            continue
        j = i + 1
        if j < len(doc) and is_fraction(doc[j].text) and doc[i].text.isdigit():
            runs.append(doc[i : j + 1])  # `10 1/2`
            end_of_last = j + 1
            continue
        if doc[i].text.isdigit() and len(doc[i].text) <= 3:
            while "." not in doc[j - 1].text:  # decimals end the number
                if j < len(doc) and doc[j - 1].whitespace_ == " " and _is_group(doc[j]):
                    j += 1
                elif j + 1 < len(doc) and not doc[j - 1].whitespace_ and doc[j].text in GROUP_SEPARATORS \
                        and _is_group(doc[j + 1]):
                    j += 2  # a narrow no-break space is a token of its own
                else:
                    break
        runs.append(doc[i:j])
        end_of_last = j
    return runs


def _is_group(token) -> bool:
    """Three digits, the last group perhaps with decimals (`1\u202f234\u202f567.89`)."""
    whole, _, decimals = token.text.partition(".")
    return len(whole) == 3 and whole.isdigit() and (not decimals or decimals.isdigit())


def is_fraction(text: str) -> bool:
    """`1/4`, `3/8`: a fraction of halves, quarters, eighths or sixteenths (a date writes larger numbers)."""
    numerator, slash, denominator = text.partition("/")
    return bool(slash) and numerator.isdigit() and denominator in FRACTION_DENOMINATORS and int(numerator) < int(denominator)


FRACTION_DENOMINATORS = frozenset({"2", "3", "4", "8", "16"})
