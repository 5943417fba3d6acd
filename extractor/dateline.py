"""A publication date written in the article itself: a dateline or a date line near the top."""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as date_parser

# Only the head of the article: a date further down is about the news, not about the article.
HEAD_CHARS = 400
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b"
)


def find_dateline(text: str) -> date | None:
    """The first full date (day, month and year) in the article's head, if any."""
    match = _FULL_DATE.search(text[:HEAD_CHARS])
    if match is None:
        return None
    try:
        return date_parser.parse(match.group(0), default=None).date()  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None
