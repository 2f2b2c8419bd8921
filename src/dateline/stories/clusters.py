"""Story clusters: syndicated copies and lightly edited versions of one article, grouped.

Near duplicates are found by locality-sensitive hashing of MinHash signatures (signatures.py): the
signature is cut into BANDS bands of ROWS values, with the band layout datasketch's MinHashLSH
chooses for THRESHOLD, and two articles become candidates when one band is equal. A new article
joins the cluster of its most similar candidate whose estimated Jaccard similarity (over word
5-grams) reaches THRESHOLD, or starts a cluster named by its own doc_id. A copy with a new headline
and first paragraph and its last paragraphs cut stays well above it; two stories on one event share
few 5-grams; and both must have been published within WINDOW_SECONDS when both are dated.

Band keys sit in a compact HashIndex, not in datasketch's own in-memory storage (a dict of sets per
band, 76 MB per 10,000 articles): the index lives in the flow and grows with the whole archive.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

import numpy as np

from dateline.stories.index import HashIndex
from dateline.stories.signatures import NUM_PERM, similarity

THRESHOLD = 0.5
# Copies of a story run within days of each other; recurring reports written from a template (a
# dividend notice, the Fed's daily operations, a weekly USDA table) come back weeks apart with most
# of their words. Two dated articles further apart than this are not copies; an undated one can
# be a copy of anything.
WINDOW_SECONDS = 3 * 24 * 3600
_UNDATED = np.iinfo(np.int64).min
_MIX = 0x9E37_79B9_7F4A_7C15  # an odd 64-bit constant for the band hash


@cache
def band_layout() -> tuple[int, int]:
    """(bands, rows per band) minimising false positives and negatives around THRESHOLD."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@cache
def _band_weights() -> tuple[np.ndarray, np.ndarray]:
    bands, rows = band_layout()
    powers = np.array([pow(_MIX, j + 1, 2**64) for j in range(rows)], dtype=np.uint64)
    salts = np.array([(b * _MIX) % 2**64 for b in range(bands)], dtype=np.uint64)
    return powers, salts


def band_keys(hashvalues: np.ndarray) -> np.ndarray:
    """One 64-bit key per band (a polynomial hash of its values, salted with the band number); for
    a matrix of signatures, one row of keys per signature."""
    bands, rows = band_layout()
    powers, salts = _band_weights()
    values = hashvalues[..., : bands * rows].astype(np.uint64)
    values = values.reshape(*hashvalues.shape[:-1], bands, rows)
    return (values * powers).sum(axis=-1, dtype=np.uint64) ^ salts


class StoryClusters:
    """Every stored article's signature and cluster, indexed by band."""

    def __init__(self) -> None:
        self._index = HashIndex()
        self._signatures = np.empty((1024, NUM_PERM), dtype=np.uint32)
        self._published = np.empty(1024, dtype=np.int64)  # seconds since 1970, or _UNDATED
        self._clusters: list[str] = []

    def load(self, stored: Iterable[tuple[str, np.ndarray, datetime | None]]) -> None:
        """Index articles already published, as (cluster_id, signature, published), in any order,
        into an empty index: all band keys computed and indexed at once (an archive of 19,000
        articles took 0.9 s one `_insert` at a time)."""
        items = list(stored)
        if not items:
            return
        clusters, signatures, published = zip(*items, strict=True)
        matrix = np.asarray(signatures, dtype=np.uint32).reshape(len(items), NUM_PERM)
        self._signatures = matrix.copy()
        self._published = np.fromiter((_seconds(p) for p in published), dtype=np.int64, count=len(items))
        self._clusters = list(clusters)
        keys = band_keys(matrix)
        rows = np.repeat(np.arange(len(items), dtype=np.int64), keys.shape[1])
        self._index.extend(keys.ravel(), rows)

    def assign(self, doc_id: str, hashvalues: np.ndarray, published: datetime | None = None) -> str:
        """The article's cluster id, its own doc_id if no stored article is a near duplicate; the
        article is indexed for the ones after it."""
        hashvalues = np.asarray(hashvalues, dtype=np.uint32)
        when = _seconds(published)
        best: tuple[float, str] | None = None
        for row in self._index.rows(band_keys(hashvalues)):
            other = int(self._published[row])
            if _UNDATED not in (when, other) and abs(when - other) > WINDOW_SECONDS:
                continue
            score = similarity(hashvalues, self._signatures[row])
            cluster = self._clusters[row]
            if score >= THRESHOLD and (best is None or (-score, cluster) < (-best[0], best[1])):
                best = (score, cluster)
        cluster_id = best[1] if best else doc_id
        self._insert(cluster_id, hashvalues, when)
        return cluster_id

    def __len__(self) -> int:
        return len(self._clusters)

    def count_clusters(self) -> int:
        return len(set(self._clusters))

    def _insert(self, cluster_id: str, hashvalues: np.ndarray, published: int) -> None:
        row = len(self._clusters)
        if row == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.empty_like(self._signatures)])
            self._published = np.concatenate([self._published, np.empty_like(self._published)])
        self._signatures[row] = hashvalues
        self._published[row] = published
        self._clusters.append(cluster_id)
        self._index.add(band_keys(hashvalues).tolist(), row)


def _seconds(published: datetime | None) -> int:
    return _UNDATED if published is None else int(published.timestamp())
