"""MinHash signatures of article texts: what near-duplicate detection compares instead of the texts.

A signature is computed once per article (by datasketch, ~1 ms) and stored in the `signatures` table,
so that later runs rebuild their index from 512 bytes per article instead of re-reading texts.
"""

from __future__ import annotations

import functools
import re

import numpy as np

NUM_PERM = 128  # estimate error about 0.04 at Jaccard 0.5
SEED = 1
SCHEME = "affine32"  # datasketch 2's hashing; stored signatures are only comparable under one scheme
SHINGLE_WORDS = 5  # word 5-grams: long enough that shared boilerplate phrases do not make stories alike
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The text's word n-grams, case and punctuation folded away (straight or curly quotes, dashes
    and line breaks do not make two copies differ). A text shorter than `size` words is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> np.ndarray:
    from datasketch import MinHash  # 0.7 s to import (scipy): loaded with the model, not at import

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype(np.uint32)


@functools.cache
def _permutations() -> np.ndarray:
    """The hash permutations SEED stands for, drawn once per process: datasketch draws them again
    for every MinHash it makes (a fresh random generator each time), a fifth of a signature's cost."""
    from datasketch import MinHash

    permutations = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    permutations.setflags(write=False)  # shared by every signature, as datasketch's own copies share it
    return permutations


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)
