"""Numbering tables: the solver decides (pair, slot); tables of one buyer are interchangeable."""
from collections import defaultdict

from .candidates import Candidates
from .types import Meeting


def number_tables(
    cands: Candidates, placed: dict[int, int], preferred: dict[int, int] | None = None
) -> list[Meeting]:
    """Meetings for ``placed`` (pair -> slot), each buyer's meetings in a slot at distinct tables.

    ``preferred`` (pair -> table) keeps a meeting at its earlier table when that table is in
    range and still free, so a rescheduled meeting that stays in its slot stays at its table.
    The caller guarantees at most ``tables`` meetings per buyer and slot. Sorted by slot,
    buyer, table.
    """
    preferred = preferred or {}
    smes, buyers = cands.instance.smes, cands.instance.buyers
    by_buyer_slot: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pair, slot in placed.items():
        by_buyer_slot[(cands.pairs[pair].buyer, slot)].append(pair)
    meetings = []
    for (buyer, slot), pairs in by_buyer_slot.items():
        tables = buyers[buyer].tables
        table_of: dict[int, int] = {}
        taken: set[int] = set()
        for pair in pairs:
            want = preferred.get(pair)
            if want is not None and 0 <= want < tables and want not in taken:
                table_of[pair] = want
                taken.add(want)
        free = (t for t in range(tables) if t not in taken)
        for pair in sorted(pairs, key=lambda q: smes[cands.pairs[q].sme].id):
            if pair not in table_of:
                table_of[pair] = next(free)
        for pair, table in table_of.items():
            meetings.append(Meeting(smes[cands.pairs[pair].sme].id, buyers[buyer].id, slot, table))
    meetings.sort(key=lambda m: (m.slot, m.buyer_id, m.table))
    return meetings
