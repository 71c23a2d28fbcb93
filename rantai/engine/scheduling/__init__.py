"""Forum meeting scheduler (pure Python, no Django): who meets whom, when, at which table.

Public API: the types, ``solve`` (exact, with a proven bound), ``reschedule`` (after late
changes, moving few published meetings), ``greedy`` (baselines) and ``validate`` (an
independent check of any schedule).
"""
from .greedy import greedy
from .reschedule import reschedule
from .solve import solve
from .types import Buyer, Instance, Meeting, MeetingRequest, Schedule, Sme
from .validate import validate

__all__ = [
    "Buyer", "Instance", "Meeting", "MeetingRequest", "Schedule", "Sme",
    "greedy", "reschedule", "solve", "validate",
]
