"""Paragraph breaks are sentence breaks: headlines, bullets and datelines carry no final full stop, and the parser
would otherwise run them into the next sentence. Added before the parser, which keeps boundaries already set."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsfacts_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws[len(previous.text):] or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc
