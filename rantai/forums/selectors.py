"""Reads for forums: lists, agendas with table numbers, the floor plan, run state,
suggested buyers, and the reports (potential vs realised, the pairing ledger)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum

from rantai.accounts.models import Membership
from rantai.jobs.choices import JobStatus
from rantai.suppliers.choices import Scale

from .choices import Attendance, EventStatus, RequestStatus, RunStatus
from .models import BuyerSeat, Event, Meeting, MeetingRequest, Registration, ScheduleRun
from .permissions import events_visible_q

SCALE_LABELS = dict(Scale.choices)


def events_visible(membership: Membership):
    """The events ``membership`` may see, newest first."""
    return (
        Event.objects.filter(events_visible_q(membership))
        .distinct()
        .select_related("organiser")
        .order_by("-date", "-id")
    )


def table_numbers(event: Event) -> dict[int, int]:
    """Seat id → the floor number of its first table (tables numbered 1.. across the hall
    in the order buyers were added)."""
    first, out = 1, {}
    for seat_id, tables in event.seats.order_by("id").values_list("id", "tables"):
        out[seat_id] = first
        first += tables
    return out


def floor_plan(event: Event) -> list[dict]:
    """Every buyer with its table numbers and place on the floor."""
    numbers = table_numbers(event)
    return [
        {"seat": seat, "tables": list(range(numbers[seat.pk], numbers[seat.pk] + seat.tables))}
        for seat in event.seats.select_related("organisation").order_by("id")
    ]


def published_run(event: Event) -> ScheduleRun | None:
    return event.runs.filter(status=RunStatus.PUBLISHED).first()


@dataclass
class AgendaItem:
    meeting: Meeting
    slot: object  # Slot
    table_number: int
    other: str  # the person met: the buyer for an SME, the SME for a buyer


def agenda(
    event: Event, *, registration: Registration | None = None, seat: BuyerSeat | None = None
) -> list[AgendaItem]:
    """The published meetings of one SME (``registration``) or one buyer (``seat``), in time
    order, with the floor table number; empty before the schedule is published."""
    run = published_run(event)
    if run is None:
        return []
    meetings = run.meetings.exclude(attendance=Attendance.CANCELLED).select_related(
        "seat__organisation", "registration__supplier__regency", "outcome"
    )
    if registration is not None:
        meetings = meetings.filter(registration=registration)
    if seat is not None:
        meetings = meetings.filter(seat=seat)
    slots = {s.number: s for s in event.slots.all()}
    numbers = table_numbers(event)
    return [
        AgendaItem(
            m,
            slots[m.slot],
            numbers.get(m.seat_id, 1) + m.table,
            m.registration.supplier.name if seat is not None else m.seat.organisation.name,
        )
        for m in meetings.order_by("slot", "seat_id")
    ]


def requests_for(event: Event, membership: Membership, side: str):
    """The requests the caller may see: all (organiser), its own seat's, or its own SME's."""
    rows = MeetingRequest.objects.filter(event=event).select_related(
        "seat__organisation", "registration__supplier__regency__province"
    )
    if side == "organiser":
        return rows
    if side == "buyer":
        return rows.filter(seat__organisation_id=membership.organisation_id)
    if side == "sme":
        return rows.filter(registration__supplier__organisation_id=membership.organisation_id)
    return rows.none()


def run_state(run: ScheduleRun) -> str:
    """The run's status, failed too when its job failed before the run could say so."""
    if run.status in (RunStatus.QUEUED, RunStatus.RUNNING) and run.job and run.job.status == JobStatus.FAILED:
        return RunStatus.FAILED
    return run.status


def event_counts(event: Event) -> dict:
    registrations = event.registrations.filter(cancelled=False)
    return {
        "buyers": event.seats.count(),
        "tables": event.seats.aggregate(n=Sum("tables"))["n"] or 0,
        "smes": registrations.count(),
        "checked_in": registrations.exclude(checked_in_at=None).count(),
        "requests": event.requests.count(),
        "accepted": event.requests.filter(status=RequestStatus.ACCEPTED).count(),
        "pending": event.requests.filter(status=RequestStatus.PENDING).count(),
    }


def smes_without_meeting(event: Event):
    """Registered SMEs (still coming) with no meeting in the published schedule."""
    run = published_run(event)
    rows = event.registrations.filter(cancelled=False).select_related("supplier__regency__province")
    if run is None:
        return rows
    met = run.meetings.exclude(attendance=Attendance.CANCELLED).values("registration_id")
    return rows.exclude(pk__in=met)


# --- reports ---------------------------------------------------------------------------


def _meetings(event: Event):
    run = published_run(event)
    if run is None:
        return Meeting.objects.none()
    return run.meetings.exclude(attendance=Attendance.CANCELLED)


def _product_categories(supplier_ids) -> dict[int, str]:
    """Each SME's product category: the KBLI 2020 division (2 digits) of its lowest KBLI
    code, e.g. "24 Industri Logam Dasar"; SMEs without a code get none."""
    from rantai.suppliers.models import SupplierProfile
    from rantai.taxonomy.models import Kbli

    division: dict[int, str] = {}
    for supplier_id, code in (SupplierProfile.kbli.through.objects
                              .filter(supplierprofile_id__in=supplier_ids)
                              .order_by("supplierprofile_id", "kbli_id")
                              .values_list("supplierprofile_id", "kbli_id")):
        division.setdefault(supplier_id, code[:2])
    titles = dict(Kbli.objects.filter(code__in=set(division.values())).values_list("code", "title"))
    return {sid: f"{d} {titles.get(d, '')}".strip() for sid, d in division.items()}


def _by_category(outcomes) -> list[dict]:
    rows = list(outcomes.values_list("registration__supplier_id", "outcome__potential_value"))
    category = _product_categories({supplier_id for supplier_id, _value in rows})
    totals: dict[str, dict] = {}
    for supplier_id, value in rows:
        row = totals.setdefault(category.get(supplier_id, "—"),
                                {"label": category.get(supplier_id, "—"), "value": 0, "meetings": 0})
        row["value"] += value or 0
        row["meetings"] += 1
    return sorted(totals.values(), key=lambda r: (-r["value"], r["label"]))


def potential_report(event: Event) -> dict:
    """Potential declared in outcomes: total, by buyer, by product category (the SME's KBLI
    division), by province and by scale; and the meetings (not cancelled) split into held,
    no-show and not recorded, which add up to ``meetings``."""
    meetings = _meetings(event)
    outcomes = meetings.filter(outcome__isnull=False)
    total = outcomes.aggregate(v=Sum("outcome__potential_value"))["v"] or 0

    def grouped(field: str) -> list[dict]:
        return list(
            outcomes.values(label=F(field))
            .annotate(value=Sum("outcome__potential_value"), meetings=Count("id"))
            .order_by("-value")
        )

    return {
        "total": total,
        "meetings": meetings.count(),
        "held": meetings.filter(attendance=Attendance.HELD).count(),
        "no_show": meetings.filter(attendance=Attendance.NO_SHOW).count(),
        "not_recorded": meetings.filter(attendance=Attendance.SCHEDULED).count(),  # nobody checked in
        "with_outcome": outcomes.count(),
        "by_buyer": grouped("seat__organisation__name"),
        "by_category": _by_category(outcomes),
        "by_province": grouped("registration__supplier__regency__province__name"),
        "by_scale": [
            {**row, "label": SCALE_LABELS.get(row["label"], row["label"])}
            for row in grouped("registration__supplier__scale")
        ],
    }


def pairing_ledger(event: Event) -> list[dict]:
    """For every SME↔buyer pair that met at the forum: the potential declared, then what
    followed in sourcing after the forum day — quotes, awarded orders and paid value — both
    through the forum's own follow-up RFQs and for the pair in general.

    Sealed quotes are counted, never summed: their amounts stay secret until the deadline.
    """
    from rantai.sourcing.models import PurchaseOrder, Quote

    meetings = list(
        _meetings(event).select_related("seat__organisation", "registration__supplier", "outcome")
    )
    if not meetings:
        return []
    pairs: dict[tuple[int, int], dict] = {}
    for m in meetings:
        key = (m.registration.supplier_id, m.seat.organisation_id)
        row = pairs.setdefault(
            key,
            {
                "supplier": m.registration.supplier,
                "buyer": m.seat.organisation,
                "potential": 0,
                "next_step": "",
                "rfq_needs": [],
                "quotes": 0,
                "orders": 0,
                "ordered": 0,
                "paid": 0,
                "rfq_ordered": 0,
                "rfq_paid": 0,
            },
        )
        outcome = getattr(m, "outcome", None)
        if outcome is not None:
            row["potential"] += outcome.potential_value
            row["next_step"] = outcome.get_next_step_display()
            if outcome.need_id:
                row["rfq_needs"].append(outcome.need_id)
    suppliers = {k[0] for k in pairs}
    buyers = {k[1] for k in pairs}
    since = event.date
    quotes = defaultdict(int)
    for supplier_id, buyer_id in Quote.objects.filter(
        status="submitted", supplier_id__in=suppliers, need__buyer_id__in=buyers,
        submitted_at__date__gte=since,
    ).values_list("supplier_id", "need__buyer_id"):
        quotes[(supplier_id, buyer_id)] += 1
    orders = (
        PurchaseOrder.objects.filter(
            supplier_id__in=suppliers, buyer_id__in=buyers, need__created_at__date__gte=since
        )
        .exclude(status="cancelled")
        .values("supplier_id", "buyer_id", "need_id", "total_amount", "paid_amount")
    )
    for order in orders:
        row = pairs.get((order["supplier_id"], order["buyer_id"]))
        if row is None:
            continue
        row["orders"] += 1
        row["ordered"] += order["total_amount"]
        row["paid"] += order["paid_amount"]
        if order["need_id"] in row["rfq_needs"]:
            row["rfq_ordered"] += order["total_amount"]
            row["rfq_paid"] += order["paid_amount"]
    for key, row in pairs.items():
        row["quotes"] = quotes.get(key, 0)
    return sorted(pairs.values(), key=lambda r: (-r["potential"], r["supplier"].name))


def ledger_totals(rows: list[dict]) -> dict:
    keys = ("potential", "quotes", "orders", "ordered", "paid", "rfq_ordered", "rfq_paid")
    return {k: sum(r[k] for r in rows) for k in keys} | {"pairs": len(rows)}


def per_buyer(event: Event) -> list:
    """Per buyer seat: requests received/accepted, meetings, no-shows and potential (each
    counted in its own query: one join over requests and meetings would multiply sums)."""
    run = published_run(event)
    seats = list(
        event.seats.select_related("organisation")
        .annotate(
            requests_in=Count("requests"),
            accepted=Count("requests", filter=Q(requests__status=RequestStatus.ACCEPTED)),
        )
        .order_by("organisation__name")
    )
    meetings = run.meetings.exclude(attendance=Attendance.CANCELLED) if run else Meeting.objects.none()
    counts = {
        row["seat_id"]: row
        for row in meetings.values("seat_id").annotate(
            n=Count("id"),
            no_shows=Count("id", filter=Q(attendance=Attendance.NO_SHOW)),
            potential=Sum("outcome__potential_value"),
        )
    }
    for seat in seats:
        row = counts.get(seat.pk, {})
        seat.meetings_n, seat.no_shows = row.get("n", 0), row.get("no_shows", 0)
        seat.potential = row.get("potential") or 0
    return seats


def potential_vs_realised(*, province: str | None = None) -> list[dict]:
    """For the national dashboard: per forum with a published schedule, the potential the
    buyers declared at its meetings against what the same pairs ordered and paid after it
    (``pairing_ledger``); with ``province``, only pairs whose SME is in that province."""
    rows = []
    events = Event.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.FINISHED])
    for event in events.order_by("-date", "-id"):
        pairs = pairing_ledger(event)
        if province:
            pairs = [p for p in pairs if p["supplier"].regency_id.split(".")[0] == province]
        if pairs:
            rows.append({"name": f"{event.title} ({event.date:%d-%m-%Y})",
                         "potential": sum(p["potential"] for p in pairs),
                         "ordered": sum(p["ordered"] for p in pairs),
                         "realised": sum(p["paid"] for p in pairs)})
    return rows
