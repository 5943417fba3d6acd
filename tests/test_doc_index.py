"""The shortcuts that keep the rules fast must give what spaCy's own, slower, answers give."""

import pytest
from spacy.matcher import Matcher

from extractor.components.doc_index import Entities, positions, sentences_of, text_of
from extractor.components.matching import TriggeredMatcher
from extractor.resources import expand_placeholders, load_rules
from tests.conftest import FIXTURES

ARTICLES = sorted((FIXTURES / "articles").glob("*.txt")) + sorted((FIXTURES / "holdout" / "articles").glob("*.txt"))
ODD_TEXTS = ["", " ", "\n\n", "Exports rose.", "TOKYO \u2014 Sales of 3 ships. \n\nIn March, 12 percent.\n"]


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe([p.read_text(encoding="utf-8") for p in ARTICLES] + ODD_TEXTS))


MATCHERS = [
    ("newsfacts_periods", "matcher", "period_patterns.jsonl"),
    ("newsfacts_quantities", "matcher", "quantity_patterns.jsonl"),
    ("newsfacts_claims", "rules.streak_matcher", "claim_patterns.jsonl"),
]


@pytest.mark.parametrize(("component", "attribute", "rules"), MATCHERS)
def test_matching_around_triggers_finds_every_match_of_the_whole_document(nlp, docs, component, attribute, rules):
    owner = nlp.get_pipe(component)
    for name in attribute.split(".")[:-1]:
        owner = getattr(owner, name)
    triggered: TriggeredMatcher = getattr(owner, attribute.split(".")[-1])
    placeholders = owner.vocab if isinstance(getattr(owner, "vocab", None), dict) else {}
    everywhere = Matcher(nlp.vocab)
    for rule in load_rules(rules):
        everywhere.add(rule["label"], [expand_placeholders(rule["pattern"], placeholders)])
    found = 0
    for doc in docs:
        windowed = sorted((span.label, span.start, span.end) for span in triggered(doc))
        assert windowed == sorted(everywhere(doc)), doc.text[:60]
        found += len(windowed)
    assert found > 0


def test_sentence_index_gives_spacys_sentences(docs):
    for doc in docs:
        index = sentences_of(doc)
        assert [(s.start, s.end) for s in index.spans] == ([(s.start, s.end) for s in doc.sents] if len(doc) else [])
        for token in doc:
            assert index.of(token.i) == token.sent
        assert text_of(doc) == doc.text


def test_sentence_index_says_when_a_document_has_no_sentence_boundaries():
    import spacy

    with pytest.raises(ValueError, match="E030"):
        sentences_of(spacy.blank("en")("Exports rose. Imports fell."))


def test_entity_index_gives_what_span_ents_gives(docs):
    for doc in docs:
        index = Entities(doc)
        for sent in doc.sents if len(doc) else ():
            assert index.within(sent.start, sent.end) == list(sent.ents)
            assert index.within(sent.start + 1, sent.end - 1) == list(doc[sent.start + 1 : sent.end - 1].ents)
        for token in doc:
            assert index.before(token.i) == [e for e in doc.ents if e.end <= token.i]
            assert index.at(token) == next((e for e in doc.ents if e.start <= token.i < e.end), None)


def test_positions_read_from_columns_match_token_attributes(docs):
    words, lemmas = frozenset({"exports", "march", "the"}), frozenset({"say", "rise"})
    shapes = frozenset({"dddd", "d"})
    for doc in docs:
        expected = [t.i for t in doc if t.lower_ in words or t.lemma_ in lemmas or t.shape_ in shapes
                    or "d" in t.shape_ or t.pos_ == "VERB"]
        assert positions(doc, lower=words, lemma=lemmas, shapes=shapes, shape_has="d", pos="VERB") == expected
        assert positions(doc, lower=words) == [t.i for t in doc if t.lower_ in words]


def test_a_match_that_repeats_a_token_is_found_whole(nlp):
    """`Hong Kong dollars`: a `*` in a pattern counts as several tokens when the window is sized."""
    rules = [{"label": "MONEY", "pattern": [{"LIKE_NUM": True}, {"IS_TITLE": True, "OP": "*"}, {"LOWER": "dollars"}]}]
    matcher = TriggeredMatcher(nlp.vocab, rules, lower=frozenset({"dollars"}))
    doc = nlp.make_doc("Filler words come first here and then 40 Hong Kong dollars and more words after it")
    assert [span.text for span in matcher(doc)] == ["40 Hong Kong dollars"]
