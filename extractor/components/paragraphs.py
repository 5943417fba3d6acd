"""Sentence breaks the parser must keep, set before it runs (it keeps boundaries already set).

Paragraph breaks: headlines, bullets and datelines carry no final full stop, and the parser would otherwise run them
into the next sentence. Over-long runs: no news sentence comes near `LONGEST_SENTENCE` tokens (none of the 4,465 in
the bench passes 100); text that does is a list or a table without full stops, and the rules that read every figure
against its sentence and its parse would take time quadratic in its length. Such a run is cut after a comma or
semicolon (or, with none, at the limit), so every later step is linear in the length of the text.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

LONGEST_SENTENCE = 120
SENTENCE_ENDS = [get_string_id(p) for p in (".", "!", "?")]  # ORTH ids, as Doc.to_array gives them
PIECE_ENDS = [get_string_id(p) for p in (",", ";", ":")]


@Language.component("newsfacts_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    # spaCy keeps at most one trailing space on a token: a line break is always a whitespace token of its own,
    # so only those need looking at (read from the array: this runs on every token of every article)
    if not len(doc):
        return doc
    breaks = [0]
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]):
        if "\n" in doc[int(i)].text:
            doc[int(i) + 1].is_sent_start = True
            breaks.append(int(i) + 1)
    if len(doc) > LONGEST_SENTENCE:
        _cut_long_runs(doc, breaks)
    return doc


def _cut_long_runs(doc: Doc, breaks: list[int]) -> None:
    orth = doc.to_array(ORTH)
    ends = numpy.flatnonzero(numpy.isin(orth, SENTENCE_ENDS)) + 1
    pieces = numpy.isin(orth, PIECE_ENDS)
    starts = sorted({*breaks, *ends.tolist(), len(doc)})
    for start, end in zip(starts, starts[1:]):
        while end - start > LONGEST_SENTENCE:
            window = numpy.flatnonzero(pieces[start + LONGEST_SENTENCE // 2 : start + LONGEST_SENTENCE])
            cut = start + LONGEST_SENTENCE // 2 + int(window[-1]) + 1 if len(window) else start + LONGEST_SENTENCE
            doc[cut].is_sent_start = True
            start = cut
