"""The two articles the project started from, read from ../shared/seeds (skipped when it is absent)."""

import pytest

from tests.conftest import assert_offsets_map_back

pytestmark = pytest.mark.seeds

NOV = ("2025-11-01", "2025-11-30")
YTD = ("2025-01-01", "2025-11-30")


@pytest.fixture(scope="module")
def seed_facts(seed_texts, facts_of):
    return {name: facts_of(text) for name, text in seed_texts.items()}


def has(facts, metric, partner, kind, period, sign=1):
    for c in facts.claims:
        p = (str(c.period.start_date), str(c.period.end_date)) if c.period and c.period.start_date else None
        if (c.metric, c.partner, c.kind, p) == (metric, partner, kind, period) and c.subject == "China" and (
                c.value is None or c.value * sign > 0):
            return True
    return False


def test_offsets_map_back(seed_facts):
    for facts in seed_facts.values():
        assert_offsets_map_back(facts)


def test_the_november_claims_of_both_articles(seed_facts):
    for name, facts in seed_facts.items():
        assert has(facts, "exports", None, "change", NOV), name
        assert has(facts, "exports", None, "level", NOV), name
        assert has(facts, "imports", None, "change", NOV), name
        assert has(facts, "exports", "United States", "change", NOV, sign=-1), name
        assert has(facts, "trade_balance", None, "level", YTD), name


def test_every_quoted_economist_with_name_role_and_organisation(seed_facts):
    speakers = {(q.speaker, q.speaker_role, q.speaker_org) for f in seed_facts.values() for q in f.quotes if q.kind == "direct"}
    assert ("Lynn Song", "chief economist for Greater China", "ING") in speakers
    assert ("Chi Lo", "Global Market Strategist", "BNP Paribas Asset Management") in speakers
    assert ("Chetan Ahya", "Chief Asia Economist", "Morgan Stanley") in speakers


def test_the_reported_speech_of_chi_lo(seed_facts):
    reported = [q for f in seed_facts.values() for q in f.quotes if q.kind == "indirect" and q.speaker == "Chi Lo"]
    assert reported and reported[0].content.startswith("relations remain in a stalemate")
    assert reported[0].speaker_org == "BNP Paribas Asset Management"


def test_the_forecast_is_not_a_reported_figure(seed_facts):
    for facts in seed_facts.values():
        share = [c for c in facts.claims if c.metric == "global_export_share" and c.value == 16.5]
        assert share and all(c.kind == "forecast" for c in share)
