"""One article's claims: every figure bound to who, what and when, in the article's frame.

`ArticleClaims` is made for one document and reads it through the steps of this package: what is measured
(metric.py), who it is about (subject.py), when (period.py), how it is stated (kind.py) and what the article
establishes once (frame.py). This file puts each figure's answers together into its claim record.
"""

from __future__ import annotations

import re
from decimal import Decimal

from spacy.tokens import Doc, Span

from schemas.facts import INFERRED_REFERENCE_PERIOD, INFERRED_REPEATED_FIGURE, INFERRED_YEAR_TO_DATE

from ...extensions import guarded
from ...normalize.intervals import interval
from ...normalize.units import unit_for
from .document import DocumentView, claim_period, is_money, negate, word_number
from .frame import FrameRules
from .kind import KindRules
from .metric import MetricRules
from .period import PeriodRules
from .rules import RATE_UNITS, TIME_UNITS, ClaimRules
from .subject import SubjectRules
from .tariff import TariffRules

# working state of a claim while its document is read; not part of the record (and a Token is not a plain value)
PRIVATE_FIELDS = ("_clause", "_sign", "_explicit", "_base", "_sentence_end", "_own_period", "_deficit", "_scope",
                  "_converted_from", "_paragraph", "_month_run")
OPPOSITE = {"up": "down", "down": "up"}
UNIT_PRICE = "_unit_price"
# `a third straight monthly decline`, `the first rise in four months`: a run of months, told of a month's figure
MONTH_RUN = re.compile(r"\b(?:straight|consecutive|successive)\s+(?:months?|monthly)\b|\b(?:first|second|third|fourth|"
                       r"fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b[\w\s-]{0,20}?\bin\s+(?:\w+\s+)?"
                       r"months\b", re.IGNORECASE)
# Flows a sentence's named trade partner is the other side of.
TRADED_WITH_PARTNER = frozenset({"exports", "imports", "total_trade"})
# Totals a release splits into goods and services: `exports of goods` beside services is the goods series.
SCOPED_SERIES = frozenset({"trade_balance", "exports", "imports", "services_exports", "services_imports"})


class ArticleClaims(FrameRules, MetricRules, SubjectRules, TariffRules, PeriodRules, KindRules, DocumentView):
    def __init__(self, rules: ClaimRules, doc: Doc):
        super().__init__(rules, doc)
        self.frame = self._frame()
        self.reference_period = self._reference_period(self.periods)
        self.metric_periods: dict[str, tuple[int, dict]] = {}  # metric -> (sentence start, period) last stated
        self.previous_claims: list[dict] = []
        self.last_told_claims: list[dict] = []  # the claims of the last sentence that had any
        self.list_heading: str | None = None  # the metric a short heading line names, for the list items below it

    def claims(self) -> list[dict]:
        doc, periods = self.doc, self.periods
        claims: list[dict] = []
        for sent in self.worded:
            line_start = self._line_of(sent)[0]
            # `📈 Imports`: the first words of a line, whatever marks stand before them
            first_on_line = not any(ch.isalnum() for ch in self.text[line_start : sent.start_char])
            if first_on_line and not self._is_list_item(sent):
                self.list_heading = self._heading_metric(sent)
            sentence_claims: list[dict] = []
            for quantity in self.quantities_by_sent.get(sent.start_char, []):
                with guarded(doc, "claim", self._span(quantity) or sent):
                    claim = self._claim(sent, quantity, periods, sentence_claims)
                    if claim is not None:
                        sentence_claims.append(claim)
            sentence_claims.extend(self._streaks(sent, periods, sentence_claims))
            self._link_comparisons(sent, sentence_claims)
            self._remember_metric_periods(sent, periods, sentence_claims)
            month_run = bool(MONTH_RUN.search(sent.text))
            for claim in sentence_claims:
                claim["_sentence_end"], claim["_paragraph"], claim["_month_run"] = sent.end, line_start, month_run
            self.previous_claims = sentence_claims
            self.last_told_claims = sentence_claims or self.last_told_claims
            claims.extend(sentence_claims)
        self._fill_from_frame(claims)
        self._periods_of_repeated_figures(claims)
        _flows_in_a_goods_paragraph(claims)
        for claim in claims:
            if claim["partner"] is not None and claim["partner"] == claim["subject"]:
                # `lifted Peru's overall exports`: no economy trades with itself
                claim["partner"] = None
                claim["inferred"].pop("partner", None)
            claim["metric"] = self._series_name(claim)
        new_ids = {claim["id"]: f"c{i}" for i, claim in enumerate(claims)}
        for claim in claims:
            for private in PRIVATE_FIELDS:
                claim.pop(private, None)
            claim["id"] = new_ids[claim["id"]]
            if claim.get("comparison"):
                claim["comparison"]["other"] = new_ids[claim["comparison"]["other"]]
        return claims

    def _claim(self, sent: Span, quantity: dict, periods, sentence_claims) -> dict | None:
        span = self._span(quantity)
        # a count of economists or ships is not a measured quantity; streaks are read on their own
        if span is None or quantity["unit"] in TIME_UNITS or quantity["unit"] == "count":
            return None
        root = span.root
        if quantity.get("conversion_of") is not None:
            # `797.7 billion yuan, or around $111.7 billion`: the same fact in another currency
            original = next((c for c in reversed(sentence_claims) if c["quantity_id"] == quantity["conversion_of"]), None)
            return self._converted(original, quantity) if original is not None else None
        metric = self._metric_for(sent, span, sentence_claims)
        if metric is None:
            return None
        metric_name, sign, metric_span, inherited = metric
        if inherited and sentence_claims:
            sign = sentence_claims[-1]["_sign"]
        if self._describes_other_noun(span, metric_span):
            return None
        per = self._priced_per(span, quantity)
        if per is not None:
            # `$8,900 per tonne`: a price of what the flow carries, not an amount of the flow
            quantity = {**quantity, "unit": f"{quantity['unit']}_per_{per}"}
            metric_name = metric_name if metric_name.endswith(UNIT_PRICE) else metric_name + UNIT_PRICE
        kind = self._kind(sent, span, quantity, metric_name)
        direction, negated = self._direction(sent, span, quantity, kind)
        if kind == "level" and quantity["unit"] in RATE_UNITS and not (
            metric_name not in self.rules.flow_metrics
            and (self._word_before(span) == "from" or (span.start > 0 and self.doc[span.start - 1].lower_ == "to")
                 or _measures_noun(span, metric_span))
        ):
            # a percentage of a flow (exports, output) is a growth rate even when the verb is in another clause;
            # where a rate moves from and to (`the tariff was cut from 25 to 15 percent`) are its levels, and so is
            # the rate its noun states (`raised tariffs on cars, alongside a flat tariff of 10%`)
            if direction is None and metric_name in self.rules.flow_metrics:
                direction, negated = self._chain_direction(span)
            kind = "change" if direction or metric_name in self.rules.flow_metrics else "level"
        elif kind == "level" and is_money(quantity["unit"]) and direction is not None \
                and not (span.start > 0 and self.doc[span.start - 1].lower_ == "to"):
            kind = "change"  # `exports fell by £2 billion`, not the `to $283 billion` it fell to
        subject, explicit = self._subject(sent, metric_span, metric_name) if not inherited else (None, False)
        product = self._figure_product(span)
        if product is None and sentence_claims and sentence_claims[-1]["product"] is not None \
                and sentence_claims[-1]["metric"] == metric_name:
            product = self._listed_good(span, metric_span, sentence_claims[-1]["_clause"])
        if product is None and kind == "share":
            product = self._share_holder(span)
        if product is None:
            product = self._product(metric_span) if not inherited else \
                sentence_claims[-1]["product"] if sentence_claims else None
        if subject is None and sentence_claims and not self._in_reporters_currency(quantity, sentence_claims[-1]):
            subject = sentence_claims[-1]["subject"]  # `EU imports rose..., while exports fell...`
        partner = self._partner(sent, span, metric_span, inherited, sentence_claims, metric_name)
        partner_note = None
        if partner is None and (partner := self._partner_there(sent, span)) is not None:
            partner_note = "the place `there` refers to, named in the sentence before"
        elif partner is None and (partner := self._from_to_partner(span, sentence_claims, metric_name)) is not None:
            partner_note = "the partner of the figure it moved from"
        elif partner is None and (partner := self._two_way_partner(metric_span, sentence_claims, metric_name)):
            partner_note = "the partner of the flow the other way it is coordinated with"
        elif partner is None and metric_name in TRADED_WITH_PARTNER and \
                (partner := self._other_side(self._described_partner(sent), subject)) is not None:
            partner_note = "the economy the sentence describes as a trade partner"
        elif partner is None and product is not None and not sentence_claims and \
                (partner := self._breakdown_partner(sent, metric_name)) is not None:
            partner_note = "the partner of the breakdown by goods the sentence before told"
        elif partner is None and not sentence_claims and (restated := self._restated_on_another_basis(sent, metric_name)):
            # `Exports to the US fell 10.5% in April. On a year-on-year basis, exports were down 6.3%.`
            partner, product = restated["partner"], product or restated["product"]
            partner_note = "the flow of the sentence before, restated on another basis"
        scope = None
        if product in (None, "goods", "services") and partner is None and metric_name in SCOPED_SERIES \
                and metric_span is not None:
            # by partner, trade is reported for goods: only a total is split into goods and services
            scope = self._series_scope(metric_span, metric_name)
            product = None if scope else product
        continued = self._continued_claim(sent, span) if inherited and not sentence_claims else None
        if continued is not None:
            # `Chip exports reached $16.6 billion. This is an increase of more than a fifth`: the same good and market
            product, partner = product or continued["product"], partner or continued["partner"]
        if metric_name in self.rules.in_force_metrics:
            stand_in = self._stand_in(span)
            if stand_in is not None and (metric_span is None or metric_span.start > span.start or
                                         self._clause_head(metric_span.root) != self._clause_head(span.root)):
                metric_span, product = self.doc[stand_in.i : stand_in.i + 1], None
            subject, partner, tariff_product = self._tariff_parties(metric_name, metric_span)
            product = product or tariff_product
        average = self._average_of(sent, metric_span) if metric_span is not None else None
        if average is not None:
            metric_name = f"{metric_name}_{average}"
        elif metric_name in ("exports", "imports") and self._in_volume_terms(span):
            metric_name = f"{metric_name}_volume"
        period, period_note = self._period_for(sent, span, periods, sentence_claims, metric_name, kind)
        if average == "3m_avg" and period is not None and period["granularity"] == "month" and period["end_date"]:
            # `average exports rose to $283 billion in April`: the three months ending in April
            period = self._months_ending(period, 3)
        basis = self._basis(sent, span, period, kind)
        reference = self.reference_period
        if basis == "year_to_date" and reference and reference["granularity"] == "month" and not (
                period and period["granularity"] == "range"):
            # `Year-to-date, the deficit reached $40 billion`: from January (or the start of the fiscal year the
            # reporter counts in) to the month the article reports on
            period = {"text": period["text"] if period else None, "start_date": self._year_start(reference),
                      "end_date": reference["end_date"], "granularity": "range", "resolution": "article_reference"}
            period_note = INFERRED_YEAR_TO_DATE
        if kind in ("level", "target", "share", "count"):
            direction = None
        elif direction is None and continued is not None and continued.get("direction") and \
                kind in ("expectation", "forecast") and quantity["unit"] in RATE_UNITS:
            direction = continued["direction"]  # `Exports fell 1.7%. Economists had expected only 0.7%.`
        value, lower, upper = quantity["value"], quantity["lower"], quantity["upper"]
        qualifier = quantity["qualifier"]
        if kind == "level" and qualifier is None and value is not None and self._crosses_threshold(span, quantity["unit"]):
            # `surpassed $180 billion`: more than the threshold, with the slack `more than` has
            qualifier, (lower, upper) = "more_than", interval(Decimal(str(value)), Decimal(str(value - lower)), "more_than")
        # a reporter that publishes its balance as a deficit (`the deficit narrowed $76.7 billion to $61.6 billion`)
        # is read in its own terms: the deficit is the quantity, positive, and its changes are its own
        in_deficit_terms = self._in_deficit_terms(metric_name, sign, subject)
        balance_sign = "+" if in_deficit_terms else sign
        # `fell -5.6%`: a sign written with the figure already says the direction. A percentage change of a deficit
        # is the change of the balance too: `the deficit widened 77.5%` from -21.3 to -37.8 is +77.5% of it
        flip = kind in ("change", "forecast", "expectation") and quantity["unit"] in RATE_UNITS \
            and direction == "down" and not (value is not None and value < 0)
        if is_money(quantity["unit"]):
            # a deficit is a negative balance; a fall in it by an amount raises the balance. A sign written with
            # the figure (`a -¥893 billion deficit`) has said it already
            written_sign = value is not None and value < 0
            flip = not written_sign and (balance_sign == "-") != (kind == "change" and direction == "down")
            if balance_sign == "-" and kind == "change" and direction in OPPOSITE:
                direction = OPPOSITE[direction]  # the balance moves against its deficit
        if flip:
            value, lower, upper = negate(value), negate(upper), negate(lower)
        return {
            "id": f"tmp{quantity['id']}",
            "subject": subject,
            "metric": metric_name,
            "partner": partner,
            "product": product,
            "kind": kind,
            "basis": basis,
            "direction": direction,
            "value": value,
            "unit": quantity["unit"],
            "qualifier": qualifier,
            "lower": lower,
            "upper": upper,
            "period": claim_period(period),
            "attribution": self._attribution(sent, kind),
            "currency_basis": self._currency_basis(sent, span, kind, quantity),
            "adjustment": self._cue_value(sent, "adjustment"),
            "vintage": self._vintage(sent, span),
            "negated": negated,
            "hedged": self._hedged(root),
            "streak": None,
            "comparison": None,
            "quantity": {"text": quantity["text"], "start": quantity["start"], "end": quantity["end"]},
            "quantity_id": quantity["id"],
            "evidence": self._evidence(sent),
            "inferred": {key: note for key, note in (("period", period_note), ("partner", partner_note)) if note},
            "_clause": self._clause_head(root),
            "_sign": sign,
            "_explicit": explicit,
            "_base": self._is_comparison_base(span),
            "_deficit": in_deficit_terms,
            "_scope": scope,
        }

    def _priced_per(self, span: Span, quantity: dict) -> str | None:
        """The unit of measure a money figure is a price of (`$8,900 per tonne`, `$80 a barrel`), if it is one."""
        if not is_money(quantity["unit"]) or span.end + 1 >= len(self.doc) \
                or self.doc[span.end].lower_ not in ("per", "a", "an", "/"):
            return None
        unit = unit_for(self.doc[span.end + 1].lower_)
        return None if unit is None or unit in TIME_UNITS else unit  # `$5 billion a month` is a pace, not a price

    def _other_side(self, partner: str | None, subject: str | None) -> str | None:
        """A partner, unless it is the economy the figure is about."""
        return None if partner in (subject, self.frame.subject) else partner

    def _in_reporters_currency(self, quantity: dict, other: dict) -> bool:
        """An amount in the reporter's own currency (`forecasts of C$1.2 billion` after `US exports`) is the
        reporter's, not the economy the sentence named for another figure."""
        reporter = self.frame.subject
        return reporter is not None and other["subject"] not in (None, reporter) \
            and quantity["unit"] == self.rules.home_currencies.get(reporter)

    def _year_start(self, reference: dict) -> str:
        """The first day of the year a cumulative figure counts from: the calendar year, or the fiscal year of a
        reporter that counts from it."""
        year, month = int(reference["start_date"][:4]), int(reference["start_date"][5:7])
        first = self.rules.fiscal_years[self.frame.subject]["first_month"] \
            if self.frame.subject in self.rules.fiscal_year_to_date else 1
        return f"{year if month >= first else year - 1}-{first:02d}-01"

    @staticmethod
    def _periods_of_repeated_figures(claims: list[dict]) -> None:
        """`China's surplus hits $992 billion` over a story that says `a record surplus of $992.1 billion` in 2024:
        a figure with no period, or given the article's reporting period only for want of another, is for the
        period the article gives the same figure elsewhere (same metric, partner, product, kind and unit, values
        that round alike), when there is one such period."""
        bounded = [c for c in claims if None not in (c["value"], c["lower"], c["upper"])]  # `up to 25%` has no floor
        stated: dict[tuple, list[dict]] = {}
        for claim in bounded:
            if claim["period"] is not None and not _for_want_of_another(claim):
                stated.setdefault(_figure_key(claim), []).append(claim)
        for claim in bounded:
            if not (claim["period"] is None or _for_want_of_another(claim)):
                continue
            # a figure and the one it moved from in its own sentence are two figures, however they round
            same = [c for c in stated.get(_figure_key(claim), ()) if c["_sentence_end"] != claim["_sentence_end"]
                    and (claim["lower"] <= c["value"] <= claim["upper"] or c["lower"] <= claim["value"] <= c["upper"])]
            periods = {(c["period"]["start_date"], c["period"]["end_date"]) for c in same}
            if claim["_month_run"] and same and same[0]["period"]["granularity"] != "month":
                continue  # `marking the first rise in four months`: a month's figure, whatever a year's was
            if len(periods) == 1:
                claim["period"] = dict(same[0]["period"])
                claim["inferred"]["period"] = INFERRED_REPEATED_FIGURE

    def _series_name(self, claim: dict) -> str:
        """The series a claim's metric names: goods, services and the two together are series a release publishes
        side by side (`goods_exports`, `services_imports`, `trade_balance_goods_and_services`), not goods traded. A
        deficit reporter names its balances as it states them (`trade_deficit`, `goods_trade_deficit`,
        `services_trade_surplus`), and its headline is goods and services already."""
        metric, scope = claim["metric"], claim.get("_scope")
        deficit_reporter = (claim["subject"] or self.frame.subject) in self.rules.deficit_reporters
        if scope is None or metric.startswith(f"{scope}_") or (scope == "goods_and_services" and deficit_reporter):
            return "trade_deficit" if claim.get("_deficit") else metric
        if scope == "goods_and_services":
            return f"{metric.removeprefix('services_')}_goods_and_services"
        if metric != "trade_balance":
            return f"{scope}_{metric}"
        if deficit_reporter:
            return f"{scope}_trade_deficit" if claim.get("_deficit") else f"{scope}_trade_surplus"
        return f"{scope}_trade_balance"

    def _in_deficit_terms(self, metric: str, sign: str, subject: str | None) -> bool:
        """The headline balance of a reporter that publishes it as a deficit; its averages stay balances."""
        return sign == "-" and metric == "trade_balance" and (subject or self.frame.subject) in self.rules.deficit_reporters

    @staticmethod
    def _converted(original: dict, quantity: dict) -> dict:
        value, lower, upper = quantity["value"], quantity["lower"], quantity["upper"]
        if original["value"] is not None and original["value"] < 0:
            value, lower, upper = negate(value), negate(upper), negate(lower)
        return {**original, "id": f"tmp{quantity['id']}", "value": value, "unit": quantity["unit"],
                "qualifier": quantity["qualifier"], "lower": lower, "upper": upper, "quantity_id": quantity["id"],
                "quantity": {"text": quantity["text"], "start": quantity["start"], "end": quantity["end"]},
                "currency_basis": None, "comparison": None, "inferred": dict(original["inferred"]),
                "_converted_from": original["unit"]}

    def _streaks(self, sent: Span, periods, sentence_claims) -> list[dict]:
        found = []
        for span in self.streaks_by_sent.get(sent.start_char, []):
            count = next((self.rules.ordinals[t.lower_] for t in span if t.lower_ in self.rules.ordinals), None)
            if count is None:
                numeric = next((t.text for t in span if re.fullmatch(r"\d{1,2}(st|nd|rd|th)", t.text)), None)
                count = int(numeric[:-2]) if numeric else None
            if count is None:
                number = next((t for t in span if t.like_num), None)
                count = word_number(number.lower_) if number is not None else None
            if count is None:
                continue
            after = [t.lower_ for t in self.doc[span.end : span.end + 3]]
            if after[:2] == ["in", "the"] and after[2:] in (["black"], ["red"]):
                # `the 10th straight month in the black`: a run of surpluses (in the red, of deficits)
                metric = ("trade_balance", "+" if after[2] == "black" else "-", None, False)
            else:
                metric = self._metric_for(sent, span, sentence_claims)
            if metric is None:
                continue
            metric_name, sign, metric_span, inherited = metric
            direction, negated = self._streak_direction(sent)
            period, period_note = self._period_for(sent, span, periods, sentence_claims, metric_name)
            unit = next(t.lemma_.lower() for t in span if t.lemma_.lower() in TIME_UNITS)
            subject = sentence_claims[-1]["subject"] if inherited and sentence_claims else \
                self._subject(sent, metric_span, metric_name)[0]
            found.append({
                "id": f"tmpstreak{span.start}",
                "subject": subject,
                "metric": metric_name,
                "partner": self._partner(sent, span, metric_span, inherited, sentence_claims, metric_name),
                "product": None,
                "kind": "count",
                "basis": None,
                "direction": direction,
                "value": float(count),
                "unit": unit,
                "qualifier": None,
                "lower": float(count),
                "upper": float(count),
                "period": claim_period(period),
                "attribution": self._attribution(sent, "count"),
                "currency_basis": None,
                "adjustment": None,
                "vintage": None,
                "negated": negated,
                "hedged": False,
                "streak": count,
                "comparison": None,
                "quantity": {"text": span.text, "start": span.start_char, "end": span.end_char},
                "quantity_id": None,
                "evidence": self._evidence(sent),
                "inferred": {"period": period_note} if period_note else {},
                "_clause": self._clause_head(span.root),
                "_sign": "+",
                "_explicit": False,
                "_base": False,
                "_deficit": self._in_deficit_terms(metric_name, sign, subject),
            })
        return found

    def _streak_direction(self, sent: Span) -> tuple[str | None, bool]:
        for token in sent:
            word = token.lower_
            if word in self.rules.words["down"] and word not in ("lower", "cut"):
                return "down", any(c.dep_ == "neg" for c in token.children)
            if word in self.rules.words["up"] and word not in ("up", "to", "at", "reached", "hit"):
                return "up", any(c.dep_ == "neg" for c in token.children)
        return None, False

    def _link_comparisons(self, sent: Span, claims: list[dict]) -> None:
        """`the surplus ... exceeded 2024's $992 billion`: the first claim is above the second."""
        for key, m in self.cues_by_sent.get(sent.start_char, []):
            if not key.startswith("comparison|"):
                continue
            before = [c for c in claims if c["quantity"]["end"] <= m.start_char and c["comparison"] is None]
            after = [c for c in claims if c["quantity"]["start"] >= m.end_char]
            if before and after and before[-1]["metric"] == after[0]["metric"] and before[-1]["unit"] == after[0]["unit"]:
                before[-1]["comparison"] = {"relation": key.split("|")[1], "other": after[0]["id"]}


def _figure_key(claim: dict) -> tuple:
    return claim["subject"], claim["metric"], claim["partner"], claim["product"], claim["kind"], claim["basis"], \
        claim["unit"]


def _flows_in_a_goods_paragraph(claims: list[dict]) -> None:
    """`Car exports rose 9%. ... Exports to Chile fell 2%, ...`: a flow figure with no good of its own,
    in a paragraph that has so far told one good's flow and no total, may be that good's. The figure stays a total,
    with the doubt recorded, so that it never alone makes a conflict with the total other sources give."""
    told: dict[tuple, set] = {}
    for claim in claims:
        if claim["metric"] not in ("exports", "imports") or claim["kind"] == "share":
            continue
        goods = told.setdefault((claim["_paragraph"], claim["metric"]), set())
        if claim["product"] is None and len(goods) == 1 and None not in goods \
                and "product" not in claim["inferred"]:
            claim["inferred"]["product"] = f"none stated, in a paragraph about {next(iter(goods))}"
            continue
        goods.add(claim["product"])


def _for_want_of_another(claim: dict) -> bool:
    """A period that is the article's reporting period only because nothing nearer named one."""
    return (claim["inferred"].get("period") or "").endswith(INFERRED_REFERENCE_PERIOD)


def _measures_noun(span: Span, metric_span: Span | None) -> bool:
    """`a tariff of 10%`: the figure states its metric noun's value."""
    return metric_span is not None and span.start >= 2 and span.doc[span.start - 1].lower_ == "of" \
        and metric_span.start <= span.start - 2 < metric_span.end
