"""Periods: every time expression, resolved to calendar dates against the publication date.

Candidates come from Matcher patterns (rules/period_patterns.jsonl), each label naming a resolver below.
Without a publication date, anything relative (`November`, `last year`) stays unresolved and says so: the
machine's clock is never a stand-in for the article's date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from datetime import date, datetime

from dateutil import parser as date_parser
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..extensions import check_deadline, guarded
from ..normalize import calendar as cal
from ..resources import load_rules
from .doc_index import sentences_of
from .matching import TriggeredMatcher

NO_DATE = "no publication date: pass published= (or --published) to resolve it"
DIGIT_SHAPES = frozenset({"d", "dd", "dddd", "dxx", "ddxx", "dX", "dXdd", "dddd-dd", "dddd/dd", "dddd-dd-dd", "XXdd",
                          "XXdddd", "Xd"})
REFERENCE_CUES = frozenset({"since", "than"})
COMPARED_CUES = REFERENCE_CUES | {"over", "against", "versus", "vs"}
COMPARISON_LEADS = COMPARED_CUES | {"from", "compared"}
COMPARISON_REACH = 8  # words from a comparison lead to the period of the figure it leads
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})
FUTURE_HEADS = frozenset({"due", "scheduled", "set", "slated"})
ONSET_HEADS = frozenset({"starting", "beginning", "effective"})
YEAR_RE = re.compile(r"^(19|20)\d\d$")
FISCAL_SPLIT = re.compile(r"\b((?:19|20)\d\d)\s*[-/\u2013]\s*(\d\d)\b")  # `2024-25`, `2024/25`
# A relative period steps from one of its own grain or finer: `the previous month` from a month or a day.
FINER_OR_SAME = {"day": 0, "week": 1, "month": 2, "range": 2, "quarter": 3, "half": 4, "year": 5}


class Unresolved(Exception):
    """A period that cannot be put on the calendar; its message says why."""


@Language.factory("newsfacts_periods", assigns=["doc._.periods"])
def make_periods(nlp: Language, name: str) -> "PeriodExtractor":
    return PeriodExtractor(nlp)


class PeriodExtractor:
    def __init__(self, nlp: Language):
        self.vocab = load_rules("periods.json")
        self.months = self.vocab["months"]
        self.ambiguous_months = frozenset(self.vocab["ambiguous_months"])
        self.basis_cues = frozenset(self.vocab["basis_cues"])
        self.horizon_cues = frozenset(self.vocab["horizon_cues"])
        # every period pattern holds a month, a weekday, a time unit, a year-like number or a code
        triggers = frozenset(self.months) | frozenset(self.vocab["weekdays"]) | frozenset(self.vocab["triggers"])
        self.matcher = TriggeredMatcher(nlp.vocab, load_rules("period_patterns.jsonl"), self.vocab,
                                        lower=triggers, shapes=DIGIT_SHAPES)

    def __call__(self, doc: Doc) -> Doc:
        check_deadline(doc)
        doc._.periods = DocumentPeriods(self, doc).records()
        return doc


class DocumentPeriods:
    """One document's periods: made for each document, so the component holds no per-document state."""

    def __init__(self, rules: PeriodExtractor, doc: Doc):
        self.vocab, self.months, self.ambiguous_months = rules.vocab, rules.months, rules.ambiguous_months
        self.basis_cues, self.horizon_cues, self.matcher = rules.basis_cues, rules.horizon_cues, rules.matcher
        self.doc = doc
        self.sentences = sentences_of(doc)
        self.reference_points: set[int] = set()  # starts of `since 2004`, `than in 2024`: never a base for others
        # every candidate, found once: the look-ahead of relative periods reads them by position
        self.candidates = sorted(filter_spans(self.matcher(doc)), key=lambda s: s.start)
        self.candidate_starts = [span.start for span in self.candidates]

    def records(self) -> list[dict]:
        doc = self.doc
        published = date.fromisoformat(doc._.published) if doc._.published else None
        records: list[dict] = []
        for span in self.candidates:
            if not self._is_period(span):
                continue
            with guarded(doc, "period", span):
                record = self._resolve(span, published, records)
                if record is not None:
                    record["id"] = f"p{len(records)}"
                    records.append(record)
                    if span.start > 0 and doc[span.start - 1].lower_ in REFERENCE_CUES:
                        self.reference_points.add(record["start"])
        return records

    # --- what is not a period --------------------------------------------------------------

    def _is_period(self, span: Span) -> bool:
        doc = span.doc
        first = span[0]
        if span.label_ in ("MONTH", "MONTH_RANGE", "DAY", "MONTH_LAST_YEAR") and first.lower_ in self.ambiguous_months:
            if first.pos_ not in ("PROPN", "NOUN", "NUM"):
                return False  # `May` the modal verb, `March` the verb
        if span.label_ in ("YEAR", "WHOLE_YEAR") and not any(YEAR_RE.match(t.text) for t in span):
            return False  # four digits that are no year of ours: `5000 containers`
        if span.label_ == "YEAR":
            nxt = doc[span.end] if span.end < len(doc) else None
            prev = doc[span.start - 1] if span.start > 0 else None
            if nxt is not None and (nxt.text in ("%", "-") or nxt.lower_ in ("percent", "billion", "million")):
                return False
            if prev is not None and (prev.text in ("$", "€", "£", "¥") or prev.like_num):
                return False
        if span.label_ == "FISCAL" and (split := FISCAL_SPLIT.search(span.text)) is not None:
            # `2024-25` is a fiscal year only when its second number is the year after (`2025-01-13` is a day)
            return (int(split.group(1)) + 1) % 100 == int(split.group(2))
        if span.label_ == "MONTH_RANGE" and any(t.lower_ == "and" for t in span):
            return span.start > 0 and doc[span.start - 1].lower_ == "between"
        return True

    def _after_basis_cue(self, span: Span) -> bool:
        left = {t.lower_ for t in span.doc[max(span.start - 3, 0) : span.start]}
        return bool(left & self.basis_cues)

    def _basis_period(self, span, published, earlier):
        """`from a year earlier`, `on the previous month`: what a change is measured against, that is the period
        the figure is for, moved back one unit (`the first nine months of 2025` -> the same months of 2024)."""
        words = [t.lower_ for t in span]
        unit = next((w for w in words if w in ("week", "month", "quarter", "year")), None)
        if unit is None:
            return self._same_as_before(span, earlier)
        sent = self.sentences.of(span.start)
        own = [p for p in earlier if p["role"] == "period" and p["granularity"] != "day" and sent.start_char <= p["start"]]
        base = own[-1] if own else None
        if base is None:
            later = self._later_in_sentence(span, "year")
            base = later[0] if later else None
        if base is None:
            before = [p for p in earlier if p["role"] == "period" and p["granularity"] != "day"
                      and not self._after_comparison(span.doc, p)]
            base = before[-1] if before else None
        if base is None:
            anchor = self._need(published)
            return self._step(self._containing(anchor, unit), unit, -1), unit, "relative_to_publication"
        if base.get("start_date") is None:
            raise Unresolved(f"measured against {base['text']!r}, which is unresolved")
        period = (date.fromisoformat(base["start_date"]), date.fromisoformat(base["end_date"]))
        if base["granularity"] == "day":
            period = self._containing(period[0], unit)
        months = {"week": 0, "month": 1, "quarter": 3, "year": 12}[unit]
        shifted = cal.shift(period, months=-months) if months else self._step(period, "week", -1)
        granularity = base["granularity"] if base["granularity"] != "day" else unit
        return shifted, granularity, "relative_to_period", base.get("id")

    def _is_basis(self, span: Span) -> bool:
        """`from a year earlier`, `than the previous month`: a comparison basis, not a period of its own."""
        words = [t.lower_ for t in span]
        if words[-1] in ("earlier", "ago", "before") or {"ago", "earlier"} & set(words):
            return True  # `a year earlier`, `the year-ago month`
        if {"previous", "prior", "preceding", "last", "same", "past"} & set(words):
            return self._after_basis_cue(span)
        # `down 14% on the year`, `up 2% on the month`
        return len(words) == 2 and words[0] == "the" and span.start > 0 and span.doc[span.start - 1].lower_ == "on"

    # --- resolvers -------------------------------------------------------------------------

    def _resolve(self, span: Span, published: date | None, earlier: list[dict]) -> dict | None:
        resolver = getattr(self, f"_{span.label_.lower()}")
        role = "horizon" if span.start > 0 and span.doc[span.start - 1].lower_ in self.horizon_cues else "period"
        if (span.label_ == "MONTH_LAST_YEAR" and self._after_basis_cue(span)) or (
                span.label_ == "RELATIVE" and self._is_basis(span)):
            role = "basis"
            if span.label_ == "RELATIVE":
                resolver = self._basis_period
        earlier = [p for p in earlier if p["start"] not in self.reference_points]
        try:
            found = resolver(span, published, earlier)
        except Unresolved as why:
            return self._record(span, None, self._granularity(span), "unresolved", role, note=str(why))
        if found is None:
            return None
        (start, end), granularity, resolution, *extra = found
        anchor = extra[0] if extra else None
        return self._record(span, (start, end), granularity, resolution, role, anchor=anchor)

    @staticmethod
    def _record(span, dates, granularity, resolution, role, anchor=None, note=None) -> dict:
        return {
            "text": span.text,
            "start": span.start_char,
            "end": span.end_char,
            "start_date": dates[0].isoformat() if dates else None,
            "end_date": dates[1].isoformat() if dates else None,
            "granularity": granularity,
            "resolution": resolution,
            "role": role,
            "anchor": anchor,
            "note": note,
        }

    @staticmethod
    def _granularity(span: Span) -> str:
        words = {t.lower_ for t in span}
        if span.label_ in ("MONTH_RANGE", "YEAR_TO", "FIRST_N") or "far" in words:  # `2024-25 so far`
            return "range"
        for unit in ("day", "week", "month", "quarter", "half", "year"):
            if unit in words:
                return unit
        labels = {"DAY": "day", "WEEKDAY": "day", "MONTH": "month", "QUARTER_CODE": "quarter", "HALF_CODE": "half"}
        return labels.get(span.label_, "year")

    def _explicit_year(self, span: Span) -> int | None:
        for token in span:
            if YEAR_RE.match(token.text):
                return int(token.text)
        return None

    def _month_of(self, token) -> int | None:
        return self.months.get(token.lower_)

    @staticmethod
    def _need(published: date | None) -> date:
        if published is None:
            raise Unresolved(NO_DATE)
        return published

    def _day(self, span, published, earlier):
        explicit = self._explicit_year(span)
        if explicit is None:
            self._need(published)
        default = datetime(explicit or published.year, 1, 1)  # type: ignore[union-attr]
        text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", span.text)
        try:
            day = date_parser.parse(text, default=default).date()
        except (ValueError, OverflowError) as err:
            raise Unresolved(f"not a calendar date: {err}") from err
        if explicit is None and published is not None:
            if _in_future_clause(span) and day < published:
                day = day.replace(year=day.year + 1)  # `due on January 14`
            elif not _in_future_clause(span) and day > published:
                day = day.replace(year=day.year - 1)
        return (day, day), "day", "absolute" if explicit else "relative_to_publication"

    def _weekday(self, span, published, earlier):
        anchor = self._need(published)
        weekday = self.vocab["weekdays"][span[0].lower_]
        future = _in_future_clause(span)
        day = cal.next_weekday_not_before(weekday, anchor) if future else cal.latest_weekday_not_after(weekday, anchor)
        return (day, day), "day", "relative_to_publication"

    def _month(self, span, published, earlier):
        number = next(m for t in span if (m := self._month_of(t)))
        explicit = self._explicit_year(span)
        if explicit is not None:
            return cal.month(explicit, number), "month", "absolute"
        anchor = self._need(published)
        if _in_future_clause(span):
            return cal.earliest_month_not_before(number, anchor), "month", "relative_to_publication"
        return cal.latest_month_not_after(number, anchor), "month", "relative_to_publication"

    def _month_last_year(self, span, published, earlier):
        """`November last year`, `November a year earlier`: that month of the year before publication."""
        number = next(m for t in span if (m := self._month_of(t)))
        return cal.month(self._need(published).year - 1, number), "month", "relative_to_publication"

    def _month_range(self, span, published, earlier):
        numbers = [m for t in span if (m := self._month_of(t))]
        first, last = numbers[0], numbers[-1]
        explicit = self._explicit_year(span)
        if explicit is None:
            explicit = cal.latest_month_not_after(last, self._need(published))[0].year
            return cal.months(explicit, first, last), "range", "relative_to_publication"
        return cal.months(explicit, first, last), "range", "absolute"

    def _year_to(self, span, published, earlier):
        last = next(m for t in span if (m := self._month_of(t)))
        explicit = self._explicit_year(span)
        y = explicit if explicit is not None else cal.latest_month_not_after(last, self._need(published))[0].year
        # `the year to November` runs from January; `the three months to September` is a rolling window
        count = next((int(t.text) if t.text.isdigit() else self.vocab["count_words"].get(t.lower_)
                      for t in span[1:3] if t.text.isdigit() or t.lower_ in self.vocab["count_words"]), None)
        if count:
            dates = (cal.shift(cal.month(y, last), months=-(count - 1))[0], cal.month(y, last)[1])
        else:
            dates = cal.months(y, 1, last)
        return dates, "range", "absolute" if explicit is not None else "relative_to_publication"

    def _first_n(self, span, published, earlier):
        words = [t.lower_ for t in span]
        count_word = next(w for w in words if w.isdigit() or w in self.vocab["count_words"])
        n = int(count_word) if count_word.isdigit() else self.vocab["count_words"][count_word]
        unit_months = 3 if any(w.startswith("quarter") for w in words) else 1
        if any(w.startswith("week") for w in words):
            raise Unresolved("a count of weeks is not resolved to dates")
        explicit = self._explicit_year(span)
        if words[0] in ("last", "final") or (len(words) > 1 and words[1] in ("last", "final")):
            if explicit is not None:
                return cal.months(explicit, 13 - n * unit_months, 12), "range", "absolute"
            anchor = self._need(published)
            end = cal.shift(cal.month(anchor.year, anchor.month), months=-1)
            return (cal.shift(end, months=-(n * unit_months - 1))[0], end[1]), "range", "relative_to_publication"
        if n * unit_months > 12:
            raise Unresolved("more than a year of months")
        y = explicit if explicit is not None else self._need(published).year
        resolution = "absolute" if explicit is not None else "relative_to_publication"
        return cal.months(y, 1, n * unit_months), "range", resolution

    def _part_of_year(self, span, published, earlier):
        words = [t.lower_ for t in span]
        unit = "quarter" if "quarter" in words else "half"
        ordinal = next(self.vocab["ordinals"][w] for w in words if w in self.vocab["ordinals"])
        explicit = self._explicit_year(span)
        if ordinal == -1 and "of" not in words:
            return self._relative(span, published, earlier)  # `the last quarter`: the one before now
        number = (4 if unit == "quarter" else 2) if ordinal == -1 else ordinal
        if unit == "half" and number > 2:
            return None
        return self._part(cal.quarter if unit == "quarter" else cal.half, unit, number, explicit, published)

    def _part(self, bounds, unit: str, number: int, explicit: int | None, published: date | None):
        """A quarter or half: of the year written, else the latest one begun by publication."""
        if explicit is not None:
            return bounds(explicit, number), unit, "absolute"
        anchor = self._need(published)
        y = anchor.year if bounds(anchor.year, number)[0] <= anchor else anchor.year - 1
        return bounds(y, number), unit, "relative_to_publication"

    def _quarter_code(self, span, published, earlier):
        text = span.text.upper().replace(" ", "")
        match = re.match(r"^(?:Q([1-4])((?:19|20)\d\d)?|([1-4])Q(\d\d)?)$", text)
        if match is None:
            return None
        number = int(match[1] or match[3])
        y = int(match[2]) if match[2] else (2000 + int(match[4]) if match[4] else None)
        return self._part(cal.quarter, "quarter", number, y, published)

    def _half_code(self, span, published, earlier):
        number = self.vocab["half_codes"][span[0].lower_]
        return self._part(cal.half, "half", number, self._explicit_year(span), published)

    def _whole_year(self, span, published, earlier):
        return cal.year(self._explicit_year(span)), "year", "absolute"  # type: ignore[arg-type]

    def _reference_year(self, span, published, earlier):
        """`for the full year`, `the year as a whole`: the calendar year of the month the article reports on (the
        one it has named most often so far), which in January is not the year of publication."""
        months = [p for p in earlier if p["granularity"] == "month" and p["role"] == "period" and p["start_date"]]
        if months:
            counts = Counter(p["start_date"] for p in months)
            top = max(counts.values())
            reference = next(p for p in months if counts[p["start_date"]] == top)
            return cal.year(int(reference["start_date"][:4])), "year", "relative_to_period", reference["id"]
        return cal.year(self._need(published).year), "year", "relative_to_publication"

    def _fiscal(self, span, published, earlier):
        raise Unresolved("a fiscal year: its calendar months depend on who reports it")

    def _year(self, span, published, earlier):
        return cal.year(int(span.text)), "year", "absolute"

    # --- relative to now, or to another period ---------------------------------------------

    def _relative(self, span, published, earlier):
        words = [t.lower_ for t in span]
        if "period" in words:
            return self._same_as_before(span, earlier)
        unit = next(w for w in words if w in ("day", "week", "month", "quarter", "year", "yesterday", "today"))
        if unit in ("yesterday", "today"):
            anchor = self._need(published)
            day = anchor if unit == "today" else date.fromordinal(anchor.toordinal() - 1)
            return (day, day), "day", "relative_to_publication"
        if words[0] == "that":
            return self._from_period(span, [p for p in earlier if not self._compared_with(span.doc, p)], unit, 0)
        if "same" in words:
            return self._from_period(span, earlier, unit, 0)
        if words == ["the", unit] and self._named_just_before(span, earlier):
            return self._from_period(span, earlier, unit, 0)  # `rose 2.5% over the quarter` after the quarter named
        if unit == "year" and (words == ["the", "year"] or {"full", "whole", "entire"} & set(words)):
            return self._reference_year(span, published, earlier)
        if words[-1] in ("earlier", "ago", "before"):
            return self._from_period(span, earlier, unit, -1)
        if any(w in ("previous", "prior", "preceding") for w in words):
            return self._from_period(span, earlier, unit, -1)
        if any(w in ("following",) for w in words):
            return self._from_period(span, earlier, unit, 1)
        anchor = self._need(published)
        step = -1 if any(w in ("last", "past") for w in words) else 1 if any(
            w in ("next", "coming", "upcoming") for w in words) else 0
        current = self._containing(anchor, unit)
        if words[0] in ("later", "earlier"):
            start, end = (anchor, current[1]) if words[0] == "later" else (current[0], anchor)
            return (start, end), "range", "relative_to_publication"
        return self._step(current, unit, step), unit, "relative_to_publication"

    def _named_just_before(self, span, earlier) -> bool:
        """A period named in this sentence or the two before (the parser splits some sentences in two)."""
        sent = self.sentences.of(span.start)
        floor = (self.sentences.before(sent, 2) or self.sentences.before(sent) or sent).start_char
        return any(p["start"] >= floor and p["role"] == "period" and p["granularity"] != "day" for p in earlier)

    def _same_as_before(self, span, earlier):
        """`over that period`: the period named last before it, whatever its grain, in this sentence or the one
        before; further back, what `that` points to is anyone's guess."""
        sent = self.sentences.of(span.start)
        floor = (self.sentences.before(sent) or sent).start_char
        near = [p for p in earlier if p["start"] >= floor and p["role"] == "period" and p["granularity"] != "day"
                and not self._compared_with(span.doc, p)]
        if not near:
            raise Unresolved("no period named just before it to refer to")
        base = near[-1]
        if base["start_date"] is None:
            raise Unresolved(f"refers to {base['text']!r}, which is unresolved")
        dates = (date.fromisoformat(base["start_date"]), date.fromisoformat(base["end_date"]))
        return dates, base["granularity"], "relative_to_period", base["id"]

    @staticmethod
    def _compared_with(doc, period: dict) -> bool:
        """`grew 1% over December 2023`, `higher than in 2023`: what a figure is compared with is not what `that
        month` goes on about."""
        before = doc.char_span(period["start"], period["end"], alignment_mode="expand")
        i = before.start - 1 if before is not None else -1
        if i >= 0 and doc[i].lower_ == "in":
            i -= 1
        return i >= 0 and doc[i].lower_ in COMPARED_CUES

    @staticmethod
    def _after_comparison(doc, period: dict) -> bool:
        """`up from a marginal 0.6% growth in 2023`, `compared with $5 billion in March`: a period a few words
        after a comparison lead, with no verb between, is the point compared with."""
        span = doc.char_span(period["start"], period["end"], alignment_mode="expand")
        if span is None:
            return False
        for token in reversed(doc[max(span.start - COMPARISON_REACH, 0) : span.start]):
            if token.lower_ in COMPARISON_LEADS:
                return True
            if token.pos_ in ("VERB", "AUX") or token.is_sent_start:
                return False
        return False

    def _from_period(self, span, earlier, unit, step):
        """`the previous month` is the month before the period it follows: one of the same or a finer grain in the
        same sentence, else the nearest before it; with neither, the publication date."""
        sent = self.sentences.of(span.start)
        # a release day is not what a month is, and a point of comparison (`the year-ago month`) is not what
        # the text goes on about
        fits = [p for p in earlier if FINER_OR_SAME.get(p["granularity"], 9) <= FINER_OR_SAME[unit]
                and (p["granularity"] != "day" or unit in ("day", "week")) and p["role"] != "basis"]
        in_sentence = [p for p in fits if sent.start_char <= p["start"] < sent.end_char]
        # before the sentence, the period measured: not one a figure was compared with (`up from 0.6% in 2023`)
        measured = [p for p in fits if not self._after_comparison(span.doc, p)]
        base = (in_sentence or self._later_in_sentence(span, unit) or measured[-1:] or [None])[-1]
        if base is not None:
            if base["start_date"] is None:
                raise Unresolved(f"relative to {base['text']!r}, which is unresolved")
            day = date.fromisoformat(base["end_date"] if base["granularity"] == "range" else base["start_date"])
            return self._step(self._containing(day, unit), unit, step), unit, "relative_to_period", base.get("id")
        published = span.doc._.published
        if published is None:
            raise Unresolved(NO_DATE)
        return self._step(self._containing(date.fromisoformat(published), unit), unit, step), unit, "relative_to_publication"

    def _later_in_sentence(self, span: Span, unit: str) -> list[dict]:
        """A period later in the same sentence (`after a fall the preceding month, exports rose in November`)."""
        sent = self.sentences.of(span.start)
        published = date.fromisoformat(span.doc._.published) if span.doc._.published else None
        first = bisect_left(self.candidate_starts, span.end)
        for candidate in self.candidates[first:]:
            if candidate.end > sent.end:
                break
            if candidate.start > 0 and span.doc[candidate.start - 1].lower_ in REFERENCE_CUES:
                continue  # `the biggest since September 2018`: a point of comparison is no base for others
            if candidate.label_ in ("MONTH", "QUARTER_CODE", "PART_OF_YEAR", "YEAR", "FIRST_N", "MONTH_RANGE", "YEAR_TO") and self._is_period(candidate):
                try:
                    found = getattr(self, f"_{candidate.label_.lower()}")(candidate, published, [])
                except Unresolved as why:
                    return [{"text": candidate.text, "start_date": None, "note": str(why)}]
                if found and FINER_OR_SAME.get(found[1], 9) <= FINER_OR_SAME[unit]:
                    (start, end), granularity, *_ = found
                    return [{"text": candidate.text, "start_date": start.isoformat(), "end_date": end.isoformat(),
                             "granularity": granularity}]
        return []

    @staticmethod
    def _containing(day: date, unit: str) -> cal.DateRange:
        if unit == "month":
            return cal.month(day.year, day.month)
        if unit == "quarter":
            return cal.quarter(day.year, (day.month - 1) // 3 + 1)
        if unit == "week":
            monday = date.fromordinal(day.toordinal() - day.weekday())
            return monday, date.fromordinal(monday.toordinal() + 6)
        return cal.year(day.year)

    @staticmethod
    def _step(period: cal.DateRange, unit: str, step: int) -> cal.DateRange:
        if step == 0:
            return period
        if unit == "week":
            return tuple(date.fromordinal(d.toordinal() + 7 * step) for d in period)  # type: ignore[return-value]
        months = {"month": 1, "quarter": 3, "year": 12}[unit]
        return cal.shift(period, months=step * months)


def _in_future_clause(span: Span) -> bool:
    """`would publish ... in January`, `is due on Thursday`: the verb the period hangs from looks ahead."""
    head = span.root.head
    while head.pos_ not in ("VERB", "AUX", "ADJ") and head.dep_ != "ROOT" and head.head.i != head.i:
        head = head.head
    if head.lower_ == "due" and any(c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children) for c in head.children):
        return False  # `due to the anticipation of ...`: a cause, not a schedule
    if head.lower_ in ONSET_HEADS:
        # `Peru faces (is facing) a 20% tariff starting on August 1`: an onset stated in the present is still to come
        governor = head.head
        while governor.pos_ not in ("VERB", "AUX") and governor.dep_ != "ROOT" and governor.head.i != governor.i:
            governor = governor.head
        present = ("VBZ", "VBP", "MD")
        return governor.tag_ in present or any(c.lower_ in FUTURE_AUX or c.dep_ == "aux" and c.tag_ in present
                                               for c in governor.children)
    return any(c.lower_ in FUTURE_AUX for c in head.children) or head.lower_ in FUTURE_HEADS
