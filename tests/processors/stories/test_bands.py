"""The banded candidate index returns what datasketch's MinHashLSH returns for the same signatures."""

from __future__ import annotations

import random

import numpy as np
from datasketch import MinHash, MinHashLSH

from mediamon.processors.stories.bands import BandIndex

NUM_PERM = 128


def _signatures(n: int, seed: int) -> dict[str, np.ndarray]:
    """Signatures of overlapping word sets, so that many pairs share bands."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(60)]
    out = {}
    for i in range(n):
        words = rng.sample(vocabulary, rng.randrange(3, 25))
        minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
        minhash.update_batch([w.encode() for w in words])
        out[f"a{i}"] = np.asarray(minhash.hashvalues, dtype=np.uint32)
    return out


def _datasketch(threshold: float, signatures: dict[str, np.ndarray]) -> MinHashLSH:
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for key, hashes in signatures.items():
        lsh.insert(key, MinHash(num_perm=NUM_PERM, seed=1, hashvalues=hashes.astype(np.uint64), scheme="affine32"))
    return lsh


def test_candidates_are_those_of_minhashlsh() -> None:
    indexed, queries = _signatures(300, 1), _signatures(60, 2)
    for threshold in (0.15, 0.3, 0.6):
        ours = BandIndex(threshold, NUM_PERM)
        for key, hashes in indexed.items():
            ours.insert(key, hashes)
        theirs = _datasketch(threshold, indexed)
        found = 0
        for hashes in queries.values():
            expected = set(theirs.query(MinHash(num_perm=NUM_PERM, seed=1, hashvalues=hashes.astype(np.uint64),
                                                scheme="affine32")))
            assert ours.query(hashes) == expected
            found += len(expected)
        assert found  # the sets overlap enough for the comparison to mean something


def test_a_removed_key_is_no_candidate_any_more() -> None:
    signatures = _signatures(50, 3)
    index = BandIndex(0.15, NUM_PERM)
    for key, hashes in signatures.items():
        index.insert(key, hashes)
    assert "a7" in index.query(signatures["a7"])
    index.remove("a7", signatures["a7"])
    assert "a7" not in index.query(signatures["a7"])
    for key, hashes in signatures.items():
        if key != "a7":
            index.remove(key, hashes)
    assert index.query(signatures["a7"]) == set()
