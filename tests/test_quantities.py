import pytest


def one(facts_of, text):
    found = facts_of(text).quantities
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, figure, value, qualifier",
    [
        ("Gold imports more than doubled in May.", "more than doubled", 100, "more_than"),
        ("Imports were nearly double the level of April.", "nearly double", 100, "nearly"),
        ("Shipments halved in May.", "halved", -50, None),
    ],
)
def test_a_multiple_is_a_change_in_percent(facts_of, text, figure, value, qualifier):
    q = one(facts_of, text)
    assert (q.text, q.value, q.unit, q.qualifier) == (figure, value, "percent", qualifier)


@pytest.mark.parametrize("text", ["It was a double blow for exporters.", "Imports were double the exports."])
def test_a_multiple_of_something_else_is_no_figure(facts_of, text):
    assert facts_of(text).quantities == []


@pytest.mark.parametrize(
    "text, figure, value, unit",
    [
        ("Shipments were worth $1.08 trillion.", "$1.08 trillion", 1.08e12, "USD"),
        ("The surplus was $992bn last year.", "$992bn", 992e9, "USD"),
        ("Sales reached €2.3bn in the quarter.", "€2.3bn", 2.3e9, "EUR"),
        ("The deal is worth £450m to the exporter.", "£450m", 450e6, "GBP"),
        ("Exports came to 1.3 trillion yuan.", "1.3 trillion yuan", 1.3e12, "CNY"),
        ("Trade reached US$111.68 billion.", "US$111.68 billion", 111.68e9, "USD"),
        ("Japan's deficit was ¥2.5 trillion.", "¥2.5 trillion", 2.5e12, "JPY"),
        ("Lending rose by RMB 3.2 trillion.", "RMB 3.2 trillion", 3.2e12, "CNY"),
        ("Exports were 330.3 billion U.S. dollars.", "330.3 billion U.S. dollars", 330.3e9, "USD"),
        ("Growth was 28.6 percent in the year.", "28.6 percent", 28.6, "percent"),
        ("Output grew 5.9 per cent.", "5.9 per cent", 5.9, "percent"),
        ("The rate rose 3 percentage points.", "3 percentage points", 3, "percentage_point"),
        ("The central bank cut by 25 basis points.", "25 basis points", 0.25, "percentage_point"),
        ("Miners shipped 450,000 tonnes of copper.", "450,000 tonnes", 450000, "tonne"),
        # currency codes and local scales, percentages and decimals in words, money in parts
        ("The start-up raised USD25m in May.", "USD25m", 25e6, "USD"),
        ("A bowl of noodles costs RM14.90 there.", "RM14.90", 14.9, "MYR"),
        ("The fund closed at S$2mil.", "S$2mil", 2e6, "SGD"),
        ("The project costs Rs 450 crore.", "Rs 450 crore", 4.5e9, "INR"),
        ("The flat sold for 35 lakh rupees.", "35 lakh rupees", 3.5e6, "INR"),
        ("Sales were up 6pc in June.", "6pc", 6, "percent"),
        ("The yield fell .05 per cent.", ".05 per cent", 0.05, "percent"),
        ("Deposit rates are minus 0.5% now.", "minus 0.5%", -0.5, "percent"),
        ("The balance came to -¥42.5 billion.", "-¥42.5 billion", -42.5e9, "JPY"),
        ("Turnout was twenty percent lower.", "twenty percent", 20, "percent"),
        ("Exports rose 12-point-seven percent on the year.", "12-point-seven percent", 12.7, "percent"),
        ("Imports grew zero-point-five percent.", "zero-point-five percent", 0.5, "percent"),
        ("Exports hit 65-point-95 billion U.S. dollars.", "65-point-95 billion U.S. dollars", 65.95e9, "USD"),
        ("Chip sales rose 22-point-1 percent.", "22-point-1 percent", 22.1, "percent"),
        ("A ticket cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD"),
        # the forms a feed turned to ASCII gives `£` and `¥`; bankers' MM
        ("The club paid PS4.5m for him.", "PS4.5m", 4.5e6, "GBP"),
        ("Debt hit Y=600 billion.", "Y=600 billion", 6e11, "JPY"),
        ("The target is US$ 1MM.", "US$ 1MM", 1e6, "USD"),
        # numbers in words of any length
        ("Twenty-six ships docked overnight.", "Twenty-six ships", 26, "count"),
        ("The fund lent to three hundred and one firms.", "three hundred and one firms", 301, "count"),
        ("The mill made 4 thousand 3 hundred and 12 tonnes.", "4 thousand 3 hundred and 12 tonnes", 4312, "tonne"),
        ("The port moved two million and a half containers.", "two million and a half containers", 2.5e6, "count"),
        ("A ticket cost thirteen dollars and forty-five cents.", "thirteen dollars and forty-five cents", 13.45, "USD"),
        ("Growth was minus two point five percent.", "minus two point five percent", -2.5, "percent"),
        ("The state owes three lakh crore rupees.", "three lakh crore rupees", 3e12, "INR"),
        ("Refiners bought ninety thousand barrels.", "ninety thousand barrels", 90000, "barrel"),
        ("It paid 3 hundred and 20 yuan.", "3 hundred and 20 yuan", 320, "CNY"),
        # a scale joined by a hyphen
        ("Shipments came to ¥4.2-trillion in June.", "¥4.2-trillion", 4.2e12, "JPY"),
    ],
)
def test_figures_come_out_in_base_units(facts_of, text, figure, value, unit):
    q = one(facts_of, text)
    assert (q.text, q.unit) == (figure, unit)
    assert q.value == pytest.approx(value)


def test_a_bracketed_conversion_is_marked(facts_of):
    first, second = facts_of("Exports hit $US111.68 billion ($A168.33 billion) last year.").quantities
    assert (first.unit, second.unit) == ("USD", "AUD")
    assert second.conversion_of == first.id


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("Growth of between 3% and 4% is likely.", 3, 4, "percent"),
        ("Estimates put the share at 28.6% to 29%.", 28.6, 29, "percent"),
        ("The share rose from 28.6% to 29%.", None, None, None),
        ("The plan costs $100-120 billion.", 100e9, 120e9, "USD"),
        ("Funding of 12-15 billion yuan was set aside.", 12e9, 15e9, "CNY"),
    ],
)
def test_ranges_keep_both_ends(facts_of, text, low, high, unit):
    found = facts_of(text).quantities
    if low is None:  # `from X to Y` is two figures, not a range
        assert [q.value for q in found] == [28.6, 29.0]
        return
    (q,) = found
    assert q.value is None and q.unit == unit
    assert (q.range.low, q.range.high) == (pytest.approx(low), pytest.approx(high))


def test_hedges_shape_the_interval(facts_of):
    q = one(facts_of, "Shipments fell nearly 29% on the year.")
    assert (q.qualifier, q.upper) == ("nearly", 29.0) and q.lower < 29
    q = one(facts_of, "Imports topped more than $218.6 billion.")
    assert (q.qualifier, q.lower) == ("more_than", 218.6e9) and q.upper > 218.6e9


def test_bands_and_fractions(facts_of):
    q = one(facts_of, "Sales have fallen by double digits all year.")
    assert (q.value, q.lower, q.upper) == (None, 10, 100)
    q = one(facts_of, "Close to one-third of steel went abroad.")
    assert q.value == pytest.approx(33.3333) and q.qualifier == "approximately"
    q = one(facts_of, "A quarter of exports go to Europe.")
    assert q.value == 25 and q.unit == "percent"


@pytest.mark.parametrize(
    "text",
    [
        "It was the eighth straight month of decline.",
        "Trade fell in 2024 and again on March 8.",
        "The five-year plan was endorsed by the G20.",
        "Call +61 2 6252 7777 for details.",
        "Profits rose for a third straight quarter.",
        "The talks open at 3 pm in Geneva.",
        "The deal was signed on 5/17/2025.",
        "Call 555 0100 for the desk.",
        "It is one of the largest ports.",
        "Officials call it Plan 2.0 in Brussels.",
        "Prices rose in the 1990s.",
        "She took 1st place.",
        "Ministers met on 4 March.",
        "2. The second point is cost.",
        "Leaders met at the Group of Seven summit.",
        "Sales of the PS4 slowed.",
        "Orders shrank, a third consecutive monthly fall.",
    ],
)
def test_ordinals_years_dates_times_codes_names_and_pronouns_are_not_figures(facts_of, text):
    assert facts_of(text).quantities == []


def test_number_words_and_units(facts_of):
    q = one(facts_of, "It took eleven months to agree.")
    assert (q.value, q.unit) == (11, "month")


def test_a_money_range_between_two_figures(facts_of):
    q = one(facts_of, "Shares traded between $40 and $45 on Monday.")
    assert (q.text, q.unit, q.range.low, q.range.high) == ("between $40 and $45", "USD", 40, 45)


@pytest.mark.parametrize(
    "text, figure, value, unit",
    [
        ("The phone has a 6.7-inch screen.", "6.7-inch", 6.7, "inch"),
        ("They bought a 45-acre farm.", "45-acre", 45, "acre"),
        ("The six-mile road is closed.", "six-mile", 6, "mile"),
        ("A 58-year-old trader was fined.", "58-year-old", 58, "year"),
        ("A 10-percent tariff applies.", "10-percent", 10, "percent"),
    ],
)
def test_a_measure_written_as_a_modifier(facts_of, text, figure, value, unit):
    q = one(facts_of, text)
    assert (q.text, q.unit, q.value) == (figure, unit, value)


def test_a_duration_written_as_a_modifier_is_no_figure(facts_of):
    assert facts_of("A five-year plan and a 30-year bond were on the table.").quantities == []


@pytest.mark.parametrize(
    "text, figure, unit, low, high",
    [
        ("Delivery takes 10-12 weeks.", "10-12 weeks", "week", 10, 12),
        ("They hired 300 to 400 workers.", "300 to 400 workers", "count", 300, 400),
        ("Homes cost $600,000 to $1.2 million.", "$600,000 to $1.2 million", "USD", 600e3, 1.2e6),
        ("Losses of $1.5 to 2 billion are likely.", "$1.5 to 2 billion", "USD", 1.5e9, 2e9),
    ],
)
def test_count_and_money_ranges_keep_both_ends(facts_of, text, figure, unit, low, high):
    q = one(facts_of, text)
    assert (q.text, q.unit) == (figure, unit)
    assert (q.range.low, q.range.high) == (pytest.approx(low), pytest.approx(high))


def test_a_unit_written_once_serves_both_figures(facts_of):
    first, second = facts_of("Growth slowed from 4 to 3 per cent.").quantities
    assert (first.value, first.unit, second.value, second.unit) == (4, "percent", 3, "percent")


def test_a_capital_scale_letter(facts_of):
    q = one(facts_of, "The start-up raised $10M.")
    assert (q.value, q.unit) == (10e6, "USD")


@pytest.mark.parametrize(
    "text, unit, low, high",
    [
        ("It cost tens of thousands of dollars.", "USD", 1e4, 1e5),
        ("Hundreds of millions of people watched.", "count", 1e8, 1e9),
    ],
)
def test_vague_magnitudes_are_ranges(facts_of, text, unit, low, high):
    q = one(facts_of, text)
    assert (q.unit, q.qualifier, q.range.low, q.range.high) == (unit, "approximately", low, high)


@pytest.mark.parametrize("text", ["The FTSE 100 index fell.", "Sales of the iPhone 15 rose.", "COVID-19 cases rose."])
def test_a_number_in_a_name_is_no_figure(facts_of, text):
    assert facts_of(text).quantities == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("About a dozen firms left.", 12),
        ("It sold 4 hundred million units.", 4e8),
    ],
)
def test_counts_in_words_and_mixed_scales(facts_of, text, value):
    q = one(facts_of, text)
    assert (q.unit, q.value) == ("count", value)


@pytest.mark.parametrize("text", ["5G networks expanded fast.", "A top 10 exporter grew.", "It joined the Fortune 500 list."])
def test_names_and_ranks_with_numbers_are_no_figures(facts_of, text):
    assert facts_of(text).quantities == []


@pytest.mark.parametrize(
    "text, figure, value, unit",
    [
        ("The census counted 1 414 021 100 residents in all.", "1 414 021 100", 1414021100, "count"),
        ("The census counted 2\u202f500\u202f000.", "2\u202f500\u202f000", 2.5e6, "count"),
        ("The index closed at 7,512.33 on the day.", "7,512.33", 7512.33, "count"),
        ("The index fell 45 points.", "45 points", 45, "point"),
        ("The bottle holds 75ml.", "75ml", 75, "millilitre"),
        ("The parcel weighed 20lbs.", "20lbs", 20, "pound-mass"),
        ("The track is a 1/4 mile loop.", "1/4 mile", 0.25, "mile"),
        ("The cable ran 10 1/2 miles.", "10 1/2 miles", 10.5, "mile"),
        ("Each sack holds 20 (kg) of rice.", "20 (kg)", 20, "kilogram"),
        ("The dam holds 10 dm of silt.", "10 dm", 10, "decimetre"),
        ("A share in five is one in five.", "one in five", 20, "percent"),
        ("Nine in 10 savers agree.", "Nine in 10", 90, "percent"),
        ("Two out of three firms hired.", "Two out of three", 66.6667, "percent"),
        ("It posts 5 in 10 days.", "10 days", 10, "day"),
        ("A taxi fare is 100₽ there.", "100₽", 100, "RUB"),
        ("The stall charged 40 RMB for it.", "40 RMB", 40, "CNY"),
        ("The bid was 470 pence a share.", "470 pence", 470, "penny"),
        ("The parcel weighs 4 pounds.", "4 pounds", 4, "pound-mass"),
        ("The deal is worth 25 million pounds.", "25 million pounds", 25e6, "GBP"),
    ],
)
def test_plain_numbers_glued_units_and_fractions(facts_of, text, figure, value, unit):
    found = [q for q in facts_of(text).quantities if q.text == figure]
    assert len(found) == 1, [q.text for q in facts_of(text).quantities]
    assert found[0].unit == unit and found[0].value == pytest.approx(value)


def test_a_bare_number_before_a_figure_starts_a_range(facts_of):
    q = one(facts_of, "The review will take three to five years.")
    assert (q.unit, q.value, q.range.low, q.range.high) == ("year", None, 3, 5)
    first, second = facts_of("The rate went from three to five percent.").quantities
    assert (first.value, first.unit, second.value, second.unit) == (3, "percent", 5, "percent")


def test_a_unit_written_once_after_and_serves_both_numbers(facts_of):
    first, second = facts_of("The rules changed 20 and 50 years ago.").quantities
    assert (first.value, first.unit, second.value, second.unit) == (20, "year", 50, "year")


def test_two_sums_joined_by_and_keep_their_own_scale_and_currency(facts_of):
    first, second = facts_of("The fee was £3.5m and ¥600 billion.").quantities
    assert (first.value, first.unit) == (3.5e6, "GBP")
    assert (second.value, second.unit) == (6e11, "JPY")


def test_the_unit_table_matches_the_installed_quantulum3():
    """rules/units.json is quantulum3's table written out; rebuild it with `python -m extractor.normalize.units`."""
    from extractor.normalize.units import build_table, unit_table

    assert build_table() == unit_table(), "quantulum3 changed: run `python -m extractor.normalize.units`"
