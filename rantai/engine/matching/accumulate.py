"""Adding postings lists into per-row text scores, one pass per list (numba).

The scan of a need's long postings lists is where a slow search spends its time: numpy needs
several passes per list (gather, add, scatter, then de-duplicating the rows reached across
lists); these kernels do it in one pass over each list and record every row the first time
it is reached. Arithmetic is float32 in the order numpy did it, so scores are the same to
the bit.

``Accumulator`` owns the scratch arrays (sized to the index, reused across searches and left
clean by ``clear``); it is not thread-safe, like the index that owns it.
"""
from collections.abc import Iterable

import numpy as np
from numba import njit

Chunks = Iterable[tuple[np.ndarray, np.ndarray]]  # (rows, weights) of one key, in parts


@njit(inline="always")
def _reach(r, seen, order, count):  # pragma: no cover - compiled
    """Record row ``r`` in ``order`` the first time it is reached; the new count."""
    if not seen[r]:
        seen[r] = True
        order[count] = r
        count += 1
    return count


@njit(cache=True, nogil=True)
def _add(rows, weights, factor, scores, seen, order, count):  # pragma: no cover - compiled
    for i in range(rows.shape[0]):
        r = rows[i]
        scores[r] += weights[i] * factor
        count = _reach(r, seen, order, count)
    return count


@njit(cache=True, nogil=True)
def _best(rows, weights, factor, best, marked, touched, count):  # pragma: no cover - compiled
    for i in range(rows.shape[0]):
        r = rows[i]
        value = weights[i] * factor
        if value > best[r]:
            best[r] = value
        count = _reach(r, marked, touched, count)
    return count


@njit(cache=True, nogil=True)
def _flush(touched, best, marked, values, scores, seen, order, count):  # pragma: no cover
    for j in range(touched.shape[0]):
        r = touched[j]
        values[j] = best[r]
        scores[r] += best[r]
        best[r] = 0
        marked[r] = False
        count = _reach(r, seen, order, count)
    return count


@njit(cache=True, nogil=True)
def _subtract(rows, values, scores):  # pragma: no cover - compiled
    for j in range(rows.shape[0]):
        scores[rows[j]] -= values[j]


@njit(cache=True, nogil=True)
def _clear(order, scores, seen):  # pragma: no cover - compiled
    for j in range(order.shape[0]):
        r = order[j]
        scores[r] = 0
        seen[r] = False


class Accumulator:
    """Per-row float32 text scores over ``n`` rows, and the rows reached so far.

    A key adds its weight × multiplier to each listed row; a group of keys adds, per row,
    the best of its keys. Whatever was added can be taken back (a unit re-scanned with more
    keys). ``found`` lists each reached row once, in the order first reached.
    """

    def __init__(self, n: int) -> None:
        self.scores = np.zeros(n, dtype=np.float32)
        self._seen = np.zeros(n, dtype=np.bool_)
        self._order = np.zeros(n, dtype=np.int32)
        self._best = np.zeros(n, dtype=np.float32)
        self._marked = np.zeros(n, dtype=np.bool_)
        self._touched = np.zeros(n, dtype=np.int32)
        self._count = 0

    def __len__(self) -> int:
        return len(self.scores)

    def add_key(self, chunks: Chunks, multiplier: float) -> None:
        """Add one key's postings (a row appears once per key)."""
        factor = np.float32(multiplier)
        for rows, weights in chunks:
            self._count = _add(rows, weights, factor, self.scores, self._seen, self._order,
                               self._count)

    def remove_key(self, chunks: Chunks, multiplier: float) -> None:
        """Take back what ``add_key`` added (rows stay found)."""
        self.add_key(chunks, -multiplier)

    def add_group(self, keys: Iterable[tuple[Chunks, float]]) -> tuple[np.ndarray, np.ndarray]:
        """Add, per row, the best of several keys; the rows and values added."""
        touched = 0
        for chunks, multiplier in keys:
            factor = np.float32(multiplier)
            for rows, weights in chunks:
                touched = _best(rows, weights, factor, self._best, self._marked, self._touched,
                                touched)
        rows = self._touched[:touched].copy()
        values = np.empty(touched, dtype=np.float32)
        self._count = _flush(rows, self._best, self._marked, values, self.scores, self._seen,
                             self._order, self._count)
        return rows, values

    def remove_values(self, rows: np.ndarray, values: np.ndarray) -> None:
        """Take back what ``add_group`` added."""
        _subtract(rows, values, self.scores)

    def found(self) -> np.ndarray:
        """Every row reached since the last ``clear``, once each."""
        return self._order[:self._count]

    def clear(self) -> None:
        """Zero the scores and forget the rows reached (cost: the rows reached, or one sweep
        of the arrays when that is cheaper)."""
        if self._count * 8 > len(self.scores):
            self.scores[:] = 0
            self._seen[:] = False
        else:
            _clear(self._order[:self._count], self.scores, self._seen)
        self._count = 0
