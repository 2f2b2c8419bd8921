"""A compact multimap from 64-bit hashes to row numbers, for indexes that hold every stored article.

The clusters' LSH bands and the quotation anchors are looked up once per new article or quotation
and grow with the whole archive. As Python dicts of sets (datasketch's in-memory LSH storage) they
took 76 MB per 10,000 articles; here recent entries sit in a small dict and older ones in sorted
numpy arrays (16 bytes an entry), merged like a log-structured tree so that inserting n entries
costs O(n log n) in all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

PENDING_LIMIT = 65_536  # entries kept in the dict before they become a sorted run


class HashIndex:
    def __init__(self) -> None:
        self._pending: dict[int, list[int]] = {}
        self._pending_entries = 0
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted uint64 keys, int64 rows)

    def add(self, keys: Iterable[int], row: int) -> None:
        for key in keys:
            self._pending.setdefault(int(key), []).append(row)
            self._pending_entries += 1
        if self._pending_entries >= PENDING_LIMIT:
            self._flush()

    def extend(self, keys: Sequence[int] | np.ndarray, rows: Sequence[int] | np.ndarray) -> None:
        """Many entries at once (an index loaded from the stored output): one sorted run, built by
        numpy, instead of an `add` per row."""
        if len(keys):
            self._runs.append(_sorted(np.asarray(keys, dtype=np.uint64), np.asarray(rows, dtype=np.int64)))
            self._merge()

    def rows(self, keys: Iterable[int], most: int | None = None) -> set[int]:
        """Rows stored under any of `keys`; with `most`, a key holding more rows than that (a
        phrase too common to point anywhere) is passed over."""
        keys = [int(k) for k in keys]
        found: set[int] = set()
        hits: dict[int, list[int]] = {key: list(self._pending.get(key, ())) for key in keys}
        if self._runs:
            wanted = np.array(keys, dtype=np.uint64)
            for run_keys, run_rows in self._runs:
                starts = np.searchsorted(run_keys, wanted, side="left")
                ends = np.searchsorted(run_keys, wanted, side="right")
                for key, start, end in zip(keys, starts.tolist(), ends.tolist(), strict=True):
                    if end > start:
                        hits[key].extend(run_rows[start:end].tolist())
        for rows in hits.values():
            if most is None or len(rows) <= most:
                found.update(rows)
        return found

    def _flush(self) -> None:
        count = self._pending_entries
        entries = self._pending.items()
        keys = np.fromiter((k for k, rows in entries for _ in rows), dtype=np.uint64, count=count)
        rows = np.fromiter((r for _, rows in entries for r in rows), dtype=np.int64, count=count)
        self._pending.clear()
        self._pending_entries = 0
        self._runs.append(_sorted(keys, rows))
        self._merge()

    def _merge(self) -> None:
        """Merge while the newest run is at least half the size of the one before: few runs to search."""
        while len(self._runs) > 1 and len(self._runs[-1][0]) * 2 >= len(self._runs[-2][0]):
            (k1, r1), (k2, r2) = self._runs.pop(), self._runs.pop()
            self._runs.append(_sorted(np.concatenate([k2, k1]), np.concatenate([r2, r1])))


def _sorted(keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return keys[order], rows[order]


def stable_hash(text: str) -> int:
    """A 64-bit key for `text`, the same in every process (Python's `hash` of a str changes from
    one process to the next), so that keys can be stored with the output and loaded as they are."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")
