"""The Doc extensions newsfacts writes. Values are plain dicts and strings (ISO dates, character offsets), so
Doc.to_bytes, DocBin and nlp.pipe(n_process=N) carry them; records.py turns them into Pydantic records."""

import time
from contextlib import contextmanager

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    "published": None,  # ISO date string the article was published on, set before the pipeline runs
    "published_from": "none",  # "given", "dateline" or "none"
    "quantities": None,  # list[dict], one per figure
    "periods": None,  # list[dict], one per time expression
    "quotes": None,  # list[dict]
    "claims": None,  # list[dict]
    "newsfacts_warnings": None,  # list[dict]: code, message, start, end
    "deadline": None,  # time.monotonic() by which the article must be done (the caller's timeout), or None
}

for _name, _default in DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def warn(doc: Doc, code: str, message: str, start: int | None = None, end: int | None = None) -> None:
    if doc._.newsfacts_warnings is None:
        doc._.newsfacts_warnings = []
    doc._.newsfacts_warnings.append({"code": code, "message": message, "start": start, "end": end})


class ArticleTimeout(Exception):
    """The article took longer than the caller allowed (`timeout=`, `--timeout`)."""


def check_deadline(doc: Doc) -> None:
    """Raise ArticleTimeout once the article's deadline has passed: checked by every component as it starts and
    for every expression it reads, so a long article stops within one expression of its deadline, in any thread."""
    deadline = doc._.deadline
    if deadline is not None and time.monotonic() > deadline:
        raise ArticleTimeout("the article took longer than the timeout allowed: raise the timeout if such "
                             "articles are expected")


# Errors that mean the code is wrong, not the text: they are raised, so a hidden bug fails the tests and the batch
# records the article as an error instead of quietly dropping what the rule should have found.
PROGRAMMING_ERRORS = (TypeError, AttributeError, LookupError, NameError, AssertionError, ZeroDivisionError)


@contextmanager
def guarded(doc: Doc, what: str, span: Span | None):
    """One expression the rules cannot read (a number or date out of range) costs that expression, with a
    warning, never the article. Programming errors are not the input's fault and are never swallowed, and neither
    is the caller's timeout."""
    check_deadline(doc)
    try:
        yield
    except (ArticleTimeout, *PROGRAMMING_ERRORS):
        raise
    except Exception as err:  # noqa: BLE001 - the warning carries what went wrong
        where = (span.start_char, span.end_char) if span is not None and len(span) else (None, None)
        text = span.text[:60] if span is not None else ""
        warn(doc, f"{what}_failed", f"could not read {what} {text!r}: {type(err).__name__}: {err}", *where)
