"""Text normalisation and the identity derived from it.

Normalisation happens exactly once, before the document id is computed, so that the id, the stored
text and every offset computed later all agree.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable

_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")
_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
# C0/C1 control characters other than tab and newline carry no text and confuse tokenisers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")

DOC_ID_HEX_DIGITS = 20


def normalize_text(text: str) -> str:
    """NFC, LF line ends, no BOM or control characters, outer whitespace trimmed.

    Quotation marks are left as written: curly versus straight quotes is information the quote
    extractor uses.
    """
    text = text.replace("\ufeff", "")
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text).strip()


def doc_id_for(text: str, title: str | None = None, url: str | None = None) -> str:
    """Deterministic across runs and machines: a hash of the normalised text, with the article's
    headline and address when it has them. The same article read twice is stored once; one wire
    text under two headlines or at two outlets is two documents, which `documents.cluster_id` then
    groups into one story (counting outlets needs each copy)."""
    key = text if not (title or url) else "\x1f".join((text, title or "", url or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:DOC_ID_HEX_DIGITS]


def count_words(text: str) -> int:
    return len(_WORD.findall(text))  # no groups: one string per word, counted in C


def clean_field(value: object) -> str | None:
    """A metadata string normalised like text, with runs of whitespace folded; None when empty."""
    if value is None:
        return None
    text = " ".join(normalize_text(str(value)).split())
    return text or None


def offset_map(raw: str, text: str) -> Callable[[int], int]:
    """A function from offsets in `raw` to offsets in its normalised `text` (normalisation drops
    a BOM, control characters and outer whitespace and composes accents: text moves, never reorders),
    for annotations made on the raw text (the benchmarks' gold spans)."""
    shift = len(raw) - len(raw.lstrip())
    if raw[shift : shift + len(text)] == text:
        return lambda offset: min(max(offset - shift, 0), len(text))
    starts, targets = [], []
    matcher = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    for tag, i1, _i2, j1, j2 in matcher.get_opcodes():
        starts.append(i1)
        targets.append((j1, j2, tag == "equal"))

    def move(offset: int) -> int:
        index = bisect_right(starts, offset) - 1
        j1, j2, equal = targets[index]
        return min(j1 + (offset - starts[index]), j2) if equal else j1

    return move
