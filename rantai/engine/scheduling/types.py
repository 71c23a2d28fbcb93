"""The scheduler's public value types (stable: other code and integrations depend on them).

Fields after the first-version ones are optional, with defaults that keep the first
behaviour: an adapter that does not know a field simply leaves it out.
"""
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Buyer:
    """A buyer (BUMN, large business) receiving SMEs at ``tables`` tables at once."""

    id: str
    tables: int = 1  # 0: the buyer takes no meetings
    available_slots: frozenset[int] | None = None  # None: every slot 0..slots-1; empty: none


@dataclass(frozen=True, slots=True)
class Sme:
    """An SME attending the forum."""

    id: str
    available_slots: frozenset[int] | None = None  # None: every slot; empty: none


@dataclass(frozen=True, slots=True)
class MeetingRequest:
    """An SME asks to meet a buyer. Duplicates for one pair count once, at their highest weight."""

    sme_id: str
    buyer_id: str
    weight: int = 1  # 3 = must meet: a priority, not a hard constraint


@dataclass(frozen=True, slots=True)
class Instance:
    """One forum: ``slots`` time slots numbered 0..slots-1, the people and the requests.

    The order of ``requests`` is their arrival order (first-come-first-served uses it).
    """

    slots: int
    buyers: tuple[Buyer, ...]
    smes: tuple[Sme, ...]
    requests: tuple[MeetingRequest, ...]


@dataclass(frozen=True, slots=True)
class Meeting:
    """One scheduled meeting: the SME sits at ``table`` (0..tables-1) of the buyer in ``slot``."""

    sme_id: str
    buyer_id: str
    slot: int
    table: int


@dataclass
class Schedule:
    """A schedule and what is proven about it.

    ``objective`` is the total weight scheduled (each pair at its highest requested weight).
    ``bound`` is a proven upper bound on the objective of the problem that was solved (for
    ``everyone_meets`` and ``reschedule(mode="freeze")`` that problem has extra conditions),
    or None when nothing is proven (greedy). ``objective == bound`` means proven optimal.
    """

    meetings: list[Meeting]
    objective: float
    bound: float | None
    moved: int = 0  # reschedule: published meetings still possible but moved or dropped
    status: str = ""  # "optimal" (proven), "feasible" (time limit hit), "greedy" (nothing proven)
    smes_met_bound: int | None = None  # everyone_meets: proven maximum of SMEs with a meeting
    wall_time_s: float = 0.0  # the whole call, model building included

    @property
    def gap(self) -> float | None:
        """Relative optimality gap (bound - objective) / bound; 0.0 when proven optimal."""
        if self.bound is None:
            return None
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.objective) / self.bound)

    @property
    def smes_met(self) -> int:
        """How many distinct SMEs have at least one meeting."""
        return len({m.sme_id for m in self.meetings})
