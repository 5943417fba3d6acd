"""The rule files shipped inside the package (extractor/rules/), each read once per process."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_rules(filename: str) -> Any:
    """A JSON file, or a JSONL file as a list of its records."""
    text = resources.files(__package__).joinpath("rules", filename).read_text(encoding="utf-8")
    if filename.endswith(".jsonl"):
        return [json.loads(line) for line in text.split("\n") if line.strip() and not line.startswith("//")]
    return json.loads(text)


def expand_placeholders(value: Any, vocab: dict) -> Any:
    """Pattern files write `@name` for a list or regex kept in a vocabulary file; put the real one in."""
    if isinstance(value, str) and value.startswith("@"):
        found = vocab[value[1:]]
        return sorted(found) if isinstance(found, dict) else found
    if isinstance(value, list):
        return [expand_placeholders(v, vocab) for v in value]
    if isinstance(value, dict):
        return {k: expand_placeholders(v, vocab) for k, v in value.items()}
    return value
