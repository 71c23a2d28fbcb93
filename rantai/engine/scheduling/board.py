"""Who is busy when: the occupancy the greedy heuristics and LP rounding fill in.

A board only ever accepts a meeting that keeps every hard rule (one meeting per SME per
slot, at most ``tables`` meetings per buyer per slot, each pair at most once); the slots a
pair may use already respect everyone's availability (see ``candidates``).
"""
from .candidates import Candidates


class Board:
    """Placed (pair, slot) assignments, checked against the hard rules as they are placed."""

    def __init__(self, cands: Candidates) -> None:
        self.cands = cands
        self.placed: dict[int, int] = {}  # pair index -> slot
        self._sme_busy: set[tuple[int, int]] = set()
        self._tables_used: dict[tuple[int, int], int] = {}

    def fits(self, pair: int, slot: int) -> bool:
        """True when ``pair`` may meet in ``slot`` given what is already placed."""
        p = self.cands.pairs[pair]
        tables = self.cands.instance.buyers[p.buyer].tables
        return (
            pair not in self.placed
            and (p.sme, slot) not in self._sme_busy
            and self._tables_used.get((p.buyer, slot), 0) < tables
        )

    def place(self, pair: int, slot: int) -> None:
        """Place a meeting; the caller has checked ``fits``."""
        p = self.cands.pairs[pair]
        self.placed[pair] = slot
        self._sme_busy.add((p.sme, slot))
        self._tables_used[(p.buyer, slot)] = self._tables_used.get((p.buyer, slot), 0) + 1

    def place_first_fit(self, pair: int) -> bool:
        """Place ``pair`` in its earliest slot that fits; False when none does."""
        for slot in self.cands.pairs[pair].slots:
            if self.fits(pair, slot):
                self.place(pair, slot)
                return True
        return False

    def copy(self) -> "Board":
        """An independent board with the same meetings placed."""
        board = Board(self.cands)
        board.placed = dict(self.placed)
        board._sme_busy = set(self._sme_busy)
        board._tables_used = dict(self._tables_used)
        return board

    def weight(self) -> int:
        return sum(self.cands.pairs[p].weight for p in self.placed)
