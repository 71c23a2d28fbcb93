"""The inverted index: term id → (rows, weights), a compact main segment plus a delta.

The main segment is CSC-like (``indptr``, ``rows``, ``weights``), built in one sort. New
or changed documents go to a small append-only delta, searchable at once; ``merge`` folds
the delta into the main segment and drops removed rows, so no rebuild is ever needed.

Rows are ascending within each chunk (the main segment is built from ascending row ranges
and a new row is always the highest), so a row's posting can be found by binary search;
``bound`` is a term's largest weight, for exact top-k pruning (``candidates.py``).
"""
from array import array
from collections.abc import Iterator

import numpy as np


class Postings:
    def __init__(self) -> None:
        self._indptr = np.zeros(1, dtype=np.int64)
        self._rows = np.zeros(0, dtype=np.int32)
        self._weights = np.zeros(0, dtype=np.float32)
        self._max = np.zeros(0, dtype=np.float32)  # per term, the largest main-segment weight
        self._delta: dict[int, tuple[array, array]] = {}
        self.delta_size = 0

    @classmethod
    def assemble(cls, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], n_terms: int) -> "Postings":
        """A main segment from parts of (term ids, rows, weights), each sorted by term id.

        Postings of a term keep the order of the parts, so rows stay ascending when the
        parts cover ascending row ranges. Memory: the result plus one part at a time.
        """
        counts = [np.bincount(tids, minlength=n_terms) for tids, _, _ in parts]
        total = np.sum(counts, axis=0) if counts else np.zeros(n_terms, dtype=np.int64)
        postings = cls()
        postings._indptr = np.concatenate(([0], np.cumsum(total))).astype(np.int64)
        postings._rows = np.empty(int(postings._indptr[-1]), dtype=np.int32)
        postings._weights = np.empty(int(postings._indptr[-1]), dtype=np.float32)
        filled = postings._indptr[:-1].copy()
        for (tids, rows, weights), count in zip(parts, counts, strict=True):
            starts = np.concatenate(([0], np.cumsum(count)[:-1]))
            dest = filled[tids] + np.arange(len(tids)) - starts[tids]
            postings._rows[dest] = rows
            postings._weights[dest] = weights
            filled += count
        postings._max = _segment_max(postings._indptr, postings._weights)
        return postings

    @property
    def main_size(self) -> int:
        return len(self._rows)

    def add(self, row: int, weights: dict[int, float]) -> None:
        """Postings of one new row, by term id."""
        for tid, weight in weights.items():
            rows, values = self._delta.setdefault(tid, (array("i"), array("f")))
            rows.append(row)
            values.append(weight)
        self.delta_size += len(weights)

    def length(self, tid: int) -> int:
        """How many postings ``tid`` has (main segment and delta)."""
        main = int(self._indptr[tid + 1] - self._indptr[tid]) if tid + 1 < len(self._indptr) else 0
        delta = self._delta.get(tid)
        return main + (len(delta[0]) if delta is not None else 0)

    def bound(self, tid: int) -> float:
        """The largest weight of ``tid`` in any row (0 for an unknown term)."""
        best = float(self._max[tid]) if tid < len(self._max) else 0.0
        delta = self._delta.get(tid)
        if delta is not None and len(delta[1]):
            best = max(best, float(np.frombuffer(delta[1], dtype=np.float32).max()))
        return best

    def get(self, tid: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """The (rows, weights) chunks of one term: main segment first, then the delta."""
        if tid + 1 < len(self._indptr):
            lo, hi = self._indptr[tid], self._indptr[tid + 1]
            if hi > lo:
                yield self._rows[lo:hi], self._weights[lo:hi]
        delta = self._delta.get(tid)
        if delta is not None:
            yield (np.frombuffer(delta[0], dtype=np.int32),
                   np.frombuffer(delta[1], dtype=np.float32))

    def merge(self, alive: np.ndarray, n_terms: int) -> None:
        """Fold the delta into the main segment, dropping rows that are no longer alive."""
        main_tids = np.repeat(np.arange(len(self._indptr) - 1, dtype=np.int32), np.diff(self._indptr))
        keep = alive[self._rows]
        parts = [(main_tids[keep], self._rows[keep], self._weights[keep])]
        del main_tids, keep
        if self._delta:
            tids = np.concatenate([np.full(len(r), t, dtype=np.int32) for t, (r, _) in self._delta.items()])
            rows = np.concatenate([np.frombuffer(r, dtype=np.int32) for r, _ in self._delta.values()])
            weights = np.concatenate([np.frombuffer(v, dtype=np.float32) for _, v in self._delta.values()])
            order = np.argsort(tids, kind="stable")
            keep = alive[rows[order]]
            parts.append((tids[order][keep], rows[order][keep], weights[order][keep]))
        merged = Postings.assemble(parts, n_terms)
        self._indptr, self._rows, self._weights = merged._indptr, merged._rows, merged._weights
        self._max = merged._max
        self._delta, self.delta_size = {}, 0


def _segment_max(indptr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The largest weight between consecutive ``indptr`` offsets (0 for an empty range)."""
    out = np.zeros(len(indptr) - 1, dtype=np.float32)
    starts = indptr[:-1]
    filled = np.flatnonzero(np.diff(indptr) > 0)
    if len(filled):
        out[filled] = np.maximum.reduceat(weights, starts[filled])
    return out
