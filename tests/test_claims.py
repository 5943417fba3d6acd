import pytest


def claims(facts_of, text, published="2025-12-08"):
    return facts_of(text, published=published).claims


def key(c):
    period = (str(c.period.start_date), str(c.period.end_date)) if c.period and c.period.start_date else None
    return (c.subject, c.metric, c.partner, c.kind, c.basis, c.value, period)


NOV = ("2025-11-01", "2025-11-30")
OCT = ("2025-10-01", "2025-10-31")


def test_a_change_and_a_level_in_one_sentence(facts_of):
    found = claims(facts_of, "China's exports rose 5.9% from a year earlier to $330.3 billion in November.")
    assert [key(c) for c in found] == [
        ("China", "exports", None, "change", "year_on_year", 5.9, NOV),
        ("China", "exports", None, "level", None, 330.3e9, NOV),
    ]


def test_two_changes_for_two_periods(facts_of):
    found = claims(facts_of, "Chile's imports rose 1.9% in November, compared with 1.0% in October.")
    assert [(c.value, key(c)[-1]) for c in found] == [(1.9, NOV), (1.0, OCT)]


def test_coordination_inherits_metric_basis_and_period(facts_of):
    found = claims(facts_of, "Korea's exports grew 4% year on year in November while imports grew just under 2%.")
    assert key(found[1]) == ("South Korea", "imports", None, "change", "year_on_year", 2.0, NOV)
    found = claims(facts_of, "In November Peru's exports to China rose 6% and to Japan 4.3%.")
    assert (found[1].partner, found[1].value) == ("Japan", 4.3)


def test_falls_are_signed(facts_of):
    (c,) = claims(facts_of, "Mexico's shipments to the United States dropped 28.6% in November.")
    assert (c.direction, c.value, c.lower, c.upper) == ("down", -28.6, -28.65, -28.55)
    assert c.partner == "United States"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("India's exports rose 5.9% in November, beating a 3.8% forecast in a poll of economists.", "expectation"),
        ("Economists had expected India's exports to rise 3.0% in November.", "expectation"),
        ("India has a growth target of around 5% for the year.", "target"),
        ("Analysts at Vela Capital forecast India's share of world exports could reach 4.5% by 2030.", "forecast"),
    ],
)
def test_expectations_targets_and_forecasts_are_not_reported_figures(facts_of, text, kind):
    assert kind in [c.kind for c in claims(facts_of, text)]


def test_negation_and_hedges_are_marked(facts_of):
    (c,) = claims(facts_of, "Brazil's exports did not fall 3% in November.")
    assert c.negated
    (c,) = claims(facts_of, "Brazil's imports may have dropped 2% in November.")
    assert c.hedged


@pytest.mark.parametrize(
    "text, months",
    [
        # the US compares a month with the month before: a level it moved from is the previous month's
        ("The US trade deficit narrowed to $61.6 billion in April. The deficit with Peru fell to $1.9 billion, down "
         "from $4.8 billion, while the deficit with Chile rose to $1.5 billion from $1.4 billion.", [4, 4, 3, 4, 3]),
        # a revision moves one month's figure from its first estimate
        ("Canada's trade deficit widened to C$7.1 billion in April. Statistics Canada revised the deficit recorded in "
         "March to C$2.3 billion from C$506 million.", [4, 3, 3]),
    ],
)
def test_a_level_moved_from_is_on_the_reporters_basis(facts_of, text, months):
    found = claims(facts_of, text, published="2025-06-05")
    assert [c.period.start_date.month for c in found] == months


def test_a_level_moved_from_a_month_left_unresolved_stays_unresolved(facts_of):
    found = claims(facts_of, "The US trade deficit with Peru fell to $1.9 billion in April, down from $4.8 billion.",
                   published=None)
    assert [c.period.start_date if c.period else None for c in found] == [None, None]


def test_a_months_tally_of_a_figure_is_that_months(facts_of):
    found = claims(facts_of, "Peru's imports hit a record $9.9 billion in November. In August, imports had hit a high "
                             "of $9.3 billion, which was later eclipsed by October's tally of $9.6 billion.",
                   published="2024-12-16")
    assert [c.period.start_date.month for c in found] == [11, 8, 10]


def test_a_share_of_counted_things_is_no_change_of_the_flow(facts_of):
    found = claims(facts_of, "Peru's exports fell 3% in April. Exports fell in 9 out of 11 product groups.")
    assert [c.value for c in found] == [-3.0]


def test_months_in_the_black_are_a_run_of_surpluses(facts_of):
    found = claims(facts_of, "Peru's imports edged up 1.2%, leaving a trade surplus of $0.7 billion, the sixth "
                             "straight month in the black.")
    streak = next(c for c in found if c.streak)
    assert (streak.metric, streak.streak) == ("trade_balance", 6)


def test_a_streak_is_a_count(facts_of):
    found = claims(facts_of, "Shipments to the US fell 20% in November, the eighth consecutive month of declines.")
    streak = next(c for c in found if c.streak)
    assert (streak.streak, streak.kind, streak.partner) == (8, "count", "United States")


def test_a_derived_comparison_keeps_both_levels(facts_of):
    found = claims(facts_of, "Vietnam's surplus for January to November reached $24 billion, exceeding the whole of "
                             "2024's $20 billion.")
    first, second = found
    assert first.comparison is not None and first.comparison.relation == "above" and first.comparison.other == second.id
    assert key(second)[-1] == ("2024-01-01", "2024-12-31")


def test_a_deficit_is_a_negative_balance(facts_of):
    (c,) = claims(facts_of, "India's trade deficit was $21.4 billion in August.")
    assert (c.metric, c.value, c.subject) == ("trade_balance", -21.4e9, "India")


def test_a_sign_written_with_a_deficit_is_not_applied_twice(facts_of):
    found = claims(facts_of, "India's trade balance was -$21.4 billion in August, against a projection of a -$25 "
                             "billion deficit.")
    assert [(c.kind, c.value) for c in found] == [("level", -21.4e9), ("expectation", -25e9)]


@pytest.mark.parametrize(
    "text, value, direction",
    [
        ("The U.S. trade deficit was $59.6 billion in August.", 59.6e9, None),
        ("The U.S. trade deficit narrowed by $4.1 billion in August.", -4.1e9, "down"),
        ("The U.S. trade deficit widened 12.5% in August.", 12.5, "up"),
    ],
)
def test_a_reporter_that_publishes_a_deficit_is_read_in_its_terms(facts_of, text, value, direction):
    (c,) = claims(facts_of, text)
    assert (c.metric, c.value, c.direction) == ("trade_deficit", value, direction)


@pytest.mark.parametrize(
    "text, value, direction",
    [
        ("Canada's trade deficit narrowed by C$1.2 billion in August.", 1.2e9, "up"),
        ("Canada's trade deficit widened 20% in August.", 20.0, "up"),
    ],
)
def test_a_change_of_a_deficit_moves_the_balance(facts_of, text, value, direction):
    """An amount that narrows a deficit raises the balance; a percentage change of a negative balance has the
    sign of the deficit's own change (from -10 to -12 is +20%)."""
    (c,) = claims(facts_of, text)
    assert (c.metric, c.value, c.direction) == ("trade_balance", value, direction)


def test_evidence_is_the_sentence(facts_of):
    text = "Intro line.\n\nJapan's exports grew 3.6% in October."
    (c,) = claims(facts_of, text)
    assert c.evidence.text == "Japan's exports grew 3.6% in October."


@pytest.mark.parametrize(
    "text, product",
    [
        ("WASHINGTON — The United States imposed a 25% additional tariff on Korean cars in July.", "automobiles"),
        ("Korea was hit with a 15 percent across-the-board tariff by the United States in August.", None),
    ],
)
def test_words_that_describe_a_tariff_are_not_its_product(facts_of, text, product):
    (c,) = claims(facts_of, text, published="2025-09-01")
    assert (c.metric, c.subject, c.partner, c.product) == ("tariff_rate_on", "United States", "South Korea", product)


def test_where_a_rate_moves_from_and_to_are_its_levels(facts_of):
    found = claims(facts_of, "Washington cut the tariff on Korean cars from 25 to 15 percent in September.",
                   published="2025-10-01")
    assert [(c.metric, c.kind, c.value) for c in found] == [("tariff_rate_on", "level", 25), ("tariff_rate_on", "level", 15)]


def test_a_growth_rate_that_moves_is_still_a_change(facts_of):
    (c,) = [c for c in claims(facts_of, "Export growth slowed to 3.1% in November.") if c.value is not None]
    assert (c.metric, c.kind) == ("exports", "change")


def test_the_noun_a_figure_qualifies_signs_it(facts_of):
    (deficit,) = claims(facts_of, "Chile's trade balance showed a $2.5 billion deficit in November.")
    assert (deficit.metric, deficit.value) == ("trade_balance", -2.5e9)


def test_a_possessive_period_belongs_to_its_figure_even_after_than(facts_of):
    found = claims(facts_of, "Chile's trade surplus was $1.2 billion in November, wider than the previous month's "
                             "$0.9 billion.")
    assert [(c.value, key(c)[-1]) for c in found] == [(1.2e9, NOV), (0.9e9, OCT)]


def test_industrial_production_and_orders_are_their_own_metrics(facts_of):
    found = claims(facts_of, "Chile's industrial production fell 1.2% in November, while factory orders rose 0.4%.")
    assert [(c.metric, c.value) for c in found] == [("industrial_production", -1.2), ("industrial_orders", 0.4)]


def test_a_period_written_as_another_figures_possessive_is_not_this_ones(facts_of):
    found = claims(facts_of, "Chile's exports rose 2% in November. The balance showed a $1.4 billion deficit, after "
                             "October's $0.8 billion deficit.")
    assert [(c.value, key(c)[-1]) for c in found if c.metric == "trade_balance"] == [(-1.4e9, NOV), (-0.8e9, OCT)]


@pytest.mark.parametrize(
    "text, metric, value",
    [
        # the move a figure sizes names what moved, whatever else the clause is about
        ("Peru's deficit widened on a 12.5% drop in exports to China in November.", "exports", -12.5),
        # by how much one flow tops the other is the balance
        ("Peru ran a deficit in November, with imports exceeding exports by $1.4 billion.", "trade_balance", -1.4e9),
        # flows that define a balance are not what its figure measures
        ("Peru's deficit, the gap between imports and exports, grew to $1.4 billion in November.",
         "trade_balance", -1.4e9),
        # production alone, in a report on industry
        ("German industrial output fell 1.1% in November. Energy production rose 0.4%.", "industrial_production", 0.4),
    ],
)
def test_what_a_figure_measures(facts_of, text, metric, value):
    last = claims(facts_of, text)[-1]
    assert (last.metric, last.value) == (metric, value)


def test_a_change_over_a_named_month_is_measured_against_it(facts_of):
    found = claims(facts_of, "Peru's exports rose 3% in November. Imports grew 2% over November 2024. The surplus "
                             "for that month was $1 billion.")
    assert [key(c)[-1] for c in found] == [NOV, NOV, NOV]


@pytest.mark.parametrize(
    "text, vintage",
    [
        ("Peru's deficit narrowed to $1.1 billion in November from a revised $1.6 billion in October.",
         [None, "revised"]),
        ("Peru's exports rose 0.7% in November, revised from 0.5%.", ["revised", "preliminary"]),
    ],
)
def test_a_revision_marks_the_figure_it_stands_by(facts_of, text, vintage):
    assert [c.vintage for c in claims(facts_of, text)] == vintage


def test_volumes_are_their_own_series(facts_of):
    found = claims(facts_of, "Peru's exports fell 3% in November, and in volume terms they fell 1.2%.")
    assert [c.metric for c in found] == ["exports", "exports_volume"]


def test_a_span_stated_before_carries_to_the_figures_after(facts_of):
    found = claims(facts_of, "Peru's exports rose 3% in November. In the year to date, the surplus grew $2.1 billion. "
                             "Exports increased $1.5 billion.")
    assert (found[-1].kind, key(found[-1])[-1]) == ("change", ("2025-01-01", "2025-11-30"))


@pytest.mark.parametrize(
    "text, partner",
    [
        ("Peru's exports to non-EU countries fell 3% in November.", "non-EU countries"),
        ("Peru's exports fell 1% in November.\n- Chile: exports dropped 4% to $1.1 billion", "Chile"),
        ("Peru's exports fell 1% in November.\n- Other countries overall: exports rose 2%", "Other countries"),
    ],
)
def test_a_group_or_a_list_label_is_the_partner(facts_of, text, partner):
    assert claims(facts_of, text)[-1].partner == partner


def test_a_list_goes_on_past_its_bullets(facts_of):
    found = claims(facts_of, "Peru's exports fell 1% in November.\n- Chile: exports dropped 4%\n- Mexico: down 2%")
    assert [(c.metric, c.partner, c.value) for c in found[1:]] == [("exports", "Chile", -4.0), ("exports", "Mexico", -2.0)]


@pytest.mark.parametrize(
    "text, kind, basis",
    [
        # a verb or noun that says where a figure stands makes it a level
        ("Peru's exports reached $9.1 billion in November, a 2% increase on year.", "level", None),
        ("Peru's exports rose 3% in November to a record high of $9.1 billion.", "level", None),
        # a change is measured against the month it is compared with
        ("Peru's deficit in November was 12.5% higher than it was in November 2024.", "change", "year_on_year"),
        # `the expected fall of`: an expectation
        ("Peru's exports fell 2% in November, worse than the expected fall of 0.5%.", "expectation", None),
    ],
)
def test_how_a_figure_is_stated(facts_of, text, kind, basis):
    last = claims(facts_of, text)[-1] if kind == "expectation" else next(
        c for c in claims(facts_of, text) if c.kind == kind)
    assert (last.kind, last.basis) == (kind, basis)


def test_a_flow_restated_on_another_basis_keeps_its_partner(facts_of):
    found = claims(facts_of, "Peru's exports to China fell 4% in November from October. On a year-on-year basis, "
                             "exports were down 1.5%.")
    assert (found[-1].partner, found[-1].basis) == ("China", "year_on_year")
    assert "partner" in found[-1].inferred


def test_the_figure_moved_to_keeps_the_partner_of_the_one_moved_from(facts_of):
    found = claims(facts_of, "Peru swung from a $0.4 billion deficit with Chile in October to a $0.2 billion surplus "
                             "in November.")
    assert [(c.partner, key(c)[-1]) for c in found] == [("Chile", OCT), ("Chile", NOV)]


def test_other_members_of_a_bloc_are_the_bloc(facts_of):
    found = claims(facts_of, "Peru's exports to other Andean Community countries rose 2% in November, and exports to "
                             "other countries rose 1%.")
    assert found[-1].partner == "other countries"


@pytest.mark.parametrize(
    "text, metrics",
    [
        ("Peru's services exports rose 1% in November. Exports of goods rose $0.3 billion to $6.1 billion.",
         ["services_exports", "goods_exports", "goods_exports"]),
        ("Peru's exports of services rose to $2.0 billion in November.", ["services_exports"]),
        ("Peru's combined goods and services deficit widened to $1.2 billion in November.",
         ["trade_balance_goods_and_services"]),
        ("Peru's goods and services exports reached $8.0 billion in November, services imports $1.9 billion.",
         ["exports_goods_and_services", "services_imports"]),
        # a reporter whose headline is the goods and services deficit names its parts as it states them
        ("The US goods deficit narrowed to $80.0 billion in April, while the services surplus rose to $25.0 billion.",
         ["goods_trade_deficit", "services_trade_surplus"]),
        # without services in the article, `goods` is the trade balance itself
        ("Peru's goods trade surplus rose to $1.1 billion in November.", ["trade_balance"]),
    ],
)
def test_goods_services_and_both_are_series_of_their_own(facts_of, text, metrics):
    found = claims(facts_of, text)
    assert [c.metric for c in found] == metrics
    assert all(c.product is None for c in found)


@pytest.mark.parametrize(
    "text, product",
    [
        ("Peru's exports fell in November. Chemical exports fell by $0.3 billion.", "chemical"),
        ("Peru's imports fell in November. Spending on imported farm machinery and parts fell $0.2 billion.",
         "farm machinery and parts"),
        ("Peru's exports fell in November. Exports of household goods fell 3%.", "household goods"),
        ("Peru's exports fell in November. Exports of Peruvian goods fell 3%.", None),
        ("Peru's imports fell in November. Firms slashed spending on imported household goods by a third.",
         "household goods"),
    ],
)
def test_the_good_a_flow_names(facts_of, text, product):
    assert claims(facts_of, text)[-1].product == product


def test_a_metric_named_between_two_figures_is_the_second_ones(facts_of):
    found = claims(facts_of, "In November, Peru exported goods worth $6.1 billion and imported goods worth $5.2 billion.")
    assert [c.metric for c in found] == ["exports", "imports"]


@pytest.mark.parametrize(
    "text, partner",
    [
        # the rest of the world is everyone, unless a partner it is the rest from is named
        ("Peru's trade deficit with the rest of the world widened by $0.4 billion in November.", None),
        ("Peru's exports to China fell 3% in November. Exports to the rest of the world rose 2%.", "rest of the world"),
        ("Peru's exports to China fell 3% in November. The total trade deficit with the rest of the world widened "
         "by $0.4 billion.", None),
    ],
)
def test_the_rest_of_the_world(facts_of, text, partner):
    assert claims(facts_of, text)[-1].partner == partner


def test_a_country_exported_goods_worth(facts_of):
    (c,) = claims(facts_of, "Peru exported $6.1 billion of goods to China in November.")
    assert (c.metric, c.partner, c.value) == ("exports", "China", 6.1e9)


@pytest.mark.parametrize(
    "text, period",
    [
        # the period the clause's subject names; a relative clause's period is its own figure's
        ("Peru's deficit in October 2024 was $1.3 billion, which was up from $1.1 billion in October 2023.",
         ("2024-10-01", "2024-10-31")),
        # a point of comparison a few words after `since` is not the period measured
        ("Peru's exports fell 3% in November. The balance swung to a $0.4 billion deficit, the largest since the "
         "end of 2020.", NOV),
    ],
)
def test_the_period_a_figure_is_for(facts_of, text, period):
    found = claims(facts_of, text)
    assert key(found[0] if "October" in text else found[-1])[-1] == period


def test_a_month_a_revised_figure_is_compared_from_is_not_the_articles(facts_of):
    found = claims(facts_of, "Peru's trade deficit narrowed to $2.0 billion in May from a revised $3.1 billion in "
                             "April. The deficit in April was still a record. Exports rose 2%.", published="2025-06-20")
    assert found[-1].period.start_date.isoformat() == "2025-05-01"


def test_a_clause_coordinated_with_a_forecast_is_an_outcome_of_its_own(facts_of):
    found = claims(facts_of, "In May alone, Peru's exports grew 8.1%, above the 5.2% rise projected by Acme Data and "
                             "beating the 4.4% growth recorded in April.", published="2025-06-20")
    assert [(c.kind, c.period.start_date.month) for c in found] == [("change", 5), ("forecast", 5), ("change", 4)]


def test_where_an_expected_amount_starts_from_is_a_level(facts_of):
    found = claims(facts_of, "Economists had expected Peru's trade deficit to narrow to $2.0 billion from the $3.1 "
                             "billion first reported for April.", published="2025-06-20")
    assert [c.kind for c in found] == ["expectation", "level"]


def test_an_amount_more_than_another_months_is_a_rise(facts_of):
    found = claims(facts_of, "Peru's exports were $6.1 billion in May, $0.3 billion more than April exports.",
                   published="2025-06-20")
    assert [(c.kind, c.value) for c in found] == [("level", 6.1e9), ("change", 0.3e9)]


def test_in_a_list_of_a_flows_goods_each_clause_names_its_own(facts_of):
    found = claims(facts_of, "Peru's imports fell in May: imports of farm machinery, tools and parts were down 9.5%, "
                             "household goods dropped 4.2%, and electrical equipment fell 5.5%.")
    assert [c.product for c in found] == ["farm machinery tools and parts", "household goods", "electrical equipment"]


def test_a_conversion_of_local_dollars_is_in_us_dollars(facts_of):
    found = claims(facts_of, "Canada posted a trade deficit of 7.1 billion Canadian dollars ($5.2 billion) in April. "
                             "Exports fell $3 billion.")
    assert [c.unit for c in found] == ["CAD", "USD", "CAD"]


def test_a_span_a_change_is_compared_from_year_on_year_is_a_year_before_its_own(facts_of):
    found = claims(facts_of, "Peru's deficit rose to $1 billion in April. Year over year, the average deficit "
                             "increased $0.3 billion from the three months ending in April 2024. Year on year, "
                             "output fell 1.8%, worse than March's 0.7% fall.", published="2025-06-05")
    _, average, fall, march = found
    assert (str(average.period.start_date), str(average.period.end_date)) == ("2025-02-01", "2025-04-30")
    assert (fall.period.start_date.month, march.period.start_date.month) == (4, 3)


def test_a_year_carries_on_while_the_story_stays_on_it(facts_of):
    found = claims(facts_of, "In 2024, China's exports rose 7.1% to 25.4 trillion yuan. Imports rose 2.3% to 18.4 "
                             "trillion yuan. Combined trade swelled 5% to reach 43.8 trillion yuan.",
                   published="2025-01-13")
    assert {(c.period.start_date.isoformat(), c.period.end_date.isoformat()) for c in found} == {
        ("2024-01-01", "2024-12-31")}
    assert [c.metric for c in found[-2:]] == ["total_trade", "total_trade"]
    assert found[-2].direction == "up"


def test_a_rate_is_in_the_one_currency_its_sentence_states_amounts_in(facts_of):
    found = claims(facts_of, "China's combined trade swelled 5 percent to reach a record 43.85 trillion yuan in 2024.",
                   published="2025-01-13")
    assert found[0].currency_basis == "CNY"


def test_a_whole_year_is_not_seasonally_adjusted(facts_of):
    found = claims(facts_of, "Germany's exports were 131.1 billion euros in April. In 2024, its two-way goods trade "
                             "with France totalled 150 billion euros.", published="2025-06-06")
    assert [c.adjustment for c in found] == ["seasonally_adjusted", None]


def test_a_level_compared_to_is_a_point_of_comparison(facts_of):
    found = claims(facts_of, "Compared to $8.2 billion in the year-ago month, Peru's imports rose to $9.1 billion in "
                             "May. The deficit widened to $1.2 billion.", published="2025-06-20")
    assert [str(c.period.start_date) for c in found] == ["2024-05-01", "2025-05-01", "2025-05-01"]


@pytest.mark.parametrize(
    "text, span",
    [
        # India and the UK name a fiscal year by its end, Japan by its start; `so far` runs to the release
        ("India's exports fell 4.9% in November. Exports reached $280 billion in FY25.", ("2024-04-01", "2025-03-31")),
        ("Japan's exports rose 2% in November. Exports are seen rising 3% in fiscal 2025.", ("2025-04-01", "2026-03-31")),
        ("India's exports fell 4.9% in November. The deficit reached $83 billion in 2024-25 so far.",
         ("2024-04-01", "2024-11-30")),
    ],
)
def test_a_fiscal_year_is_read_in_its_reporters_calendar(facts_of, text, span):
    claim = claims(facts_of, text, published="2024-12-16")[-1]
    assert (str(claim.period.start_date), str(claim.period.end_date)) == span
    assert claim.inferred["period"].startswith("reporting convention of")


def test_a_span_to_date_is_compared_with_the_same_span_a_year_before(facts_of):
    found = claims(facts_of, "India's exports fell 4.9% in November. The deficit widened from $67 billion to $83 "
                             "billion in 2024-25 so far.", published="2024-12-16")
    assert [str(c.period.start_date) for c in found[-2:]] == ["2023-04-01", "2024-04-01"]


@pytest.mark.parametrize(
    "text",
    [
        "Peru exported $5.9 billion of goods to Chile last year and imported $5.7 billion.",
        "Peru imported $5.7 billion (€5.1 billion) worth of Chilean goods last year and exported a total of "
        "$5.9 billion.",
    ],
)
def test_two_way_trade_with_one_partner(facts_of, text):
    found = [c for c in claims(facts_of, text) if c.unit == "USD"]
    assert {(c.metric, c.partner) for c in found} == {("exports", "Chile"), ("imports", "Chile")}


def test_the_fall_just_told_is_not_the_metric_it_affected(facts_of):
    found = claims(facts_of, "Peru exported $4.1 billion of goods to Chile in April, down from $6.1 billion in March. "
                             "The $2 billion fall – a 33% drop in percentage terms – added to a drop in Peru's gross "
                             "domestic product in April.", published="2025-06-20")
    assert [(c.metric, c.partner, c.product, c.value) for c in found[2:]] == [
        ("exports", "Chile", None, -2e9), ("exports", "Chile", None, -33.0)]


def test_an_imbalance_in_trade_is_its_balance(facts_of):
    found = claims(facts_of, "The imbalance in Peru's trade with the world decreased to $1.6 billion in April. There "
                             "was a fall of $0.7 billion from March.", published="2025-06-20")
    assert [(c.metric, c.value) for c in found] == [("trade_balance", -1.6e9), ("trade_balance", 0.7e9)]


def test_currency_terms_stated_in_words_go_on_to_the_next_sentence(facts_of):
    found = claims(facts_of, "For the full year, China's yuan-denominated exports rose 7.1%. Imports gained 2.3%.",
                   published="2025-01-13")
    assert [c.currency_basis for c in found] == ["CNY", "CNY"]


def test_a_second_point_of_comparison_is_the_first_ones_period(facts_of):
    found = claims(facts_of, "In November, Peru's exports were $3.2 billion as compared to $3.4 billion in November "
                             "2023, while imports were $7.0 billion as compared to $5.5 billion.", published="2024-12-16")
    assert [str(c.period.start_date) for c in found] == ["2024-11-01", "2023-11-01", "2024-11-01", "2023-11-01"]


def test_a_multiple_of_last_months_level_is_a_monthly_change(facts_of):
    found = claims(facts_of, "At $14.9 billion, Peru's November gold imports were more than double the level recorded "
                             "in October and up 33% on year.", published="2024-12-16")
    assert [(c.kind, c.basis, str(c.period.start_date)) for c in found[1:]] == [
        ("change", "month_on_month", "2024-11-01"), ("change", "year_on_year", "2024-11-01")]


def test_a_forecast_compared_with_an_outcome_is_for_its_period(facts_of):
    found = claims(facts_of, "China's imports last month grew 1.2% year on year, customs data showed, compared with a "
                             "forecast of a 0.5% decline.", published="2025-01-13")
    assert [(c.kind, str(c.period.start_date)) for c in found] == [("change", "2024-12-01"), ("expectation", "2024-12-01")]


def test_a_spike_is_a_rise(facts_of):
    found = claims(facts_of, "Peru's imports fell 6% in November after spiking by 4.7% in October.")
    assert [c.value for c in found] == [-6.0, 4.7]


def test_each_figure_takes_the_comparison_written_after_it(facts_of):
    found = claims(facts_of, "Austria's exports were €16.2 billion in May 2025, down 1.4% on the month and 3.3% "
                             "compared to May 2024.", published="2025-07-08")
    assert [(c.kind, c.basis, c.value) for c in found[1:]] == [
        ("change", "month_on_month", -1.4), ("change", "year_on_year", -3.3)]


def test_the_level_a_move_reached_is_the_same_flows(facts_of):
    found = claims(facts_of, "Austria's exports to Italy dropped 3% to €2 billion and those to Spain slipped 1.5% to "
                             "€1 billion in May.", published="2025-07-08")
    assert [(c.partner, c.value) for c in found] == [
        ("Italy", -3.0), ("Italy", 2e9), ("Spain", -1.5), ("Spain", 1e9)]


def test_two_figures_a_verb_lists_keep_their_own_partners(facts_of):
    found = claims(facts_of, "Peru's balances included a $2.1 billion surplus with Chile and a $1.3 billion deficit "
                             "with Brazil in May.", published="2025-07-08")
    assert [c.partner for c in found] == ["Chile", "Brazil"]


def test_a_pronoun_for_the_flow_names_its_own_partner(facts_of):
    found = claims(facts_of, "Austria's exports to Asia slid in May, while those from Austria to EU member states were "
                             "up 0.7%.",
                   published="2025-07-08")
    assert [(c.partner, c.value) for c in found] == [("European Union", 0.7)]


@pytest.mark.parametrize("rate", ["a 20% 'reciprocal' tariff rate", "a 20% “reciprocal” tariff rate"])
def test_the_noun_a_figure_qualifies_wins_over_words_between(facts_of, rate):
    text = f"Peru pays a 15% levy on its copper exports to the U.S. and is to face {rate} on other goods."
    found = claims(facts_of, text, published="2025-06-18")
    assert [(c.metric, c.subject, c.partner, c.value) for c in found] == [
        ("tariff_rate_on", "United States", "Peru", 15), ("tariff_rate_on", "United States", "Peru", 20)]


def test_a_rate_starting_on_a_day_ahead_is_this_years(facts_of):
    (c,) = claims(facts_of, "Exports rose in 2024. Peru is facing a 20% tariff from the United States starting on "
                            "August 1.", published="2025-06-18")
    assert str(c.period.start_date) == "2025-08-01"


def test_the_current_rate_is_in_force_at_writing(facts_of):
    found = claims(facts_of, "Peru pays the current 15% US levy on its cars and faces a 20% US tariff starting on "
                             "August 1.", published="2025-06-18")
    assert [str(c.period.start_date) for c in found] == ["2025-06-01", "2025-08-01"]


def test_a_rate_told_in_the_past_is_the_one_on_the_month_reported(facts_of):
    text = ("Peru's exports fell 3% in April, official figures showed. Washington put 20% tariffs on Peruvian copper "
            "and lifted those on cars to 22.5%, on top of a flat tariff of 10%. Peru still faces a 30% tariff on "
            "zinc.")
    found = [c for c in claims(facts_of, text, published="2025-06-12") if c.metric == "tariff_rate_on"]
    assert [(c.kind, c.product, c.value, str(c.period.start_date)) for c in found] == [
        ("level", "copper", 20, "2025-04-01"), ("level", "automobiles", 22.5, "2025-04-01"),
        ("level", None, 10, "2025-04-01"), ("level", "zinc", 30, "2025-06-01")]


@pytest.mark.parametrize("text", [
    "Trump hit Peru with 10% duties in March. Copper and zinc were later hit with a steeper 25% duty.",
    "Trump hit Peru with 10% duties in March. Copper imports were then subject to a steeper 25% tariff.",
])
def test_goods_that_pay_a_tariff_are_its_product(facts_of, text):
    found = claims(facts_of, text, published="2025-06-12")
    assert [(c.subject, c.partner, c.kind, c.product, c.value) for c in found] == [
        ("United States", "Peru", "level", None, 10), ("United States", "Peru", "level", "copper", 25)]


@pytest.mark.parametrize("text", [
    "Peru's copper exports to Japan fell by $500 million in May. Zinc exports slid by $200 million.",
    "Peru's copper exports to Japan fell by $500 million in May. Most of that came from lower prices. Zinc exports "
    "slid by $200 million.",
    "Peru's exports of most commodities to Japan fell in May. Copper exports dropped by $500 million. Zinc exports "
    "slid by $200 million.",
])
def test_a_goods_breakdown_goes_on_with_its_partner(facts_of, text):
    found = claims(facts_of, text, published="2025-06-12")
    assert [(c.product, c.partner) for c in found][-2:] == [("copper", "Japan"), ("zinc", "Japan")]
    assert "breakdown" in found[-1].inferred["partner"]


def test_a_total_after_a_goods_breakdown_keeps_no_partner(facts_of):
    found = claims(facts_of, "Peru's copper exports to Japan fell by $500 million in May. Exports fell 2% overall.",
                   published="2025-06-12")
    assert [c.partner for c in found] == ["Japan", None]


def test_a_clause_without_a_subject_is_about_the_subject_it_hangs_from(facts_of):
    (c,) = claims(facts_of, "Copper imports have driven the wider trade deficit, having seen a 40% increase in May.",
                  published="2025-06-12")
    assert (c.metric, c.product, c.value) == ("imports", "copper", 40)


def test_a_reporter_that_counts_from_its_fiscal_year_has_its_year_to_date_start_there(facts_of):
    found = claims(facts_of, "India's exports fell 5% in November. Year-to-date, imports rose 8%.", published="2025-12-16")
    assert (str(found[-1].period.start_date), str(found[-1].period.end_date)) == ("2025-04-01", "2025-11-30")


def test_who_published_the_figures_names_no_good(facts_of):
    found = claims(facts_of, "Copper imports reached $4.8 billion in November, more than doubling from $2.1 billion a "
                             "month earlier, the data showed.", published="2024-12-16")
    assert [c.product for c in found] == ["copper", "copper", "copper"]


def test_a_span_named_for_another_clause_is_not_carried_into_this_one(facts_of):
    text = ("Peru's exports fell 3% in May. In January-May, copper exports were up 9% to $12 billion. Zinc exports "
            "declined 6% to $1 billion, and in January-May, the decline was 2% to $5 billion.")
    found = claims(facts_of, text, published="2025-06-12")
    assert [(c.value, str(c.period.start_date)) for c in found[-4:]] == [
        (-6.0, "2025-05-01"), (1e9, "2025-05-01"), (-2.0, "2025-01-01"), (5e9, "2025-01-01")]


def test_an_economys_trade_is_its_total_trade(facts_of):
    found = claims(facts_of, "Peru's trade came to $150 billion in 2024, the trade ministry said. Trade "
                             "data showed exports rose 4%.", published="2025-01-13")
    assert [(c.metric, c.value) for c in found] == [("total_trade", 150e9), ("exports", 4.0)]


def test_an_amount_in_the_reporters_currency_is_the_reporters(facts_of):
    text = ("Canada's trade gap grew to C$4 billion in May. The slide in U.S. exports, some 9%, produced a wider "
            "deficit than forecasts of C$2.5 billion.")
    found = claims(facts_of, text, published="2025-06-05")
    assert (found[-1].subject, found[-1].unit) == ("Canada", "CAD")


@pytest.mark.parametrize("text", [
    "Peru's exports fell 3% in May. While Chile remained Peru's largest trade partner, exports there were $2 billion.",
    "Peru's exports fell 3% in May. Chile, Peru's largest customer, took exports worth $2 billion.",
])
def test_the_economy_described_as_a_trade_partner_is_the_flows_partner(facts_of, text):
    found = claims(facts_of, text, published="2025-06-05")
    assert (found[-1].subject, found[-1].partner, found[-1].value) == ("Peru", "Chile", 2e9)


def test_a_figure_in_brackets_after_a_period_is_that_periods(facts_of):
    found = claims(facts_of, "Peru's exports to Chile fell to $2 billion in April, its weakest month since October 2024 "
                             "($1.8 billion).", published="2025-06-06")
    assert [(c.value, str(c.period.start_date)) for c in found] == [(2e9, "2025-04-01"), (1.8e9, "2024-10-01")]


def test_a_period_a_figure_is_ranked_within_is_not_its_period(facts_of):
    found = claims(facts_of, "Peru's exports rose 2% in November. In October, exports reached the year's highest "
                             "tally of $3.9 billion.", published="2024-12-16")
    assert str(found[-1].period.start_date) == "2024-10-01"


def test_a_month_range_this_year_is_one_span(facts_of):
    found = claims(facts_of, "Peru's exports totalled $40 billion from February to June this year, a 7% rise.",
                   published="2024-12-16")
    assert [(str(c.period.start_date), str(c.period.end_date)) for c in found] == [("2024-02-01", "2024-06-30")] * 2


def test_goods_worth_an_amount_are_its_product(facts_of):
    found = claims(facts_of, "Peru exported $4 billion worth of copper in May. Peru imported $5 billion worth of US goods "
                             "in May.", published="2025-06-12")
    assert [(c.product, c.partner) for c in found] == [("copper", None), (None, "United States")]


def test_a_flow_word_describing_a_thing_names_no_flow(facts_of):
    (c,) = claims(facts_of, "Shipments of copper, the main export item of Peru, rose 12 percent on the year in May.",
                  published="2025-06-12")
    assert (c.metric, c.product) == ("exports", "copper")


def test_a_place_standing_before_its_move_labels_it(facts_of):
    found = claims(facts_of, "Peru's exports rose 3% in May. Exports to Chile fell 2% to $1 billion, while sales grew "
                             "elsewhere, among them Japan, up 40% to $500 million.", published="2025-06-12")
    assert [c.partner for c in found[1:]] == ["Chile", "Chile", "Japan", "Japan"]


def test_a_flow_without_a_good_in_a_paragraph_about_one_good_says_so(facts_of):
    text = ("Peru's exports rose 3% in May.\n\nCopper exports jumped 20% to $2 billion. Exports to Chile fell 2% to "
            "$1 billion.\n\nExports to Japan rose 4%.")
    found = claims(facts_of, text, published="2025-06-12")
    doubted = [(c.partner, c.value) for c in found if "product" in c.inferred]
    assert doubted == [("Chile", -2.0), ("Chile", 1e9)]


def test_a_reference_back_reads_past_page_furniture(facts_of):
    text = ("Peru's exports fell 2% in May.\n\nSign up for our newsletter. SUBSCRIBE\n\nThe fall was "
            "smaller than the 3% drop economists had expected.")
    found = claims(facts_of, text, published="2025-06-12")
    assert [(c.metric, c.kind, c.value) for c in found] == [("exports", "change", -2.0), ("exports", "expectation", -3.0)]


def test_the_figure_refers_back_to_the_one_just_told(facts_of):
    found = claims(facts_of, "Peru posted a surplus of $9.1 billion last year, officials said. Against a year before, the "
                             "figure marks a rise of 12 percent, and came from strong export numbers.", published="2025-01-13")
    assert [(c.metric, c.kind, c.value) for c in found] == [("trade_balance", "level", 9.1e9),
                                                             ("trade_balance", "change", 12.0)]


def test_the_gap_in_trade_is_a_deficit(facts_of):
    found = claims(facts_of, "Peru's figures are out. The gap in its goods and services trade shrank to $1.2 billion in "
                             "May, officials said.", published="2025-06-12")
    assert [(c.metric, c.value) for c in found] == [("trade_balance_goods_and_services", -1.2e9)]


def test_no_economy_trades_with_itself(facts_of):
    (c,) = claims(facts_of, "The EU's exports to EU member states rose 2% in May.", published="2025-06-12")
    assert (c.subject, c.partner) == ("European Union", None)


def test_a_quarter_told_in_one_paragraph_stays_there(facts_of):
    text = ("Peru's exports rose 8% in May to $6 billion.\n\nExports climbed 6% in the second quarter, hitting $18 "
            "billion. That was a record.\n\nCopper led the way, with copper exports surging 20% to $2 billion.")
    found = claims(facts_of, text, published="2025-06-12")
    assert [str(c.period.start_date) for c in found[-2:]] == ["2025-05-01", "2025-05-01"]


def test_going_to_reach_a_figure_is_a_forecast(facts_of):
    found = claims(facts_of, "Peru's exports rose 5% in May. We are going to pass $80 billion of exports in 2025, the "
                             "minister said.", published="2025-06-12")
    assert found[-1].kind == "forecast"


def test_an_economy_hit_with_a_tariff_is_no_good(facts_of):
    found = claims(facts_of, "Peru's exports rose 5% in May. The Andean economy was hit with a 20 percent US "
                             "tariff.", published="2025-06-12")
    assert (found[-1].product, found[-1].partner) == (None, "Peru")


def test_a_figure_told_with_a_run_of_months_is_a_months(facts_of):
    text = ("Peru's exports rose 9% in December. For the whole of 2024, imports grew by 2.1%. Shipping costs stayed "
            "high.\n\nImports grew by 2.1% year on year, the customs office said, the first rise in four months.")
    found = claims(facts_of, text, published="2025-01-13")
    assert [str(c.period.start_date) for c in found] == ["2024-12-01", "2024-01-01", "2024-12-01"]


def test_money_per_unit_of_measure_is_a_price_not_a_flow(facts_of):
    found = claims(facts_of, "The price of copper Peru exported fell to $8,900 per tonne in May from $9,400 per tonne in "
                             "April. Peru's exports rose to $5 billion a month.", published="2025-06-12")
    assert [(c.metric, c.unit) for c in found] == [
        ("exports_unit_price", "USD_per_tonne"), ("exports_unit_price", "USD_per_tonne"), ("exports", "USD")]


def test_a_partner_after_the_good_is_no_part_of_it(facts_of):
    found = claims(facts_of, "Peru's car trade weakened in May: shipments of autos to the U.S. were down 12% on the "
                             "year.", published="2025-06-12")
    assert (found[-1].product, found[-1].partner) == ("automobiles", "United States")


def test_a_participles_good_is_its_governing_clauses_subject(facts_of):
    found = claims(facts_of, "Peru's imports of machinery were down 9.5% in May, while energy products posted a "
                             "decline, falling 8%.", published="2025-06-12")
    assert [c.product for c in found] == ["machinery", "energy products"]


def test_the_good_that_accounts_for_a_share_is_its_product(facts_of):
    found = claims(facts_of, "Peru's exports rose 4% in May, with copper accounting for over 40 percent of total "
                             "exports. Zinc made up 10% of exports.", published="2025-06-12")
    assert [(c.kind, c.product) for c in found[1:]] == [("share", "copper"), ("share", "zinc")]


@pytest.mark.parametrize("text, product", [
    ("Peru's petroleum exports fell 20% in May. Exports of oil products dropped $1 billion.", "petroleum products"),
    ("Peru's drug imports fell 20% in May. Imports of pharmaceutical preparations dropped $1 billion.",
     "pharmaceuticals"),
])
def test_one_name_for_a_product_outlets_call_several_ways(facts_of, text, product):
    found = claims(facts_of, text, published="2025-06-12")
    assert [c.product for c in found] == [product, product]
