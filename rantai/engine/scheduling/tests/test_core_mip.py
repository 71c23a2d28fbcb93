"""The MIP steps behind a fractional LP: over the LP's support, and over the reduced-cost core.

Forum LPs are almost always integral and the greedy start is often optimal on tiny
instances, so the core MIP rarely runs; ``CoreMipOnly`` switches the greedy off and has
the LP answer with its duals and an all-zero solution, so neither rounding nor the MIP
over the LP's support can help, and the core MIP alone has to find the optimum.
"""
from importlib import import_module
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings

from rantai.engine.scheduling import reschedule, solve
from rantai.engine.scheduling.generate import forum_instance
from rantai.engine.scheduling.highs import HighsResult, solve_lp

from .helpers import all_schedules, assert_valid, forum, weight_of
from .test_properties import forums

# The package's functions shadow their modules' names, so the modules are looked up.
optimise_module = import_module("rantai.engine.scheduling.optimise")
solve_module = import_module("rantai.engine.scheduling.solve")
reschedule_module = import_module("rantai.engine.scheduling.reschedule")


class CoreMipOnly:
    """Within it, no greedy, the LP answers with its duals and zeros, and MIP runs are counted."""

    def __init__(self) -> None:
        self.mip_calls = 0
        real_mip = optimise_module.solve_mip

        def counted_mip(*args):  # type: ignore[no-untyped-def]
            self.mip_calls += 1
            return real_mip(*args)

        def duals_only(model, deadline):  # type: ignore[no-untyped-def]
            result = solve_lp(model, deadline)
            zeros = np.zeros(len(model.cost))
            return HighsResult(x=zeros, row_dual=result.row_dual, bound=None, finished=result.finished)

        def no_greedy(board, pairs, deadline=None):  # type: ignore[no-untyped-def]
            return board

        self._patches = [mock.patch.object(optimise_module, "solve_lp", duals_only),
                         mock.patch.object(optimise_module, "solve_mip", counted_mip),
                         mock.patch.object(optimise_module, "fill", no_greedy),
                         mock.patch.object(solve_module, "fill", no_greedy),
                         mock.patch.object(reschedule_module, "fill", no_greedy)]

    def __enter__(self) -> "CoreMipOnly":
        for patch in self._patches:
            patch.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for patch in self._patches:
            patch.stop()


# The priority greedy seats S1 in slot 0 and leaves S2, who can only come then, out.
GREEDY_MISSES = forum(2, {"A": 1}, {"S1": None, "S2": frozenset({0})}, [("S1", "A", 3), ("S2", "A", 3)])


def test_the_core_mip_finds_what_the_greedy_misses():
    with CoreMipOnly() as patched:
        schedule = solve(GREEDY_MISSES)
    assert patched.mip_calls == 2  # over the LP's (empty) support, then over the core
    assert_valid(GREEDY_MISSES, schedule)
    assert schedule.objective == schedule.bound == 6 and schedule.status == "optimal"


@settings(max_examples=60, deadline=None)
@given(forums())
def test_core_mip_matches_brute_force(instance):
    with CoreMipOnly() as patched:
        schedule = solve(instance, time_limit_s=5)
        everyone = solve(instance, time_limit_s=5, everyone_meets=True)
        again = reschedule(instance, schedule, time_limit_s=5)
    options = [(len({m.sme_id for m in ms}), weight_of(instance, ms)) for ms in all_schedules(instance)]
    assert schedule.objective == again.objective == max(w for _, w in options)
    assert again.moved == 0
    assert (everyone.smes_met, everyone.objective) == max(options)
    assert patched.mip_calls >= (schedule.objective > 0)  # the start was empty


@pytest.mark.parametrize("seed, everyone_meets", [(12, True), (19, False)])
def test_a_fractional_lp_is_closed_by_the_mip_over_its_support(seed, everyone_meets):
    instance = forum_instance(seed)  # forums whose LP optimum is fractional
    with mock.patch.object(optimise_module, "_mip_over", wraps=optimise_module._mip_over) as mip_over:
        schedule = solve(instance, everyone_meets=everyone_meets)
    assert mip_over.called
    assert_valid(instance, schedule)
    assert schedule.status == "optimal" and schedule.gap == 0
