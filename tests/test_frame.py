"""The article frame: what an article establishes once, and what its claims take from it (and say they took)."""

import pytest

NOV = ("2025-11-01", "2025-11-30")


def period(c):
    return (str(c.period.start_date), str(c.period.end_date)) if c.period and c.period.start_date else None


def test_the_reporting_economy_comes_from_its_flows_not_from_the_partner_named_most(facts_of):
    text = ("Chile's exports fell in November. Shipments to the United States dropped 4%, and sales to the "
            "United States of copper slowed. Exports to China were down 2.5%.")
    found = facts_of(text).claims
    assert {c.subject for c in found} == {"Chile"}
    assert all(c.inferred.get("subject", "").startswith("article frame") for c in found)


def test_a_statistics_office_names_the_reporter(facts_of):
    found = facts_of("Statistics Canada said exports fell 3.1% in October while imports rose 0.4%.").claims
    assert [c.subject for c in found] == ["Canada", "Canada"]


def test_a_basis_stated_once_carries_to_the_changes_that_follow(facts_of):
    text = "Peru's exports rose 5.9% year on year in November. Imports climbed 1.9%. Exports to Japan slipped 1%."
    found = facts_of(text).claims
    assert [c.basis for c in found] == ["year_on_year"] * 3
    assert "basis" not in found[0].inferred
    assert found[1].inferred["basis"] == found[2].inferred["basis"] == "stated for other changes in the article"


def test_without_a_stated_basis_the_reporters_convention_is_used_and_marked(facts_of):
    (monthly,) = facts_of("Canadian exports fell 2.4% in October.", published="2025-12-04").claims
    assert monthly.basis == "month_on_month" and monthly.inferred["basis"] == "reporting convention of Canada"
    (annual,) = facts_of("Japanese exports rose 3.6% in October.", published="2025-11-19").claims
    assert annual.basis == "year_on_year" and annual.confidence < 1


def test_a_change_over_a_whole_year_is_year_on_year(facts_of):
    found = facts_of("For the full year, Vietnam's exports grew 14.5%.", published="2025-01-06").claims
    assert found[0].basis == "year_on_year"


def test_the_full_year_is_the_year_of_the_month_reported_in_january(facts_of):
    text = "China's exports rose 10.7% in December. For the full year, exports grew 5.9%."
    found = facts_of(text, published="2025-01-13").claims
    assert period(found[1]) == ("2024-01-01", "2024-12-31")


def test_a_rate_that_names_no_currency_is_in_the_reporters_headline_currency(facts_of):
    found = facts_of("China's exports rose 5.9% in November, and yuan-denominated exports rose 5.7%.").claims
    assert [(c.value, c.currency_basis) for c in found] == [(5.9, "USD"), (5.7, "CNY")]


@pytest.mark.parametrize(
    "text, unit",
    [
        ("Canada's trade deficit widened to $7.1 billion in October.", "CAD"),
        ("Canada's trade deficit widened to US$5.1 billion in October.", "USD"),
        ("Australia posted a trade surplus of $4.4 billion in October.", "AUD"),
        ("Mexico posted a trade surplus of $4.4 billion in October.", "USD"),
    ],
)
def test_a_bare_dollar_is_the_reporters_dollar(facts_of, text, unit):
    (c,) = facts_of(text).claims
    assert c.unit == unit
    assert ("unit" in c.inferred) == (unit not in ("USD",))


def test_the_sentence_before_lends_the_period_of_its_own_figures(facts_of):
    text = ("Ghana's exports rose 4% in November, after a 2% fall in October. "
            "Imports were little changed, edging up 0.2%.")
    found = facts_of(text).claims
    assert period(found[-1]) == NOV and "period" in found[-1].inferred


def test_a_period_named_for_comparison_is_not_the_period_measured(facts_of):
    (c,) = facts_of("Kenya's exports rose 6% compared with 2024, to a record.", published="2025-06-02").claims
    assert period(c) != ("2024-01-01", "2024-12-31")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Exports rose 4.1% in November, well above a median forecast for a 2.5% gain.", "expectation"),
        ("Exports rose 4.1% in November (vs 2.5% expected).", "expectation"),
        ("The median estimate in a survey of economists was for a $66 billion deficit in November.", "expectation"),
        ("Exports rose 4.1% in November, above the 3.5% rise projected by Vela Capital.", "forecast"),
    ],
)
def test_an_expectation_is_read_from_the_word_that_governs_the_figure(facts_of, text, kind):
    found = facts_of("Chile's trade figures came out on Monday. " + text).claims
    assert kind in [c.kind for c in found]
    assert [c.kind for c in found if c.value in (4.1,)] in ([], ["change"])


@pytest.mark.parametrize(
    "text, value",
    [
        ("Chile's exports fell by £2 billion in November.", -2e9),
        ("Chile's exports fell by a record £2 billion in November.", -2e9),
        ("Chile's imports rose $6.2 billion to $190.5 billion in November.", 6.2e9),
    ],
)
def test_an_amount_of_money_can_be_a_change(facts_of, text, value):
    change = facts_of(text).claims[0]
    assert (change.kind, change.value) == ("change", value)


@pytest.mark.parametrize(
    "text, product",
    [
        ("Chile's exports fell 3% in November, with drops in copper ore (-9.5%) and fresh fruit (-4.2%).", "fresh fruit"),
        ("Chile's exports fell 3% in November, dragged down by a 9.5% plunge in copper ore.", "copper ore"),
        ("Chile's car exports fell 9.5% in November.", "automobiles"),
        ("Chile's nominal exports fell 9.5% in November.", None),
    ],
)
def test_products_come_from_the_figures_own_phrase(facts_of, text, product):
    found = facts_of(text).claims
    assert found[-1].product == product


@pytest.mark.parametrize(
    "text, subject, partner, month",
    [
        # told in the past with no date: the rate that weighed on the month the article reports on
        ("Chile's exports fell 2% in May. Washington imposed a 25% tariff on Chilean copper.", "United States", "Chile",
         "05"),
        # in force as the article is written
        ("Chile's exports fell 2% in May. The US tariff of 10% on Peru stays.", "United States", "Peru", "06"),
        ("Chile's exports fell 2% in May. Trump has imposed a 25% tariff on steel.", "United States", "Chile", "06"),
    ],
)
def test_a_tariff_is_about_who_imposes_it_and_who_pays(facts_of, text, subject, partner, month):
    tariff = next(c for c in facts_of(text, published="2025-06-18").claims if c.metric == "tariff_rate_on")
    assert (tariff.subject, tariff.partner, tariff.kind) == (subject, partner, "level")
    assert period(tariff) == (f"2025-{month}-01", f"2025-{month}-{30 if month == '06' else 31}")
    assert tariff.inferred["period"].startswith("the month of publication" if month == "06" else "the month the article")


def test_respectively_pairs_figures_with_partners_in_order(facts_of):
    text = "Peru's exports to Chile rose 2% in May, while those to Japan and the EU rose 9.1% and 4.4%, respectively."
    found = facts_of(text, published="2025-06-02").claims
    assert [(c.value, c.partner) for c in found] == [(2.0, "Chile"), (9.1, "Japan"), (4.4, "European Union")]


def test_a_basis_written_right_after_a_figure_is_its_own(facts_of):
    found = facts_of("Peru's exports fell 11.2% MoM and 1.7% YoY in May.", published="2025-06-02").claims
    assert [c.basis for c in found] == ["month_on_month", "year_on_year"]


def test_a_basis_stated_for_a_span_does_not_carry_to_a_month(facts_of):
    text = ("In the first four months, Peru's exports rose 5.5% from the same period a year earlier. "
            "In April, exports rose 3%.")
    (_, april) = facts_of(text, published="2025-06-02").claims
    assert april.basis is None  # Peru has no convention in the rules, and a span says nothing of a month


def test_a_threshold_crossed_is_more_than_it_not_a_level_to_compare(facts_of):
    text = "Peru's exports surpassed $60 billion in 2024, reaching $63.2 billion. Imports broke the $50 billion mark."
    found = facts_of(text, published="2025-02-03").claims
    assert [(c.value, c.qualifier) for c in found] == [(60e9, "more_than"), (63.2e9, None), (50e9, "more_than")]
    assert (found[0].lower, found[0].upper) == (60e9, 63e9)  # `more than`: the value up to 5% above it


@pytest.mark.parametrize(
    "text, metric, value, kind",
    [
        # a pronoun subject goes on about the flow the sentence before named, with a figure or without
        ("Belgian exports slipped in November. They fell 2.4% from October.", "exports", -2.4, "change"),
        # an expectation of what the sentence before reported, a rate or an amount
        ("Belgian exports fell 2.4% in November. Analysts had expected a 1.1% fall.",
         "exports", -1.1, "expectation"),
        ("Belgium's trade surplus shrank to €1.2 billion in November. That missed expectations of €1.6 billion.",
         "trade_balance", 1.6e9, "expectation"),
    ],
)
def test_a_sentence_that_refers_back_continues_the_metric_before(facts_of, text, metric, value, kind):
    found = facts_of(text, published="2025-12-08").claims
    last = found[-1]
    assert (last.metric, last.value, last.kind) == (metric, value, kind)
    assert period(last) == NOV


def test_the_figure_an_expectation_is_compared_with_is_an_outcome(facts_of):
    found = facts_of("Belgian exports fell 2.4% in November. Economists had expected 1.1%, after a 0.6% rise in "
                     "October.", published="2025-12-08").claims
    expected, earlier = found[-2:]
    assert (expected.kind, period(expected)) == ("expectation", NOV)
    assert (earlier.kind, earlier.value, period(earlier)) == ("change", 0.6, ("2025-10-01", "2025-10-31"))


def test_an_expectation_does_not_reach_a_clause_of_fact(facts_of):
    found = facts_of("Belgian exports fell 2.4% in November. Economists expected a fall of 1.1%, as imports rose "
                     "0.9%.", published="2025-12-08").claims
    assert [(c.metric, c.kind) for c in found[1:]] == [("exports", "expectation"), ("imports", "change")]


def test_a_tariff_without_its_author_is_the_one_the_article_names(facts_of):
    text = ("Peru's exports fell 3% in November as US tariffs weighed. A 10% duty on copper took effect in "
            "October.")
    tariff = next(c for c in facts_of(text, published="2025-12-08").claims if c.metric == "tariff_rate_on")
    assert (tariff.subject, tariff.partner, tariff.product) == ("United States", "Peru", "copper")
    assert "subject" in tariff.inferred


def test_a_year_compared_with_makes_the_figure_the_year_after(facts_of):
    found = facts_of("Chile's exports in December rose 4%. Exports reached $99 billion, 7.1% more than in 2023.",
                     published="2025-01-15").claims
    assert [period(c) for c in found[1:]] == [("2024-01-01", "2024-12-31")] * 2


def test_an_earlier_month_a_sentence_compares_with_is_not_carried(facts_of):
    found = facts_of("The U.S. deficit narrowed to $50.1 billion in November. That compares with a $64.2 billion "
                     "gap in October. Imports fell 4.6%.", published="2025-12-08").claims
    assert (found[-1].metric, period(found[-1])) == ("imports", NOV)


def test_a_period_after_the_noun_a_figure_sizes_is_its_own(facts_of):
    found = facts_of("Norway swung from a $2.1 billion deficit in October to a $0.8 billion surplus in November.",
                     published="2025-12-08").claims
    assert [(c.value, period(c)) for c in found] == [(-2.1e9, ("2025-10-01", "2025-10-31")), (0.8e9, NOV)]


def test_a_figure_repeated_without_its_period_takes_the_one_stated(facts_of):
    text = "Chile's surplus tops $21 billion\n\nChile's trade surplus reached $21.3 billion in 2024, a record."
    headline, body = facts_of(text, published="2025-01-15").claims
    assert period(headline) == period(body) == ("2024-01-01", "2024-12-31")
    assert headline.inferred["period"] == "the period the article states for the same figure"


@pytest.mark.parametrize(
    "text, adjustment",
    [
        ("German exports rose 1.2% in November from October.", "seasonally_adjusted"),
        ("Japan's exports reached 9.1 trillion yen in November.", "unadjusted"),
        # a change on a year before is left as the sentence has it
        ("German exports rose 1.2% in November from a year earlier.", None),
    ],
)
def test_the_reporters_seasonal_adjustment_is_inferred(facts_of, text, adjustment):
    (c,) = facts_of(text, published="2025-12-08").claims
    assert c.adjustment == adjustment
    assert ("adjustment" in c.inferred) == (adjustment is not None)


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("Peru's trade deficit narrowed to $1.1 billion in November. There was a fall of $0.3 billion from October.",
         "change", 0.3e9),
        ("Peru's exports rose to $6.2 billion in November. This figure broke the $6 billion mark.", "level", 6e9),
    ],
)
def test_there_and_this_figure_refer_back(facts_of, text, kind, value):
    last = facts_of(text, published="2025-12-08").claims[-1]
    assert (last.kind, last.value) == (kind, value)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the one date a sentence gives a tariff is when it took effect
        ("Under measures announced on October 3, Peru faced a 10% tariff on copper.", ("2025-10-01", "2025-10-31")),
        # without one, the tariff in force when the article was written
        ("Peru still faces a 10% tariff on copper.", ("2025-12-01", "2025-12-31")),
    ],
)
def test_the_period_of_a_tariff(facts_of, text, expected):
    tariff = next(c for c in facts_of(text, published="2025-12-08").claims if c.metric == "tariff_rate_on")
    assert period(tariff) == expected


def test_the_agent_of_a_passive_imposes_the_tariff(facts_of):
    text = "A 10% tariff was imposed on Peru by Washington in October."
    tariff = next(c for c in facts_of(text, published="2025-12-08").claims if c.metric == "tariff_rate_on")
    assert (tariff.subject, tariff.partner) == ("United States", "Peru")


def test_an_expectation_that_states_no_direction_has_the_one_it_continues(facts_of):
    last = facts_of("Belgian exports fell 2.4% in November. Economists had expected only 1.1%.",
                    published="2025-12-08").claims[-1]
    assert (last.kind, last.value) == ("expectation", -1.1)
