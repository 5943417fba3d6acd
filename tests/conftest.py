from pathlib import Path

import pytest

from extractor import extract, get_pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
PUBLISHED = "2025-12-08"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline, built once for the whole run (as the API does per process)."""
    return get_pipeline()


@pytest.fixture(scope="session")
def facts_of(nlp):
    """extract() with the seed articles' publication date unless a test says otherwise."""

    def run(text, published=PUBLISHED, **kwargs):
        return extract(text, published=published, **kwargs)

    return run


@pytest.fixture(scope="session")
def seed_texts():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def assert_offsets_map_back(facts) -> None:
    text = facts.article.text
    for span in facts._spans():
        assert text[span.start : span.end] == span.text
