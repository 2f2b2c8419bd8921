"""Entities in lines written in capitals: headlines, datelines, wire slugs ("JAPAN GET LUCKY WIN").

The model learned names from mixed-case text and finds little or nonsense in capitals, so such lines
are truecased and run through the named-entity recogniser again; their mentions replace the ones
found in capitals. Truecasing keeps every character offset: each word takes the casing the same word
has elsewhere in the article ("LUCKY" -> "lucky", "JAPAN" -> "Japan"), function words go to lower
case, and words met nowhere else are capitalised, as names in a headline would be.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

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


def recased_entities(nlp: Language, text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the entities NER finds in these lines once truecased."""
    if not lines:
        return []
    casing = _casing_elsewhere(text, lines)
    stop_words = nlp.Defaults.stop_words
    found = []
    for start, end in lines:
        line = text[start:end]
        cased = _WORD.sub(lambda m: _truecase(m, casing, stop_words), line)
        if len(cased) != len(line):
            continue  # "ß" -> "Ss": offsets would shift
        doc = nlp.make_doc(cased)
        for name in ("tok2vec", "ner"):
            if name in nlp.pipe_names:
                doc = nlp.get_pipe(name)(doc)
        found.extend((start + e.start_char, start + e.end_char, e.label_) for e in doc.ents)
    return found


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _casing_elsewhere(text: str, lines: list[tuple[int, int]]) -> dict[str, str]:
    """The most frequent written form of each word outside the lines in capitals."""
    pieces, last = [], 0
    for start, end in lines:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    forms: dict[str, Counter] = {}
    for word in _WORD.findall(" ".join(pieces)):
        forms.setdefault(word.lower(), Counter())[word] += 1
    return {lower: counts.most_common(1)[0][0] for lower, counts in forms.items()}


def _truecase(match: re.Match, casing: dict[str, str], stop_words: set[str]) -> str:
    word = match.group()
    lower = word.lower()
    if lower in casing and not casing[lower].isupper():
        return casing[lower]
    if lower in stop_words and match.start() > 0:
        return lower
    if lower in casing:
        return casing[lower]  # written in capitals elsewhere too: an acronym ("NATO")
    return word[:1] + word[1:].lower()
