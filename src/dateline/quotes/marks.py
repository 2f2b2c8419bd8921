"""Spans of text between quotation marks.

Paragraph-aware: a quote left open at the end of a paragraph continues when the next paragraph reopens
it (the typographic convention for multi-paragraph quotes); otherwise it ends with its paragraph. Single
quotes are only read inside double ones, since ’ is also the apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = {"“": "”", "«": "»", '"': '"', "„": "“"}
CLOSING = {"”", "»", '"', "“"}
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """Text between an opening and a closing mark, trimmed of inner whitespace.

    `open_at` is the opening mark's offset; `close_at` the closing mark's, or None when the quote runs
    to the end of its paragraph without closing."""

    start: int
    end: int
    open_at: int
    close_at: int | None


def find_marked_spans(text: str) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    carry: tuple[str, int] | None = None  # (closing mark, open_at) of a quote continuing
    for index, (p_start, p_end) in enumerate(paragraphs):
        expected: str | None = None
        open_at = -1
        if carry is not None:
            first = _first_mark(text, p_start, p_end)
            if first is not None and text[first] in OPENING and OPENING[text[first]] == carry[0]:
                expected, open_at = carry  # continues: the reopening mark stays inside the quote
                position = first + 1
            else:
                carry = None
                position = p_start
        else:
            position = p_start
        for i in range(position, p_end):
            char = text[i]
            if expected is not None and char == expected:
                _emit(spans, text, open_at, i)
                expected = None
            elif expected is None and char in OPENING and _opens(text, i, p_start):
                expected, open_at = OPENING[char], i
        carry = None
        if expected is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following and _reopens(text, following, char=_opening_for(expected)):
                carry = (expected, open_at)
            else:
                _emit(spans, text, open_at, None, end=p_end)
    return spans


def _opening_for(closing: str) -> set[str]:
    return {o for o, c in OPENING.items() if c == closing}


def _first_mark(text: str, start: int, end: int) -> int | None:
    stripped = len(text[start:end]) - len(text[start:end].lstrip())
    return start + stripped if start + stripped < end else None


def _reopens(text: str, paragraph: tuple[int, int], char: set[str]) -> bool:
    first = _first_mark(text, *paragraph)
    return first is not None and text[first] in char


def _opens(text: str, i: int, paragraph_start: int) -> bool:
    """A straight quote opens only where a word can start (not inches, not a closing mark)."""
    if text[i] != '"':
        return True
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


def _emit(spans: list[MarkedSpan], text: str, open_at: int, close_at: int | None, end: int = 0) -> None:
    inner_start = open_at + 1
    inner_end = close_at if close_at is not None else end
    segment = text[inner_start:inner_end]
    lead = len(segment) - len(segment.lstrip())
    # A comma just inside the closing mark belongs to the writer's sentence (American style), not to
    # the words quoted.
    trail = len(segment) - len(segment.rstrip().rstrip(",").rstrip())
    start, stop = inner_start + lead, inner_end - trail
    if stop > start and any(ch.isalnum() for ch in text[start:stop]):
        spans.append(MarkedSpan(start, stop, open_at, close_at))
