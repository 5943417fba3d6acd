import json
from datetime import date

import pytest
from pydantic import ValidationError

from schemas import SCHEMA_FILES, ArticleFacts, ArticleInput, committed_schema, json_schema, parse_published


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_matches_the_models(name):
    """Run `newsfacts schema NAME --write` after changing a model, and commit the file."""
    assert committed_schema(name) == json.loads(json.dumps(json_schema(name)))


@pytest.mark.parametrize(
    "given, expected",
    [("2025-12-08", date(2025, 12, 8)), ("2025-12-08T09:30:00Z", date(2025, 12, 8)), (date(2024, 1, 2), date(2024, 1, 2)),
     (None, None), ("", None)],
)
def test_published_takes_dates_and_iso_strings(given, expected):
    assert parse_published(given) == expected


def test_a_bad_published_date_says_what_to_give():
    with pytest.raises(ValidationError, match="ISO string such as 2025-12-08"):
        ArticleInput(text="x", published="8th of December")


def test_records_are_frozen(facts_of):
    facts = facts_of("Exports rose 5.9% in November.")
    with pytest.raises(ValidationError):
        facts.quantities[0].value = 1.0


def test_offsets_that_do_not_map_back_are_rejected(facts_of):
    data = facts_of("Exports rose 5.9% in November.").model_dump(mode="json")
    data["quantities"][0]["start"] += 1
    with pytest.raises(ValidationError, match="offsets"):
        ArticleFacts.model_validate(data)


def test_json_round_trip(facts_of):
    facts = facts_of("China's exports rose 5.9% to $330.3 billion in November, customs data showed.")
    assert ArticleFacts.model_validate_json(facts.model_dump_json()) == facts


@pytest.mark.parametrize("name", list(SCHEMA_FILES))
def test_every_property_is_described_and_the_schema_says_what_it_is(name):
    schema = json_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:newsfacts:schema:")
    undescribed = [f"{model}.{prop}" for model, body in [("(root)", schema), *schema.get("$defs", {}).items()]
                   for prop, spec in body.get("properties", {}).items() if not spec.get("description")]
    assert undescribed == []
