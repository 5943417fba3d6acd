import pytest


def periods(facts_of, text, published="2025-12-08"):
    return {p.text: p for p in facts_of(text, published=published).periods}


@pytest.mark.parametrize(
    "text, expression, start, end",
    [
        ("Exports rose in November.", "November", "2025-11-01", "2025-11-30"),
        ("They fell in October.", "October", "2025-10-01", "2025-10-31"),
        ("In the first eleven months of the year, sales grew.", "the first eleven months of the year", "2025-01-01", "2025-11-30"),
        ("From January to November, sales grew.", "January to November", "2025-01-01", "2025-11-30"),
        ("In the year to November, sales grew.", "the year to November", "2025-01-01", "2025-11-30"),
        ("That beat the whole of 2024.", "the whole of 2024", "2024-01-01", "2024-12-31"),
        ("Data came out on Monday.", "Monday", "2025-12-08", "2025-12-08"),
        ("Growth slowed in Q3.", "Q3", "2025-07-01", "2025-09-30"),
        ("Growth slowed in the third quarter of 2024.", "the third quarter of 2024", "2024-07-01", "2024-09-30"),
        ("Profits doubled in H1 2025.", "H1 2025", "2025-01-01", "2025-06-30"),
        ("The ministry will publish details in January.", "January", "2026-01-01", "2026-01-31"),
    ],
)
def test_resolved_against_the_publication_date(facts_of, text, expression, start, end):
    found = periods(facts_of, text)[expression]
    assert (str(found.start_date), str(found.end_date)) == (start, end)


def test_the_previous_month_follows_the_period_it_refers_to(facts_of):
    found = periods(facts_of, "Exports rose in August. The previous month, they had fallen.")
    assert str(found["The previous month"].start_date) == "2025-07-01"
    assert found["The previous month"].resolution == "relative_to_period"


def test_a_year_earlier_is_a_basis_not_a_period_of_its_own(facts_of):
    found = periods(facts_of, "Exports rose 3% in October from a year earlier.")
    assert found["a year earlier"].role == "basis"
    assert str(found["a year earlier"].start_date) == "2024-10-01"


def test_the_year_ago_month_is_a_basis_a_year_back(facts_of):
    found = periods(facts_of, "Imports rose to $9 billion in October from $8 billion in the year-ago month. "
                              "The deficit widened during the month.")
    assert found["the year-ago month"].role == "basis"
    assert str(found["the year-ago month"].start_date) == "2024-10-01"
    # what the text goes on about is the month measured, not the one it was compared with
    assert str(found["the month"].start_date) == "2025-10-01"


def test_the_previous_year_steps_back_from_the_year_measured_not_the_one_compared_with(facts_of):
    found = periods(facts_of, "Exports rose 7.1% in 2024, up from 0.6% growth in 2023. Imports gained 2.3%, "
                              "recovering from a decline the previous year.")
    assert str(found["the previous year"].start_date) == "2023-01-01"


def test_by_2030_is_a_horizon(facts_of):
    assert periods(facts_of, "Its share could reach 16.5% by 2030.")["2030"].role == "horizon"


def test_without_a_publication_date_months_stay_unresolved(facts_of):
    found = periods(facts_of, "Exports rose in November, while the whole of 2024 was weak.", published=None)
    assert found["November"].start_date is None and found["November"].resolution == "unresolved"
    assert "publication date" in found["November"].note
    assert str(found["the whole of 2024"].start_date) == "2024-01-01"


def test_a_dateline_gives_the_date_and_says_so(facts_of):
    facts = facts_of("BEIJING, Dec. 8, 2025 - Exports rose in November.", published=None)
    assert facts.article.published_from == "dateline"
    assert str(next(p for p in facts.periods if p.text == "November").start_date) == "2025-11-01"


def test_fiscal_years_are_not_guessed(facts_of):
    found = periods(facts_of, "Sales rose in fiscal 2025.")["fiscal 2025"]
    assert found.start_date is None and "fiscal" in found.note


@pytest.mark.parametrize("text, fiscal", [("Sales rose in 2024-25 so far.", "2024-25 so far"),
                                           ("Sales rose in 2024/25.", "2024/25"),
                                           ("Filed on 2025-01-13, the report was late.", None)])
def test_a_split_year_is_fiscal_only_when_its_halves_follow(facts_of, text, fiscal):
    found = [p for p in facts_of(text).periods if p.note and "fiscal" in p.note]
    assert [p.text for p in found] == ([fiscal] if fiscal else [])


def test_a_hyphenated_quarter_is_a_quarter(facts_of):
    (period,) = facts_of("Third-quarter exports rose.", published="2025-10-01").periods
    assert (str(period.start_date), str(period.end_date)) == ("2025-07-01", "2025-09-30")


def test_a_day_month_comma_year_date_is_one_day(facts_of):
    periods = facts_of("LIMA, 3rd March, 2025 - Exports rose 2% in February.", published="2025-03-03").periods
    assert [(p.text, str(p.start_date), str(p.end_date)) for p in periods] == [
        ("3rd March, 2025", "2025-03-03", "2025-03-03"), ("February", "2025-02-01", "2025-02-28")]


def test_the_previous_month_is_not_measured_from_a_point_of_comparison_after_it(facts_of):
    text = "Lima's exports rose 3% in September. The surplus was $2.1 billion, above the previous month's $1.5 " \
           "billion and the biggest since September 2018."
    previous = next(p for p in facts_of(text, published="2025-10-01").periods if p.text == "the previous month")
    assert (str(previous.start_date), str(previous.end_date)) == ("2025-08-01", "2025-08-31")


def test_an_onset_stated_in_the_present_is_still_to_come(facts_of):
    facts = facts_of("Peru faces a 15% tariff starting on July 9.", published="2025-06-18")
    assert str(facts.periods[0].start_date) == "2025-07-09"
