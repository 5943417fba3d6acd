"""newsfacts data contract: Pydantic v2 records, and the JSON Schemas generated from them."""

import json
from importlib import resources

from pydantic import BaseModel

from .facts import (
    SCHEMA_VERSION,
    Article,
    ArticleFacts,
    ArticleInput,
    Claim,
    ClaimPeriod,
    Comparison,
    Entity,
    ExtractionError,
    Period,
    Provenance,
    Quantity,
    Quote,
    TextSpan,
    ValueRange,
    Warning,
    load_facts,
    parse_published,
)
from .reconciliation import Reconciliation

# The committed schema files, by the name `newsfacts schema NAME` prints them under.
SCHEMA_FILES: dict[str, tuple[type[BaseModel], str]] = {
    "facts": (ArticleFacts, "article_facts.schema.json"),
    "reconciliation": (Reconciliation, "reconciliation.schema.json"),
    "error": (ExtractionError, "extraction_error.schema.json"),
}


def json_schema(name: str = "facts") -> dict:
    """The JSON Schema generated from the models, never written by hand."""
    model, filename = SCHEMA_FILES[name]
    schema = model.model_json_schema(mode="serialization")
    # which JSON Schema this is, and a name for it that says which record and version
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:newsfacts:schema:{filename.removesuffix('.schema.json')}:{SCHEMA_VERSION}", **schema}


def committed_schema(name: str = "facts") -> dict:
    _, filename = SCHEMA_FILES[name]
    return json.loads(resources.files(__name__).joinpath(filename).read_text(encoding="utf-8"))


__all__ = [
    "SCHEMA_VERSION",
    "SCHEMA_FILES",
    "Article",
    "ArticleFacts",
    "ArticleInput",
    "Claim",
    "ClaimPeriod",
    "Comparison",
    "Entity",
    "ExtractionError",
    "Period",
    "Provenance",
    "Quantity",
    "Quote",
    "Reconciliation",
    "TextSpan",
    "ValueRange",
    "Warning",
    "load_facts",
    "committed_schema",
    "json_schema",
    "parse_published",
]
