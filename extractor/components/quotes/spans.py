"""Small helpers on tokens and spans that the quote rules share."""

from __future__ import annotations

from spacy.tokens import Span, Token


def nearest(tokens: list[Token], to: Token) -> Token:
    """`Briefing on the data, Commerce Secretary Anil Rao said`: of two subjects the parser gives, the nearer."""
    return min(tokens, key=lambda t: abs(t.i - to.i))


def leading(items: list, keep) -> list:
    """The items before the first that `keep` refuses."""
    out = []
    for item in items:
        if not keep(item):
            break
        out.append(item)
    return out


def after_dateline(sent: Span) -> int:
    """Where a sentence starts after a dateline (`LONDON — `)."""
    for token in sent[:4]:
        if token.text in ("\u2014", "\u2013", "--"):
            return token.i + 1
    return sent.start


def without_trailing_comma(text: str, part: tuple[int, int]) -> tuple[int, int]:
    """`"...filling the gap," said X`: the comma belongs to the writer's sentence, not to the quote."""
    start, end = part
    while end > start and text[end - 1] in ", \u2014-":
        end -= 1
    return start, end


def trim_punct(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end > start else None


def span_dict(span: Span) -> dict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char}
