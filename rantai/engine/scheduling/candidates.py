"""From an instance to the pairs that can meet: the common ground of the solver and greedy.

The validator does not use this module, so a mistake here cannot hide from it.
"""
from dataclasses import dataclass

from .types import Instance


@dataclass(frozen=True, slots=True)
class Pair:
    """One SME-buyer pair that may meet: deduplicated requests, at their highest weight."""

    sme: int  # index into instance.smes
    buyer: int  # index into instance.buyers
    weight: int
    slots: tuple[int, ...]  # ascending: both are available and the buyer has a table
    arrival: int  # position of the pair's first request in instance.requests


@dataclass(frozen=True, slots=True)
class Candidates:
    """The pairs of an instance that have at least one common slot, in arrival order."""

    instance: Instance
    pairs: tuple[Pair, ...]
    sme_index: dict[str, int]
    buyer_index: dict[str, int]

    def pair_of(self) -> dict[tuple[str, str], int]:
        """(sme_id, buyer_id) -> index into ``pairs``."""
        smes, buyers = self.instance.smes, self.instance.buyers
        return {(smes[p.sme].id, buyers[p.buyer].id): i for i, p in enumerate(self.pairs)}


def candidates(instance: Instance) -> Candidates:
    """The schedulable pairs of ``instance``.

    Raises ValueError for a negative slot count, table count or weight, a repeated buyer
    or SME id, or a request naming an unknown buyer or SME. Requests for a pair that can
    never meet (no common slot, or a buyer with no tables) are left out.
    """
    if instance.slots < 0:
        raise ValueError(f"slots must be >= 0, got {instance.slots}")
    sme_index = _index("SME", [s.id for s in instance.smes])
    buyer_index = _index("buyer", [b.id for b in instance.buyers])
    every = frozenset(range(instance.slots))
    sme_slots = [_within(s.available_slots, every) for s in instance.smes]
    buyer_slots = []
    for buyer in instance.buyers:
        if buyer.tables < 0:
            raise ValueError(f"buyer {buyer.id}: tables must be >= 0, got {buyer.tables}")
        buyer_slots.append(_within(buyer.available_slots, every) if buyer.tables > 0 else frozenset())

    weight: dict[tuple[int, int], int] = {}
    arrival: dict[tuple[int, int], int] = {}
    for position, r in enumerate(instance.requests):
        if r.weight < 0:
            raise ValueError(f"request {position} ({r.sme_id} -> {r.buyer_id}): weight must be >= 0")
        try:
            key = (sme_index[r.sme_id], buyer_index[r.buyer_id])
        except KeyError as missing:
            raise ValueError(f"request {position} names an unknown SME or buyer: {missing}") from None
        if key not in weight:
            arrival[key] = position
        weight[key] = max(weight.get(key, r.weight), r.weight)

    pairs = []
    for key, first in sorted(arrival.items(), key=lambda item: item[1]):
        s, b = key
        common = sme_slots[s] & buyer_slots[b]
        if common:
            pairs.append(Pair(sme=s, buyer=b, weight=weight[key], slots=tuple(sorted(common)), arrival=first))
    return Candidates(instance, tuple(pairs), sme_index, buyer_index)


def _index(kind: str, ids: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, id_ in enumerate(ids):
        if id_ in index:
            raise ValueError(f"{kind} id {id_!r} appears twice")
        index[id_] = i
    return index


def _within(available: frozenset[int] | None, every: frozenset[int]) -> frozenset[int]:
    return every if available is None else available & every
