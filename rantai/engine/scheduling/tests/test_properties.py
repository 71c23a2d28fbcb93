"""Properties on random small forums: valid, consistent, bounded, and optimal by brute force."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rantai.engine.scheduling import Instance, Schedule, greedy, reschedule, solve, validate

from .helpers import all_schedules, forum, weight_of

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def forums(draw, max_smes=3, max_buyers=2, max_slots=3, max_tables=2, max_requests=4):  # type: ignore[no-untyped-def]
    slots = draw(st.integers(1, max_slots))
    # A window may name slot == slots, outside the forum: it must be ignored.
    windows = st.one_of(st.none(), st.frozensets(st.integers(0, slots), max_size=slots))
    buyers = {f"B{i}": (draw(st.integers(0, max_tables)), draw(windows))
              for i in range(draw(st.integers(1, max_buyers)))}
    smes = {f"S{i}": draw(windows) for i in range(draw(st.integers(1, max_smes)))}
    requests = draw(st.lists(
        st.tuples(st.sampled_from(sorted(smes)), st.sampled_from(sorted(buyers)), st.integers(1, 3)),
        max_size=max_requests,
    ))
    return forum(slots, buyers, smes, requests)


def check(instance: Instance, schedule: Schedule) -> None:
    """Valid, objective equal to the scheduled weight (the validator checks both), within bound."""
    assert validate(instance, schedule) == []
    assert schedule.bound is not None and schedule.objective <= schedule.bound


@FAST
@given(forums())
def test_solve_matches_brute_force(instance):
    schedule = solve(instance, time_limit_s=5)
    check(instance, schedule)
    assert schedule.objective == max(weight_of(instance, m) for m in all_schedules(instance))
    assert schedule.status == "optimal" and schedule.gap == 0


@FAST
@given(forums())
def test_everyone_meets_matches_brute_force(instance):
    schedule = solve(instance, time_limit_s=5, everyone_meets=True)
    check(instance, schedule)
    best = max((len({m.sme_id for m in ms}), weight_of(instance, ms)) for ms in all_schedules(instance))
    assert (schedule.smes_met, schedule.objective) == best
    assert schedule.smes_met_bound == best[0]


@FAST
@given(forums(), forums(), st.booleans())
def test_reschedule_matches_brute_force(before, after, cancel_only):
    if cancel_only:  # the usual case: the same forum, some requests withdrawn
        after = Instance(before.slots, before.buyers, before.smes, before.requests[::2])
    published = solve(before, time_limit_s=5)
    # Still possible: a one-meeting schedule of it is valid in the new forum.
    possible = {m for m in published.meetings
                if not validate(after, Schedule([m], weight_of(after, [m]), None))}
    options = [(weight_of(after, ms), -len(possible - set(ms)), ms) for ms in all_schedules(after)]

    moved = reschedule(after, published, time_limit_s=5)
    check(after, moved)
    best_weight, fewest_moves, _ = max(options, key=lambda o: (o[0], o[1]))
    assert (moved.objective, -moved.moved) == (best_weight, fewest_moves)

    frozen = reschedule(after, published, mode="freeze", time_limit_s=5)
    check(after, frozen)
    assert possible <= set(frozen.meetings) and frozen.moved == 0
    assert frozen.objective == max(w for w, _, ms in options if possible <= set(ms))


@settings(max_examples=25, deadline=None)
@given(forums(max_smes=25, max_buyers=5, max_slots=6, max_tables=3, max_requests=80))
def test_larger_forums_are_solved_and_greedy_stays_below(instance):
    schedule = solve(instance, time_limit_s=5)
    check(instance, schedule)
    assert schedule.status == "optimal"
    for order in ("fcfs", "priority"):
        baseline = greedy(instance, order)
        assert validate(instance, baseline) == [] and baseline.objective <= schedule.objective
