"""A quick upper bound on the total weight, for when the solver has no time to prove one."""
from collections import defaultdict
from collections.abc import Callable

from .candidates import Candidates, Pair


def capacity_bound(cands: Candidates) -> int:
    """Each buyer holds at most tables x (slots its pairs can use) meetings, and each SME at
    most one per slot its pairs can use; the heaviest that many pairs of each buyer (or each
    SME) therefore bound the total weight. The smaller of the two sums is returned."""
    buyers = cands.instance.buyers
    return min(
        _top_weights(cands, key=lambda p: p.buyer, capacity=lambda b, slots: buyers[b].tables * slots),
        _top_weights(cands, key=lambda p: p.sme, capacity=lambda _, slots: slots),
    )


def _top_weights(cands: Candidates, key: Callable[[Pair], int], capacity: Callable[[int, int], int]) -> int:
    weights: dict[int, list[int]] = defaultdict(list)
    slots: dict[int, set[int]] = defaultdict(set)
    for p in cands.pairs:
        weights[key(p)].append(p.weight)
        slots[key(p)].update(p.slots)
    return sum(sum(sorted(w, reverse=True)[: capacity(k, len(slots[k]))]) for k, w in weights.items())
