"""Greedy baselines: what an organiser does by hand, and the solver's starting point."""
import math
import time
from typing import Literal

from .board import Board
from .candidates import Candidates, candidates
from .tables import number_tables
from .types import Instance, Schedule

GreedyOrder = Literal["fcfs", "priority"]


def greedy(instance: Instance, order: GreedyOrder = "fcfs") -> Schedule:
    """A valid schedule placing each request in its earliest free slot, one pass, no regrets.

    ``order="fcfs"`` takes requests in arrival order (the order of ``instance.requests``);
    ``order="priority"`` takes the heaviest first (must-meet before the rest), arrival order
    breaking ties. Nothing is proven: ``bound`` is None.
    """
    started = time.perf_counter()
    cands = candidates(instance)
    board = fill(Board(cands), pair_order(cands, order))
    return Schedule(
        meetings=number_tables(cands, board.placed),
        objective=float(board.weight()),
        bound=None,
        status="greedy",
        wall_time_s=time.perf_counter() - started,
    )


def pair_order(cands: Candidates, order: GreedyOrder) -> list[int]:
    """Pair indices in the order the greedy takes them."""
    pairs = range(len(cands.pairs))  # already in arrival order
    if order == "fcfs":
        return list(pairs)
    if order == "priority":
        return sorted(pairs, key=lambda p: -cands.pairs[p].weight)  # stable: arrival breaks ties
    raise ValueError(f"unknown greedy order {order!r}: use 'fcfs' or 'priority'")


def fill(board: Board, pairs: list[int], deadline: float = math.inf) -> Board:
    """Place each pair of ``pairs`` not yet placed at its earliest fitting slot, stopping at
    ``deadline`` (a ``time.perf_counter`` value); returns ``board``."""
    for n, pair in enumerate(pairs):
        if n % 512 == 0 and time.perf_counter() >= deadline:
            break
        if pair not in board.placed:
            board.place_first_fit(pair)
    return board
