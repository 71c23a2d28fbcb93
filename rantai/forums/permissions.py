"""Who may see and change a forum and its parts; the same 404 for missing and forbidden.

Organising organisations (kind "organiser", or agency staff) manage their own events.
Buyers see the events they take part in; SMEs see every event open for registration (late
registration too, once the schedule is published) and any they registered for. Each party
sees only its own requests, meetings and agenda.
"""

from django.db.models import Q
from django.http import Http404

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import require_membership

from .choices import EventStatus
from .models import Event, Meeting, MeetingRequest, Registration, ScheduleRun

VIEW, MANAGE = "view", "manage"
ORGANISING_KINDS = (OrgKind.ORGANISER, OrgKind.AGENCY)
ALL_KINDS = (OrgKind.ORGANISER, OrgKind.AGENCY, OrgKind.BUYER, OrgKind.SME)


def may_organise(membership: Membership) -> bool:
    return membership.organisation.kind in ORGANISING_KINDS


def events_visible_q(membership: Membership) -> Q:
    """The events ``membership`` may see, as a filter."""
    org = membership.organisation
    if may_organise(membership):
        return Q(organiser_id=org.id)
    if org.kind == OrgKind.BUYER:
        return Q(seats__organisation_id=org.id) & ~Q(status=EventStatus.DRAFT)
    if org.kind == OrgKind.SME:
        return ~Q(status=EventStatus.DRAFT) & (
            Q(status__in=[EventStatus.OPEN, EventStatus.PUBLISHED])
            | Q(registrations__supplier__organisation_id=org.id)
        )
    return Q(pk__in=[])


def access_event(membership: Membership | None, event_id: int, action: str) -> Event:
    """The event if ``membership`` may ``view`` it or (its organiser) ``manage`` it."""
    require_membership(membership, kinds=ALL_KINDS)
    events = Event.objects.select_related("organiser", "regency")
    if action == MANAGE:
        event = events.filter(pk=event_id, organiser_id=membership.organisation_id).first()
    else:
        event = events.filter(events_visible_q(membership), pk=event_id).distinct().first()
    if event is None:
        raise Http404
    return event


def side_of(membership: Membership, event: Event) -> str:
    """ "organiser", "buyer", "sme" or "" — the caller's part in ``event``."""
    org = membership.organisation
    if event.organiser_id == org.id:
        return "organiser"
    if org.kind == OrgKind.BUYER and event.seats.filter(organisation_id=org.id).exists():
        return "buyer"
    if org.kind == OrgKind.SME:
        return "sme"
    return ""


def own_seat(membership: Membership, event: Event):
    """The caller's buyer seat at ``event``, or None."""
    return event.seats.filter(organisation_id=membership.organisation_id).first()


def own_registration(membership: Membership, event: Event) -> Registration | None:
    """The caller's SME registration at ``event``, or None."""
    return (
        event.registrations.select_related("supplier")
        .filter(supplier__organisation_id=membership.organisation_id)
        .first()
    )


def _party_q(membership: Membership) -> Q:
    """Rows (requests, meetings) whose organiser, buyer or SME is the caller."""
    org_id = membership.organisation_id
    return (
        Q(registration__event__organiser_id=org_id)
        | Q(seat__organisation_id=org_id)
        | Q(registration__supplier__organisation_id=org_id)
    )


def access_request(membership: Membership | None, event: Event, request_id: int) -> MeetingRequest:
    """A meeting request of ``event`` whose SME, buyer or organiser is the caller."""
    require_membership(membership, kinds=ALL_KINDS)
    found = (
        MeetingRequest.objects.select_related("seat__organisation", "registration__supplier", "event")
        .filter(_party_q(membership), pk=request_id, event=event)
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_meeting(membership: Membership | None, event: Event, meeting_id: int) -> Meeting:
    """A meeting of ``event`` whose SME, buyer or organiser is the caller."""
    require_membership(membership, kinds=ALL_KINDS)
    found = (
        Meeting.objects.select_related("seat__organisation", "registration__supplier", "run__event")
        .filter(_party_q(membership), pk=meeting_id, run__event=event)
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_run(membership: Membership | None, event_id: int, run_id: int) -> ScheduleRun:
    """A schedule run of an event the caller organises."""
    event = access_event(membership, event_id, MANAGE)
    run = event.runs.filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run
