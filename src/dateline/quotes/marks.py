"""Spans of text between quotation marks.

Paragraph-aware: a quote left open at the end of a paragraph continues when the next paragraph reopens
it (the typographic convention for multi-paragraph quotes); otherwise it ends with its paragraph. Single
quotes are only read inside double ones, since ’ is also the apostrophe. Typewriter quotes written as
two apostrophes (''...'') or TeX-style (``...'') count as double quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

OPENING = {"“": "”", "«": "»", '"': '"', "„": "“", "''": "''", "``": "''"}
CLOSING = {"”", "»", '"', "“", "''"}
_PARAGRAPH = re.compile(r"[^\n]+")
_NEWLINE = re.compile("\n")
_TWO_CHAR = ("''", "``")
# Every mark above, the two-character ones tried first: one scan in C rather than a Python loop over
# each character of the article. Built from OPENING and CLOSING so that a mark added there is found.
_MARK = re.compile("|".join(re.escape(m) for m in sorted(set(OPENING) | CLOSING, key=len, reverse=True)))
# Straight marks open and close alike; these open only where a word can start.
_AMBIGUOUS = ('"', "''")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """Text between an opening and a closing mark, trimmed of inner whitespace.

    `open_at` is the offset of the opening mark's first character; `close_at` the closing mark's, or
    None when the quote runs to the end of its paragraph without closing."""

    start: int
    end: int
    open_at: int
    close_at: int | None


class Paragraphs:
    """Paragraph index of a character offset (paragraphs are lines), computed once per text."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in _NEWLINE.finditer(text)]

    def of(self, offset: int) -> int:
        return bisect_right(self._breaks, offset)


def _marks(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    for match in _MARK.finditer(text, start, end):
        yield match.start(), match.group()


def find_marked_spans(text: str) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    carry: tuple[str, int] | None = None  # (closing mark, open_at) of a quote continuing
    for index, (p_start, p_end) in enumerate(paragraphs):
        expected: str | None = None
        open_at = -1
        position = p_start
        if carry is not None:
            first = _first_mark(text, p_start, p_end)
            if first is not None and OPENING.get(first[1]) == carry[0]:
                expected, open_at = carry  # continues: the reopening mark stays inside the quote
                position = first[0] + len(first[1])
        # A quotation inside one in the other style of double marks ("PENCE: it is “Shark Tank.” But",
        # “he called it "fake" twice”) is skipped over until its own closing mark.
        nested: str | None = None
        for i, mark in _marks(text, position, p_end):
            if nested is not None and mark == nested:
                nested = None
            elif nested is not None and mark != expected:
                continue
            elif nested is None and expected == '"' and mark == "“":
                nested = "”"
            elif nested is None and expected == "”" and mark == '"' and _opens(text, i, mark, p_start):
                nested = '"'
            elif expected is not None and (mark == expected or _mixed_close(text, i, mark, expected)):
                nested = None  # the outer mark closes a nested quotation left open too
                _emit(spans, text, open_at, i)
                expected = None
            elif expected is None and mark in OPENING and _opens(text, i, mark, p_start):
                expected, open_at = OPENING[mark], i
            elif (
                expected is None
                and mark == "”"
                and (_opens(text, i, '"', p_start) or i == _indent(text, p_start))
            ):
                # A closing mark typed where a word or a paragraph starts (”Fear. I am truly afraid
                # ...”, ” … he delivered a mix ...,” Barabak wrote) opens.
                expected, open_at = "”", i
        carry = None
        if expected is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            first = _first_mark(text, *following) if following else None
            if first is not None and OPENING.get(first[1]) == expected:
                carry = (expected, open_at)
            else:
                _emit(spans, text, open_at, None, end=p_end)
    return spans


def _mixed_close(text: str, i: int, mark: str, expected: str) -> bool:
    """“...," and "...” close as well: writers and converters mix curly and straight double quotes.
    A straight mark closes only after a word (not where a word starts)."""
    if mark == "“" and expected == "”":
        # An opening mark typed after a word and before a space closes (“Mostly False.“).
        after = text[i + 1] if i + 1 < len(text) else " "
        return i > 0 and not text[i - 1].isspace() and after.isspace()
    if {mark, expected} != {'"', "”"}:
        return False
    return mark == "”" or (i > 0 and not text[i - 1].isspace())


def _first_mark(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The mark a paragraph opens with, if it opens with one."""
    offset = start + len(text[start:end]) - len(text[start:end].lstrip())
    for i, mark in _marks(text, offset, min(end, offset + 2)):
        return (i, mark) if i == offset else None
    return None


def _indent(text: str, start: int) -> int:
    """Offset of a paragraph's first non-blank character."""
    while start < len(text) and text[start] in " \t":
        start += 1
    return start


def _opens(text: str, i: int, mark: str, paragraph_start: int) -> bool:
    """A straight quote opens only where a word can start (not inches, not attribute="values")."""
    if mark not in _AMBIGUOUS:
        return True
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    return not before.isalnum() and before not in "=\\" and not after.isspace()


def _emit(spans: list[MarkedSpan], text: str, open_at: int, close_at: int | None, end: int = 0) -> None:
    inner_start = open_at + (2 if text[open_at : open_at + 2] in _TWO_CHAR else 1)
    inner_end = close_at if close_at is not None else end
    segment = text[inner_start:inner_end]
    lead = len(segment) - len(segment.lstrip())
    # A comma just inside the closing mark belongs to the writer's sentence (American style), not to
    # the words quoted.
    trail = len(segment) - len(segment.rstrip().rstrip(",").rstrip())
    start, stop = inner_start + lead, inner_end - trail
    if stop > start and any(ch.isalnum() for ch in text[start:stop]):
        spans.append(MarkedSpan(start, stop, open_at, close_at))
