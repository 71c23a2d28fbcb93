"""Re-scheduling after late cancellations or new requests, disturbing published meetings little."""
import math
import time
from typing import Literal

import numpy as np

from .board import Board
from .bounds import capacity_bound
from .candidates import Candidates, candidates
from .greedy import fill, pair_order
from .model import Columns, KeepMeetings, MaximiseWeight, MaximiseWeightThenKept, Rule, hard_rules
from .optimise import optimise
from .solve import schedule_of
from .types import Instance, Schedule

Mode = Literal["min_moves", "freeze"]


def reschedule(
    instance: Instance, published: Schedule, *, mode: Mode = "min_moves", time_limit_s: float = 10.0
) -> Schedule:
    """A new schedule for the changed ``instance``, starting from the ``published`` one.

    A published meeting is *still possible* when its SME and buyer are still there, the
    request still stands, both are still available in its slot and its table still exists
    (if the published schedule itself clashed, the earlier of two clashing meetings wins).

    ``mode="min_moves"``: the best total weight and, among such schedules, the fewest still
    possible meetings moved. ``mode="freeze"``: every still possible meeting stays where it
    is; only the freed places are filled (``bound`` then bounds the weight under that rule).

    ``moved`` counts still possible published meetings that the new schedule does not keep
    at the same slot and table (moved elsewhere or dropped); meetings that are no longer
    possible are gone, not moved. ``time_limit_s`` bounds the whole call.
    """
    if mode not in ("min_moves", "freeze"):
        raise ValueError(f"unknown mode {mode!r}: use 'min_moves' or 'freeze'")
    started = time.perf_counter()
    cands = candidates(instance)
    cols = Columns.of(cands)
    kept, tables = still_possible(cands, published)
    pairs = np.fromiter(kept.placed.keys(), np.int64, count=len(kept.placed))
    slots = np.fromiter(kept.placed.values(), np.int64, count=len(kept.placed))
    kept_cols = [int(j) for j in cols.locate(pairs, slots)]
    bound = capacity_bound(cands)
    objective: Rule
    if mode == "freeze":
        objective = MaximiseWeight()
        rules = [*hard_rules(cands), KeepMeetings(kept_cols), objective]
    else:
        objective = MaximiseWeightThenKept(kept_cols)
        rules = [*hard_rules(cands), objective]
        bound = bound * objective.scale + len(kept_cols)
    deadline = started + time_limit_s
    start = fill(kept.copy(), pair_order(cands, "priority"), deadline)
    out = optimise(cols, rules, cands, start, deadline, bound)
    moved = sum(1 for pair, slot in kept.placed.items() if out.placed.get(pair) != slot)
    weight = sum(cands.pairs[p].weight for p in out.placed)
    weight_bound, value = out.bound, float(weight)
    if isinstance(objective, MaximiseWeightThenKept):
        value = weight * objective.scale + len(kept_cols) - moved
        if not math.isinf(out.bound):
            weight_bound = math.floor(out.bound / objective.scale)  # keeping adds less than one scale
    return schedule_of(
        cands, out.placed, weight_bound, started,
        preferred_tables=tables, moved=moved, proven=value >= out.bound,
    )


def still_possible(cands: Candidates, published: Schedule) -> tuple[Board, dict[int, int]]:
    """The published meetings that can stay as they are: a board holding them (pair ->
    slot) and their tables (pair -> table)."""
    pair_of = cands.pair_of()
    board = Board(cands)
    tables: dict[int, int] = {}
    taken: set[tuple[str, int, int]] = set()
    for m in published.meetings:
        pair = pair_of.get((m.sme_id, m.buyer_id))
        if pair is None or m.slot not in cands.pairs[pair].slots:
            continue
        buyer = cands.instance.buyers[cands.pairs[pair].buyer]
        table_free = 0 <= m.table < buyer.tables and (m.buyer_id, m.slot, m.table) not in taken
        if table_free and board.fits(pair, m.slot):
            board.place(pair, m.slot)
            tables[pair] = m.table
            taken.add((m.buyer_id, m.slot, m.table))
    return board, tables

