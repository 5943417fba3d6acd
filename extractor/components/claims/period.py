"""When a figure is for: the period in its own phrase or clause, else the one its metric was last stated for, else
that of the sentence before's own figures (or a span it names), else the period the article reports on
(`resolution: article_reference`). Each period taken from outside the figure's clause says where it came from."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from datetime import date

from spacy.tokens import Span

from schemas.facts import INFERRED_REFERENCE_PERIOD

from ...normalize import calendar as cal
from ..periods import FISCAL_SPLIT
from ..quantities import LEVEL_NOUNS
from .document import is_money, noun_phrase, overlap, unclaim_period, years_shifted
from .frame import LEDE_SENTENCES
from .rules import PERIOD_LOOKBACK_SENTENCES, PRIOR_FIGURE_LEADS

BASIS_BEFORE_PERIOD = re.compile(r"^(?:mom|yoy|qoq|[ymq]/[ymq]|on[- ]year|year[- ]on[- ]year|month[- ]on[- ]month)\b",
                                 re.IGNORECASE)
# What introduces the point a change is measured against: `higher than in April 2024`, `compared with March`.
COMPARED_WITH = frozenset({"than", "compared", "versus", "vs", "against"})
# What introduces the year a figure is compared with (`than in 2023`, `from 2023`), never `since 2004`.
YEAR_COMPARED_CUES = COMPARED_WITH | {"from", "over"}
INFERRED_YEAR_AFTER = "the year after the one the sentence compares it with"
# a year carried on from sentence to sentence (`In 2024, exports rose 7.1%. Imports rose 2.3%. Trade swelled 5%.`)
INFERRED_CARRIED = "the period of the figures in the sentence before"
# Grains a metric remembers for the sentences that follow.
REMEMBERED_GRAINS = frozenset({"month", "quarter"})
FISCAL_NAMED = re.compile(r"(?:\bFY\s*'?|(?:fiscal|financial)(?: year)?\s+)(\d{4}|\d{2})\b", re.IGNORECASE)
# `October's $1.2 billion`, `October's tally of $66.34 billion`: a period whose figure follows
POSSESSIVE_OF_FIGURE = re.compile(r"'s?(?:\s+(?:tally|total|figure|level|value|reading|bill|haul)\s+of)?")
# `more than double the level recorded in October`: words that measure one level against another's
MULTIPLE_WORDS = frozenset({"double", "triple", "twice", "thrice", "half"})
BASE_ON_CONVENTION = "the point of comparison on the reporting basis of"
INFERRED_PAST_MEASURE = "the month the article reports on (a rate told in the past tense, with no date)"
OUTCOME_PERIOD = "the period of the outcome the sentence compares it with"
SPAN_JOINERS = frozenset({"to", "through", "until", "till", "-", "\u2013", "and"})
# words between a comparison lead and the period of the figure it leads: `from a revised $138.3 billion in March`
COMPARED_FIGURE_REACH = 8


class PeriodRules:
    """Methods of `ArticleClaims` (record.py); they read the `DocumentView` it is."""

    def _period_for(self, sent: Span, span: Span, periods: list[dict], sentence_claims, metric: str,
                    kind: str | None = None) -> tuple[dict | None, str | None]:
        """(the period, how it was inferred): None when the figure's own words or clause state it, else where the
        period was taken from (several periods named in the sentence, the sentence before, the article...)."""
        fits = list(self.periods_by_sent.get(sent.start_char, []))
        if metric in self.rules.flow_metrics:
            fits = [p for p in fits if p["granularity"] != "day"]  # a release date, not the period measured
        in_sent = [p for p in fits if p["role"] == "period"]
        horizons = [p for p in fits if p["role"] == "horizon"]
        if metric in self.rules.in_force_metrics and self.doc._.published and self._in_force_now(span):
            return self._month_of_publication()  # `the current 15% levy`, whatever else the sentence dates
        bracketed = self._bracketed_after(span, fits)
        if bracketed is not None:
            return bracketed, None
        # `up from €215 billion a year earlier`: a level stated for the comparison period (after a change, `grew 1%
        # over December 2023` names what it is measured against)
        after = self._period_right_after(span, self.basis_by_sent.get(sent.start_char, [])) \
            if kind not in ("change", "forecast", "expectation") else None
        if after is not None:
            return after, None
        if self._is_comparison_base(span):
            # `exports were $32.1 billion as compared to $33.8 billion in November 2023, while imports were $70.0
            # billion as compared to $55.1 billion`: the point compared with is the one the sentence stated before
            parallel = [c for c in sentence_claims if c["_base"] and c["period"] and not c["inferred"].get("period")]
            if parallel:
                return unclaim_period(parallel[-1]["period"]), "the point the sentence compared its other figure with"
            conventional = self._conventional_base(span, fits, sentence_claims, metric) if kind == "level" else None
            if conventional is not None:
                return conventional
        if kind in ("forecast", "expectation"):
            outcome = self._outcome_compared(span, fits, sentence_claims, metric)
            if outcome is not None:
                return outcome
        if horizons and kind in ("forecast", "target"):
            return horizons[0], None
        # `than the previous month's $6.51 billion`: a period written as the figure's possessive is its own, even
        # where it is also the point another figure is compared with
        possessive = self._possessive_period_before(span, fits + self.basis_by_sent.get(sent.start_char, []))
        if possessive is not None:
            return possessive, None
        if in_sent:
            placed = []
            for p in in_sent:
                pspan = self._span(p)
                if pspan is not None and not overlap(pspan, span):
                    placed.append((p, pspan))
            # `its lowest level since 2004`, `wider than in 2024`: points of comparison, not the period measured
            placed = [(p, ps) for p, ps in placed if not self._is_reference_point(p)]
            # `the $992 billion surplus recorded for the whole of 2024`, `2024's $992 billion`, `€17.2 billion in
            # August`: the period inside the figure's own noun phrase, or right after it, comes first
            phrase = noun_phrase(span)
            if phrase is not None:
                inside = [(p, ps) for p, ps in placed if all(t in phrase for t in ps)]
                if inside:
                    return min(inside, key=lambda x: abs(x[1].start - span.start))[0], None
            own = self._period_right_after(span, [p for p, _ in placed])
            if own is not None:
                return own, None
            named = self._period_of_subject(span, placed)
            if named is not None:
                return named, None
            # a period right after another figure's comparison base (`from €17.2 billion in August`) is that one's,
            # and so is one written as another figure's possessive (`after April's ¥115.6 billion deficit`)
            others = [other for _, other in self.quantity_spans.get(sent.start_char, []) if other.start != span.start]
            placed = [(p, ps) for p, ps in placed if not self._belongs_to_base(ps, span)
                      and not any(self._possessive_period_before(other, [p]) for other in others)]
            chain = self._clause_chain(self._clause_head(span.root))
            for head in chain:
                same = [(p, ps) for p, ps in placed if self._clause_head(ps.root) == head]
                if same:
                    # one period in the clause is stated; the nearest of several is a guess a reviewer should see
                    distinct = {(p["start_date"], p["end_date"]) for p, _ in placed}
                    note = None if len(distinct) == 1 else "the nearest of several periods the sentence names"
                    return min(same, key=lambda x: abs(x[1].start - span.start))[0], note
        if horizons and kind in ("forecast", "target", "expectation"):
            return horizons[0], None
        following = self._year_after_compared(sent, in_sent)
        if following is not None:
            return following, INFERRED_YEAR_AFTER
        if metric in self.rules.in_force_metrics:
            dated = self._month_of_the_measure(in_sent)
            if dated is not None:
                return dated, None
        if metric in self.rules.in_force_metrics and self.reference_period is not None and self._told_as_past(span):
            # `The US imposed 20% tariffs on copper` in an article on April's trade: the rate that weighed on the
            # month reported on
            return {**self.reference_period, "resolution": "article_reference"}, INFERRED_PAST_MEASURE
        if metric in self.rules.in_force_metrics and self.doc._.published:
            return self._month_of_publication()  # a tariff stated with no date is the one in force at writing
        # coordination: a figure takes the period of the sentence's claim in its own or a governing clause
        chain = self._clause_chain(self._clause_head(span.root))
        for claim in reversed(sentence_claims):
            if claim["period"] is not None and claim["kind"] not in ("forecast", "target") and claim["_clause"] in chain \
                    and not claim["_base"]:
                return unclaim_period(claim["period"]), claim["inferred"].get("period")
        usable = [c for c in sentence_claims if c["period"] is not None and c["kind"] not in ("forecast", "target")
                  and not c["_base"]]
        if usable and not in_sent:
            return unclaim_period(usable[-1]["period"]), usable[-1]["inferred"].get("period")
        # a sentence that names no period of its own speaks of a span the sentence before stated its figures for
        # (`Year to date, the deficit rose $179 billion. Exports increased $58 billion.`), else of the period its
        # metric was last stated for, else of the one named in the sentence before, else of the period the article
        # reports on
        stated_before = [c for c in self.previous_claims if c["period"] is not None and not c["_base"]
                         and c["metric"] in self.rules.flow_metrics and not self._compared_figure(c)
                         and (not c["inferred"].get("period") or c["basis"] == "year_to_date"
                              or c["inferred"]["period"] in (INFERRED_YEAR_AFTER, INFERRED_CARRIED)
                              and c["period"]["granularity"] == "year")
                         and c["kind"] not in ("forecast", "target", "expectation")
                         and not self._before_reference(c["period"])]
        spans = [c for c in stated_before if c["period"]["granularity"] == "range"]
        if spans and not any(p["granularity"] == "range" for p in in_sent):
            # (`exports fell 6%, and in January-May, the decline was 2%`: a sentence that names the span for
            # its other clause speaks of something else in this one)
            return unclaim_period(spans[0]["period"]), INFERRED_CARRIED
        remembered = self.metric_periods.get(metric)
        if remembered is not None and sent.start - remembered[0] < 400 and not self._before_reference(remembered[1]) \
                and (self._same_paragraph(remembered[0], sent) or self._is_reference(remembered[1])):
            # (a quarter told in one paragraph is not what the next paragraph's monthly figures are about)
            return remembered[1], f"the period {metric.replace('_', ' ')} was last stated for"
        # the sentence before: the period its own figures were stated for, else the last one it names that is
        # no point of comparison (`from March's $138.3 billion`)
        if stated_before:
            return unclaim_period(stated_before[0]["period"]), INFERRED_CARRIED
        earlier_start = self._sentence_start_back(sent, PERIOD_LOOKBACK_SENTENCES)
        # a month named there without a figure of its own is weaker evidence than the month the article reports on;
        # a span (`In the first ten months, ...`) is what the sentences after it go on about
        earlier = [p for p in periods if earlier_start <= p["start"] < sent.start_char and p["role"] == "period"
                   and not self._is_reference_point(p) and not self._follows_comparison(p)
                   and (p["granularity"] not in REMEMBERED_GRAINS or self.reference_period is None)]
        if metric in self.rules.flow_metrics:
            earlier = [p for p in earlier if p["granularity"] != "day"]
        if earlier:
            return earlier[-1], "the period named in the sentence before"
        if kind in ("forecast", "target") or self.reference_period is None:
            return None, None
        return {**self.reference_period, "resolution": "article_reference"}, INFERRED_REFERENCE_PERIOD

    def _month_of_the_measure(self, in_sent: list[dict]) -> dict | None:
        """`Under measures announced on March 3, Peru faced a 10% tariff`, `a 20% tariff starting on August 1`:
        the one date a sentence gives a tariff is when it took effect; its month is the period of the rate."""
        dates = {(p["start_date"], p["end_date"]): p for p in in_sent if p["start_date"] and
                 p["granularity"] in ("day", "month") and not self._is_reference_point(p)}
        if len(dates) != 1:
            return None
        p = next(iter(dates.values()))
        day = date.fromisoformat(p["start_date"])
        start, end = cal.month(day.year, day.month)
        return {**p, "start_date": start.isoformat(), "end_date": end.isoformat(), "granularity": "month"}

    def _conventional_base(self, span: Span, fits: list[dict], sentence_claims, metric: str):
        """`the deficit with the EU fell to $17.9 billion, down from $48 billion`: a month's level moved from one of
        no stated period moved on the reporter's basis (from the month before, or a year before)."""
        step = {"month_on_month": -1, "year_on_year": -12}.get(self.frame.convention_basis or "")
        if step is None or metric not in self.rules.flow_metrics or self._word_before(span) != "from" \
                or any(self._period_right_after(span, [p]) for p in fits):
            return None
        if any(t.lower_.startswith("revis") for t in self.sentences.of(span.start)):
            return None  # `a revision to March's deficit, to C$2.3 billion from C$506 million`: the same month
        measured = next((c for c in reversed(sentence_claims) if c["metric"] == metric and not c["_base"]
                         and c["period"] is not None and c["period"]["start_date"]
                         and c["period"]["granularity"] == "month"), None)
        if measured is None:
            return None
        first = date.fromisoformat(measured["period"]["start_date"])
        start, end = cal.shift(cal.month(first.year, first.month), months=step)
        return ({"text": None, "start_date": start.isoformat(), "end_date": end.isoformat(), "granularity": "month",
                 "resolution": "relative_to_period", "role": "period"},
                f"{BASE_ON_CONVENTION} {self.frame.subject}")

    def _outcome_compared(self, span: Span, fits: list[dict], sentence_claims, metric: str):
        """`Imports grew 1% last month, compared with a forecast of a 1% decline`: a forecast that names no period
        of its own is of the outcome the sentence compares it with."""
        phrase = noun_phrase(span)
        if phrase is not None and any((ps := self._span(p)) is not None and all(t in phrase for t in ps) for p in fits):
            return None
        outcome = next((c for c in reversed(sentence_claims) if c["metric"] == metric and c["period"] is not None
                        and c["kind"] in ("change", "level") and not c["_base"]), None)
        if outcome is None:
            return None
        return unclaim_period(outcome["period"]), outcome["inferred"].get("period") or OUTCOME_PERIOD

    def _period_of_subject(self, span: Span, placed: list) -> dict | None:
        """`the deficit in April 2024 was $73.1 billion, up from $71.1 billion in April 2023`: the figure a
        clause states of its subject is for the period the subject names."""
        if span.root.dep_ not in ("attr", "dobj", "pobj", "acomp"):  # `imports were more than double ...`
            return None
        clause = self._clause_head(span.root)
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        inside = [p for p, ps in placed for subject in subjects
                  if subject.left_edge.i <= ps.start and ps.end <= subject.right_edge.i + 1]
        return inside[0] if len(inside) == 1 else None

    def _fiscal_period(self, period: dict, economy: str | None) -> dict | None:
        """A fiscal year the periods component left unresolved, in the calendar of the economy that reports it
        (rules/claims.json `fiscal_years`); `2024-25 so far` runs to the period the article reports on."""
        calendar = self.rules.fiscal_years.get(economy or "")
        text = period.get("text") or ""
        if calendar is None or period.get("start_date") is not None:
            return None
        if (split := FISCAL_SPLIT.search(text)) is not None:
            first_year = int(split.group(1))
        elif (named := FISCAL_NAMED.search(text)) is not None:
            year = int(named.group(1))
            year += 2000 if year < 100 else 0
            first_year = year - 1 if calendar["named_by"] == "end" and calendar["first_month"] > 1 else year
        else:
            return None
        start = date(first_year, calendar["first_month"], 1)
        end = cal.shift(cal.month(start.year, start.month), months=11)[1]
        reference = self.reference_period
        if "so far" in text.lower() and reference is not None and start.isoformat() <= reference["end_date"] \
                < end.isoformat():
            end = date.fromisoformat(reference["end_date"])
        return {**period, "start_date": start.isoformat(), "end_date": end.isoformat(), "granularity": "range",
                "resolution": "relative_to_period"}

    def _year_after_compared(self, sent: Span, in_sent: list[dict]) -> dict | None:
        """`Exports reached $3.58 trillion, 5.9% higher than in 2023`, `Year over year, the deficit rose $38.7
        billion from the three months ending in April 2024`: where the only period a sentence names is a year its
        figures are compared with, or another period compared with year on year, they are for a year after it."""
        own = [p for p in in_sent if not self._is_reference_point(p)]
        year_on_year = self._cue_value(sent, "basis") == "year_on_year"
        compared = [p for p in in_sent if (p["granularity"] == "year" or year_on_year) and p["start_date"]
                    and (span := self._span(p)) is not None and self._led_by(span, YEAR_COMPARED_CUES, 3)
                    and not _possessive(span)]  # `worse than March's 0.7% fall` is that figure's period
        if own or len(compared) != 1:
            return None
        following = years_shifted(compared[0], 1)
        return {"text": None, "start_date": following["start_date"], "end_date": following["end_date"],
                "granularity": following["granularity"], "resolution": "relative_to_period", "role": "period"}

    def _before_reference(self, period: dict) -> bool:
        """A month or quarter that ended before the one the article reports on: in a sentence that names no period,
        a figure goes on about the release (`...the $138.3 billion deficit in March. Imports fell 16.3%`), and an
        earlier month carried from the sentence before was a point of comparison."""
        reference = self.reference_period
        return reference is not None and period.get("granularity") in REMEMBERED_GRAINS and \
            period.get("end_date") is not None and period["end_date"] < reference["start_date"]

    @staticmethod
    def _months_ending(period: dict, count: int) -> dict:
        end = date.fromisoformat(period["end_date"])
        start = cal.shift(cal.month(end.year, end.month), months=-(count - 1))[0]
        return {**period, "start_date": start.isoformat(), "granularity": "range"}

    def _same_paragraph(self, token_index: int, sent: Span) -> bool:
        return self._line_of(self.sentences.of(token_index))[0] == self._line_of(sent)[0]

    def _is_reference(self, period: dict) -> bool:
        """Is this the period the article reports on?"""
        reference = self.reference_period
        return reference is not None and (period["start_date"], period["end_date"]) == (
            reference["start_date"], reference["end_date"])

    def _remember_metric_periods(self, sent: Span, periods: list[dict], sentence_claims: list[dict]) -> None:
        """What period each metric was last stated for: `Shipments grew in November. Exports rose 5.9%` is about
        November, even when other periods come in between."""
        # a span (`from January to September`) lends itself to the next sentence only (`the period of the figures
        # in the sentence before`); a month or quarter is remembered for the metric
        # another economy's figures (`Chinese exports to the US plunged in May`) say nothing of the article's own
        own = (None, self.frame.subject)
        for claim in sentence_claims:
            if claim["period"] is not None and claim["period"].get("resolution") != "article_reference" and claim[
                    "kind"] not in ("forecast", "target") and not claim["_base"] and claim["period"].get(
                    "granularity") in REMEMBERED_GRAINS and not self._compared_figure(claim) and claim["subject"] in own:
                self.metric_periods[claim["metric"]] = (sent.start, {**claim["period"], "role": "period"})
        periods = [p for p in self.periods_by_sent.get(sent.start_char, []) if p["role"] == "period"
                   and p["granularity"] in REMEMBERED_GRAINS]
        for key, m in self.metrics_by_sent.get(sent.start_char, []) if periods else ():
            metric = key.split("|")[0]
            chain = self._clause_chain(self._clause_head(m.root))
            for p in periods:
                if self._is_reference_point(p) or self._follows_comparison(p):
                    continue
                pspan = self._span(p)
                if pspan is not None and self._clause_head(pspan.root) == chain[0]:
                    if self._subject(sent, m, metric)[0] in own:
                        self.metric_periods[metric] = (sent.start, p)
                    break

    def _reference_period(self, periods: list[dict]) -> dict | None:
        """The period the article reports on: the month or quarter it names most often, those of its first sentence
        counting three times and of the rest of its lede twice, leaving out the points figures are compared with
        (`from $2.3 billion in March`, `since 2004`); ties go to the first named."""
        lede_end = self.sentences.spans[min(LEDE_SENTENCES, len(self.sentences.spans)) - 1].end_char \
            if self.sentences.spans else 0
        headline_end = self.sentences.spans[0].end_char if self.sentences.spans else 0
        counted: Counter = Counter()
        for p in periods:
            if not p["start_date"] or p["role"] != "period" or p["granularity"] not in ("month", "quarter"):
                continue
            if self._is_reference_point(p) or self._follows_comparison(p):
                continue
            counted[(p["start_date"], p["end_date"])] += 3 if p["start"] < headline_end else 2 if p["start"] < lede_end else 1
        if not counted:
            return None
        top = max(counted.values())
        return next(p for p in periods if p["start_date"] and counted.get((p["start_date"], p["end_date"])) == top)

    def _compared_figure(self, claim: dict) -> bool:
        """`topped the 1.2% rise in August`, `from $2.3 billion`: a figure the sentence compares with."""
        span = self._span(claim["quantity"])
        if span is None:
            return False
        return any(t.lower_ in self.rules.compared_figure_cues for t in self.doc[max(span.start - 3, 0) : span.start])

    def _follows_comparison(self, period: dict) -> bool:
        """`up from $2.3 billion in March`, `after a 2% rise in April`: the period of what a figure is compared with."""
        span = self._span(period)
        return span is not None and self._led_by(span, self.rules.comparison_leads, COMPARED_FIGURE_REACH)

    def _is_reference_point(self, period: dict) -> bool:
        """`its lowest level since 2004`, `wider than in 2024`, `a 4.1% decline from March`: a point of comparison,
        not the period measured."""
        span = self._span(period)
        if span is None:
            return False
        return self._led_by(span, self.rules.words["not_period_cues"], 4) or self._changed_from(period, span) \
            or self._level_compared_with(span) or self._ranks_within(span)

    def _bracketed_after(self, span: Span, fits: list[dict]) -> dict | None:
        """`the lowest value since October 2024 ($1.8 billion)`: a figure in brackets right after a period is
        that period's."""
        if span.start < 2 or self.doc[span.start - 1].text != "(":
            return None
        return next((p for p in fits if p["start_date"] and (ps := self._span(p)) is not None
                     and ps.end == span.start - 1), None)

    def _ranks_within(self, span: Span) -> bool:
        """`the year's highest tally`, `the month's highest reading`: a period a figure is ranked within."""
        if not _possessive(span):
            return False
        after = self.doc[span.end + 1 : min(span.end + 4, len(self.doc))]
        return any(t.tag_ == "JJS" or t.lower_.endswith("best") or t.lower_.endswith("worst") for t in after)

    def _level_compared_with(self, span: Span) -> bool:
        """`more than double the level recorded in October`, `above the value of March`: the level of another
        period a figure is measured against."""
        start = max(span.start - 4, self.sentences.of(span.start).start)
        level = next((t for t in self.doc[start : span.start] if t.lower_ in LEVEL_NOUNS), None)
        if level is None or not self._led_by(span, LEVEL_NOUNS, 4):
            return False
        lead = [t.lower_ for t in self.doc[max(level.i - 2, 0) : level.i]]
        return bool(set(lead) & (self.rules.compared_figure_cues | MULTIPLE_WORDS))

    def _changed_from(self, period: dict, span: Span) -> bool:
        """`fell 4.1% from March`, `up 2% over February`, `from the three months ending in April 2024`: a month,
        quarter or span written right after `from` is where a change started (`from January to April` is one
        span, read as a whole)."""
        joined = any(t.lower_ in SPAN_JOINERS for t in span)
        if not (period["granularity"] in ("month", "quarter") or period["granularity"] == "range" and not joined) \
                or span.start == 0:
            return False
        if _possessive(span):
            return False  # `from April's 12.3% drop`: April is that figure's period
        i = span.start - 1
        article = span[0].lower_ in ("the", "a")
        if self.doc[i].lower_ in ("the", "a") and i > 0:
            article, i = True, i - 1
        # `from the previous month`, `over December 2023`; but `rose 2.5% over the quarter` is during it
        return self.doc[i].lower_ == "from" or (self.doc[i].lower_ == "over" and not article)

    def _month_of_publication(self) -> tuple[dict, str]:
        published = date.fromisoformat(self.doc._.published)
        start, end = cal.month(published.year, published.month)
        return ({"text": None, "start_date": start.isoformat(), "end_date": end.isoformat(), "granularity": "month",
                 "resolution": "relative_to_publication", "role": "period"}, "the month of publication")

    def _told_as_past(self, span: Span) -> bool:
        """`imposed`, `were hit with`, `was subject to`; not `has imposed` or `faces`, which say it is in force."""
        clause = self._clause_head(span.root)
        if clause.tag_ == "VBD":
            return True
        return clause.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in clause.children)

    def _in_force_now(self, span: Span) -> bool:
        """`the current 15% levy`: the rate's noun says it is in force as the article is written."""
        nouns = (span.root, span.root.head) if span.root.head.pos_ == "NOUN" else (span.root,)
        return any(c.dep_ == "amod" and c.lower_ in self.rules.words["in_force_now"] for n in nouns for c in n.children)

    def _changed_from_in(self, sent: Span) -> dict | None:
        """The month or quarter a change in this sentence is measured from: written after `from`, or the point it is
        compared with (`65.7% higher than it was in April 2024`)."""
        for p in self.periods_by_sent.get(sent.start_char, []):
            span = self._span(p)
            if span is not None and p["start_date"] and p["granularity"] in ("month", "quarter") and (
                    self._changed_from(p, span) or self._compared_with_alone(span) or self._level_changed_from(sent, span)):
                return p
        return None

    def _level_changed_from(self, sent: Span, span: Span) -> bool:
        """`more than doubling from $7.13 billion in October`, `more than double the level recorded in October`:
        the level a change started from, with its period."""
        if self._level_compared_with(span):
            return True
        if not self._led_by(span, frozenset({"from"}), COMPARED_FIGURE_REACH):
            return False
        return any(is_money(q["unit"]) and other.end <= span.start and other.start >= span.start - COMPARED_FIGURE_REACH
                   for q, other in self.quantity_spans.get(sent.start_char, []))

    def _compared_with_alone(self, span: Span) -> bool:
        """`2.1% compared to April 2024`, `higher than it was in April 2024`: the period a change is compared with;
        not `rose 1.9%, compared with 1.0% in October`, where the month is the other figure's."""
        if not self._led_by(span, COMPARED_WITH, 6):
            return False
        i = span.start - 1
        while i >= 0 and self.doc[i].lower_ not in COMPARED_WITH:
            if self.doc[i].like_num:
                return False
            i -= 1
        return True

    def _led_by(self, span: Span, cues: frozenset[str], reach: int) -> bool:
        """Is the span introduced by one of `cues` within `reach` words, with no verb between (`than in 2024`, `from
        $2.3 billion in March`; not `faster than expected in November`)?"""
        start = max(span.start - reach, self.sentences.of(span.start).start)
        for i in range(span.start - 1, start - 1, -1):
            token = self.doc[i]
            if token.lower_ in cues:
                return True
            # `compared to the 3.9% fall seen in November`, `from a revised $138.3 billion in March`: a participle
            # describing the compared figure goes on; so does the copula of `than it was in April 2024`
            if token.pos_ in ("VERB", "AUX") and not (token.dep_ in ("acl", "amod") and token.tag_ == "VBN") \
                    and not (token.pos_ == "AUX" and token.lemma_ == "be"):
                return False
        return False

    def _period_right_after(self, span: Span, candidates: list[dict]) -> dict | None:
        """A period written right after the figure or the noun it sizes (`$A4.4 billion in October`, `€215 billion a
        year earlier`, `a $3.5 billion surplus in April`)."""
        end = span.end_char
        if span.end < len(self.doc) and span.root.head.i == span.end and span.root.head.pos_ == "NOUN":
            end = span.root.head.idx + len(span.root.head)
        for p in candidates:
            if p["start"] < end:
                continue
            # `-5.6% MoM in April`: a basis written between them leaves the period the figure's
            gap = BASIS_BEFORE_PERIOD.sub("", self.text[end : p["start"]].strip())
            if len(gap) <= 8 and gap.strip().lower() in ("", "in", "for", "during", "over", "at", "as of"):
                return p
        return None

    def _possessive_period_before(self, span: Span, candidates: list[dict]) -> dict | None:
        """`October's 1% growth`, `2024's $992 billion`, `October's tally of $66.34 billion`."""
        for p in candidates:
            gap = self.text[p["end"] : span.start_char].strip().replace("\u2019", "'")
            if p["end"] <= span.start_char and POSSESSIVE_OF_FIGURE.fullmatch(gap):
                return p
        return None

    def _belongs_to_base(self, pspan: Span, span: Span) -> bool:
        for _, other in self.quantity_spans.get(self.sent_starts[bisect_right(self.sent_starts, span.start_char) - 1], []):
            if other.start == span.start or not (0 <= pspan.start - other.end <= 2):
                continue
            # `from €17.2 billion in August`, `after an increase of 1.2% in March`
            if self._is_comparison_base(other) or self._led_by(other, PRIOR_FIGURE_LEADS, 4):
                return True
        return False


def _possessive(span: Span) -> bool:
    """`April's`, `the Bureau of Statistics'`: a period written as the possessive of what follows."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in ("'s", "\u2019s", "'", "\u2019")
