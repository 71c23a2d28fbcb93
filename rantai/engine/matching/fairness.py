"""Inclusion-aware re-ranking: give micro, new and under-served-province SMEs a fair look.

With ``diversity`` = 0 the relevance order is returned unchanged and nothing is recorded.
Above 0, a greedy pass trades normalised relevance for an inclusion score and for a province not yet shown, so
the same few well-known suppliers do not take every first page. Exposure is amortised:
each re-ranked page is counted per supplier, and the less a supplier has been shown, the
more it is lifted next time (equity of attention over many searches, not within one). Hard filters are applied
before this step and are never relaxed by it.
"""
import numpy as np

from .weights import Weights

UNDERSERVED_RATIO = 0.5  # a province is under-served below half its population share


def underserved(counts: np.ndarray, population: dict[int, int]) -> np.ndarray:
    """Province flags: share of indexed SMEs below half the province's share of people."""
    flags = np.zeros(len(counts), dtype=bool)
    total_docs, total_people = counts.sum(), sum(population.values())
    if total_docs == 0 or total_people == 0:
        return flags
    for province, people in population.items():
        if 0 <= province < len(counts):
            flags[province] = counts[province] / total_docs < UNDERSERVED_RATIO * people / total_people
    return flags


def inclusion(micro: np.ndarray, new: np.ndarray, under: np.ndarray, shown: np.ndarray) -> np.ndarray:
    """Mean of the inclusion signals, in [0, 1]: micro, new, under-served province, and
    rarely shown so far (``shown`` = times in a re-ranked first page of this index)."""
    rare = 1.0 / (1.0 + shown.astype(np.float64))
    return (micro.astype(np.float64) + new + under + rare) / 4.0


def rerank(relevance: np.ndarray, include: np.ndarray, province: np.ndarray,
           diversity: float, k: int, w: Weights) -> list[int]:
    """Positions into the pool (given best first), the ``k`` to show in order."""
    if diversity <= 0 or len(relevance) <= 1:
        return list(range(min(k, len(relevance))))
    top = relevance.max()
    norm = relevance / top if top > 0 else np.ones_like(relevance)
    # a boost among comparable candidates spreads exposure; pulling weak ones up would
    # show the same generic profiles for every need
    comparable = norm >= w.fair_floor
    chosen: list[int] = []
    shown: set[int] = set()
    free = np.ones(len(relevance), dtype=bool)
    for _ in range(min(k, len(relevance))):
        fresh = np.array([p not in shown for p in province.tolist()], dtype=np.float64)
        fair = w.inclusion_share * include + (1 - w.inclusion_share) * fresh
        value = np.where(free, (1 - diversity) * norm + diversity * fair * comparable, -np.inf)
        best = int(np.argmax(value))  # argmax keeps the earlier (more relevant) on ties
        chosen.append(best)
        free[best] = False
        shown.add(int(province[best]))
    return chosen
