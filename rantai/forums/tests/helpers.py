"""Forum test helpers: organisers, an event with buyers, registered SMEs, requests."""

from datetime import date, time

from conftest import make_buyer, make_sme
from rantai.accounts.choices import OrgStatus
from rantai.accounts.models import Organisation
from rantai.accounts.services import signup
from rantai.forums import services
from rantai.jobs.worker import run_pending

_n = iter(range(1, 10**6))


def make_organiser(name: str = "Kemenperin — Forum Kemitraan"):
    n = next(_n)
    membership = signup(
        email=f"organiser{n}@example.id",
        password="rahasia-123",
        full_name=f"Panitia {n}",
        org_name=name,
        kind="organiser",
        consent=True,
    )
    Organisation.objects.filter(pk=membership.organisation_id).update(status=OrgStatus.APPROVED)
    membership.organisation.refresh_from_db()
    return membership


def make_event(organiser, *, slots: int = 4, buyers=(("PT INKA (Persero)", 1),), open_=True, **kwargs):
    """An event with ``slots`` slots of 20 minutes from 09:00 WIB and the named buyers
    (name, tables); returns (event, {name: buyer membership})."""
    event = services.event_create(
        by=organiser,
        title=kwargs.pop("title", "Forum Kemitraan IKM 2026"),
        date=kwargs.pop("date", date(2026, 11, 24)),
        start=time(9, 0),
        slot_minutes=20,
        slot_count=slots,
        venue="Kemenperin, Jakarta",
        **kwargs,
    )
    members = {}
    for name, tables in buyers:
        buyer = make_buyer(name)
        services.seat_save(event=event, by=organiser, buyer_id=buyer.organisation_id, tables=tables)
        members[name] = buyer
    if open_:
        services.event_open(event=event, by=organiser)
    return event, members


def register(event, name: str = "CV Baja Kurnia", slots=None, **kwargs):
    sme = make_sme(name, **kwargs)
    registration = services.registration_save(event=event, by=sme, available_slots=slots)
    return sme, registration


def seat_of(event, buyer):
    return event.seats.get(organisation_id=buyer.organisation_id)


def run_jobs() -> int:
    return run_pending(kinds=["forum.schedule"])
