from . import entities, periods, quantities, quotes  # noqa: F401
