"""Candidates by MinHash banding (LSH): the indexed articles whose signature equals the query's on every row of at
least one band.

The number of bands and rows per band are datasketch's choice for the threshold (``MinHashLSH``'s optimal
parameters: 51 bands of 2 rows for 0.15 and 128 permutations), so the candidates are exactly those ``MinHashLSH``
returns. The tables are plain dicts keyed by a band's raw bytes, and a query is one union of the matching buckets,
where datasketch builds a MinHash object, byte-swaps each band and adds the ids one by one in Python: with busy
stories a query returns hundreds of ids, and that loop was the costliest part of assigning a story.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from datasketch import MinHashLSH

Signature = np.ndarray[Any, np.dtype[np.uint32]]


class BandIndex:
    def __init__(self, threshold: float, num_perm: int) -> None:
        params = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.bands, self.rows = int(params.b), int(params.r)
        self._band_type = np.dtype(f"V{4 * self.rows}")  # one item per band: its rows' values as bytes
        self._tables: list[dict[bytes, set[str]]] = [{} for _ in range(self.bands)]

    def _keys(self, hashes: Signature) -> list[bytes]:
        used = np.ascontiguousarray(hashes[: self.bands * self.rows], dtype=np.uint32)
        keys: list[bytes] = used.view(self._band_type).tolist()
        return keys

    def insert(self, key: str, hashes: Signature) -> None:
        for table, band in zip(self._tables, self._keys(hashes), strict=True):
            bucket = table.get(band)
            if bucket is None:
                table[band] = {key}
            else:
                bucket.add(key)

    def remove(self, key: str, hashes: Signature) -> None:
        for table, band in zip(self._tables, self._keys(hashes), strict=True):
            bucket = table.get(band)
            if bucket is not None:
                bucket.discard(key)
                if not bucket:
                    del table[band]

    def query(self, hashes: Signature) -> set[str]:
        """The keys sharing at least one band with ``hashes``."""
        found = [bucket for bucket in map(dict.get, self._tables, self._keys(hashes)) if bucket]
        return set().union(*found)
