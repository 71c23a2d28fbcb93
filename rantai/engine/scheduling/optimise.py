"""From rules to the best schedule found and a proven bound, within a deadline.

1. The LP relaxation (dual simplex). Any dual vector y >= 0 proves the upper bound
   y.rhs + sum_j max(rc_j * lower_j, rc_j * upper_j) with rc = cost - A'y, whatever the
   solver's tolerances; the objective is integral, so the bound is rounded down.
2. The LP vertex, or a rounding of it, is usually optimal already on forum instances.
   When it is not, a MIP over the LP solution's support (the columns it uses, a few
   percent of all) usually finds a schedule worth the LP bound.
3. Otherwise a MIP over the "core": a schedule using column j is worth at most
   (the LP bound before rounding) + rc_j, so a column with rc_j < best + 1 - that cannot
   be in any schedule better than the best one known; it is left out and the MIP over the
   rest is still exact.
"""
import math
import time
from dataclasses import dataclass

import numpy as np

from .board import Board
from .candidates import Candidates
from .greedy import fill, pair_order
from .highs import solve_lp, solve_mip
from .model import Columns, LinearModel, Rule, build

CORE_LIMIT = 150_000  # MIP columns; beyond this HiGHS presolve alone can outlast the deadline


@dataclass(frozen=True)
class Outcome:
    """``placed``: pair -> slot; ``bound``: a proven upper bound on the model's objective."""

    placed: dict[int, int]
    bound: float


class _Best:
    """The best full column vector found so far."""

    def __init__(self, model: LinearModel, v: np.ndarray) -> None:
        self.model, self.v, self.value = model, v, float(model.cost @ v)

    def offer(self, x: np.ndarray | None) -> None:
        if x is None:
            return
        v = self.model.complete(x)
        if self.model.feasible(v) and self.model.cost @ v > self.value:
            self.v, self.value = v, float(self.model.cost @ v)


def optimise(
    cols: Columns, rules: list[Rule], cands: Candidates, start: Board, deadline: float, bound: float
) -> Outcome:
    """The best schedule found before ``deadline`` (never worse than ``start``, which must
    keep every rule) with a proven upper bound on the rules' objective, at most ``bound``
    (an upper bound the caller knows already).

    The objective's costs must be integers on integer columns and zero on the others.
    """
    # Reading HiGHS's answer back into a schedule takes about half a microsecond per column,
    # and HiGHS cannot be interrupted while it loads a model and sets up the simplex (about
    # 1.5 us per column): keep that much time in hand so the call ends by the deadline.
    reserve = 0.02 + 5e-7 * len(cols)
    setup = 1.5e-6 * len(cols)
    if time.perf_counter() + reserve + setup >= deadline:  # no time to build and solve a model
        return Outcome(placed=dict(start.placed), bound=bound)
    model = build(cols, rules)
    best = _Best(model, model.complete(_x_of(start, cols)))
    bound = min(bound, float(np.sum(np.maximum(model.cost * model.lower, model.cost * model.upper))))
    if model.n_x == 0 or best.value >= bound or time.perf_counter() + reserve + setup >= deadline:
        return _outcome(best.v, cols, bound)

    lp = solve_lp(model, deadline - reserve)
    if lp.row_dual is None:
        return _outcome(best.v, cols, bound)
    rc = model.cost - model.a.T @ lp.row_dual
    proven = float(lp.row_dual @ model.rhs + np.sum(np.maximum(rc * model.lower, rc * model.upper)))
    bound = min(bound, math.floor(proven + 1e-6))
    if not lp.finished or lp.x is None:
        return _outcome(best.v, cols, bound)
    best.offer(_integral(lp.x[: model.n_x]))
    if best.value < bound:
        best.offer(_rounded(lp.x[: model.n_x], cols, cands))
    if best.value < bound and time.perf_counter() + reserve + setup < deadline:
        _mip_over(model, lp.x > 1e-6, best, deadline - reserve)  # the LP's support
    if best.value >= bound or time.perf_counter() + reserve + setup >= deadline:
        return _outcome(best.v, cols, bound)

    # The unrounded LP bound, not ``bound``: a left-out column must be provably useless.
    core = rc >= best.value + 1 - proven - 1e-6
    if core.sum() > CORE_LIMIT:
        return _outcome(best.v, cols, bound)
    mip_bound = _mip_over(model, core, best, deadline - reserve)
    if math.isfinite(mip_bound):
        # A schedule using a left-out column is worth at most best.value (see above).
        bound = min(bound, max(math.floor(mip_bound + 1e-6), best.value))
    return _outcome(best.v, cols, bound)


def _mip_over(model: LinearModel, columns: np.ndarray, best: _Best, deadline: float) -> float:
    """Offers ``best`` the MIP's answer over ``columns`` (the others at 0), helper columns,
    the best schedule's and the fixed ones included; returns the MIP's dual bound (for the
    restricted model) or inf."""
    keep = columns | ~model.integer | (best.v > 0.5) | (model.lower > 0)
    mip = solve_mip(model.restrict(keep), deadline, best.v[keep])
    if mip.x is not None:
        v = np.zeros(len(model.cost))
        v[keep] = mip.x
        best.offer(np.round(v[: model.n_x]))
    return math.inf if mip.bound is None else mip.bound


def _x_of(board: Board, cols: Columns) -> np.ndarray:
    x = np.zeros(len(cols))
    pairs = np.fromiter(board.placed.keys(), dtype=np.int64, count=len(board.placed))
    slots = np.fromiter(board.placed.values(), dtype=np.int64, count=len(board.placed))
    x[cols.locate(pairs, slots)] = 1.0
    return x


def _integral(x: np.ndarray) -> np.ndarray | None:
    rounded = np.round(x)
    return rounded if np.all(np.abs(x - rounded) < 1e-6) else None


def _rounded(x: np.ndarray, cols: Columns, cands: Candidates) -> np.ndarray:
    """The LP solution rounded: columns by decreasing LP value while they fit, then the
    priority greedy. Columns fixed at 1 have LP value 1, so they are placed first."""
    board = Board(cands)
    for j in np.argsort(-x, kind="stable"):
        if x[j] <= 1e-6:
            break
        pair, slot = int(cols.pair[j]), int(cols.slot[j])
        if board.fits(pair, slot):
            board.place(pair, slot)
    return _x_of(fill(board, pair_order(cands, "priority")), cols)


def _outcome(v: np.ndarray, cols: Columns, bound: float) -> Outcome:
    chosen = np.flatnonzero(v[: len(cols)] > 0.5)
    return Outcome(placed={int(cols.pair[j]): int(cols.slot[j]) for j in chosen}, bound=bound)
