"""The scores the issues ask for, measured on the hand-made gold fixtures."""

import pytest

from tests.conftest import FIXTURES

from extractor.evaluate import evaluate_dir, quote_text_matches

TARGETS = {"entities": 0.9, "quantities": 0.95, "quantity_intervals": 0.9, "periods": 0.9, "quotes": 0.9, "claims": 0.85}


@pytest.fixture(scope="module")
def report(nlp):
    return evaluate_dir(FIXTURES / "gold")


@pytest.fixture(scope="module")
def holdout(nlp):
    return evaluate_dir(FIXTURES / "holdout" / "gold")


def test_the_gold_has_what_the_issues_ask_for(report):
    assert len(report.documents) >= 8
    assert report.scores["quotes"].gold >= 40


@pytest.mark.parametrize("record_type, target", sorted(TARGETS.items()))
def test_f1_on_the_gold_fixtures(report, record_type, target):
    assert report.scores[record_type].f1 >= target, report.render(show=20)


def test_speaker_accuracy(report):
    assert report.speaker_accuracy >= 0.9


@pytest.mark.parametrize("record_type, target", sorted(TARGETS.items()))
def test_f1_on_the_held_out_articles(holdout, record_type, target):
    assert holdout.scores[record_type].f1 >= target, holdout.render(show=20)


def test_quote_matching_rule():
    assert quote_text_matches("Demand held up", "Demand held up,")
    assert quote_text_matches("the property slump was still dragging on imports", "the property slump was still dragging on imports.")
    assert not quote_text_matches("Demand held up", "Demand held up well beyond what anyone in the market expected")
