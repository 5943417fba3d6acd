"""spaCy Doc -> ArticleFacts: where the plain values the components wrote become Pydantic records."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from schemas import ArticleFacts, ArticleInput, Provenance

from .components.doc_index import text_of
from .components.entities import ENTITY_LABELS
from .model import model_id


def article_id(text: str, source: str | None = None, url: str | None = None) -> str:
    """A stable id for an article, from its source, url and text: the same article always gets the same id, and the
    same wire text from two outlets gets two (they are two publications, which the reconciler then finds copies)."""
    key = "\x1f".join((source or "", url or "", text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=8)
def provenance(nlp: Language) -> Provenance:
    from . import __version__

    model, model_version = model_id(nlp)
    return Provenance(tool_version=__version__, model=model, model_version=model_version)


def entities(doc: Doc) -> list[dict]:
    return [
        {
            "id": f"e{i}",
            "text": ent.text,
            "start": ent.start_char,
            "end": ent.end_char,
            "label": ent.label_,
            "canonical": ent._.canonical or ent.text,
            "category": ent._.category,
            "reading": ent._.reading or "name",
        }
        for i, ent in enumerate(e for e in doc.ents if e.label_ in ENTITY_LABELS)
    ]


def _undated(doc: Doc, published: str | None) -> list[dict]:
    """With no publication date, relative periods (`November`, `last year`) stay unresolved: say so once, and how
    to put it right."""
    unresolved = [p for p in doc._.periods or [] if p["resolution"] == "unresolved"]
    if published or not unresolved:
        return []
    return [{"code": "no_publication_date",
             "message": f"{len(unresolved)} period(s) (`{unresolved[0]['text']}` first) could not be resolved to dates: "
                        "the article has no publication date and no dateline. Give `published` (or --published, or a "
                        "`published` key in its metadata)."}]


def doc_to_facts(doc: Doc, article: ArticleInput, nlp: Language) -> ArticleFacts:
    published = doc._.published
    text = text_of(doc)
    # one validation of plain values for the whole record: pydantic-core does it faster than model by model
    return ArticleFacts.model_validate({
        "article": {
            "id": article.id or article_id(text, article.source, article.url),
            "source": article.source,
            "url": article.url,
            "title": article.title,
            "published": published,
            "published_from": doc._.published_from if published else "none",
            "text": text,
        },
        "entities": entities(doc),
        "quantities": doc._.quantities or [],
        "periods": doc._.periods or [],
        "quotes": doc._.quotes or [],
        "claims": doc._.claims or [],
        "warnings": [*(doc._.newsfacts_warnings or []), *_undated(doc, published)],
        "provenance": provenance(nlp),
    })
