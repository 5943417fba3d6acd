from datetime import date

from schemas import ArticleFacts, ArticleInput

from extractor import extract, extract_batch
from tests.conftest import assert_offsets_map_back

TEXT = "China's exports rose 5.9% in November, customs data showed. \"Demand held up,\" said Lynn Song, an economist at ING."


def test_extract_returns_article_facts_with_provenance(facts_of):
    facts = facts_of(TEXT, source="Wire", url="https://example.org/a", title="Exports")
    assert isinstance(facts, ArticleFacts)
    assert (facts.article.source, facts.article.url, facts.article.title) == ("Wire", "https://example.org/a", "Exports")
    assert facts.article.published == date(2025, 12, 8) and facts.article.published_from == "given"
    assert facts.provenance.model_version and facts.provenance.schema_version == facts.schema_version
    assert_offsets_map_back(facts)


def test_the_article_id_is_a_stable_hash_unless_given():
    assert extract(TEXT).article.id == extract(TEXT).article.id
    assert extract(TEXT, id="mine").article.id == "mine"
    assert extract(TEXT).article.id != extract(TEXT + " ").article.id


def test_batch_keeps_order_and_takes_texts_records_and_dicts():
    items = [TEXT, ArticleInput(text="Imports fell 2% in October.", published="2025-12-08"),
             {"text": "Nothing to see.", "source": "Blog"}]
    out = list(extract_batch(items))
    assert [f.article.text for f in out] == [TEXT, "Imports fell 2% in October.", "Nothing to see."]
    assert out[2].article.source == "Blog" and out[2].claims == []


def test_batch_gives_its_date_to_the_items_without_one():
    items = ["Imports fell 2% in October.", {"text": "Imports fell 2% in October.", "published": "2023-11-20"},
             ArticleInput(text="Imports fell 2% in October.")]
    dated, own, record = extract_batch(items, published="2025-11-14")
    assert dated.article.published == record.article.published == date(2025, 11, 14)
    assert own.article.published == date(2023, 11, 20)
    assert dated.periods[0].start_date == date(2025, 10, 1)


def test_batch_and_single_give_the_same_record():
    assert list(extract_batch([{"text": TEXT, "published": "2025-12-08"}]))[0] == extract(TEXT, published="2025-12-08")


def test_batch_with_two_processes_gives_the_same_records():
    items = [{"text": TEXT, "published": "2025-12-08"}] * 3
    assert list(extract_batch(items, n_process=2, batch_size=1)) == list(extract_batch(items))


def test_empty_text_is_a_valid_empty_record():
    facts = extract("")
    assert facts.entities == facts.quantities == facts.claims == []


def test_the_readme_example_is_what_the_tool_says():
    import json
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = json.loads(re.search(r"```json\n(.*?)```", readme, re.S).group(1))
    sentence = re.search(r"One claim from `(.*?)`", readme, re.S).group(1).replace("\n", " ")
    claim = extract(sentence, published="2025-12-08").claims[0].model_dump(mode="json")
    assert {k: claim[k] for k in shown} == shown


def test_a_bad_item_gives_an_error_in_its_place_and_the_batch_goes_on():
    from schemas import ExtractionError

    items = [{"text": "Exports rose 4%.", "published": "2025-13-40"}, "Exports rose 5%.", 42]
    for timeout in (None, 30):
        bad_date, good, bad_type = extract_batch(items, timeout=timeout)
        assert isinstance(bad_date, ExtractionError) and bad_date.message.startswith("item 1: published date")
        assert good.article.text == "Exports rose 5%."
        assert isinstance(bad_type, ExtractionError) and "item 3" in bad_type.message


def test_an_undated_article_says_its_periods_could_not_be_resolved():
    (warning,) = extract("Exports rose 5.9% in November.").warnings
    assert warning.code == "no_publication_date" and "published" in warning.message
    assert extract("Exports rose 5.9% in November.", published="2025-12-08").warnings == []
