"""The Python API: one article, or many through nlp.pipe. The pipeline is built once per process."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from pydantic import ValidationError

from schemas import ArticleFacts, ArticleInput, ExtractionError

from .dateline import find_dateline
from .extensions import check_deadline
from .pipeline import get_pipeline
from .records import doc_to_facts


def extract(
    text: str,
    *,
    published: date | str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    id: str | None = None,
    model: str | None = None,
    timeout: float | None = None,
) -> ArticleFacts:
    """Every entity, figure, period, quote and claim in one article.

    `published` (a date or an ISO string) anchors relative dates (`November`, `a year earlier`); without it, and
    without a dateline in the text, such periods are left unresolved and say so. `timeout`: see extract_batch.
    """
    article = ArticleInput(text=text, published=published, source=source, url=url, title=title, id=id)
    result = next(extract_batch([article], model=model, timeout=timeout))
    if isinstance(result, ExtractionError):
        raise ValueError(result.message.removeprefix("item 1: "))
    return result


def extract_batch(
    articles: Iterable[str | ArticleInput | dict],
    *,
    published: date | str | None = None,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    timeout: float | None = None,
) -> Iterator[ArticleFacts | ExtractionError]:
    """Facts for each article in order; items are texts, ArticleInput records or dicts of their fields. An item that
    cannot be read (a bad date, a text over the length limit, an unknown type) gives an `ExtractionError` in its
    place, and the batch goes on.

    `published` is the publication date of the items that do not give their own (a folder of one day's texts).

    `timeout` (seconds) limits each article: the article is checked between the pipeline's components and at every
    expression newsfacts' components read, and `ArticleTimeout` is raised once the time has passed. Articles then go
    through the pipeline one at a time in this process, each on its own clock (a few percent slower than batches).
    """
    if isinstance(articles, (str, ArticleInput, dict)):
        raise TypeError("extract_batch takes an iterable of articles: for one article use extract(), or wrap it "
                        "in a list")
    nlp = get_pipeline(model)
    default_date = ArticleInput(text="", published=published).published  # checked once, before any article
    limited = timeout is not None and timeout > 0
    if limited and n_process > 1:
        raise ValueError("timeout= runs articles one at a time in this process: leave out n_process, or the timeout")
    if limited:
        for i, item in enumerate(articles):
            try:
                article = _as_input(item, default_date)
                doc = prepare_doc(nlp, article)
            except (ValueError, TypeError) as err:  # pydantic's ValidationError is a ValueError
                yield _item_error(i, err)
                continue
            doc._.deadline = time.monotonic() + timeout
            for _, component in nlp.pipeline:
                check_deadline(doc)
                doc = component(doc)
            yield doc_to_facts(doc, article, nlp)
        return
    # nlp.pipe keeps order: what goes in first comes out first; an item that gave no Doc waits here as its error
    inputs: deque[ArticleInput | ExtractionError] = deque()

    def docs() -> Iterator[Doc]:
        for i, item in enumerate(articles):
            try:
                article = _as_input(item, default_date)
                doc = prepare_doc(nlp, article)
            except (ValueError, TypeError) as err:
                inputs.append(_item_error(i, err))
                continue
            inputs.append(article)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
        while isinstance(inputs[0], ExtractionError):
            yield inputs.popleft()
        yield doc_to_facts(doc, inputs.popleft(), nlp)
    yield from inputs  # the errors after the last article


def _item_error(index: int, err: Exception) -> ExtractionError:
    message = err.errors()[0]["msg"].removeprefix("Value error, ") if isinstance(err, ValidationError) else str(err)
    return ExtractionError(stage="parse", error_type=type(err).__name__, message=f"item {index + 1}: {message}")


def prepare_doc(nlp, article: ArticleInput) -> Doc:
    """A tokenized Doc carrying the publication date the components resolve periods against."""
    if len(article.text) > nlp.max_length:
        raise ValueError(f"the article is {len(article.text):,} characters, over the pipeline's limit of "
                         f"{nlp.max_length:,}: split it, or raise get_pipeline().max_length (about 1 GB of memory "
                         "per million characters)")
    doc = nlp.make_doc(article.text)
    if article.published is not None:
        doc._.published, doc._.published_from = article.published.isoformat(), "given"
    elif (found := find_dateline(article.text)) is not None:
        doc._.published, doc._.published_from = found.isoformat(), "dateline"
    return doc


def _as_input(item: str | ArticleInput | dict, published: date | None = None) -> ArticleInput:
    if isinstance(item, ArticleInput):
        return item if item.published is not None or published is None else item.model_copy(update={"published": published})
    if isinstance(item, str):
        return ArticleInput(text=item, published=published)
    if isinstance(item, dict):
        return ArticleInput(**{"published": published, **{k: v for k, v in item.items() if v is not None}})
    raise TypeError(f"cannot extract from {type(item).__name__!r}: give a str, an ArticleInput or a dict")
