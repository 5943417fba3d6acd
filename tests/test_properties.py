"""Whatever the text, the extractor returns a valid record whose offsets map back."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract
from tests.conftest import assert_offsets_map_back

NEWSY = st.sampled_from([
    "Exports rose 5.9%", " to $330.3 billion", " in November", ", said Lynn Song", "\u201c", "\u201d", '"', "'",
    " year on year", " nearly", " double-digit", " the previous month", " \u20ac2.3bn", " between 3% and 4%", "\n\n",
    " by 2030", " Q3", " the U.S.", " a third", " 12-15 billion yuan", ".", ",", " according to", " US$", "\u200b",
    "\u202e", " (", ")", " 2024", " Monday", " fell", " deficit",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NEWSY, max_size=25).map("".join))
def test_trade_news_fragments_never_crash(text):
    facts = extract(text, published="2025-12-08")
    assert_offsets_map_back(facts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_never_crashes(text):
    assert_offsets_map_back(extract(text))
