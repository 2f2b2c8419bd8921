"""Transcripts quoted in an article: "WALLACE: ... / PENCE: ..." turns, each its own quote.

A transcript reprinted in quotation marks is one long marked span (each paragraph reopens the quote);
its speakers are the capitalised labels that open the turns, not anyone named around the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.quotes.marks import MarkedSpan

# An all-caps label of one to three words at the start of a paragraph, then a colon: "WALLACE:",
# "SEN. MCCAIN:", "MR. TRUMP:". Single letters ("Q:", "A:") are interview turns with no name.
_LABEL = re.compile(r"[\"“”«']*\s*((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z.'’-]+):\s+")


@dataclass(frozen=True)
class Turn:
    start: int
    end: int
    label_start: int
    label_end: int


def transcript_turns(text: str, span: MarkedSpan) -> list[Turn]:
    """The turns of a quoted transcript, or [] when the span does not open with a speaker label."""
    turns: list[Turn] = []
    offset = span.open_at
    stop = span.end
    while offset < stop:
        line_end = text.find("\n", offset, stop)
        line_end = stop if line_end < 0 else line_end
        match = _LABEL.match(text, offset, line_end)
        if match is not None:
            turns.append(Turn(match.end(), line_end, match.start(1), match.end(1)))
        elif not turns:
            return []
        else:
            last = turns[-1]
            turns[-1] = Turn(last.start, line_end, last.label_start, last.label_end)
        offset = line_end + 1
        while offset < stop and text[offset] == "\n":
            offset += 1
    return [_trimmed(text, turn) for turn in turns if _trimmed(text, turn).end > turn.start]


def _trimmed(text: str, turn: Turn) -> Turn:
    end = turn.end
    while end > turn.start and (text[end - 1].isspace() or text[end - 1] in '"“”'):
        end -= 1
    return Turn(turn.start, end, turn.label_start, turn.label_end)
