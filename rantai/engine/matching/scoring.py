"""A need as weighted index keys, and the scalar scoring of one document against it."""
import numpy as np


class Scoring:
    """A need as index keys: single keys add up; in a group only the best key counts."""

    def __init__(self) -> None:
        self.single: dict[int, float] = {}
        self.groups: list[dict[int, float]] = []
        self.keys: set[int] = set()
        self.bigrams: dict[tuple[int, int], float] = {}  # adjacent need words, by stem id

    def add_group(self, best: dict[int, float]) -> None:
        if len(best) == 1:
            tid, value = next(iter(best.items()))
            self.single[tid] = self.single.get(tid, 0.0) + value
        elif best:
            self.groups.append(best)
        self.keys.update(best)

    def score(self, weights: dict[int, float]) -> float:
        """The score of one document given its key weights (the scalar twin of ``candidates.exact``)."""
        def part(tid: int, m: float) -> float:
            return float(np.float32(weights[tid]) * np.float32(m))  # as the postings scan multiplies

        total = sum(part(t, m) for t, m in self.single.items() if t in weights)
        for group in self.groups:
            total += max((part(t, m) for t, m in group.items() if t in weights), default=0.0)
        return total
