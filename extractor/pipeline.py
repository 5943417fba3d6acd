"""Building the spaCy pipeline: the English model plus newsfacts' own components, added by name."""

from __future__ import annotations

import warnings
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_prefix_regex

from . import extensions  # noqa: F401  registers the Doc extensions
from .model import load_model
from .resources import load_rules

# Longest article accepted by default, in characters (a long explainer is 30k). spaCy's own limit is 1,000,000; the
# parser and entity recogniser of the small English model use about 1 GB per million characters.
DEFAULT_MAX_CHARS = 2_000_000

# Run in this order: each reads what the ones before it wrote.
COMPONENTS = (
    "newsfacts_entities",
    "newsfacts_quantities",
    "newsfacts_periods",
    "newsfacts_quotes",
    "newsfacts_claims",
)

BASIS_ABBREVIATIONS = ("YoY", "yoy", "YOY", "Yoy", "MoM", "mom", "MOM", "Mom", "QoQ", "qoq", "QOQ", "y/y", "m/m", "q/q",
                       "Y/Y", "M/M", "Q/Q")

MINUS_BEFORE_CURRENCY = r"[-\u2212](?=[$\u20ac\u00a3\u00a5\u20b9\u20a9])"


def build_pipeline(model: str | None = None) -> Language:
    """The model (`model` by name, else the default English one) with newsfacts' rulers and components."""
    nlp = load_model(model)
    nlp.max_length = DEFAULT_MAX_CHARS
    from . import components  # noqa: F401  registers the factories
    from .components.entities import name_table

    for abbreviation in BASIS_ABBREVIATIONS:
        # `down 11.1% YoY.` ends a sentence; the tokenizer would keep `YoY.` whole and the basis unread
        nlp.tokenizer.add_special_case(abbreviation + ".", [{ORTH: abbreviation}, {ORTH: "."}])
    # `-¥637.8 billion`: a minus sign written against a currency symbol is the figure's sign, a token of its own
    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, MINUS_BEFORE_CURRENCY]).search
    nlp.add_pipe("newsfacts_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="newsfacts_entity_ruler",
        before="ner" if "ner" in nlp.pipe_names else None,
        config={"validate": True},
    )
    ruler.add_patterns(load_rules("entity_patterns.jsonl"))
    with warnings.catch_warnings():
        # W012: phrase patterns are run through the pipeline once, at build time; matching them as phrases (not token
        # patterns) is what keeps the ruler cheap per document
        warnings.filterwarnings("ignore", message=r"\[W012\]")
        ruler.add_patterns([{"label": label, "pattern": phrase} for label, phrase in name_table().phrases])
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def get_pipeline(model: str | None = None) -> Language:
    """The pipeline for `model`, built once per process (`get_pipeline()` and `get_pipeline(None)` are one)."""
    return _built(model or None)


@lru_cache(maxsize=4)
def _built(model: str | None) -> Language:
    return build_pipeline(model)
