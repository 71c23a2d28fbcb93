"""Exact top-k retrieval with MaxScore pruning: skip long postings lists that cannot matter.

A need is a list of *units* (one word with its alternatives, a KBLI key, a capability): a
row scores each unit's best key, ``weight × multiplier``. A unit's ``bound`` is the most it
can give any row. Long lists usually belong to common words with a small idf, hence a small
bound: rows found only through such lists cannot reach the best ``depth`` when the bounds
of those lists, plus the largest structure bonus, stay below the ``depth``-th best total
already found. Those lists are then only *looked up* (binary search) for rows found through
the others, never scanned (Turtle & Flood's MaxScore, over numpy arrays).

Pruning never changes a result: ``exact`` recomputes every surviving row's text score the
same way whichever lists were skipped, and the property tests compare pruned and exhaustive
searches.
"""
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .postings import Postings
from .scoring import Scoring

HOPELESS = 0.5  # share of a need's weight on long lists beyond which they are scanned at once ...
NEGLIGIBLE = 0.05  # ... all but those whose bounds add up to less than this share
_SEARCH_RATIO = 4  # binary-search (sorted) rows into a chunk this many times longer; scatter/gather otherwise


@dataclass(frozen=True, slots=True)
class Unit:
    keys: dict[int, float]  # term id → multiplier; a row scores the best key


def units(postings: Postings, scoring: Scoring) -> list[Unit]:
    """The need's units that reach any row, in the order scores are summed: single keys, then groups."""
    singles = [{tid: m} for tid, m in scoring.single.items()]
    return [Unit(keys) for keys in singles + scoring.groups if any(postings.length(tid) for tid in keys)]


class Plan:
    """Which keys of which units are scanned; the others are looked up for the rows found.

    Starts with every key whose postings are at most ``short`` long (or, if none is, the
    key with the largest bound). Rows that no scanned key reaches score at most
    ``unseen_bound``: per unit, the largest bound among its keys not scanned.
    """

    def __init__(self, postings: Postings, all_units: Sequence[Unit], short: float) -> None:
        # per unit: (bound, postings, term id) of each key, largest bound first
        self._keys = [sorted(((postings.bound(tid) * m, postings.length(tid), tid)
                              for tid, m in u.keys.items()), reverse=True) for u in all_units]
        self._units = list(all_units)
        self._scanned = [{tid for _, cost, tid in keys if cost <= short} for keys in self._keys]
        self._changed = {i for i, scanned in enumerate(self._scanned) if scanned}
        total = sum(float(np.float32(keys[0][0])) for keys in self._keys if keys)
        if self.unseen_bound() >= HOPELESS * total:  # the long lists carry most of the weight, so
            self.widen(NEGLIGIBLE * total)  # scan them now, all but near-weightless ones ("industri")
        elif not self._changed and self._units:
            self._scan_largest()

    def _unseen(self, i: int) -> float:
        return next((float(np.float32(b)) for b, _, tid in self._keys[i] if tid not in self._scanned[i]), 0.0)

    def _scan_largest(self) -> None:
        i = max(range(len(self._units)), key=self._unseen)
        tid = next(tid for _, _, tid in self._keys[i] if tid not in self._scanned[i])
        self._scanned[i].add(tid)
        self._changed.add(i)

    def take(self) -> list[int]:
        """Units whose scanned keys changed since the last call (their sums must be redone)."""
        changed, self._changed = sorted(self._changed), set()
        return changed

    def scanned_keys(self, i: int) -> dict[int, float]:
        return {tid: m for tid, m in self._units[i].keys.items() if tid in self._scanned[i]}

    def unseen_bound(self) -> float:
        """The most a row can score through keys not scanned (0 once every key is)."""
        return sum(self._unseen(i) for i in range(len(self._units)))

    def widen(self, target: float) -> None:
        """Scan the largest-bound keys until ``unseen_bound`` < ``target`` (or all are scanned)."""
        while self.unseen_bound() >= target and any(self._unseen(i) > 0 for i in range(len(self._units))):
            self._scan_largest()


def lookup(postings: Postings, unit: Unit, rows: np.ndarray, scratch: np.ndarray) -> np.ndarray:
    """What ``unit`` gives each of ``rows`` (float32, as a scan would compute it).

    ``rows`` should be ascending: numpy's binary search then resumes from the previous
    hit, several times faster than for rows in random order. ``scratch`` is a zeroed
    float32 array of at least the index's row count; it is left zeroed. Short row sets are
    binary-searched into each chunk, long ones gathered after a scatter (postings are
    ascending, so the scatter streams), whichever is cheaper.
    """
    out = np.zeros(len(rows), dtype=np.float32)
    for tid, m in unit.keys.items():
        factor = np.float32(m)
        for chunk_rows, chunk_weights in postings.get(tid):
            if len(rows) * _SEARCH_RATIO < len(chunk_rows):
                at = np.searchsorted(chunk_rows, rows)
                at[at == len(chunk_rows)] = 0
                hit = chunk_rows[at] == rows
                values = np.where(hit, chunk_weights[at] * factor, np.float32(0))
            else:
                scratch[chunk_rows] = chunk_weights * factor
                values = scratch[rows]
                scratch[chunk_rows] = 0
            np.maximum(out, values, out=out)  # a row has one posting per key; a group keeps its best
    return out


def exact(postings: Postings, all_units: Sequence[Unit], rows: np.ndarray, scratch: np.ndarray
          ) -> np.ndarray:
    """Text scores of ``rows``, float64, summed unit by unit in one fixed order.

    Equal to ``Scoring.score`` for the same row, and independent of how the rows were found.
    """
    order = np.argsort(rows, kind="stable")
    ascending = rows[order]
    total = np.zeros(len(rows), dtype=np.float64)
    for unit in all_units:
        total += lookup(postings, unit, ascending, scratch)
    out = np.empty(len(rows), dtype=np.float64)
    out[order] = total
    return out
