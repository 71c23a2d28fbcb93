"""Re-scheduling after late changes: fewest moves at the best weight, or nothing moved."""
import pytest

from rantai.engine.scheduling import Meeting, Schedule, reschedule, solve
from rantai.engine.scheduling.generate import cancel, forum_instance

from .helpers import assert_valid, forum

# S1 was published with A in slot 0. Late, S2 asks A with weight 3 and can only come in
# slot 0: the best schedule moves S1 to slot 1; freezing keeps S1 and leaves S2 out.
PUBLISHED = Schedule([Meeting("S1", "A", 0, 0)], objective=1, bound=1)
LATE = forum(2, {"A": 1}, {"S1": None, "S2": frozenset({0})}, [("S1", "A", 1), ("S2", "A", 3)])


def test_min_moves_moves_one_meeting_for_the_best_weight():
    schedule = reschedule(LATE, PUBLISHED)
    assert_valid(LATE, schedule)
    assert schedule.meetings == [Meeting("S2", "A", 0, 0), Meeting("S1", "A", 1, 0)]
    assert schedule.objective == schedule.bound == 4
    assert schedule.moved == 1


def test_freeze_moves_nothing_and_fills_what_is_left():
    schedule = reschedule(LATE, PUBLISHED, mode="freeze")
    assert_valid(LATE, schedule)
    assert schedule.meetings == [Meeting("S1", "A", 0, 0)]
    assert schedule.objective == schedule.bound == 1
    assert schedule.moved == 0


def test_a_cancelled_meeting_is_gone_not_moved_and_its_place_is_refilled():
    instance = forum(1, {"A": 1}, {"S1": None, "S2": None}, [("S1", "A", 2), ("S2", "A", 1)])
    published = solve(instance)
    assert published.meetings == [Meeting("S1", "A", 0, 0)]
    late = forum(1, {"A": 1}, {"S2": None}, [("S2", "A", 1)])  # S1 withdrew
    for mode in ("min_moves", "freeze"):
        schedule = reschedule(late, published, mode=mode)
        assert schedule.meetings == [Meeting("S2", "A", 0, 0)] and schedule.moved == 0


def test_tables_of_kept_meetings_are_kept():
    instance = forum(1, {"A": 3}, {"S1": None, "S2": None}, [("S1", "A", 1), ("S2", "A", 1)])
    published = Schedule([Meeting("S1", "A", 0, 2), Meeting("S2", "A", 0, 1)], objective=2, bound=2)
    schedule = reschedule(instance, published)
    assert set(schedule.meetings) == set(published.meetings)
    assert schedule.moved == 0


def test_an_unknown_mode_is_rejected():
    with pytest.raises(ValueError, match="mode"):
        reschedule(LATE, PUBLISHED, mode="shuffle")  # type: ignore[arg-type]


def test_after_five_percent_cancellations_on_a_forum():
    instance = forum_instance(4)
    published = solve(instance)
    late = cancel(instance, 0.05, seed=4)
    best = solve(late)
    moved = reschedule(late, published, time_limit_s=5)
    frozen = reschedule(late, published, mode="freeze", time_limit_s=5)
    for schedule in (moved, frozen):
        assert_valid(late, schedule)
        assert schedule.status == "optimal"
    assert moved.objective == best.objective  # min_moves loses no weight
    assert frozen.objective <= moved.objective
    assert frozen.moved == 0
    stayed = {s.id for s in late.smes}
    assert {m for m in published.meetings if m.sme_id in stayed} <= set(frozen.meetings)
    assert moved.wall_time_s < 2.0
