"""Figures: money, percentages, points, fractions, bands and counts, each with value, unit and interval.

Candidates come from Matcher patterns (rules/quantity_patterns.jsonl), from runs of number words and from plain
numbers (figure_candidates.py); values are read from the matched tokens. Units of measure come from quantulum3's
unit table (normalize/units.py); its parser is not used: it misreads currency forms (`€2.3bn` as euro·bit), which
the patterns handle themselves, and `10 seconds` as seconds of arc.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..extensions import check_deadline, guarded
from ..normalize.intervals import half_unit, interval, range_interval
from ..normalize.number_words import NUMBER_PARTS, read_number_words
from ..normalize.numbers import Number, is_year, parse_number, scale_of
from ..normalize.units import glued_unit, unit_for, unit_for_symbol
from ..resources import load_rules
from .doc_index import once, positions, sentences_of, text_of
from .figure_candidates import digit_runs, number_word_runs
from .matching import TriggeredMatcher

# Tokens that put a left context word between a qualifier and its number (`an estimated`).
MAX_QUALIFIER_WORDS = 4
# `revised up to $280 billion`: before these, `up to` is the direction of a revision, not a ceiling
REVISED = frozenset({"revised", "revise", "revises", "marked", "adjusted"})
# `a third consecutive monthly decline`, `a third straight month`: after these, `third` is an ordinal
ORDINAL_FOLLOWERS = frozenset({"consecutive", "straight", "successive", "running", "monthly", "quarterly", "annual",
                               "yearly", "largest", "biggest", "highest", "lowest"})
SIGN_WORDS = frozenset({"minus", "negative"})
LEVEL_NOUNS = frozenset({"level", "value", "amount", "figure", "total"})
MULTIPLE_HALF_STEP = Decimal(5)  # `doubled` is +100% give or take a rounding to ten percent
MINUS_MARKS = frozenset({"-", "\u2212"})
# unit symbols that, written apart from a number, are words or times (`48 in the Senate`, `4 pm`)
SYMBOLS_NOT_APART = frozenset({"in", "am", "pm", "ha", "st", "pt", "mi", "pa", "do", "no", "ct"})
FALLBACK_LABELS = frozenset({"COUNT", "COUNT_RANGE", "NUMBER"})  # read only where no money, percent or point figure is


@Language.factory("newsfacts_quantities", assigns=["doc._.quantities"])
def make_quantities(nlp: Language, name: str) -> "QuantityExtractor":
    return QuantityExtractor(nlp)


class QuantityExtractor:
    def __init__(self, nlp: Language):
        self.vocab = load_rules("quantities.json")
        self.qualifiers: dict[tuple[str, ...], str] = {}  # words of a hedge -> its name
        for name, phrases in self.vocab["qualifiers"].items():
            for phrase in phrases:
                self.qualifiers.setdefault(tuple(phrase.split()), name)
        self.qualifier_lengths = sorted({len(words) for words in self.qualifiers}, reverse=True)  # longest first
        self.symbols = self.vocab["currency_symbols"]
        self.glued_currency = self.vocab["glued_currency"]
        self.subunits = self.vocab["subunits"]
        self.named_with_number = frozenset(self.vocab["named_with_number"])
        self.currency_words = self.vocab["currency_words"]
        self.dollar_countries = self.vocab["dollar_countries"]
        self.scales = self.vocab["scales"]
        self.point_words = self.vocab["point_words"]
        self.fraction_words = self.vocab["fraction_words"]
        self.number_words = frozenset(self.vocab["number_words"])
        self.not_counted = frozenset(self.vocab["not_counted_after_number"])
        periods = load_rules("periods.json")
        self.date_words = frozenset(periods["months"]) | frozenset(periods["weekdays"])
        self.time_of_day_words = frozenset(self.vocab["time_of_day_words"])
        self.signs_after = self.vocab["currency_signs_after"]  # checked in order by `endswith`
        self.mass_context_words = frozenset(self.vocab["mass_context_words"])
        # what, written after an amount, names its currency: `100 ₭`, `20 €`, `40 RMB`
        self.currency_after = frozenset(self.signs_after) | {c for c in self.symbols if c.isalpha() and c.isupper()}
        # every figure pattern holds a digit, a number word, a fraction or a digit band
        self.multiples = self.vocab["multiples"]
        triggers = frozenset(self.fraction_words) | frozenset(self.vocab["digit_bands"]) | self.number_words \
            | frozenset(self.vocab["vague_multipliers"]) | frozenset(self.multiples)
        self.matcher = TriggeredMatcher(nlp.vocab, load_rules("quantity_patterns.jsonl"), self.vocab,
                                        lower=triggers, shape_has="d")
        # patterns whose figures have a reader of their own; money, percent and points share `_read`'s
        self.readers = {"BAND": self._band, "FRACTION": self._fraction, "COUNT": self._count,
                        "MONEY_PARTS": self._money_in_parts, "SPELLED": self._spelled_decimal,
                        "COUNT_RANGE": self._count_range, "VAGUE": self._vague, "WORDS": self._words,
                        "NUMBER": self._plain_number, "SHARE": self._share, "MULTIPLE": self._multiple}

    def __call__(self, doc: Doc) -> Doc:
        check_deadline(doc)
        # on equal length a pattern's reading goes first: the patterns are the more specific
        spans = self.matcher(doc) + [Span(doc, self._signed_start(run), self._figure_after(run)[1], label="WORDS")
                                     for run in number_word_runs(doc)]
        spans += [Span(doc, run.start, run.end, label="NUMBER") for run in digit_runs(doc, positions(doc, shape_has="d"))]
        # A count is the fallback reading: `1.1% contraction` is a percentage before it is 1.1 contractions.
        typed = [s for s in spans if s.label_ not in FALLBACK_LABELS]
        covered = {i for s in typed for i in range(s.start, s.end)}
        spans = typed + [s for s in spans if s.label_ in FALLBACK_LABELS and covered.isdisjoint(range(s.start, s.end))]
        records: list[dict] = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            with guarded(doc, "figure", span):
                records.extend(self._read(span))
        records = self._join_ranges(doc, records)
        for i, record in enumerate(records):
            record["id"] = f"q{i}"
        self._mark_conversions(doc, records)
        doc._.quantities = records
        return doc

    # --- reading one candidate -------------------------------------------------------------

    def _read(self, span: Span) -> list[dict]:
        label = span.label_
        reader = self.readers.get(label)
        if reader is not None:
            return reader(span)
        numbers = [(t, n) for t in span if (n := parse_number(t.text)) is not None]
        if not numbers:
            return []
        if _signed(span) and len(numbers) == 1:
            # `minus 0.5%`, `negative 2 points`, `-¥637.8 billion`: the sign is a word or a mark against the symbol
            span = Span(span.doc, span.start - 1, span.end, label=label)
            token, number = numbers[0]
            numbers = [(token, replace(number, value=-number.value))]
        unit = self._unit(span, numbers[0][1])
        if unit is None:
            return []
        scale = self._scale(span, numbers[-1][1])
        if len(numbers) == 2 and not self._is_range(span, numbers):
            # `from 1.1% to 2%`, `5.9% and 1.9%`: two figures, not a range
            first, second = numbers
            first_end = first[0].i + 1 + self._unit_tail(first[0])
            if first_end < span.end and span.doc[first_end].lower_ in self.scales:
                first_end += 1  # `£3.5m and ¥600 billion`: each figure keeps its own scale and symbol
            second_start = second[0].i - (1 if span.doc[second[0].i - 1].text in self.symbols else 0)
            first_read = self._read(Span(span.doc, span.start, first_end, label=label))
            if not first_read:
                # `from 4 to 6 per cent`: the unit written once serves the first figure too
                first_span = Span(span.doc, span.start, first[0].i + 1, label=label)
                first_read = [self._record(first_span, unit, [first[1]], scale if first[1].value <= second[1].value else Decimal(1))]
            return [*first_read, *self._read(Span(span.doc, second_start, span.end, label=label))]
        return [self._record(span, unit, [n for _, n in numbers], scale)]

    def _record(self, span: Span, unit: str, numbers: list[Number], scale: Decimal) -> dict:
        factor = scale
        if unit == "basis_point":
            unit, factor = "percentage_point", Decimal("0.01")
        qualifier, start = self._qualifier(span)
        if len(numbers) == 2 and start > 0 and span.doc[start - 1].lower_ == "between":
            start -= 1
        text_span = span.doc[start : span.end]
        if len(numbers) == 1:
            number = numbers[0]
            value = number.value * factor
            lower, upper = interval(value, half_unit(number.decimals, factor), qualifier)
            return self._dict(text_span, float(value), unit, qualifier, lower, upper)
        first, second = numbers[0], numbers[1]
        # the scale written once serves both ends (`$1.5 to 2 billion`), unless the first end is already the
        # larger number as written (`$600,000 to $1.2 million`)
        first_factor = scale_of(first.scale_suffix) if first.scale_suffix else (factor if first.value <= second.value else Decimal(1))
        ends = [(first.value * first_factor, half_unit(first.decimals, first_factor)),
                (second.value * factor, half_unit(second.decimals, factor))]
        (low, h_low), (high, h_high) = sorted(ends, key=lambda end: end[0])  # `between 9% and 3%` is 3% to 9%
        lower, upper = range_interval(low, high, h_low, h_high, qualifier)
        rng = {"low": float(low), "high": float(high)}
        return self._dict(text_span, None, unit, qualifier, lower, upper, rng)

    @staticmethod
    def _dict(span: Span, value, unit, qualifier, lower, upper, rng=None) -> dict:
        return {
            "text": span.text,
            "start": span.start_char,
            "end": span.end_char,
            "value": value,
            "unit": unit,
            "qualifier": qualifier,
            "lower": lower,
            "upper": upper,
            "range": rng,
        }

    def _unit(self, span: Span, first: Number) -> str | None:
        words = [t.lower_ for t in span]
        for t in span:
            if t.text in self.symbols:
                return self._symbol_currency(span.doc, t.text, first)
        if first.prefix in self.glued_currency:
            return self.glued_currency[first.prefix]  # `USD25m`, `RM14.90`
        if first.scale_suffix == "pc":
            return "percent"  # `6pc`
        for i, word in enumerate(words):
            if word in self.currency_words:
                if word in ("pound", "pounds") and self._speaks_of_mass(span):
                    return "pound-mass"
                if word in ("dollar", "dollars"):
                    for earlier in words[:i]:
                        if earlier in self.dollar_countries:
                            return self.dollar_countries[earlier]
                return self.currency_words[word]
        if "%" in words or "percent" in words or "pct" in words or ("per" in words and "cent" in words):
            return "percent"
        joined = " ".join(w for w in words if not parse_number(w))
        for phrase, unit in sorted(self.point_words.items(), key=lambda kv: -len(kv[0])):
            if joined.endswith(phrase):
                return unit
        return None

    def _speaks_of_mass(self, span: Span) -> bool:
        """`the baby weighs seven pounds`: pounds of mass, not sterling."""
        sentence = sentences_of(span.doc).of(span.start)
        return any(t.lower_ in self.mass_context_words or t.lemma_ == "weigh" for t in sentence)

    def _symbol_currency(self, doc: Doc, symbol: str, first: Number) -> str:
        if first.prefix:
            prefixes = self.vocab["number_prefix_currency"]
            return prefixes[first.prefix] if first.prefix in prefixes else self.glued_currency[first.prefix]
        if symbol == "\u00a5" and once(doc, "speaks_of_yuan", _speaks_of_yuan):
            return "CNY"  # `¥` writes both yen and yuan: an article that speaks of yuan means yuan
        return self.symbols[symbol]

    def _scale(self, span: Span, last: Number) -> Decimal:
        if last.scale_suffix:
            return scale_of(last.scale_suffix)
        # `4 hundred million`: the scale words after the number multiply
        scale = Decimal(1)
        for t in span:
            if t.lower_ in self.scales and parse_number(t.text) is None and t.i > span.start:
                scale *= scale_of(t.lower_)
        return scale

    def _is_range(self, span: Span, numbers) -> bool:
        doc = span.doc
        joiner = doc[numbers[0][0].i + 1 : numbers[1][0].i]
        joiner_words = {t.lower_ for t in joiner}
        before = {t.lower_ for t in doc[max(span.start - 2, 0) : span.start]}
        if "and" in joiner_words:
            return "between" in before
        if "to" in joiner_words:
            return "from" not in before
        return True

    def _unit_tail(self, number_token) -> int:
        """How many tokens after a number still belong to it (`%`, `per cent`)."""
        nxt = number_token.nbor(1) if number_token.i + 1 < len(number_token.doc) else None
        if nxt is None:
            return 0
        if nxt.lower_ in ("%", "percent", "pct"):
            return 1
        return 2 if nxt.lower_ == "per" else 0

    def _qualifier(self, span: Span) -> tuple[str | None, int]:
        """The hedge written just before the figure, and where the figure's text then starts."""
        doc = span.doc
        start = span.start
        # `beyond the $1 trillion mark`: an article between the hedge and the figure
        skip = 1 if start > 0 and doc[start - 1].lower_ == "the" else 0
        left = tuple(t.lower_ for t in doc[max(start - skip - MAX_QUALIFIER_WORDS, 0) : start - skip])
        for n in self.qualifier_lengths:
            name = self.qualifiers.get(left[len(left) - n :]) if n <= len(left) else None
            if name is not None and left[len(left) - n] == "up" and len(left) > n and left[len(left) - n - 1] in REVISED:
                return None, start
            if name is not None:
                return name, start - skip - n
        return None, start

    # --- numbers no pattern states: in words, or plain ----------------------------------------

    def _words(self, span: Span) -> list[dict]:
        """A number in words and what it counts: `twenty-six people`, `three hundred and one`, `thirteen dollars
        and forty-five cents`, `two million and a half tonnes`, `forty percent`."""
        doc = span.doc
        signed = span[0].lower_ in SIGN_WORDS
        run = self._number_part(span[1:] if signed else span)
        value, decimals = read_number_words([t.lower_ for t in run])
        unit, end, cents = self._figure_after(run)
        if signed:
            value = -value
        elif unit in ("count", "set") and run.text.lower() == "one":
            return []  # `one of the largest`, `one piece of data`: a pronoun or an article more than a figure
        if run[0].is_title and run.start > 0 and not run[0].is_sent_start and (
                doc[run.start - 1].lower_ == "of" or doc[run.start - 1].pos_ == "PROPN"):
            return []  # `the Group of Seven`, `the Big Four`: a name
        if cents is not None:
            value, decimals = value + cents / 100, 2
        qualifier, start = self._qualifier(doc[span.start : end])
        lower, upper = interval(value, half_unit(decimals), qualifier)
        return [self._dict(doc[start:end], float(value), unit, qualifier, lower, upper)]

    @staticmethod
    def _signed_start(run: Span) -> int:
        """Where a number in words starts, with its sign word (`minus two point five`)."""
        return run.start - 1 if run.start > 0 and run.doc[run.start - 1].lower_ in SIGN_WORDS else run.start

    @staticmethod
    def _number_part(span: Span) -> Span:
        """The number words a WORDS candidate starts with (the longest prefix that reads as one number)."""
        end = span.start
        while end < span.end and (span.doc[end].lower_ in NUMBER_PARTS or span.doc[end].text.isdigit()):
            end += 1
        while end > span.start + 1 and read_number_words([t.lower_ for t in span.doc[span.start : end]]) is None:
            end -= 1
        return span.doc[span.start : end]

    def _figure_after(self, run: Span) -> tuple[str, int, Decimal | None]:
        """What a number in words measures, from the words after it: (unit, where the figure ends, the hundredths
        of money written in parts). A noun after it is counted; with none, the number stands alone (`count`)."""
        doc, k = run.doc, run.end
        after = [t.lower_ for t in doc[k : k + 3]]
        if after[:1] and after[0] in ("%", "percent", "pct"):
            return "percent", k + 1, None
        if after[:2] == ["per", "cent"]:
            return "percent", k + 2, None
        for phrase, unit in self.point_words.items():
            if " ".join(after[: phrase.count(" ") + 1]) == phrase:
                return unit, k + phrase.count(" ") + 1, None
        m = k
        while m < len(doc) and doc[m].lower_ in self.dollar_countries:
            m += 1
        if m < len(doc) and doc[m].lower_ in self.currency_words:
            currency = self._unit(doc[k : m + 1], Number(Decimal(0), 0))
            end, cents = self._cents_after(doc, m + 1)
            return currency, end, cents
        unit, n = self._unit_at([t.text for t in doc[k : k + 2]])
        if unit:
            return unit, k + n, None
        m = k + 1 if k + 1 < len(doc) and doc[k].pos_ == "ADJ" and doc[k + 1].pos_ == "NOUN" else k
        if m < len(doc) and doc[m].pos_ == "NOUN" and doc[m].lower_ not in self.not_counted:
            return "count", m + 1, None
        return "count", k, None

    def _cents_after(self, doc: Doc, k: int) -> tuple[int, Decimal | None]:
        """`... dollars and forty-five cents`, `... dollars 50 cents`: the hundredths after the whole units."""
        i = k + 1 if k < len(doc) and doc[k].lower_ == "and" else k
        j = i
        while j < len(doc) and (doc[j].lower_ in NUMBER_PARTS or doc[j].text.isdigit()) and doc[j].lower_ != "and":
            j += 1
        read = read_number_words([t.lower_ for t in doc[i:j]]) or (
            (parse_number(doc[i].text).value, 0) if j == i + 1 and parse_number(doc[i].text) else None)
        if read is None or not 0 < read[0] < 100:
            return k, None
        if j < len(doc) and doc[j].lower_ in self.subunits:
            return j + 1, read[0]
        if j == len(doc) or doc[j].is_punct:
            return j, read[0]  # `thirteen dollars forty-five.`: the cents unnamed at the end
        return k, None

    def _plain_number(self, span: Span) -> list[dict]:
        """A number with no unit word the patterns know, or none at all: `a population of 1 414 021 100`, `75ml`,
        `10 1/2 miles`, `10 dm`. Years, dates, times of day, names and ranks (`FTSE 100`, `No. 1`), phone numbers
        and versions are no figures."""
        doc = span.doc
        first, last = span[0], span[-1]
        read = self._plain_value(span)
        if read is None or (len(span) == 1 and is_year(first.text)) or self._is_name(first):
            return []
        value, decimals, unit = read
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        if prev is not None and (prev.text in ("#", "/", ":", ".", "-", "+") and not prev.whitespace_ or prev.lower_ in self.date_words):
            return []  # `5/17/2018`, `+1-222`, `10:30`, `#3`, `March 5`
        if prev is not None and prev.pos_ in ("NOUN", "PROPN") and first.text.endswith(".0"):
            return []  # `Industry 4.0`, `China shock 2.0`: a version after a name
        if first.is_sent_start and nxt is not None and nxt.text in (".", ")") and not last.whitespace_:
            return []  # `2. Kasich held on`, `3) The bio`: a list's item number
        if any(t is not None and t.text.lstrip("+").isdigit() for t in (prev, nxt)):
            return []  # `+61 2 6252 7777`: numbers in a row are a phone number or a code, not figures
        if nxt is not None and (nxt.text in ("/", ":", "-", ".") and not last.whitespace_ and nxt.i + 1 < len(doc)
                                and doc[nxt.i + 1].text[:1].isdigit()
                                or nxt.lower_ in self.date_words or nxt.lower_ in self.time_of_day_words):
            return []  # `5 March`, `3 pm`
        end = span.end
        if unit is None:
            # `10 dm`, `20 (kg)`: a unit symbol after the number, perhaps in brackets as a table's header writes it
            bracketed = nxt is not None and nxt.text in ("(", "[", "{", "<") and span.end + 2 < len(doc) \
                and doc[span.end + 2].text in (")", "]", "}", ">")
            after = span.end + 1 if bracketed else span.end
            unit, n = self._unit_at([t.text for t in doc[after : after + 2]])
            if unit is None and after < len(doc) and doc[after].text in self.currency_after:
                unit, n = self.symbols[doc[after].text], 1
            end = after + n + (1 if bracketed and n == 1 else 0) if unit else end
        if unit is None and "/" in last.text:
            return []  # a fraction names what it divides
        if prev is not None and prev.lower_ in SIGN_WORDS:
            span, value = doc[span.start - 1 : span.end], -value
        qualifier, start = self._qualifier(span)
        lower, upper = interval(value, half_unit(decimals), qualifier)
        return [self._dict(doc[start:end], float(value), unit or "count", qualifier, lower, upper)]

    def _plain_value(self, span: Span) -> tuple[Decimal, int, str | None] | None:
        """(value, decimals, unit written against it) of digits, grouped digits, `10 1/2`, `75ml` or `100₽`."""
        last = span[-1]
        if "/" in last.text:
            numerator, denominator = (Decimal(part) for part in last.text.split("/"))
            whole = Decimal(span[0].text) if len(span) == 2 else Decimal(0)
            return whole + numerator / denominator, 2, None
        number = parse_number("".join(t.text for t in span if not t.is_space))
        if number is not None:
            if number.prefix:
                return None
            scale = scale_of(number.scale_suffix)
            return number.value * scale, number.decimals if scale == 1 else 0, None
        sign = next((sign for sign in self.signs_after if last.text.endswith(sign)), None)
        number = parse_number(last.text[: -len(sign)]) if sign else None
        if number is not None and not number.prefix and not number.scale_suffix:
            return number.value, number.decimals, self.symbols[sign]
        return glued_unit(last.text)

    # --- decimals read aloud, money in parts, bands, fractions, counts -------------------------

    def _spelled_decimal(self, span: Span) -> list[dict]:
        """`12-point-seven percent`, `65-point-95 billion U.S. dollars`: a decimal read aloud."""
        digits = self.vocab["digit_words"]
        parts = [t for t in span if t.text != "-" and t.lower_ != "point"][:2]
        # the tokenizer keeps `point-8` whole but splits `point-seven`
        whole, tenths = (str(digits[t.lower_]) if t.lower_ in digits else t.text.lower().removeprefix("point-") for t in parts)
        number = parse_number(f"{whole}.{tenths}")
        if number is None:
            return []
        unit = "percent" if span[-1].lower_ in ("percent", "pct", "%") else self._unit(span, number)
        if unit is None:
            return []
        scale = self._scale(Span(span.doc, parts[1].i, span.end), number)
        qualifier, start = self._qualifier(span)
        value = number.value * scale
        lower, upper = interval(value, half_unit(number.decimals, scale), qualifier)
        return [self._dict(span.doc[start : span.end], float(value), unit, qualifier, lower, upper)]

    def _money_in_parts(self, span: Span) -> list[dict]:
        """`3 dollars 50 cents`, `4 pounds and 20 pence`: the whole units and the hundredths, one figure."""
        numbers = [n for t in span if (n := parse_number(t.text)) is not None]
        unit = self._unit(span, numbers[0]) if len(numbers) == 2 else None
        if unit is None:
            return []
        subunit = next(t.lower_ for t in span if t.lower_ in self.subunits)
        whole, part = numbers
        value = whole.value + part.value / Decimal(self.subunits[subunit])
        qualifier, start = self._qualifier(span)
        lower, upper = interval(value, half_unit(2), qualifier)
        return [self._dict(span.doc[start : span.end], float(value), unit, qualifier, lower, upper)]

    def _band(self, span: Span) -> list[dict]:
        low, high = self.vocab["digit_bands"][span[0].lower_]
        rec = self._dict(span, None, "percent", None, float(low), float(high), {"low": float(low), "high": float(high)})
        return [rec]

    def _fraction(self, span: Span) -> list[dict]:
        doc = span.doc
        after = doc[span.end : span.end + 2]
        if span[-1].lower_ != "of" and after and (
            after[0].pos_ in ("NOUN", "PROPN", "NUM")
            or (after[0].pos_ == "ADJ" and after[0].lower_ not in ("next", "last", "this") and len(after) > 1 and after[1].pos_ == "NOUN")
            or after[0].lower_ in ORDINAL_FOLLOWERS
        ):
            return []  # `a third quarter`, `a third straight month`: an ordinal before its noun, not a share
        words = [t.lower_ for t in span if t.text != "-"]
        denominator = self.fraction_words.get(words[-1] if words[-1] != "of" else words[-2])
        numerator = self.vocab["numerators"].get(words[0], 1) if words[0] != "half" else 1
        if denominator is None:
            return []
        percent = Decimal(str(round(100 * numerator / denominator, 4)))
        qualifier, start = self._qualifier(span)
        text_span = doc[start : span.end - (1 if span[-1].lower_ == "of" else 0)]
        lower, upper = interval(percent, Decimal("0.5"), qualifier)
        return [self._dict(text_span, float(percent), "percent", qualifier, lower, upper)]

    def _count(self, span: Span) -> list[dict]:
        first = span[0]
        nxt = span.doc[first.i + 1] if first.i + 1 < len(span.doc) else None
        prev = span.doc[first.i - 1] if first.i > 0 else None
        if nxt is not None and nxt.text == "-" and nxt.i + 1 < span.end:
            return self._compound_unit(span)
        if is_year(first.text):
            return []  # `2024 exports`
        if self._is_name(first) or (prev is not None and prev.lower_ in self.date_words):
            return []  # `a July 9 deadline`: a date
        if prev is not None and prev.text in ("-", "/") and first.i > 1 and is_year(span.doc[first.i - 2].text):
            return []  # `2024-25 financial year`
        index_points = [t.lower_ for t in span[1:]] in (["points"], ["point"])  # `up 45 points`: an index's move
        if not index_points and any(t.lower_ in self.not_counted or t.lower_ in self.time_of_day_words for t in span[1:]):
            return []  # `3 times`, `3 pm`
        number = parse_number(first.text)
        if number is None:
            return []
        scale = self._scale(span, number)
        after = span[1].text if len(span) == 2 else None
        if after in self.currency_after:
            unit = self.symbols[after]
        else:
            unit = "point" if index_points else self._unit_name(span) or "count"
        qualifier, start = self._qualifier(span)
        value = number.value * scale
        h = half_unit(number.decimals, scale)
        lower, upper = interval(value, h, qualifier)
        return [self._dict(span.doc[start : span.end], float(value), unit, qualifier, lower, upper)]

    def _is_name(self, number_token) -> bool:
        """`the FTSE 100 index`, `iPhone 15 sales`, `a top 10 exporter`: a name or a rank; `5G networks`, `4K
        screens`: a capital glued to the number makes a name."""
        doc, i = number_token.doc, number_token.i
        prev = doc[i - 1] if i > 0 else None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if prev is not None and prev.text == "." and i > 1:
            prev = doc[i - 2]  # `No. 2`, tokenized apart
        if prev is not None and (prev.lower_ in self.named_with_number or (prev.is_upper and prev.pos_ == "PROPN" and len(prev) > 1)):
            return True
        return not number_token.whitespace_ and nxt is not None and nxt.is_upper and len(nxt) <= 2 and nxt.lower_ not in self.scales

    def _share(self, span: Span) -> list[dict]:
        """`one in five adults`, `nine in 10 voters`, `two out of three`: a share, in percent. `5 in 10 days` is
        no share."""
        part, whole = (_cardinal(t) for t in (span[0], span[-1]))
        unit, n = self._unit_at([t.text for t in span.doc[span.end : span.end + 2]])
        if unit:  # `5 in 10 days`: the second number measures
            return self._read(Span(span.doc, span.end - 1, span.end + n, label="COUNT"))
        if part is None or whole is None or not 0 < part < whole:
            return []
        percent = Decimal(100) * part / whole
        qualifier, start = self._qualifier(span)
        lower, upper = interval(percent, Decimal("0.5"), qualifier)
        return [self._dict(span.doc[start : span.end], float(round(percent, 4)), "percent", qualifier, lower, upper)]

    def _multiple(self, span: Span) -> list[dict]:
        """`more than doubled`, `halved`, `more than double the level of October`: a change in percent. The
        adjective counts only after a hedge or `than`; a multiple is read to the nearest ten percent."""
        word = span[0]
        qualifier, start = self._qualifier(span)
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if word.pos_ != "VERB" and (qualifier is None and before != "than" or not self._of_a_level(span)):
            return []  # `a double blow`; `imports were double the exports` compares two flows
        value = Decimal(self.multiples[word.lower_])
        lower, upper = interval(value, MULTIPLE_HALF_STEP, qualifier)
        return [self._dict(span.doc[start : span.end], float(value), "percent", qualifier, lower, upper)]

    @staticmethod
    def _of_a_level(span: Span) -> bool:
        """`double the level recorded in October`, `double that of 2023`: a multiple of the same thing earlier."""
        after = [t.lower_ for t in span.doc[span.end : span.end + 2]]
        return after[:1] in (["that"], ["those"]) or (after[:1] == ["the"] and after[1:] and after[1] in LEVEL_NOUNS)

    def _vague(self, span: Span) -> list[dict]:
        """`tens of thousands of dollars`: from ten thousand up to (not including) a hundred thousand."""
        multiplier = Decimal(self.vocab["vague_multipliers"][span[0].lower_])
        scale = Decimal(self.vocab["vague_scales"][span[2].lower_])
        low = multiplier * scale
        high = low * (Decimal(10) if multiplier >= 10 else Decimal(multiplier))
        currency = next((self.currency_words[t.lower_] for t in span[3:] if t.lower_ in self.currency_words), None)
        unit = currency or self._unit_name(Span(span.doc, span.start + 3, span.end)) or "count"
        rng = {"low": float(low), "high": float(high)}
        return [self._dict(span, None, unit, "approximately", float(low), float(high), rng)]

    def _count_range(self, span: Span) -> list[dict]:
        """`10-12 weeks`, `300 to 400 workers`: both ends, in the unit named once after the second."""
        numbers = [(t, n) for t in span if (n := parse_number(t.text)) is not None][:2]
        if len(numbers) != 2 or any(is_year(t.text) for t, _ in numbers) or numbers[0][1].value >= numbers[1][1].value:
            return []  # `2024-25`, `3-2` (a score): not a range of counts
        second = Span(span.doc, numbers[1][0].i, span.end, label="COUNT")
        if any(t.lower_ in self.not_counted for t in second[1:]):
            return []
        scale = self._scale(second, numbers[1][1])
        unit_name = self._unit_name(second)
        unit = unit_name if unit_name and unit_name != "dimensionless" else "count"
        low, high = numbers[0][1], numbers[1][1]
        qualifier, start = self._qualifier(span)
        lower, upper = range_interval(low.value * scale, high.value * scale, half_unit(low.decimals, scale),
                                      half_unit(high.decimals, scale), qualifier)
        rng = {"low": float(low.value * scale), "high": float(high.value * scale)}
        return [self._dict(span.doc[start : span.end], None, unit, qualifier, lower, upper, rng)]

    def _compound_unit(self, span: Span) -> list[dict]:
        """`a 6.7-inch screen`, `a 45-acre farm`: a measure written as a modifier. A duration (`five-year plan`)
        is a description, not a figure, and is left out."""
        number_token, unit_token = span[0], span.doc[span[0].i + 2]
        doc = span.doc
        aged = unit_token.lower_ in ("year", "years") and doc[unit_token.i + 1 : unit_token.i + 3].text.replace(" ", "") == "-old"
        if unit_token.lower_ in ("percent", "pct"):
            unit = "percent"  # `a 10-percent tariff`
        elif unit_token.lower_ in self.currency_words:
            unit = self.currency_words[unit_token.lower_]  # `a one-yen bid`, `a 20-dollar note`
        else:
            unit = "year" if aged else unit_for(unit_token.lower_)  # `a 58-year-old`: an age
        if unit is None or (unit_token.lower_ in self.vocab["duration_words"] and not aged):
            return []
        number = parse_number(number_token.text)
        if number is None:
            read = read_number_words([number_token.lower_])
            if read is None:
                return []
            number = Number(*read)
        qualifier, start = self._qualifier(span)
        lower, upper = interval(number.value, half_unit(number.decimals), qualifier)
        text = doc[start : unit_token.i + (3 if aged else 1)]
        return [self._dict(text, float(number.value), unit, qualifier, lower, upper)]

    def _unit_name(self, span: Span) -> str | None:
        """The unit written right after a number (and its scale word). A plain noun (`economists`) is no unit."""
        words = [t.text for t in span[1:]]
        if words and words[0].lower() in self.scales:
            words = words[1:]
        return self._unit_at(words)[0]

    @staticmethod
    def _unit_at(words: list[str]) -> tuple[str | None, int]:
        """The unit of measure the first words name (two words first: `metric tons`; a symbol as written: `dm`,
        `kW`), and how many words it took."""
        for n in (2, 1):
            if len(words) < n:
                continue
            # a one-letter symbol apart from its number is too often something else (`m` for million, `K`)
            unit = unit_for(" ".join(words[:n]).lower()) or (
                n == 1 and len(words[0]) > 1 and words[0].lower() not in SYMBOLS_NOT_APART and unit_for_symbol(words[0]))
            if unit:
                return unit, n
        return None, 0

    # --- between figures -------------------------------------------------------------------

    @staticmethod
    def _join_ranges(doc: Doc, records: list[dict]) -> list[dict]:
        """`three to five years`: a bare number joined to the next figure by `to` or a dash is the low end of a range
        in that figure's unit; after `from` (a move), or joined by `and` or `or` (`20 and 50 years ago`), it is a
        figure of its own in that unit."""
        text = text_of(doc)
        joined: list[dict] = []
        for record in records:
            low = joined[-1] if joined else None
            between = text[low["end"] : record["start"]].strip() if low else ""
            if not (low is not None and low["unit"] == "count" and _is_bare(low["text"]) and low["value"] is not None
                    and record["value"] is not None and record["unit"] != "count"
                    and between in ("to", "-", "\u2013", "and", "or")):
                joined.append(record)
            elif between in ("and", "or") or text[: low["start"]].rstrip().lower().endswith("from"):
                joined[-1] = {**low, "unit": record["unit"]}  # the unit written once serves both
                joined.append(record)
            elif low["value"] < record["value"]:
                joined[-1] = {**record, "text": text[low["start"] : record["end"]], "start": low["start"], "value": None,
                              "lower": min(low["lower"], record["lower"]),
                              "range": {"low": low["value"], "high": record["value"]}}
            else:
                joined.append(record)
        return joined

    @staticmethod
    def _mark_conversions(doc: Doc, records: list[dict]) -> None:
        """`$US111.68 billion ($A168.33 billion)`: the bracketed one converts the first."""
        text = text_of(doc)
        for prev, cur in zip(records, records[1:], strict=False):
            between = text[prev["end"] : cur["start"]].strip()
            money = len(prev["unit"]) == 3 and prev["unit"].isupper() and len(cur["unit"]) == 3 and cur["unit"].isupper()
            if money and between in ("(", "or", ", or", "(or") and prev["unit"] != cur["unit"]:
                cur["conversion_of"] = prev["id"]


def _cardinal(token) -> Decimal | None:
    """The value of one token that is a cardinal in digits or in words (`10`, `nine`)."""
    if token.text.isdigit():
        return Decimal(token.text)
    read = read_number_words([token.lower_])
    return read[0] if read else None


def _is_bare(text: str) -> bool:
    """A figure written as a number alone, no unit or noun (`three`, `20`, `twenty-five`)."""
    return all(word in NUMBER_PARTS or parse_number(word) is not None for word in text.lower().replace("-", " ").split())


def _speaks_of_yuan(doc: Doc) -> bool:
    text = text_of(doc)
    return "yuan" in text and " yen" not in text


def _signed(span: Span) -> bool:
    """A sign stands before the figure: a word (`minus`), or a minus mark written against it (`-$5.2 billion`)."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.lower_ in SIGN_WORDS or (before.text in MINUS_MARKS and not before.whitespace_)
