"""An independent check of a schedule against an instance.

It reads only the instance and the schedule, never the solver's model or helpers, so a
mistake in the model cannot hide here.
"""
from collections import Counter

from .types import Instance, Schedule


def validate(instance: Instance, schedule: Schedule) -> list[str]:
    """Every broken rule, one message each; an empty list means the schedule is valid.

    Checks: known SME and buyer; the pair was requested; slot in 0..slots-1 and available
    to both; table in 0..tables-1; one meeting per SME per slot; one meeting per (buyer,
    table, slot); a pair at most once; ``objective`` equal to the scheduled weight (each pair
    at its highest requested weight); ``bound`` not below ``objective``.
    """
    problems: list[str] = []
    smes = {s.id: s for s in instance.smes}
    buyers = {b.id: b for b in instance.buyers}
    weight: dict[tuple[str, str], int] = {}
    for r in instance.requests:
        weight[(r.sme_id, r.buyer_id)] = max(weight.get((r.sme_id, r.buyer_id), r.weight), r.weight)

    for m in schedule.meetings:
        where = f"{m.sme_id} -> {m.buyer_id} in slot {m.slot} at table {m.table}"
        sme, buyer = smes.get(m.sme_id), buyers.get(m.buyer_id)
        if sme is None or buyer is None:
            problems.append(f"{where}: unknown SME or buyer")
            continue
        if (m.sme_id, m.buyer_id) not in weight:
            problems.append(f"{where}: the SME did not ask for this buyer")
        if not 0 <= m.slot < instance.slots:
            problems.append(f"{where}: slot outside 0..{instance.slots - 1}")
        if sme.available_slots is not None and m.slot not in sme.available_slots:
            problems.append(f"{where}: the SME is not available")
        if buyer.available_slots is not None and m.slot not in buyer.available_slots:
            problems.append(f"{where}: the buyer is not available")
        if not 0 <= m.table < buyer.tables:
            problems.append(f"{where}: the buyer has tables 0..{buyer.tables - 1}")

    for (sme_id, slot), n in Counter((m.sme_id, m.slot) for m in schedule.meetings).items():
        if n > 1:
            problems.append(f"{sme_id} has {n} meetings in slot {slot}")
    at_table = Counter((m.buyer_id, m.table, m.slot) for m in schedule.meetings)
    for (buyer_id, table, slot), n in at_table.items():
        if n > 1:
            problems.append(f"{buyer_id} table {table} holds {n} meetings in slot {slot}")
    for (sme_id, buyer_id), n in Counter((m.sme_id, m.buyer_id) for m in schedule.meetings).items():
        if n > 1:
            problems.append(f"{sme_id} meets {buyer_id} {n} times")

    scheduled = sum(weight.get(pair, 0) for pair in {(m.sme_id, m.buyer_id) for m in schedule.meetings})
    if abs(schedule.objective - scheduled) > 1e-6:
        problems.append(f"objective {schedule.objective} but the meetings weigh {scheduled}")
    if schedule.bound is not None and schedule.bound < schedule.objective - 1e-6:
        problems.append(f"bound {schedule.bound} is below the objective {schedule.objective}")
    return problems
