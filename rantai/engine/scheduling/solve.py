"""``solve``: the exact schedule, or the best found within the time limit, with its bound."""
import math
import time

from .board import Board
from .bounds import capacity_bound
from .candidates import Candidates, candidates
from .everyone import most_smes_met
from .greedy import fill, pair_order
from .model import AtLeastSmesMet, Columns, MaximiseWeight, Rule, hard_rules
from .optimise import optimise
from .tables import number_tables
from .types import Instance, Schedule


def solve(instance: Instance, *, time_limit_s: float = 10.0, everyone_meets: bool = False) -> Schedule:
    """A schedule of maximum total weight and a proven upper bound on that weight.

    Hard rules: everyone's availability; an SME in at most one meeting per slot; a buyer in
    at most ``tables`` meetings per slot, at tables 0..tables-1; a pair meets at most once,
    duplicate requests counting once at their highest weight. Weight 3 is only a weight.

    ``everyone_meets=True`` first maximises the number of SMEs with at least one meeting
    (proven by a maximum flow, reported as ``smes_met_bound``), then the weight among
    schedules meeting that many; ``bound`` then bounds the weight under that condition.

    ``time_limit_s`` bounds the whole call, model building included; when it cuts the
    search short the schedule is still valid, ``status`` is "feasible" and ``gap`` > 0.
    Raises ValueError for an inconsistent instance (see ``candidates``).
    """
    started = time.perf_counter()
    cands = candidates(instance)
    cols = Columns.of(cands)
    rules: list[Rule] = [*hard_rules(cands), MaximiseWeight()]
    start = Board(cands)
    smes_met_bound = None
    if everyone_meets:
        smes_met_bound, start = most_smes_met(cands, cols)
        rules.append(AtLeastSmesMet(smes_met_bound))
    deadline = started + time_limit_s
    fill(start, pair_order(cands, "priority"), deadline)
    out = optimise(cols, rules, cands, start, deadline, capacity_bound(cands))
    return schedule_of(cands, out.placed, out.bound, started, smes_met_bound=smes_met_bound)


def schedule_of(
    cands: Candidates,
    placed: dict[int, int],
    bound: float,
    started: float,
    *,
    preferred_tables: dict[int, int] | None = None,
    moved: int = 0,
    smes_met_bound: int | None = None,
    proven: bool | None = None,
) -> Schedule:
    """The ``Schedule`` for ``placed`` (pair -> slot) with a proven weight ``bound``;
    ``proven`` (default: weight reaches bound) says whether it is optimal."""
    weight = float(sum(cands.pairs[p].weight for p in placed))
    if proven is None:
        proven = weight >= bound
    return Schedule(
        meetings=number_tables(cands, placed, preferred_tables),
        objective=weight,
        bound=None if math.isinf(bound) else float(bound),
        moved=moved,
        status="optimal" if proven else "feasible",
        smes_met_bound=smes_met_bound,
        wall_time_s=time.perf_counter() - started,
    )
