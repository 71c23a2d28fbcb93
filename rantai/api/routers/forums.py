"""Partnership forums: events, buyers and their needs, SME registration, meeting requests,
the schedule (queued runs computed by the worker), agendas, check-in, walk-ins, outcomes,
follow-ups and the report.

Slots are numbered from 1 here, as people see them (the engine counts from 0). Each party
sees only its own requests, meetings and agenda; 404 for missing and forbidden alike.
"""

from datetime import date, time
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from rantai.forums import scheduling, selectors, services, transfer
from rantai.forums.permissions import (
    MANAGE,
    ORGANISING_KINDS,
    VIEW,
    access_event,
    access_meeting,
    access_request,
    access_run,
    own_registration,
    own_seat,
    side_of,
)
from rantai.forums.suggestions import suggested_buyers

from ..auth import acting, membership_of
from ..schemas import LocalDateTime, Quantity, Rupiah, responses

router = Router(tags=["forums"])
Slots = list[int] | None  # numbered from 1; null = every slot


def _from_people(slots: Slots) -> list[int] | None:
    return None if slots is None else [s - 1 for s in slots]


def _to_people(slots) -> list[int] | None:
    return None if slots is None else [s + 1 for s in slots]


class EventIn(Schema):
    title: str = Field(max_length=200)
    date: date
    start: time
    slot_minutes: int = 20
    slot_count: int = 16
    breaks: dict[int, int] = {}
    timezone: str = "Asia/Jakarta"
    venue: str = Field("", max_length=200)
    online: bool = False
    regency_code: str = Field("", max_length=10)
    description: str = ""


class SlotOut(Schema):
    number: int
    starts_at: LocalDateTime
    ends_at: LocalDateTime


class SeatOut(Schema):
    id: int
    buyer_id: int
    buyer: str
    tables: int
    first_table: int
    available_slots: Slots
    location: str


class EventOut(Schema):
    id: int
    title: str
    date: date
    timezone: str
    venue: str
    online: bool
    status: str
    organiser: str
    your_side: str
    slots: list[SlotOut]
    buyers: list[SeatOut]


class EventSummaryOut(Schema):
    id: int
    title: str
    date: date
    status: str


def _event_out(event, membership) -> dict:
    numbers = selectors.table_numbers(event)
    return {
        "id": event.pk,
        "title": event.title,
        "date": event.date,
        "timezone": event.timezone,
        "venue": event.venue,
        "online": event.online,
        "status": event.status,
        "organiser": event.organiser.name,
        "your_side": side_of(membership, event),
        "slots": [
            {"number": s.number + 1, "starts_at": s.starts_at, "ends_at": s.ends_at}
            for s in event.slots.all()
        ],
        "buyers": [
            {
                "id": s.pk,
                "buyer_id": s.organisation_id,
                "buyer": s.organisation.name,
                "tables": s.tables,
                "first_table": numbers[s.pk],
                "available_slots": _to_people(s.available_slots),
                "location": s.location,
            }
            for s in event.seats.select_related("organisation")
        ],
    }


@router.get("", response=responses(list[EventSummaryOut]))
def list_events(request):
    """Organisers: their events. Buyers: events they take part in. SMEs: events open for
    registration and those they registered for."""
    return list(selectors.events_visible(acting(request))[:200])


@router.post("", response=responses(EventOut, 201))
def create_event(request, payload: EventIn):
    """Create a draft forum with its slots (organisers and agency staff); ``breaks`` maps
    "after this many slots" to minutes of pause."""
    membership = acting(request, kinds=ORGANISING_KINDS)
    event = services.event_create(by=membership, **payload.model_dump())
    return Status(201, _event_out(event, membership))


@router.get("/{int:event_id}", response=responses(EventOut))
def get_event(request, event_id: int):
    membership = membership_of(request)
    return _event_out(access_event(membership, event_id, VIEW), membership)


@router.post("/{int:event_id}/open", response=responses(EventOut))
def open_event(request, event_id: int):
    """Open registration (the organiser; at least one buyer first)."""
    membership = membership_of(request)
    event = access_event(membership, event_id, MANAGE)
    services.event_open(event=event, by=membership)
    return _event_out(event, membership)


class SeatIn(Schema):
    buyer_id: int
    tables: int = Field(ge=0, le=200)
    available_slots: Slots = None
    location: str = Field("", max_length=100)


@router.post("/{int:event_id}/buyers", response=responses(EventOut))
def save_buyer(request, event_id: int, payload: SeatIn):
    """Add a buyer (an approved buyer organisation) or change its tables and availability."""
    membership = membership_of(request)
    event = access_event(membership, event_id, MANAGE)
    services.seat_save(
        event=event,
        by=membership,
        buyer_id=payload.buyer_id,
        tables=payload.tables,
        available_slots=_from_people(payload.available_slots),
        location=payload.location,
    )
    return _event_out(event, membership)


class EventNeedIn(Schema):
    title: str = Field(max_length=200)
    description: str = ""
    kbli_codes: list[str] = []
    need_id: int | None = None
    estimated_value: Rupiah | None = None


class EventNeedOut(Schema):
    id: int
    title: str
    kbli_codes: list[str]
    estimated_value: int | None


@router.post("/{int:event_id}/needs", response=responses(EventNeedOut, 201))
def add_need(request, event_id: int, payload: EventNeedIn):
    """A buyer publishes what it looks for at this forum (``need_id``: one of its sourcing needs)."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    return Status(201, services.event_need_add(event=event, by=membership, **payload.model_dump()))


class RegistrationIn(Schema):
    available_slots: Slots = None


class RegistrationOut(Schema):
    id: int
    supplier_id: int
    supplier: str
    available_slots: Slots
    cancelled: bool
    checked_in_at: LocalDateTime | None


def _registration_out(r) -> dict:
    return {
        "id": r.pk,
        "supplier_id": r.supplier_id,
        "supplier": r.supplier.name,
        "available_slots": _to_people(r.available_slots),
        "cancelled": r.cancelled,
        "checked_in_at": r.checked_in_at,
    }


@router.put("/{int:event_id}/registration", response=responses(RegistrationOut))
def register(request, event_id: int, payload: RegistrationIn):
    """The calling SME registers from its published profile, or changes its slots."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    registration = services.registration_save(
        event=event, by=membership, available_slots=_from_people(payload.available_slots)
    )
    return _registration_out(registration)


class SuggestionOut(Schema):
    seat_id: int
    buyer: str
    need: str
    score: float
    reasons: list[str]


@router.get("/{int:event_id}/suggestions", response=responses(list[SuggestionOut]))
def suggestions(request, event_id: int):
    """Buyers whose forum needs fit the calling SME best, with the matching engine's reasons."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    registration = own_registration(membership, event)
    if registration is None:
        raise Http404
    return [
        {
            "seat_id": s.seat.pk,
            "buyer": s.seat.organisation.name,
            "need": s.need.title,
            "score": s.score,
            "reasons": list(s.reasons),
        }
        for s in suggested_buyers(event, registration)
    ]


class RequestIn(Schema):
    seat_id: int | None = None  # the SME (or organiser) names the buyer
    registration_id: int | None = None  # the buyer (or organiser) names the SME
    priority: Literal[1, 2, 3] = 2
    note: str = Field("", max_length=300)


class RequestOut(Schema):
    id: int
    registration_id: int
    supplier: str
    seat_id: int
    buyer: str
    priority: int
    initiated_by: str
    status: str
    created_at: LocalDateTime


def _request_out(r) -> dict:
    return {
        "id": r.pk,
        "registration_id": r.registration_id,
        "supplier": r.registration.supplier.name,
        "seat_id": r.seat_id,
        "buyer": r.seat.organisation.name,
        "priority": r.priority,
        "initiated_by": r.initiated_by,
        "status": r.status,
        "created_at": r.created_at,
    }


@router.get("/{int:event_id}/requests", response=responses(list[RequestOut]))
def list_requests(request, event_id: int):
    """The organiser: every request. A buyer: those with it. An SME: its own."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    return [_request_out(r) for r in selectors.requests_for(event, membership, side_of(membership, event))]


@router.post("/{int:event_id}/requests", response=responses(RequestOut, 201))
def create_request(request, event_id: int, payload: RequestIn):
    """Ask for a meeting: an SME names ``seat_id``, a buyer names ``registration_id``, the
    organiser names both (accepted at once)."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    side = side_of(membership, event)
    registration = (
        own_registration(membership, event)
        if side == "sme"
        else event.registrations.filter(pk=payload.registration_id).first()
    )
    seat = own_seat(membership, event) if side == "buyer" else event.seats.filter(pk=payload.seat_id).first()
    if registration is None or seat is None:
        raise Http404
    created = services.request_create(
        event=event,
        by=membership,
        registration=registration,
        seat=seat,
        priority=payload.priority,
        note=payload.note,
    )
    return Status(201, _request_out(created))


class DecisionIn(Schema):
    accept: bool


@router.post("/{int:event_id}/requests/{int:request_id}/decision", response=responses(RequestOut))
def decide_request(request, event_id: int, request_id: int, payload: DecisionIn):
    """The side that received the request accepts or declines it."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    found = access_request(membership, event, request_id)
    services.request_decide(request=found, by=membership, accept=payload.accept)
    return _request_out(found)


@router.post("/{int:event_id}/requests/{int:request_id}/cancel", response=responses(RequestOut))
def cancel_request(request, event_id: int, request_id: int):
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    found = access_request(membership, event, request_id)
    services.request_cancel(request=found, by=membership)
    return _request_out(found)


class RunIn(Schema):
    mode: Literal["solve", "min_moves", "freeze"] = "solve"
    everyone_meets: bool = False
    time_limit_s: float = Field(10.0, ge=1, le=300)


class RunOut(Schema):
    id: int
    mode: str
    everyone_meets: bool
    status: str
    percent: int
    result: dict
    error: str


def _run_out(run) -> dict:
    return {
        "id": run.pk,
        "mode": run.mode,
        "everyone_meets": run.everyone_meets,
        "status": selectors.run_state(run),
        "percent": run.job.percent if run.job else 0,
        "result": run.result,
        "error": run.error or (run.job.error if run.job else ""),
    }


@router.post("/{int:event_id}/schedule-runs", response=responses(RunOut, 201))
def start_run(request, event_id: int, payload: RunIn):
    """Queue a schedule computation (the worker runs it); poll the run for progress.
    ``result`` then holds the weight, proven bound, gap, SMEs without a meeting under each
    policy and the greedy baselines, and (re-schedules) how many published meetings moved."""
    membership = membership_of(request)
    event = access_event(membership, event_id, MANAGE)
    return Status(
        201, _run_out(scheduling.schedule_enqueue(event=event, by=membership, **payload.model_dump()))
    )


@router.get("/{int:event_id}/schedule-runs/{int:run_id}", response=responses(RunOut))
def get_run(request, event_id: int, run_id: int):
    return _run_out(access_run(membership_of(request), event_id, run_id))


@router.post("/{int:event_id}/schedule-runs/{int:run_id}/publish", response=responses(RunOut))
def publish_run(request, event_id: int, run_id: int):
    """Publish a finished run as the schedule and notify every participant."""
    membership = membership_of(request)
    run = access_run(membership, event_id, run_id)
    scheduling.schedule_publish(run=run, by=membership)
    return _run_out(run)


class AgendaOut(Schema):
    meeting_id: int
    slot: int
    starts_at: LocalDateTime
    ends_at: LocalDateTime
    table: int
    buyer: str
    supplier: str
    attendance: str
    walk_in: bool


@router.get("/{int:event_id}/agenda", response=responses(list[AgendaOut]))
def get_agenda(request, event_id: int, registration_id: int | None = None, seat_id: int | None = None):
    """The caller's published meetings in time order with floor table numbers; the organiser
    names a ``registration_id`` or ``seat_id``."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    side = side_of(membership, event)
    if side == "organiser":
        if registration_id is not None:
            items = selectors.agenda(
                event, registration=get_object_or_404(event.registrations, pk=registration_id)
            )
        elif seat_id is not None:
            items = selectors.agenda(event, seat=get_object_or_404(event.seats, pk=seat_id))
        else:
            raise Http404
    elif side == "buyer":
        items = selectors.agenda(event, seat=own_seat(membership, event))
    else:
        registration = own_registration(membership, event)
        if registration is None:
            raise Http404
        items = selectors.agenda(event, registration=registration)
    return [
        {
            "meeting_id": i.meeting.pk,
            "slot": i.slot.number + 1,
            "starts_at": i.slot.starts_at,
            "ends_at": i.slot.ends_at,
            "table": i.table_number,
            "buyer": i.meeting.seat.organisation.name,
            "supplier": i.meeting.registration.supplier.name,
            "attendance": i.meeting.attendance,
            "walk_in": i.meeting.walk_in,
        }
        for i in items
    ]


class CheckInIn(Schema):
    registration_id: int
    arrived: bool = True


@router.post("/{int:event_id}/checkins", response=responses(RegistrationOut))
def check_in(request, event_id: int, payload: CheckInIn):
    """The organiser records an SME's arrival (``arrived: false`` undoes it)."""
    membership = membership_of(request)
    event = access_event(membership, event_id, MANAGE)
    registration = get_object_or_404(
        event.registrations.select_related("supplier"), pk=payload.registration_id
    )
    services.check_in(registration=registration, by=membership, arrived=payload.arrived)
    return _registration_out(registration)


class WalkInIn(Schema):
    registration_id: int
    seat_id: int
    slot: int = Field(ge=1)


@router.post("/{int:event_id}/walk-ins", response=responses(AgendaOut, 201))
def walk_in(request, event_id: int, payload: WalkInIn):
    """A meeting arranged on the day in a free slot (the organiser, or the buyer itself)."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    registration = get_object_or_404(event.registrations, pk=payload.registration_id)
    seat = get_object_or_404(event.seats, pk=payload.seat_id)
    meeting = services.walk_in_create(
        event=event, by=membership, registration=registration, seat=seat, slot=payload.slot - 1
    )
    slot = event.slots.get(number=meeting.slot)
    return Status(
        201,
        {
            "meeting_id": meeting.pk,
            "slot": slot.number + 1,
            "starts_at": slot.starts_at,
            "ends_at": slot.ends_at,
            "table": selectors.table_numbers(event)[seat.pk] + meeting.table,
            "buyer": seat.organisation.name,
            "supplier": registration.supplier.name,
            "attendance": meeting.attendance,
            "walk_in": True,
        },
    )


class AttendanceIn(Schema):
    status: Literal["held", "no_show"]


@router.post("/{int:event_id}/meetings/{int:meeting_id}/attendance", response=responses(dict))
def attendance(request, event_id: int, meeting_id: int, payload: AttendanceIn):
    """The organiser or the meeting's buyer records it as held or a no-show."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    meeting = access_meeting(membership, event, meeting_id)
    services.attendance_set(meeting=meeting, by=membership, status=payload.status)
    return {"meeting_id": meeting.pk, "attendance": meeting.attendance}


class OutcomeIn(Schema):
    interest: Literal["high", "medium", "low"]
    next_step: Literal["deal", "rfq", "sample", "visit", "not_yet"]
    reason: Literal["", "quality", "price", "capacity", "certification", "timing", "other"] = ""
    products: str = Field("", max_length=300)
    potential_value: Rupiah = 0
    note: str = ""
    rfq_quantity: Quantity | None = None
    rfq_unit: str = Field("", max_length=30)
    rfq_kbli: list[str] = []
    rfq_regency_code: str = Field("", max_length=10)
    rfq_deadline_days: int = Field(14, ge=1, le=90)


class OutcomeOut(Schema):
    meeting_id: int
    interest: str
    next_step: str
    reason: str
    potential_value: int
    need_id: int | None


@router.put("/{int:event_id}/meetings/{int:meeting_id}/outcome", response=responses(OutcomeOut))
def record_outcome(request, event_id: int, meeting_id: int, payload: OutcomeIn):
    """The meeting's buyer records what came of it; ``next_step: rfq`` opens a targeted
    need in sourcing with the SME invited (``need_id``)."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    meeting = access_meeting(membership, event, meeting_id)
    data = payload.model_dump()
    data["rfq_quantity"] = Decimal(data["rfq_quantity"]) if data["rfq_quantity"] is not None else None
    outcome = services.outcome_record(meeting=meeting, by=membership, **data)
    return {
        "meeting_id": meeting.pk,
        "interest": outcome.interest,
        "next_step": outcome.next_step,
        "reason": outcome.reason,
        "potential_value": outcome.potential_value,
        "need_id": outcome.need_id,
    }


class FollowUpIn(Schema):
    months: Literal[3, 6, 12]
    negotiation_started: bool = False
    order_placed: bool = False
    note: str = ""


@router.post("/{int:event_id}/meetings/{int:meeting_id}/follow-ups", response=responses(dict, 201))
def follow_up(request, event_id: int, meeting_id: int, payload: FollowUpIn):
    """A follow-up round: did negotiation start, was an order placed (buyer, SME or organiser)."""
    membership = membership_of(request)
    event = access_event(membership, event_id, VIEW)
    meeting = access_meeting(membership, event, meeting_id)
    row = services.follow_up_record(meeting=meeting, by=membership, **payload.model_dump())
    return Status(
        201,
        {
            "meeting_id": meeting.pk,
            "months": row.months,
            "negotiation_started": row.negotiation_started,
            "order_placed": row.order_placed,
        },
    )


class ImportOut(Schema):
    written: int
    problems: list[dict]


@router.post("/{int:event_id}/lists", response=responses(ImportOut))
def import_list(
    request,
    event_id: int,
    file: File[UploadedFile],
    kind: Form[Literal["umkm", "pembeli", "permintaan"]] = "permintaan",
):
    """Import SMEs (``kind=umkm``), buyers (``pembeli``) or meeting requests (``permintaan``)
    from a CSV/XLSX (multipart fields ``file`` and ``kind``); the organiser only. All or
    nothing: any bad row answers ``written: 0`` and every problem as row, column, reason."""
    membership = membership_of(request)
    event = access_event(membership, event_id, MANAGE)
    result = transfer.import_file(
        event=event, by=membership, kind=kind, data=file.read(), filename=file.name or ""
    )
    return {
        "written": result.written,
        "problems": [{"row": p.row, "column": p.column, "reason": p.reason} for p in result.problems],
    }


@router.get("/{int:event_id}/report", response=responses(dict))
def report(request, event_id: int):
    """The organiser's figures: potential (total, by buyer, product category, province, scale),
    meetings held and no-shows, SMEs without a meeting, and the pairing ledger (potential →
    quotes → orders → paid)."""
    event = access_event(membership_of(request), event_id, MANAGE)
    potential = selectors.potential_report(event)
    ledger = selectors.pairing_ledger(event)
    return {
        **{k: v for k, v in potential.items()},
        "smes_without_meeting": [r.supplier.name for r in selectors.smes_without_meeting(event)],
        "ledger": [
            {
                "supplier_id": r["supplier"].pk,
                "supplier": r["supplier"].name,
                "buyer_id": r["buyer"].pk,
                "buyer": r["buyer"].name,
                **{
                    k: r[k]
                    for k in (
                        "potential",
                        "next_step",
                        "quotes",
                        "orders",
                        "ordered",
                        "paid",
                        "rfq_ordered",
                        "rfq_paid",
                    )
                },
            }
            for r in ledger
        ],
        "ledger_totals": selectors.ledger_totals(ledger),
    }
