"""The demo as data: what exists and what happened when, before anything touches a database.

A ``Plan`` is the pure output of the generator. Times are offsets from the *anchor* (the
start of the seeding day, Asia/Jakarta), so a plan is identical on every run and every day;
the writer turns offsets into instants. Every event lies before the anchor, i.e. in the
past when it is replayed.
"""
from dataclasses import dataclass
from datetime import timedelta

from .organisations import OrgSpec


@dataclass(frozen=True)
class SmeSpec:
    """One SME. Those with an ``email`` get a login and are created through the services;
    the rest are bulk-imported without users."""

    key: str
    name: str
    legal_form: str
    nib: str
    regency: str
    kbli: tuple[str, ...]
    products: tuple[tuple[str, str], ...]   # (name, unit)
    description: str
    annual_sales: int
    business_capital: int
    published: bool = True
    email: str = ""
    owner: str = ""


@dataclass(frozen=True)
class NeedSpec:
    key: str
    buyer: str
    title: str
    description: str
    kbli: tuple[str, ...]
    quantity: int
    unit: str
    regency: str
    deadline: timedelta
    delivery_days: int          # delivery date = deadline date + this many days
    estimated_value: int
    is_open: bool = False
    publish: bool = True


# Events. ``at`` is the offset from the anchor; the writer replays them in order.

@dataclass(frozen=True)
class CreateAdmin:
    at: timedelta


@dataclass(frozen=True)
class SignUp:
    at: timedelta
    org: str


@dataclass(frozen=True)
class Approve:
    at: timedelta
    org: str


@dataclass(frozen=True)
class ImportSuppliers:
    """Bulk-import every SME without a login (one audit entry for the lot)."""

    at: timedelta


@dataclass(frozen=True)
class JoinSme:
    """An SME owner signs up, saves the profile and publishes it."""

    at: timedelta
    sme: str


@dataclass(frozen=True)
class RequestVerification:
    """An SME owner asks agency staff to verify the profile."""

    at: timedelta
    sme: str


@dataclass(frozen=True)
class DecideVerification:
    """Agency staff verify a pending profile, or send it back with ``note``."""

    at: timedelta
    sme: str
    agency: str
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class PostNeed:
    at: timedelta
    need: str


@dataclass(frozen=True)
class Invite:
    at: timedelta
    need: str
    smes: tuple[str, ...]


@dataclass(frozen=True)
class SubmitQuote:
    at: timedelta
    need: str
    sme: str
    unit_price: int
    lead_time_days: int
    note: str = ""


@dataclass(frozen=True)
class Award:
    at: timedelta
    need: str
    sme: str
    reason: str


@dataclass(frozen=True)
class Accept:
    at: timedelta
    need: str


@dataclass(frozen=True)
class Deliver:
    at: timedelta
    need: str
    accepted: int
    rejected: int
    note: str


@dataclass(frozen=True)
class Pay:
    at: timedelta
    need: str
    amount: int
    reference: str


@dataclass(frozen=True)
class Rate:
    at: timedelta
    need: str
    quality: int
    timeliness: int
    communication: int
    comment: str


Event = (CreateAdmin | SignUp | Approve | ImportSuppliers | JoinSme | RequestVerification
         | DecideVerification | PostNeed | Invite | SubmitQuote | Award | Accept | Deliver | Pay
         | Rate)


@dataclass(frozen=True)
class Plan:
    seed: int
    orgs: tuple[OrgSpec, ...]
    smes: tuple[SmeSpec, ...]
    needs: tuple[NeedSpec, ...]
    events: tuple[Event, ...]   # in replay order; all before the anchor

