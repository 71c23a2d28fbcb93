"""The one clock every service reads.

Services call ``clock.now()`` instead of ``timezone.now()`` so that the demo builder can
replay a past year of procurement and tests can step past a deadline, without patching.
"""
import contextlib
import contextvars
from collections.abc import Iterator
from datetime import datetime

from django.utils import timezone

_frozen: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("frozen", default=None)


def now() -> datetime:
    """The current aware UTC instant, or the frozen one inside ``frozen_at``."""
    return _frozen.get() or timezone.now()


@contextlib.contextmanager
def frozen_at(instant: datetime) -> Iterator[None]:
    """Make ``now()`` return ``instant`` inside the block (per thread/context)."""
    if timezone.is_naive(instant):
        raise ValueError("frozen_at needs an aware datetime")
    token = _frozen.set(instant)
    try:
        yield
    finally:
        _frozen.reset(token)
