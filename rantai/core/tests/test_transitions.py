import pytest

from rantai.core.transitions import InvalidTransition, check_transition
from rantai.sourcing.choices import NEED_TRANSITIONS, ORDER_TRANSITIONS


def test_allowed_moves_pass():
    check_transition(NEED_TRANSITIONS, "draft", "published")
    check_transition(ORDER_TRANSITIONS, "delivered", "paid")


@pytest.mark.parametrize("table,current,new", [
    (NEED_TRANSITIONS, "awarded", "published"),
    (NEED_TRANSITIONS, "draft", "awarded"),
    (ORDER_TRANSITIONS, "issued", "paid"),
    (ORDER_TRANSITIONS, "paid", "delivered"),
])
def test_forbidden_moves_raise(table, current, new):
    with pytest.raises(InvalidTransition):
        check_transition(table, current, new)


def test_every_target_is_a_known_status():
    for table in (NEED_TRANSITIONS, ORDER_TRANSITIONS):
        assert set().union(*table.values()) <= set(table)
