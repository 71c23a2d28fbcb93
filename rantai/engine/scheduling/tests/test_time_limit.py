"""The time limit bounds the whole call, model building included, on a national-size forum."""
import time

import pytest

from rantai.engine.scheduling import solve
from rantai.engine.scheduling.generate import forum_instance

from .helpers import assert_valid


@pytest.fixture(scope="module")
def national():  # type: ignore[no-untyped-def]
    return forum_instance(1, scale=10)


@pytest.mark.parametrize("limit, slack", [(1.5, 0.15), (0.05, 0.5)])
def test_a_valid_schedule_by_the_deadline(national, limit, slack):
    started = time.perf_counter()
    schedule = solve(national, time_limit_s=limit)
    elapsed = time.perf_counter() - started
    # Below about 0.4 s, merely reading 34,000 requests is the floor (the 0.05 s case).
    assert elapsed <= limit + slack
    assert_valid(national, schedule)
    assert schedule.status == "feasible"
    assert schedule.gap is not None and 0 < schedule.gap <= 1
