"""Paragraph breaks are sentence breaks: headlines, bullets and datelines carry no final full stop, and the parser
would otherwise run them into the next sentence. Added before the parser, which keeps boundaries already set."""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsfacts_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    # spaCy keeps at most one trailing space on a token: a line break is always a whitespace token of its own,
    # so only those need looking at (read from the array: this runs on every token of every article)
    if not len(doc):
        return doc
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]):
        if "\n" in doc[int(i)].text:
            doc[int(i) + 1].is_sent_start = True
    return doc
