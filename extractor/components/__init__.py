from . import claims, entities, paragraphs, periods, quantities, quotes  # noqa: F401
