"""``everyone_meets``: first the most SMEs with a meeting (proven), then the weight."""
from rantai.engine.scheduling import solve
from rantai.engine.scheduling.generate import forum_instance

from .helpers import assert_valid, forum

# Two slots; A and B hold one table each. The heaviest schedule gives A's two slots to S1
# (weight 3) and one of S2/S3, leaving the other out; all three can meet if S1 takes B.
LEFT_OUT = forum(2, {"A": 1, "B": 1}, {"S1": None, "S2": None, "S3": None},
                 [("S1", "A", 3), ("S1", "B", 3), ("S2", "A", 1), ("S3", "A", 1)])


def test_max_weight_leaves_an_sme_out():
    schedule = solve(LEFT_OUT)
    assert_valid(LEFT_OUT, schedule)
    assert schedule.objective == schedule.bound == 7
    assert schedule.smes_met == 2


def test_everyone_meets_includes_them_at_the_best_weight_for_that():
    schedule = solve(LEFT_OUT, everyone_meets=True)
    assert_valid(LEFT_OUT, schedule)
    assert schedule.smes_met == schedule.smes_met_bound == 3
    assert schedule.objective == schedule.bound == 5
    assert schedule.status == "optimal"


def test_the_count_is_the_proven_maximum_when_not_everyone_can_meet():
    instance = forum(1, {"A": 1}, {"S1": None, "S2": None}, [("S1", "A", 1), ("S2", "A", 3)])
    schedule = solve(instance, everyone_meets=True)
    assert schedule.smes_met == schedule.smes_met_bound == 1
    assert schedule.objective == 3  # then the weight decides who


def test_on_a_forum_more_smes_meet_than_with_max_weight():
    instance = forum_instance(3)
    heaviest = solve(instance)
    everyone = solve(instance, everyone_meets=True)
    assert_valid(instance, everyone)
    assert everyone.status == "optimal"
    assert everyone.smes_met == everyone.smes_met_bound > heaviest.smes_met
    assert everyone.objective <= heaviest.objective
