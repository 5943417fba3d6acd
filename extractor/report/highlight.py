"""An article's text as HTML with its records marked from their offsets. Marks nest or stand apart; a span that
would cross another (a quote running over a claim's sentence) is left unmarked rather than cut in two, so every
mark holds exactly its record's text. The text is untrusted input: every piece of it is escaped."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # a CSS class: claim, figure, quote
    id: str
    title: str  # the record, as a tooltip


def highlight(text: str, marks: list[Mark]) -> tuple[Markup, list[Mark]]:
    """(the marked-up text, the marks left out because they cross another). Wider spans open first."""
    placed: list[Mark] = []
    skipped: list[Mark] = []
    stack: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if not 0 <= mark.start < mark.end <= len(text):
            skipped.append(mark)
            continue
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].end:
            skipped.append(mark)  # it crosses the open one
            continue
        if any(p.start == mark.start and p.end == mark.end and p.kind == mark.kind for p in stack):
            skipped.append(mark)  # the same span twice
            continue
        placed.append(mark)
        stack.append(mark)
    # (offset, 0 to close or 1 to open, order): at one offset closes come first, the innermost first, and opens in
    # the order placed (outermost first)
    events: list[tuple[int, int, int, Mark]] = []
    for order, mark in enumerate(placed):
        events.append((mark.start, 1, order, mark))
        events.append((mark.end, 0, -order, mark))
    events.sort(key=lambda e: e[:3])
    out, at = [], 0
    for offset, opening, _, mark in events:
        out.append(escape(text[at:offset]))
        at = offset
        if opening:
            out.append(Markup('<mark class="{}" id="{}" title="{}">').format(mark.kind, mark.id, mark.title))
        else:
            out.append(Markup("</mark>"))
    out.append(escape(text[at:]))
    return Markup("").join(out), skipped
