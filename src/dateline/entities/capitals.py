"""Lines written in capitals: headlines, datelines, wire slugs ("JAPAN GET LUCKY WIN").

Dateline's NER was fine-tuned on CoNLL-2003, Reuters copy whose headlines and datelines are in
capitals, and reads such lines itself: truecasing them for a second NER pass, which the stock model
needed, now loses more names than it finds (CoNLL-2003 dev F1 0.878 with it, 0.886 without) and took
half of the entity work. What remains is knowing where the lines are: a name found in mixed case is
propagated into them in capitals ("JAPAN" in a headline is the "Japan" of the story), and only there.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")
_MIN_LETTERS = 3  # "BONN 1996-08-30"


def shouting_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line whose letters are (nearly) all capitals, with two words at least."""
    lines = []
    for match in _LINE.finditer(text):
        line = match.group()
        letters = sum(map(str.isalpha, line))  # every line of every article: kept to C loops
        if letters < _MIN_LETTERS or len(line.split()) < 2:
            continue
        if sum(map(str.isupper, line)) >= 0.9 * letters:
            lines.append((match.start(), match.end()))
    return lines
