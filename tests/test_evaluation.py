"""The scores the issues ask for, measured on the hand-made gold fixtures."""

import json
import re

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


def _gold_dir(tmp_path, gold: dict):
    (tmp_path / "a.txt").write_text("Exports rose 5.9% in November, officials said.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text(json.dumps({"article": "a.txt", "published": "2025-12-08", **gold}))
    return tmp_path


def test_a_record_type_the_gold_leaves_out_is_not_scored(tmp_path):


    report = evaluate_dir(_gold_dir(tmp_path, {"quantities": [
        {"text": "5.9%", "value": 5.9, "unit": "percent", "qualifier": None, "lower": 5.85, "upper": 5.95}]}))
    assert report.annotated == {"quantities", "quantity_intervals"}
    assert report.scores["entities"].predicted == 0 and report.scores["quantities"].f1 == 1.0
    assert "not annotated in the gold files" in report.render()


@pytest.mark.parametrize(
    "gold, says",
    [
        ({"claim": []}, "unknown key 'claim'"),
        ({"quantities": [{"text": "5.9%", "value": 5.9, "unit": "%"}]}, "unit '%'"),
        ({"quantities": [{"text": "5.9%", "value": 5.9, "unit": "percent", "qualifier": "about"}]}, "qualifier 'about'"),
        ({"quotes": [{"text": "x", "speaker": "A", "kinds": "direct"}]}, "quotes[0]: unknown key 'kinds'"),
        ({"article": "missing.txt"}, "its article 'missing.txt' is not a file"),
    ],
)
def test_a_gold_file_the_scorer_cannot_read_as_written_is_an_error_naming_it(tmp_path, gold, says):
    from extractor.evaluate import GoldError, evaluate_dir

    with pytest.raises(GoldError, match=re.escape(says)) as err:
        evaluate_dir(_gold_dir(tmp_path, gold))
    assert "a.gold.json" in str(err.value)
