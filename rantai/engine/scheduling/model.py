"""The exact model: one binary x[p, s] per pair p and slot s, one small class per rule.

Tables of a buyer are interchangeable, so the model does not index them: a per-(buyer,
slot) capacity equal to the buyer's table count is exact, and ``tables.number_tables``
numbers tables afterwards. Every rule is a block of ``<=`` rows, so the model is

    maximise cost . v   subject to   A v <= rhs,   lower <= v <= upper,

with ``v`` the x columns followed by any helper columns a rule adds.
"""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from scipy.sparse import coo_matrix, csc_matrix

from .candidates import Candidates


@dataclass(frozen=True)
class Columns:
    """The x variables. Availability is enforced here, by construction: a pair gets a column
    only for the slots where the SME and the buyer are both available and the buyer has at
    least one table (``Pair.slots``), so a buyer with 0 tables or an empty availability gets
    no column at all."""

    pair: np.ndarray  # int64, index into cands.pairs
    slot: np.ndarray
    sme: np.ndarray
    buyer: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, cands: Candidates) -> "Columns":
        counts = np.fromiter((len(p.slots) for p in cands.pairs), dtype=np.int64, count=len(cands.pairs))
        pair = np.repeat(np.arange(len(cands.pairs), dtype=np.int64), counts)
        slot = np.fromiter((s for p in cands.pairs for s in p.slots), dtype=np.int64, count=int(counts.sum()))

        def per_pair(values: list[int]) -> np.ndarray:
            return np.repeat(np.asarray(values, dtype=np.int64), counts)

        return cls(
            pair=pair,
            slot=slot,
            sme=per_pair([p.sme for p in cands.pairs]),
            buyer=per_pair([p.buyer for p in cands.pairs]),
            weight=per_pair([p.weight for p in cands.pairs]),
        )

    def __len__(self) -> int:
        return len(self.pair)

    def locate(self, pairs: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """The column of each (pair, slot); every one must exist."""
        # Columns are sorted by pair, then slot, so (pair, slot) keys increase with the column.
        width = int(self.slot.max(initial=0)) + 1
        located: np.ndarray = np.searchsorted(self.pair * width + self.slot, pairs * width + slots)
        return located


@dataclass(frozen=True)
class LinearModel:
    """maximise cost . v  s.t.  a v <= rhs,  lower <= v <= upper; ``v[:n_x]`` are the x columns."""

    n_x: int
    cost: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    integer: np.ndarray  # bool per column
    a: csc_matrix
    rhs: np.ndarray
    helpers: tuple[tuple[np.ndarray, Callable[[np.ndarray], np.ndarray]], ...] = ()

    def complete(self, x: np.ndarray) -> np.ndarray:
        """The full column vector for 0/1 values ``x`` of the x columns: each helper column
        at the best value those x allow."""
        v = np.zeros(len(self.cost))
        v[: self.n_x] = x
        for columns, value_of in self.helpers:
            v[columns] = value_of(x)
        return v

    def restrict(self, keep: np.ndarray) -> "LinearModel":
        """The same model over the columns where ``keep`` is True (the others fixed at 0)."""
        return LinearModel(
            n_x=int(keep[: self.n_x].sum()),
            cost=self.cost[keep],
            lower=self.lower[keep],
            upper=self.upper[keep],
            integer=self.integer[keep],
            a=self.a[:, np.flatnonzero(keep)].tocsc(),
            rhs=self.rhs,
        )  # helpers are not carried over: ``complete`` is used on the full model only

    def feasible(self, v: np.ndarray) -> bool:
        return bool(np.all(self.a @ v <= self.rhs + 1e-6) and np.all(v >= self.lower - 1e-6)
                    and np.all(v <= self.upper + 1e-6))


class ModelBuilder:
    """Collects columns and ``<=`` row blocks from the rules, then builds a ``LinearModel``."""

    def __init__(self, cols: Columns) -> None:
        self.cols = cols
        n = len(cols)
        self.n_x = n
        self.cost = np.zeros(n)
        self.lower = np.zeros(n)
        self.upper = np.ones(n)
        self.integer = np.ones(n, dtype=bool)
        self._rows: list[np.ndarray] = []
        self._cols: list[np.ndarray] = []
        self._vals: list[np.ndarray] = []
        self._rhs: list[np.ndarray] = []
        self._n_rows = 0
        self._helpers: list[tuple[np.ndarray, Callable[[np.ndarray], np.ndarray]]] = []

    def add_columns(self, n: int, *, upper: float, integer: bool) -> np.ndarray:
        """``n`` helper columns (cost 0, lower 0); returns their indices."""
        start = len(self.cost)
        self.cost = np.concatenate([self.cost, np.zeros(n)])
        self.lower = np.concatenate([self.lower, np.zeros(n)])
        self.upper = np.concatenate([self.upper, np.full(n, upper)])
        self.integer = np.concatenate([self.integer, np.full(n, integer)])
        return np.arange(start, start + n)

    def add_helper_values(self, columns: np.ndarray, value_of: Callable[[np.ndarray], np.ndarray]) -> None:
        """How to set helper ``columns`` best for given 0/1 x values (see ``LinearModel.complete``)."""
        self._helpers.append((columns, value_of))

    def add_rows(self, row: np.ndarray, col: np.ndarray, val: np.ndarray, rhs: np.ndarray) -> None:
        """Rows ``sum(val[k] * v[col[k]] for k with row[k] == r) <= rhs[r]`` (``row`` is 0-based)."""
        self._rows.append(row + self._n_rows)
        self._cols.append(col)
        self._vals.append(val.astype(float))
        self._rhs.append(rhs.astype(float))
        self._n_rows += len(rhs)

    def add_grouped(self, key: np.ndarray, rhs_of_key: np.ndarray | float) -> None:
        """For each distinct ``key`` value: the x columns carrying it sum to at most its rhs.

        ``rhs_of_key`` is a scalar or an array aligned with the columns (equal within a key).
        """
        _, first, row, count = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
        rhs = np.broadcast_to(np.asarray(rhs_of_key, dtype=float), key.shape)[first]
        # A row over no more binaries than its rhs always holds: leave it out (a smaller LP).
        binding = count > rhs
        new_row = np.cumsum(binding) - 1
        entries = binding[row]
        columns = np.flatnonzero(entries)
        self.add_rows(new_row[row[entries]], columns, np.ones(len(columns)), rhs[binding])

    def build(self) -> LinearModel:
        n_cols = len(self.cost)
        if self._rows:
            row, col, val = (np.concatenate(parts) for parts in (self._rows, self._cols, self._vals))
            rhs = np.concatenate(self._rhs)
        else:
            row = col = np.zeros(0, dtype=np.int64)
            val = rhs = np.zeros(0)
        a = coo_matrix((val, (row, col)), shape=(self._n_rows, n_cols)).tocsc()
        return LinearModel(
            self.n_x, self.cost, self.lower, self.upper, self.integer, a, rhs, tuple(self._helpers)
        )


class Rule(Protocol):
    """A constraint or an objective: it adds its columns, rows, bounds or costs to the model."""

    def add_to(self, b: "ModelBuilder") -> None: ...


def build(cols: Columns, rules: list[Rule]) -> LinearModel:
    """The model made of ``rules`` over ``cols``."""
    builder = ModelBuilder(cols)
    for rule in rules:
        rule.add_to(builder)
    return builder.build()


class PairMeetsAtMostOnce:
    """An SME-buyer pair meets at most once: for each pair p, sum over s of x[p, s] <= 1.

    Duplicate requests for one pair were merged by ``candidates`` at their highest weight.
    """

    def add_to(self, b: ModelBuilder) -> None:
        b.add_grouped(b.cols.pair, 1.0)


class SmeOneMeetingPerSlot:
    """An SME is in at most one meeting per slot: for each SME i and slot s, sum x <= 1."""

    def add_to(self, b: ModelBuilder) -> None:
        slots = int(b.cols.slot.max(initial=0)) + 1
        b.add_grouped(b.cols.sme * slots + b.cols.slot, 1.0)


class BuyerTablesPerSlot:
    """A buyer holds at most ``tables`` meetings per slot (one per table): for each buyer b
    and slot s, sum x <= tables(b). Exact without indexing tables: they are interchangeable."""

    def __init__(self, tables: np.ndarray) -> None:
        self.tables = tables  # per buyer index

    def add_to(self, b: ModelBuilder) -> None:
        slots = int(b.cols.slot.max(initial=0)) + 1
        b.add_grouped(b.cols.buyer * slots + b.cols.slot, self.tables[b.cols.buyer])


class AtLeastSmesMet:
    """At least ``count`` SMEs have a meeting (``everyone_meets``).

    A helper column met[i] in [0, 1] per SME with met[i] <= sum of the SME's x, and
    sum of met >= count. met may stay continuous: with integral x it cannot exceed 1 where
    the SME has a meeting and is forced to 0 where it has none.
    """

    def __init__(self, count: int) -> None:
        self.count = count

    def add_to(self, b: ModelBuilder) -> None:
        smes, x_to_sme = np.unique(b.cols.sme, return_inverse=True)
        met = b.add_columns(len(smes), upper=1.0, integer=False)
        # met[i] - sum x[i, .] <= 0
        row = np.concatenate([np.arange(len(smes)), x_to_sme])
        col = np.concatenate([met, np.arange(b.n_x)])
        val = np.concatenate([np.ones(len(smes)), -np.ones(b.n_x)])
        b.add_rows(row, col, val, np.zeros(len(smes)))
        # -sum met <= -count
        b.add_rows(np.zeros(len(smes), dtype=np.int64), met, -np.ones(len(smes)), np.array([-self.count]))
        b.add_helper_values(
            met, lambda x: np.minimum(1.0, np.bincount(x_to_sme, weights=x, minlength=len(smes)))
        )


class KeepMeetings:
    """The given x columns are fixed at 1 (``reschedule(mode="freeze")``)."""

    def __init__(self, columns: list[int]) -> None:
        self.columns = columns

    def add_to(self, b: ModelBuilder) -> None:
        b.lower[self.columns] = 1.0


class MaximiseWeight:
    """Objective: the total weight of the meetings held."""

    def add_to(self, b: ModelBuilder) -> None:
        b.cost[: b.n_x] = b.cols.weight


class MaximiseWeightThenKept:
    """Objective, lexicographic: the total weight first, then the number of ``kept`` columns
    (published meetings left where they were). ``scale`` exceeds the most that can be kept,
    so one unit of weight outweighs keeping every published meeting."""

    def __init__(self, kept: list[int]) -> None:
        self.kept = kept
        self.scale = len(kept) + 1

    def add_to(self, b: ModelBuilder) -> None:
        b.cost[: b.n_x] = b.cols.weight * self.scale
        b.cost[self.kept] += 1.0


def hard_rules(cands: Candidates) -> list[Rule]:
    """The rules every schedule keeps (availability is in ``Columns``)."""
    tables = np.asarray([b.tables for b in cands.instance.buyers], dtype=np.int64)
    return [PairMeetsAtMostOnce(), SmeOneMeetingPerSlot(), BuyerTablesPerSlot(tables)]
