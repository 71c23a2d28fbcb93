"""Running HiGHS on a ``LinearModel``: the LP relaxation and the MIP, each by a deadline."""
import time
from dataclasses import dataclass

import highspy
import numpy as np

from .model import LinearModel

THREADS = 2  # the forum machines have two cores; HiGHS keeps one thread pool per process


@dataclass(frozen=True)
class HighsResult:
    """``x``: the column values (None when HiGHS has none); ``row_dual``: the LP duals in the
    sign convention of a maximisation with ``<=`` rows (>= 0), None for a MIP or when HiGHS
    has none; ``bound``: the MIP dual bound (None for an LP); ``finished``: proven optimal."""

    x: np.ndarray | None
    row_dual: np.ndarray | None
    bound: float | None
    finished: bool


def solve_lp(model: LinearModel, deadline: float) -> HighsResult:
    """The LP relaxation by dual simplex, whose optimal vertices are integral on forum-shaped
    instances: the rows are close to a network."""
    h = _highs(model, integer=False)
    h.setOptionValue("solver", "simplex")
    # Presolve cannot be interrupted and removes little here (we drop redundant rows).
    h.setOptionValue("presolve", "off")
    _run(h, deadline)
    sol = h.getSolution()
    dual = np.maximum(np.asarray(sol.row_dual), 0.0) if sol.dual_valid else None
    return HighsResult(
        x=np.asarray(sol.col_value) if sol.value_valid else None,
        row_dual=dual,
        bound=None,
        finished=h.getModelStatus() == highspy.HighsModelStatus.kOptimal,
    )


def solve_mip(model: LinearModel, deadline: float, start: np.ndarray | None) -> HighsResult:
    """The MIP, started from the feasible ``start`` when given."""
    h = _highs(model, integer=True)
    h.setOptionValue("mip_rel_gap", 0.0)
    if start is not None:
        h.setSolution(len(start), np.arange(len(start), dtype=np.int32), start.astype(np.float64))
    _run(h, deadline)
    sol = h.getSolution()
    return HighsResult(
        x=np.asarray(sol.col_value) if sol.value_valid else None,
        row_dual=None,
        bound=float(h.getInfo().mip_dual_bound),
        finished=h.getModelStatus() == highspy.HighsModelStatus.kOptimal,
    )


def _run(h: highspy.Highs, deadline: float) -> None:
    """Run until optimal or ``deadline``: HiGHS's own time limit is checked too seldom on
    large models, so an interrupt callback checks the clock as well."""
    h.setOptionValue("time_limit", max(deadline - time.perf_counter(), 1e-3))

    def stop_at_deadline(event: highspy.HighsCallbackEvent) -> None:
        if time.perf_counter() >= deadline:
            event.interrupt()

    h.cbSimplexInterrupt.subscribe(stop_at_deadline)
    h.cbMipInterrupt.subscribe(stop_at_deadline)
    h.run()


def _highs(model: LinearModel, *, integer: bool) -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", THREADS)
    lp = highspy.HighsLp()
    lp.num_col_ = len(model.cost)
    lp.num_row_ = len(model.rhs)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = model.cost
    lp.col_lower_ = model.lower
    lp.col_upper_ = model.upper
    lp.row_lower_ = np.full(len(model.rhs), -highspy.kHighsInf)
    lp.row_upper_ = model.rhs
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = model.a.indptr
    lp.a_matrix_.index_ = model.a.indices
    lp.a_matrix_.value_ = model.a.data
    if integer:
        kinds = (highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger)
        lp.integrality_ = [kinds[int(i)] for i in model.integer]
    h.passModel(lp)
    return h
