"""Random forum instances shaped like the real partnership forums (benchmarks and tests).

``scale=1`` is a provincial forum: 750 SMEs, 17 buyers with 2-10 tables, one day of 16
slots. ``scale=10`` is the national forum: 7,500 SMEs, 170 buyers, 32 slots over two days.
Each SME asks for 1-8 buyers drawn by Zipf-like popularity, so a few buyers are heavily
oversubscribed while others have free tables; 40% of SMEs and 30% of buyers come only for
a window of the day; weights are 1 (55%), 2 (30%) or 3 "must meet" (15%); about 2% of
requests are repeated (a double click, a second form) with a different weight.
"""
import random
from dataclasses import replace

from .types import Buyer, Instance, MeetingRequest, Sme

SLOTS_PER_DAY = 16


def forum_instance(seed: int, *, scale: int = 1) -> Instance:
    """A reproducible forum instance; the same ``seed`` and ``scale`` give the same instance."""
    rng = random.Random(seed * 1_000_003 + scale)
    days = 2 if scale >= 10 else 1
    slots = SLOTS_PER_DAY * days
    buyers = tuple(
        Buyer(
            id=f"B{b:03d}",
            tables=rng.randint(2, 10),
            available_slots=_window(rng, days, 8, 12) if rng.random() < 0.30 else None,
        )
        for b in range(17 * scale)
    )
    smes = tuple(
        Sme(id=f"S{s:05d}", available_slots=_window(rng, days, 4, 12) if rng.random() < 0.40 else None)
        for s in range(750 * scale)
    )
    # Zipf-like popularity over a random ranking of the buyers.
    ranking = list(range(len(buyers)))
    rng.shuffle(ranking)
    popularity = [0.0] * len(buyers)
    for rank, b in enumerate(ranking):
        popularity[b] = 1.0 / (rank + 1)
    requests: list[MeetingRequest] = []
    for sme in smes:
        wanted = _weighted_sample(rng, popularity, rng.randint(1, min(8, len(buyers))))
        for b in wanted:
            requests.append(MeetingRequest(sme.id, buyers[b].id, _weight(rng)))
    repeats = [MeetingRequest(r.sme_id, r.buyer_id, _weight(rng)) for r in requests if rng.random() < 0.02]
    requests.extend(repeats)
    rng.shuffle(requests)  # arrival order
    return Instance(slots=slots, buyers=buyers, smes=smes, requests=tuple(requests))


def _window(rng: random.Random, days: int, shortest: int, longest: int) -> frozenset[int]:
    """A contiguous window of ``shortest``..``longest`` slots inside one day."""
    day = rng.randrange(days)
    length = rng.randint(shortest, longest)
    start = rng.randint(0, SLOTS_PER_DAY - length)
    first = day * SLOTS_PER_DAY + start
    return frozenset(range(first, first + length))


def _weighted_sample(rng: random.Random, weights: list[float], k: int) -> list[int]:
    """``k`` distinct indices drawn with probability proportional to ``weights``."""
    # Efraimidis-Spirakis: the k largest u ** (1 / w) are a weighted sample without replacement.
    keys = sorted(((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)), reverse=True)
    return [i for _, i in keys[:k]]


def _weight(rng: random.Random) -> int:
    u = rng.random()
    return 1 if u < 0.55 else 2 if u < 0.85 else 3


def cancel(instance: Instance, share: float, *, seed: int) -> Instance:
    """``instance`` after a random ``share`` of the SMEs withdraw, with their requests."""
    rng = random.Random(seed)
    gone = {s.id for s in rng.sample(instance.smes, round(share * len(instance.smes)))}
    return replace(
        instance,
        smes=tuple(s for s in instance.smes if s.id not in gone),
        requests=tuple(r for r in instance.requests if r.sme_id not in gone),
    )
