"""Small builders and an independent brute force for the scheduler tests."""
from collections.abc import Iterator
from itertools import product

from rantai.engine.scheduling import Buyer, Instance, Meeting, MeetingRequest, Schedule, Sme, validate

Slots = frozenset[int] | None


def forum(
    slots: int,
    buyers: dict[str, int | tuple[int, Slots]],
    smes: dict[str, Slots],
    requests: list[tuple[str, str, int]],
) -> Instance:
    """An instance from plain data: buyers map id -> tables or (tables, available slots)."""
    return Instance(
        slots=slots,
        buyers=tuple(
            Buyer(b, *spec) if isinstance(spec, tuple) else Buyer(b, spec) for b, spec in buyers.items()
        ),
        smes=tuple(Sme(s, available) for s, available in smes.items()),
        requests=tuple(MeetingRequest(s, b, w) for s, b, w in requests),
    )


def assert_valid(instance: Instance, schedule: Schedule) -> None:
    assert validate(instance, schedule) == []


def all_schedules(instance: Instance) -> Iterator[list[Meeting]]:
    """Every valid schedule, by enumerating (slot, table) or nothing for each requested pair.

    Written from the rules, not from the solver's model.
    """
    smes = {s.id: s for s in instance.smes}
    buyers = {b.id: b for b in instance.buyers}
    pairs = sorted({(r.sme_id, r.buyer_id) for r in instance.requests})

    def options(sme_id: str, buyer_id: str) -> list[tuple[int, int] | None]:
        sme, buyer = smes[sme_id], buyers[buyer_id]
        found: list[tuple[int, int] | None] = [None]
        for slot, table in product(range(instance.slots), range(buyer.tables)):
            if all(a is None or slot in a for a in (sme.available_slots, buyer.available_slots)):
                found.append((slot, table))
        return found

    for choice in product(*(options(s, b) for s, b in pairs)):
        meetings = [Meeting(s, b, *at) for (s, b), at in zip(pairs, choice, strict=True) if at is not None]
        sme_slots = [(m.sme_id, m.slot) for m in meetings]
        tables = [(m.buyer_id, m.slot, m.table) for m in meetings]
        if len(set(sme_slots)) == len(sme_slots) and len(set(tables)) == len(tables):
            yield meetings


def weight_of(instance: Instance, meetings: list[Meeting]) -> int:
    best: dict[tuple[str, str], int] = {}
    for r in instance.requests:
        best[(r.sme_id, r.buyer_id)] = max(best.get((r.sme_id, r.buyer_id), r.weight), r.weight)
    return sum(best.get((m.sme_id, m.buyer_id), 0) for m in meetings)
