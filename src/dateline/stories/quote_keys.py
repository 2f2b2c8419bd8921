"""One key per quotation, the same in every article that carries it.

Copies of a quotation differ in their quotation marks and punctuation, in ellipses, and in a few
words trimmed at either end ("We will not give up," vs "…will not give up"). A quotation is folded to
its words, split where an ellipsis stands for left-out words; two quotations are the same when each
piece of the shorter appears, in order, in the longer and the longer has only a few words more.

The first quotation seen (in input order, over all runs) gives the key, a hash of its folded words;
later copies take the key of the closest stored copy. Candidates are found through three anchor
phrases of four words in each stored quotation (at 30%, 50% and 70% of its words), which survive
trimming at the ends and most omissions in the middle: the index holds three entries per quotation,
and each quotation is kept once, as one string.

What a batch adds to the index (`take_entries`: each new quotation's folded words, key and hashes)
is stored with the batch, so that a run loads the stored index as it is (`load_entries`) instead of
folding every stored quotation again; `index_stored` rebuilds it from a stored quotes table.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from unidecode import unidecode

from dateline.stories.index import HashIndex, stable_hash

_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…|\[\s*\.\.\.\s*\]")
_APOSTROPHE = re.compile(r"(?<=\w)['’`](?=\w)")
_WORD = re.compile(r"\w+")
ANCHORS = (0.3, 0.5, 0.7)
ANCHOR_WORDS = 4
COMMON_ANCHOR = 64  # an anchor phrase stored this often ("we are going to") points nowhere
MIN_FUZZY_WORDS = 5  # shorter quotations match only exactly: "terrorists" is not one quotation
MAX_EXTRA_WORDS = 3  # words the longer copy may have beyond the shorter one, or
MAX_EXTRA_SHARE = 0.25  # this share of its words, whichever is more
# A stored index entry: the quotation's folded words (pieces joined by " | "), its key, and the
# stable hashes it is found by (of its words; of its anchor phrases, none when it is short).
ENTRY_SCHEMA = pa.schema(
    [
        pa.field("folded", pa.string(), nullable=False),
        pa.field("quote_key", pa.string(), nullable=False),
        pa.field("exact_hash", pa.uint64(), nullable=False),
        pa.field("anchor_hashes", pa.list_(pa.uint64()), nullable=False),
    ]
)


class _Transliteration(dict[int, str]):
    """unidecode's table in the form `str.translate` reads, filled as characters are met.

    unidecode replaces each character on its own, so translating through its replacements gives
    the same text; it steps through a text in Python, a character at a time, which made it most of
    the cost of keying a quotation (nearly every quotation has a curly apostrophe or dash)."""

    def __missing__(self, codepoint: int) -> str:
        self[codepoint] = replacement = unidecode(chr(codepoint))
        return replacement


_TRANSLITERATION = _Transliteration()


def fold(quote: str) -> tuple[tuple[str, ...], ...]:
    """The quotation's words, lower-cased and transliterated, in pieces split at ellipses."""
    ascii_text = quote if quote.isascii() else quote.translate(_TRANSLITERATION)
    text = _APOSTROPHE.sub("", ascii_text.casefold())
    pieces = (tuple(_WORD.findall(piece)) for piece in _ELLIPSIS.split(text))
    return tuple(piece for piece in pieces if piece)


def own_key(quote: str) -> str:
    """The key a quotation gets when no stored copy of it exists (from its text as written when
    it has no words at all, so that "…" and "?!" are not one quotation)."""
    words = " ".join(w for piece in fold(quote) for w in piece) or quote.strip()
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


class QuoteKeys:
    """The quotations stored so far, each once as its folded words (pieces joined by " | "), found
    by a hash of those words or by an anchor; `key_for` adds each new one."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._keys: list[str] = []
        self._exact = HashIndex()
        self._anchors = HashIndex()
        self._new: list[tuple[int, list[int]]] = []  # hashes of the last rows, not yet taken

    def __len__(self) -> int:
        return len(self._texts)

    def load_entries(self, entries: pa.Table) -> None:
        """Stored index entries (ENTRY_SCHEMA, as `take_entries` gave them), appended in order, both
        hash indexes extended in one step: 70,000 stored quotations load in ~0.1 s, against ~0.8 s
        folding them again."""
        first = len(self._texts)
        self._texts.extend(entries["folded"].to_pylist())
        self._keys.extend(entries["quote_key"].to_pylist())
        rows = np.arange(first, len(self._texts), dtype=np.int64)
        self._exact.extend(entries["exact_hash"].to_numpy(), rows)
        anchors = entries["anchor_hashes"].combine_chunks()
        lengths = pc.list_value_length(anchors).to_numpy(zero_copy_only=False)
        self._anchors.extend(pc.list_flatten(anchors).to_numpy(), np.repeat(rows, lengths))
        self._new.clear()

    def index_stored(self, stored: Iterable[tuple[str, str]]) -> None:
        """Stored (quotation, key) pairs, for an output whose index was not stored: each quotation
        whose words are not indexed yet is added under its stored key, as `key_for` added it."""
        for quote, key in stored:
            pieces = fold(quote)
            if pieces and self._exact_key(_joined(pieces)) is None:
                self._store(pieces, key)

    def take_entries(self) -> pa.Table:
        """The entries added since the last call (or load), to be stored with the batch that
        added them."""
        first = len(self._texts) - len(self._new)
        exact, anchors = [h for h, _ in self._new], [a for _, a in self._new]
        self._new = []
        return pa.table([self._texts[first:], self._keys[first:], exact, anchors], schema=ENTRY_SCHEMA)

    def key_for(self, quote: str) -> str:
        """The key of the stored copy of `quote`, or a new one; either way `quote` is stored."""
        pieces = fold(quote)
        if not pieces:  # no words to compare
            return own_key(quote)
        joined = _joined(pieces)
        key = self._exact_key(joined)
        if key is not None:
            return key
        words = tuple(w for piece in pieces for w in piece)
        key = self._closest(words, pieces) if len(words) >= MIN_FUZZY_WORDS else None
        key = key or own_key(quote)
        self._store(pieces, key)
        return key

    def _exact_key(self, joined: str) -> str | None:
        """The key of the quotation with the same folded words, pieces aside."""
        words = _words_only(joined)
        for row in sorted(self._exact.rows([stable_hash(words)])):
            if _words_only(self._texts[row]) == words:
                return self._keys[row]
        return None

    def _store(self, pieces: tuple[tuple[str, ...], ...], key: str) -> None:
        joined = _joined(pieces)
        row = len(self._texts)
        self._texts.append(joined)
        self._keys.append(key)
        exact_hash, anchor_hashes = _hashes(pieces, _words_only(joined))
        self._exact.add([exact_hash], row)
        self._anchors.add(anchor_hashes, row)
        self._new.append((exact_hash, anchor_hashes))

    def _closest(self, words: tuple[str, ...], pieces: tuple[tuple[str, ...], ...]) -> str | None:
        size = ANCHOR_WORDS
        phrases = [words[i : i + size] for i in range(len(words) - size + 1)]
        best: tuple[int, str] | None = None
        for row in self._anchors.rows((stable_hash(" ".join(p)) for p in phrases), most=COMMON_ANCHOR):
            other_pieces = _pieces(self._texts[row])
            other_words = tuple(w for piece in other_pieces for w in piece)
            shared = _shared_words(words, pieces, other_words, other_pieces)
            key = self._keys[row]
            if shared and (best is None or (-shared, key) < (-best[0], best[1])):
                best = (shared, key)
        return best[1] if best else None


def _hashes(pieces: tuple[tuple[str, ...], ...], words_only: str) -> tuple[int, list[int]]:
    """What a stored quotation is found by: the hash of its words, and the hashes of its anchor
    phrases when it is long enough to match a trimmed copy."""
    words = tuple(w for piece in pieces for w in piece)
    anchors = [stable_hash(" ".join(a)) for a in _anchors(words)] if len(words) >= MIN_FUZZY_WORDS else []
    return stable_hash(words_only), anchors


def _joined(pieces: tuple[tuple[str, ...], ...]) -> str:
    return " | ".join(" ".join(piece) for piece in pieces)


def _words_only(joined: str) -> str:
    return joined.replace(" | ", " ")


def _pieces(joined: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(piece.split(" ")) for piece in joined.split(" | "))


def _anchors(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = max(0, len(words) - ANCHOR_WORDS)
    starts = sorted({min(last, int(share * len(words))) for share in ANCHORS})
    return [words[i : i + ANCHOR_WORDS] for i in starts]


def _shared_words(a: tuple[str, ...], a_pieces, b: tuple[str, ...], b_pieces) -> int:
    """Words of the shorter quotation found in the longer when they are copies of one quotation
    (every piece of the shorter in order in the longer, few words beyond it); else 0."""
    (short, pieces), long_ = ((a, a_pieces), b) if len(a) <= len(b) else ((b, b_pieces), a)
    if len(long_) - len(short) > max(MAX_EXTRA_WORDS, MAX_EXTRA_SHARE * len(long_)):
        return 0
    position = 0
    for piece in pieces:
        found = _find(long_, piece, position)
        if found < 0:
            return 0
        position = found + len(piece)
    return len(short)


def _find(words: tuple[str, ...], piece: tuple[str, ...], start: int) -> int:
    size = len(piece)
    for i in range(start, len(words) - size + 1):
        if words[i : i + size] == piece:
            return i
    return -1
