import pytest

from rantai.matching.live import live_index


@pytest.fixture(autouse=True)
def fresh_live_index():
    """Each test starts with no index, as a new process would."""
    live_index().reset()
    yield
    live_index().reset()
