"""Pairing quote marks in raw text: curly and straight, double and single, across paragraphs.

News writes a quote that runs over several paragraphs with an opening mark on each and a closing mark only on
the last; an apostrophe (`China's`, `exporters'`) is not a closing mark; and real text has odd numbers of marks.
The scanner never fails: a mark it cannot pair is left alone, an unclosed quote ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

OPENING_CONTEXT = " \t\n([{\u2014\u2013-/:;,"
DOUBLED_APOSTROPHE = re.compile(r"(?<!')''(?!')")


@dataclass
class Quoted:
    parts: list[tuple[int, int]] = field(default_factory=list)  # content offsets, without the marks
    unclosed: bool = False
    single: bool = False

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _opens_here(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in OPENING_CONTEXT and not after.isspace()


def _closes_single(text: str, j: int) -> bool:
    after = text[j + 1] if j + 1 < len(text) else " "
    before = text[j - 1] if j > 0 else " "
    return not after.isalnum() and not before.isspace()


def _doubled_apostrophes_as_marks(text: str) -> str:
    """`''a close look''`, as old typesetting and some archives write a double quote mark: read as `"`, in a copy
    of the same length so offsets still point into the original."""
    if "''" not in text:
        return text
    return DOUBLED_APOSTROPHE.sub(lambda m: ' "' if m.start() == 0 or text[m.start() - 1] in OPENING_CONTEXT else '" ', text)


def find_quoted(text: str, double_pairs: list[list[str]], single_pairs: list[list[str]]) -> list[Quoted]:
    text = _doubled_apostrophes_as_marks(text)
    closing_of = {o: c for o, c in double_pairs}
    single_closing = {o: c for o, c in single_pairs}
    found: list[Quoted] = []
    n = len(text)
    current: Quoted | None = None
    opener = closer = ""
    part_start = 0
    # only marks and line breaks change the scanner's state: jump from one to the next
    marks = _marks_pattern("".join(sorted({*closing_of, *closing_of.values(), *single_closing, "\n"})))
    i = 0
    while True:
        hit = marks.search(text, i)
        if hit is None:
            break
        i = hit.start()
        c = text[i]
        if current is None:
            if c in closing_of and (c != closing_of[c] or _opens_here(text, i)):
                current, opener, closer, part_start = Quoted(), c, closing_of[c], i + 1
            elif c in single_closing and _opens_here(text, i):
                end = _find_single_close(text, i + 1, single_closing[c])
                if end is not None:
                    s, e = _strip(text, i + 1, end)
                    if e > s:
                        found.append(Quoted([(s, e)], single=True))
                    i = end + 1
                    continue
            i += 1
            continue
        if c == closer and (closer != opener or not _opens_here(text, i) or i + 1 == n or text[i + 1] in " \n.,;:!?)"):
            current.parts.append(_strip(text, part_start, i))
            found.append(current)
            current = None
        elif c == opener and closer != opener:
            # a new opening mark before the old one closed: the old one was never closed
            current.parts.append(_strip(text, part_start, i))
            current.unclosed = True
            found.append(current)
            current, part_start = Quoted(), i + 1
        elif c == "\n":
            k = i
            while k < n and text[k].isspace():
                k += 1
            current.parts.append(_strip(text, part_start, i))
            if k < n and text[k] == opener:
                part_start = k + 1  # the next paragraph carries the same quote on
                i = k + 1
                continue
            current.unclosed = True
            found.append(current)
            current = None
        i += 1
    if current is not None:
        current.parts.append(_strip(text, part_start, n))
        current.unclosed = True
        found.append(current)
    for quoted in found:
        quoted.parts = [p for p in quoted.parts if p[1] > p[0]]
    return [q for q in found if q.parts]


@lru_cache(maxsize=8)
def _marks_pattern(chars: str) -> re.Pattern:
    return re.compile("[" + re.escape(chars) + "]")


def _find_single_close(text: str, start: int, closer: str) -> int | None:
    """A closing single mark in the same paragraph that is not an apostrophe."""
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    j = text.find(closer, start, end)
    while j != -1:
        if _closes_single(text, j):
            # `exporters' share`: a plural possessive is followed by a lowercase word, not by punctuation
            nxt = text[j + 1 : j + 3]
            if not (nxt[:1] == " " and nxt[1:2].islower() and text[j - 1] == "s"):
                return j
        j = text.find(closer, j + 1, end)
    return None
