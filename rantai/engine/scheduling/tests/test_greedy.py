"""The greedy baselines: valid, in the promised order, never better than the optimum."""
import pytest

from rantai.engine.scheduling import Meeting, greedy, solve
from rantai.engine.scheduling.generate import forum_instance

from .helpers import assert_valid, forum

# One table, one slot: whoever the greedy takes first gets it.
RACE = forum(1, {"A": 1}, {"S1": None, "S2": None}, [("S1", "A", 1), ("S2", "A", 3)])


def test_fcfs_serves_the_first_request():
    schedule = greedy(RACE, "fcfs")
    assert schedule.meetings == [Meeting("S1", "A", 0, 0)] and schedule.bound is None


def test_priority_serves_the_must_meet_first():
    assert greedy(RACE, "priority").meetings == [Meeting("S2", "A", 0, 0)]


def test_an_unknown_order_is_rejected():
    with pytest.raises(ValueError, match="order"):
        greedy(RACE, "random")  # type: ignore[arg-type]


def test_on_a_forum_both_are_valid_and_below_the_optimum():
    instance = forum_instance(5)
    best = solve(instance)
    for order in ("fcfs", "priority"):
        schedule = greedy(instance, order)
        assert_valid(instance, schedule)
        assert schedule.objective <= best.objective
