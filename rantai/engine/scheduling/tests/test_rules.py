"""Each hard rule, on an instance where it allows a meeting and one where it forbids it."""
import pytest

from rantai.engine.scheduling import Instance, Meeting, Schedule, solve, validate

from .helpers import assert_valid, forum


def solved(instance):  # type: ignore[no-untyped-def]
    schedule = solve(instance, time_limit_s=5)
    assert_valid(instance, schedule)
    assert schedule.status == "optimal" and schedule.gap == 0.0
    return schedule


class TestAvailability:
    def test_a_meeting_happens_in_the_one_common_slot(self):
        instance = forum(4, {"B": (1, frozenset({1, 2}))}, {"S": frozenset({2, 3})}, [("S", "B", 1)])
        assert solved(instance).meetings == [Meeting("S", "B", 2, 0)]

    def test_none_means_every_slot(self):
        instance = forum(3, {"B": 1}, {"S1": None, "S2": None, "S3": None},
                         [("S1", "B", 1), ("S2", "B", 1), ("S3", "B", 1)])
        assert sorted(m.slot for m in solved(instance).meetings) == [0, 1, 2]

    @pytest.mark.parametrize("sme_slots, buyer_slots", [
        (frozenset(), None),  # an SME with empty availability
        (None, frozenset()),  # a buyer with empty availability
        (frozenset({0}), frozenset({1})),  # windows that do not overlap
        (frozenset({5}), None),  # a slot outside 0..slots-1
    ])
    def test_no_common_slot_no_meeting(self, sme_slots, buyer_slots):
        instance = forum(2, {"B": (1, buyer_slots)}, {"S": sme_slots}, [("S", "B", 3)])
        schedule = solved(instance)
        assert schedule.meetings == [] and schedule.objective == 0 and schedule.bound == 0


class TestTables:
    def test_a_buyer_with_two_tables_meets_two_smes_at_once(self):
        instance = forum(1, {"B": 2}, {"S1": None, "S2": None, "S3": None},
                         [("S1", "B", 1), ("S2", "B", 1), ("S3", "B", 1)])
        schedule = solved(instance)
        assert sorted(m.table for m in schedule.meetings) == [0, 1]
        assert schedule.objective == schedule.bound == 2

    def test_a_buyer_with_no_tables_gets_no_meeting(self):
        instance = forum(3, {"B": 0, "C": 1}, {"S": None}, [("S", "B", 3), ("S", "C", 1)])
        assert solved(instance).meetings == [Meeting("S", "C", 0, 0)]


class TestSmeOnePerSlot:
    def test_two_requests_one_slot_one_meeting_the_heavier(self):
        instance = forum(1, {"B": 1, "C": 1}, {"S": None}, [("S", "B", 1), ("S", "C", 2)])
        assert solved(instance).meetings == [Meeting("S", "C", 0, 0)]

    def test_two_requests_two_slots_two_meetings(self):
        instance = forum(2, {"B": 1, "C": 1}, {"S": None}, [("S", "B", 1), ("S", "C", 2)])
        schedule = solved(instance)
        assert len(schedule.meetings) == 2 and schedule.objective == 3
        assert {m.slot for m in schedule.meetings} == {0, 1}


class TestPairOnce:
    def test_a_pair_meets_once_however_many_free_slots(self):
        instance = forum(3, {"B": 2}, {"S": None}, [("S", "B", 2)])
        assert len(solved(instance).meetings) == 1

    def test_duplicate_requests_count_once_at_the_highest_weight(self):
        instance = forum(3, {"B": 2}, {"S": None}, [("S", "B", 1), ("S", "B", 3), ("S", "B", 2)])
        schedule = solved(instance)
        assert len(schedule.meetings) == 1 and schedule.objective == schedule.bound == 3


class TestMustMeetIsAPriority:
    def test_must_meet_wins_the_last_table(self):
        instance = forum(1, {"B": 1}, {"S1": None, "S2": None}, [("S1", "B", 1), ("S2", "B", 3)])
        assert solved(instance).meetings == [Meeting("S2", "B", 0, 0)]

    def test_an_impossible_must_meet_is_not_an_error(self):
        instance = forum(1, {"B": 1}, {"S1": None, "S2": None, "S3": None},
                         [("S1", "B", 3), ("S2", "B", 3), ("S3", "B", 3)])
        schedule = solved(instance)
        assert len(schedule.meetings) == 1 and schedule.objective == 3


class TestBadInput:
    @pytest.mark.parametrize("instance", [
        forum(1, {"B": 1}, {"S": None}, [("X", "B", 1)]),  # unknown SME
        forum(1, {"B": 1}, {"S": None}, [("S", "X", 1)]),  # unknown buyer
        forum(1, {"B": -1}, {"S": None}, [("S", "B", 1)]),  # negative tables
        forum(1, {"B": 1}, {"S": None}, [("S", "B", -1)]),  # negative weight
        forum(-1, {"B": 1}, {"S": None}, []),  # negative slots
    ])
    def test_rejected_with_a_message(self, instance):
        with pytest.raises(ValueError):
            solve(instance)

    def test_repeated_ids_are_rejected(self):
        instance = forum(1, {"B": 1}, {"S": None}, [])
        with pytest.raises(ValueError, match="twice"):
            solve(Instance(1, instance.buyers * 2, instance.smes, ()))

    def test_an_empty_forum_has_an_empty_schedule(self):
        schedule = solved(forum(0, {}, {}, []))
        assert schedule.meetings == [] and schedule.objective == 0 == schedule.bound


class TestValidatorFindsEachViolation:
    """The validator is the tests' oracle, so it is tested against hand-made bad schedules."""

    instance = forum(2, {"B": (2, frozenset({0, 1})), "C": 1}, {"S1": frozenset({0}), "S2": None},
                     [("S1", "B", 1), ("S2", "B", 2), ("S2", "C", 3), ("S2", "B", 1)])

    def check(self, meetings, objective=None, bound=None):  # type: ignore[no-untyped-def]
        if objective is None:
            weight = {("S1", "B"): 1, ("S2", "B"): 2, ("S2", "C"): 3}
            objective = sum(weight.get(pair, 0) for pair in {(m.sme_id, m.buyer_id) for m in meetings})
        return validate(self.instance, Schedule(meetings, objective, bound))

    def test_a_valid_schedule_passes(self):
        meetings = [Meeting("S1", "B", 0, 0), Meeting("S2", "B", 0, 1), Meeting("S2", "C", 1, 0)]
        assert self.check(meetings, bound=6) == []

    @pytest.mark.parametrize("meetings, says", [
        ([Meeting("S1", "B", 1, 0)], "SME is not available"),
        ([Meeting("S2", "B", 0, 2)], "tables 0..1"),
        ([Meeting("S2", "B", 2, 0)], "slot outside"),
        ([Meeting("S1", "C", 0, 0)], "did not ask"),
        ([Meeting("S9", "B", 0, 0)], "unknown"),
        ([Meeting("S2", "B", 0, 0), Meeting("S2", "C", 0, 0)], "2 meetings in slot 0"),
        ([Meeting("S1", "B", 0, 0), Meeting("S2", "B", 0, 0)], "table 0 holds 2"),
        ([Meeting("S2", "B", 0, 0), Meeting("S2", "B", 1, 0)], "meets B 2 times"),
    ])
    def test_a_broken_rule_is_reported(self, meetings, says):
        problems = self.check(meetings)
        assert any(says in p for p in problems), problems

    def test_a_wrong_objective_or_bound_is_reported(self):
        meetings = [Meeting("S2", "C", 0, 0)]
        assert any("weigh 3" in p for p in self.check(meetings, objective=4))
        assert any("below the objective" in p for p in self.check(meetings, bound=2))
