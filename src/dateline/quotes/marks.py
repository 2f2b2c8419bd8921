"""Spans of text between quotation marks.

Paragraph-aware: a quote left open at the end of a paragraph continues when the next paragraph reopens
it (the typographic convention for multi-paragraph quotes); otherwise it ends with its paragraph.
Double marks (“…”, "…", «…», „…“, ''…'', ``…'') and single ones (‘…’, '…', ‚…‘) both open a
quotation; a quotation inside one in the other style (‘he called it “fake”’, “she said ‘no’”) is part
of the outer one. A single mark is also the apostrophe, so it counts only where a quotation can open
(before a word, not inside one: it’s, don’t, ’90s, rock ’n’ roll) or close (after a word, not before
a letter); a closing mark after an "s" that another closing mark follows in the same paragraph is the
plural possessive (the Smiths’ house) rather than the end of the quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from dateline.quotes.lexicon import ELISIONS

OPENING = {
    "“": "”",
    "«": "»",
    '"': '"',
    "„": "“",
    "''": "''",
    "``": "''",
    "‘": "’",
    "'": "'",
    "‚": "‘",
}
CLOSING = {"”", "»", '"', "“", "''", "’", "'", "‘"}
SINGLE = frozenset("‘’'‚")
_PARAGRAPH = re.compile(r"[^\n]+")
# How long the lines of hard-wrapped copy run: a line of this length that stops between two words
# was wrapped, not ended (Reuters wraps at 60-70 characters, teletype copy at 72-80).
_WRAP_LENGTH = (45, 80)
_NEWLINE = re.compile("\n")
_TWO_CHAR = ("''", "``")
# Every mark above, the two-character ones tried first: one scan in C rather than a Python loop over
# each character of the article. Built from OPENING and CLOSING so that a mark added there is found.
_MARK = re.compile("|".join(re.escape(m) for m in sorted(set(OPENING) | CLOSING, key=len, reverse=True)))
# Straight marks open and close alike; these open only where a word can start.
_AMBIGUOUS = ('"', "''")
# What may stand right before a single mark that opens a quotation, besides a space.
_BEFORE_SINGLE = frozenset('([{—–-/“"«„*…')
# An apostrophe that elides the start of a word: ’90s, ‘08, ‘em, ’n’.
_ELIDED = re.compile(r"(?:\d\ds?|(?i:" + "|".join(sorted(ELISIONS)) + r"))\b")


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
    """The marks between start and end, apostrophes left out."""
    for match in _MARK.finditer(text, start, end):
        i, mark = match.start(), match.group()
        if mark not in SINGLE or _single_opens(text, i) or _single_closes(text, i):
            yield i, mark


def printed_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: its lines, joined across the line breaks of hard-wrapped copy.

    Wire copy breaks its lines every 60-70 characters ("a Foreign Ministry spokesman said. “The
    notification\ndoes not represent anything"). A line break is such a wrap when the next line goes
    on, unindented, in lower case, or, in text whose lines are mostly that short, when the line stops
    between two words at a wrapping length. A blank line or an indented one starts a paragraph, as
    does a line after one that ends a sentence."""
    lines = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    wrapped = sum(end - start <= _WRAP_LENGTH[1] for start, end in lines) >= 0.8 * len(lines)
    paragraphs: list[tuple[int, int]] = []
    for start, end in lines:
        if paragraphs and _wraps(text, paragraphs[-1], start, wrapped):
            paragraphs[-1] = (paragraphs[-1][0], end)
        else:
            paragraphs.append((start, end))
    return paragraphs


def _wraps(text: str, previous: tuple[int, int], start: int, wrapped: bool) -> bool:
    """Whether the line at `start` continues the one that ends at `previous[1]` after a hard wrap
    (`wrapped`: most lines of the text are no longer than a wrapped one)."""
    line_start = text.rfind("\n", previous[0], previous[1]) + 1 or previous[0]
    if text[previous[1] : start] != "\n" or text[start] in " \t":
        return False  # a blank line between them, or an indented new paragraph
    first = text[start]
    if first.islower():
        return True
    last = text[previous[1] - 1]
    length = previous[1] - line_start
    return wrapped and first.isalnum() and last.isalnum() and _WRAP_LENGTH[0] <= length <= _WRAP_LENGTH[1]


def find_marked_spans(text: str) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    paragraphs = printed_paragraphs(text)
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
        # A quotation inside one in another style ("PENCE: it is “Shark Tank.” But", “he called it
        # "fake" twice”, ‘a “bad” deal’) is skipped over until its own closing mark.
        nested: str | None = None
        for i, mark in _marks(text, position, p_end):
            if expected is None:
                opener = _opener(text, i, mark, p_start)
                if opener is not None:
                    expected, open_at = opener, i
            elif expected in SINGLE:
                if _closes_single(text, i, mark, expected, p_end):
                    nested = None  # the outer mark closes a nested quotation left open too
                    _emit(spans, text, open_at, i)
                    expected = None
                elif nested is not None:
                    if mark == nested or _mixed_close(text, i, mark, nested):
                        nested = None
                elif mark not in SINGLE and mark in OPENING and _opens(text, i, mark, p_start):
                    nested = OPENING[mark]
            elif mark in SINGLE:
                continue  # single marks inside double ones are the quotation's own
            elif nested is not None and mark == nested:
                nested = None
            elif nested is not None and mark != expected:
                continue
            elif nested is None and expected == '"' and mark == "“":
                nested = "”"
            elif nested is None and expected == "”" and mark == '"' and _opens(text, i, mark, p_start):
                nested = '"'
            elif mark == expected or _mixed_close(text, i, mark, expected):
                nested = None  # the outer mark closes a nested quotation left open too
                _emit(spans, text, open_at, i)
                expected = None
        carry = None
        if expected is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            first = _first_mark(text, *following) if following else None
            if first is not None and OPENING.get(first[1]) == expected:
                carry = (expected, open_at)
            else:
                _emit(spans, text, open_at, None, end=p_end)
    return spans


def _opener(text: str, i: int, mark: str, paragraph_start: int) -> str | None:
    """The closing mark a quotation opened by this mark expects, or None if the mark opens none."""
    if mark in SINGLE:
        return OPENING[mark] if mark in OPENING and _single_opens(text, i) else None
    if mark in OPENING and _opens(text, i, mark, paragraph_start):
        return OPENING[mark]
    if mark == "”" and (_opens(text, i, '"', paragraph_start) or i == _indent(text, paragraph_start)):
        # A closing mark typed where a word or a paragraph starts (”Fear. I am truly afraid ...”,
        # ” … he delivered a mix ...,” Barabak wrote) opens.
        return "”"
    return None


def _single_opens(text: str, i: int) -> bool:
    """‘ or ' where a word starts (after a space, a bracket, a dash or another opening mark, or
    between a sentence and a capital; not in U.N.'s), before a word, and not an elision (’90s, ‘em);
    ’ never opens."""
    if text[i] == "’":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() or after in SINGLE:
        return False
    if not (before.isspace() or before in _BEFORE_SINGLE or _glued(before, after)):
        return False
    return _ELIDED.match(text, i + 1) is None


def _single_closes(text: str, i: int) -> bool:
    """’, ' (or the ‘ of ‚…‘) after a word and not before a letter or digit: not it’s, don’t, nor
    the second apostrophe of rock ’n’ roll."""
    if text[i] == "‚" or (text[i - 1 : i] in ("n", "N") and text[i - 2 : i - 1] in SINGLE):
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (not after.isalnum() or _glued(before, after))


def _glued(before: str, after: str) -> bool:
    """A sentence's end right before a capital: paragraphs run together by a converter (shadows.'Police
    have ...) put a mark between them with no space on either side."""
    return before in ".!?," and after.isupper()


def _closes_single(text: str, i: int, mark: str, expected: str, paragraph_end: int) -> bool:
    """Whether this mark ends a quotation opened by a single mark. ’ and ' close each other's
    quotations (converters mix them); a closing mark after an "s" and before a word is the plural
    possessive (‘we met at the Smiths’ house,’ she said) when a closing mark follows before any new
    opening one."""
    if not (mark == expected or {mark, expected} <= {"’", "'"}) or not _single_closes(text, i):
        return False
    possessive = text[i - 1] in "sS" and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].isalpha()
    if not possessive:
        return True
    for j, later in _marks(text, i + 1, paragraph_end):
        if later in SINGLE and _single_opens(text, j):
            return True
        if (later == expected or {later, expected} <= {"’", "'"}) and _single_closes(text, j):
            return False
    return True


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
