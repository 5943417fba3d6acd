"""What a component may swallow: an expression the input makes unreadable, never a bug in the rules."""

import pytest

from extractor.extensions import guarded


def test_an_unreadable_expression_costs_a_warning(nlp):
    doc = nlp.make_doc("A date in the year 10000.")
    with guarded(doc, "period", doc[5:6]):
        raise ValueError("year 10000 is out of range")
    (warning,) = doc._.newsfacts_warnings
    assert warning["code"] == "period_failed" and "out of range" in warning["message"]


@pytest.mark.parametrize("error", [TypeError, AttributeError, IndexError, KeyError])
def test_a_programming_error_is_raised_not_hidden(nlp, error):
    doc = nlp.make_doc("Exports rose 5%.")
    with pytest.raises(error), guarded(doc, "claim", doc[2:4]):
        raise error("a bug in a rule")
    assert not doc._.newsfacts_warnings
