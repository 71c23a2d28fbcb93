"""Forum pages. One event page serves each party: the organiser (buyers, lists, the
schedule), a buyer (its needs, requests to answer, SMEs to ask) and an SME (registration,
suggested buyers, its requests). Agendas (page, print, .ics), the floor plan, check-in,
walk-ins, outcomes and the report have their own pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Organisation
from rantai.accounts.permissions import org_required
from rantai.core.feedback import run_and_report
from rantai.core.forms import add_service_errors

from . import scheduling, selectors, services, transfer
from .choices import Attendance
from .forms import (
    EventForm,
    EventNeedForm,
    FollowUpForm,
    ImportForm,
    OutcomeForm,
    RegistrationForm,
    RequestForm,
    ScheduleForm,
    SeatForm,
    WalkInForm,
)
from .ics import agenda_ics
from .permissions import (
    ALL_KINDS,
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
from .suggestions import suggested_buyers

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEDGER_ROWS = 100  # the page shows the largest pairs; the export has them all


def _back(event_id: int):
    return redirect("forums:event", event_id)


@org_required(*ALL_KINDS)
def event_list(request):
    return render(
        request,
        "forums/event_list.html",
        {
            "events": selectors.events_visible(request.membership)[:100],
            "may_create": request.membership.organisation.kind in ORGANISING_KINDS,
        },
    )


@org_required(*ORGANISING_KINDS)
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Forum dibuat. Tambahkan pembeli, lalu buka pendaftaran."))
            return _back(event.pk)
    return render(request, "forums/event_form.html", {"form": form})


@org_required(*ALL_KINDS)
def event_detail(request, event_id: int):
    membership = request.membership
    event = access_event(membership, event_id, VIEW)
    side = side_of(membership, event)
    slots = list(event.slots.select_related("event"))
    context = {
        "event": event,
        "side": side,
        "slots": slots,
        "counts": selectors.event_counts(event),
        "published": selectors.published_run(event),
    }
    if side == "organiser":
        taken = event.seats.values_list("organisation_id", flat=True)
        approved = Organisation.objects.filter(kind=OrgKind.BUYER, status="approved").order_by("name")
        # Buyers not yet taking part first; choosing one already in changes its tables.
        buyers = [*approved.exclude(pk__in=taken), *approved.filter(pk__in=taken)]
        context.update(
            seat_form=SeatForm(buyers=buyers, slot_count=len(slots)),
            floor=selectors.floor_plan(event),
            schedule_form=ScheduleForm(),
            runs=event.runs.select_related("job")[:10],
            requests=selectors.requests_for(event, membership, side).order_by("-id")[:50],
            without=selectors.smes_without_meeting(event)[:50],
            import_form=ImportForm(),
        )
    elif side == "buyer":
        seat = own_seat(membership, event)
        context.update(
            seat=seat,
            need_form=EventNeedForm(needs=_own_needs(membership)),
            needs=seat.needs.all(),
            requests=selectors.requests_for(event, membership, side).order_by("status", "-priority"),
            registrations=event.registrations.filter(cancelled=False)
            .exclude(requests__seat=seat)
            .select_related("supplier__regency__province")[:200],
            priority_form=RequestForm(),
        )
    elif side == "sme":
        registration = own_registration(membership, event)
        context.update(
            registration=registration,
            registration_form=RegistrationForm(
                slot_count=len(slots),
                initial={
                    "available_slots": _slots_text(registration.available_slots) if registration else ""
                },
            ),
            requests=selectors.requests_for(event, membership, side),
            priority_form=RequestForm(),
        )
        if registration and not registration.cancelled:
            asked = set(registration.requests.values_list("seat_id", flat=True))
            context["suggestions"] = [
                s for s in suggested_buyers(event, registration) if s.seat.pk not in asked
            ]
            context["other_seats"] = event.seats.exclude(pk__in=asked).select_related("organisation")
    return render(request, "forums/event_detail.html", context)


def _slots_text(slots) -> str:
    from .slots import format_slot_list

    return format_slot_list(slots)


@require_POST
@org_required(*ORGANISING_KINDS)
def event_open(request, event_id: int):
    event = access_event(request.membership, event_id, MANAGE)
    run_and_report(
        request, lambda: services.event_open(event=event, by=request.membership), _("Pendaftaran dibuka.")
    )
    return _back(event.pk)


@require_POST
@org_required(*ORGANISING_KINDS)
def seat_add(request, event_id: int):
    event = access_event(request.membership, event_id, MANAGE)
    buyers = Organisation.objects.filter(kind=OrgKind.BUYER)
    form = SeatForm(request.POST, buyers=buyers, slot_count=event.slots.count())
    if form.is_valid():
        run_and_report(
            request,
            lambda: services.seat_save(event=event, by=request.membership, **form.cleaned_data),
            _("Pembeli disimpan."),
        )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return _back(event.pk)


def _own_needs(membership):
    """The buyer's published sourcing needs, to link one to a forum need."""
    from rantai.sourcing.models import Need

    return Need.objects.filter(buyer_id=membership.organisation_id, status="published").order_by("-id")[:50]


@require_POST
@org_required(OrgKind.BUYER)
def need_add(request, event_id: int):
    event = access_event(request.membership, event_id, VIEW)
    form = EventNeedForm(request.POST, needs=_own_needs(request.membership))
    if form.is_valid():
        run_and_report(
            request,
            lambda: services.event_need_add(event=event, by=request.membership, **form.cleaned_data),
            _("Kebutuhan diterbitkan untuk forum ini."),
        )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return _back(event.pk)


@require_POST
@org_required(OrgKind.SME)
def register(request, event_id: int):
    event = access_event(request.membership, event_id, VIEW)
    form = RegistrationForm(request.POST, slot_count=event.slots.count())
    if form.is_valid():
        run_and_report(
            request,
            lambda: services.registration_save(
                event=event, by=request.membership, available_slots=form.cleaned_data["available_slots"]
            ),
            _("Pendaftaran forum tersimpan."),
        )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return _back(event.pk)


@require_POST
@org_required(OrgKind.SME, OrgKind.BUYER)
def request_create(request, event_id: int):
    """The SME asks a buyer (target = seat id); a buyer asks an SME (target = registration id)."""
    membership = request.membership
    event = access_event(membership, event_id, VIEW)
    form = RequestForm(request.POST)
    if not form.is_valid():
        raise Http404
    target, priority = form.cleaned_data["target"], form.cleaned_data["priority"]
    if membership.organisation.kind == OrgKind.SME:
        registration = own_registration(membership, event)
        seat = event.seats.filter(pk=target).first()
    else:
        seat = own_seat(membership, event)
        registration = event.registrations.filter(pk=target).first()
    if registration is None or seat is None:
        messages.error(request, _("Daftar dulu ke forum ini."))
        return _back(event.pk)
    run_and_report(
        request,
        lambda: services.request_create(
            event=event, by=membership, registration=registration, seat=seat, priority=priority
        ),
        _("Permintaan pertemuan terkirim."),
    )
    return _back(event.pk)


@require_POST
@org_required(*ALL_KINDS)
def request_decide(request, event_id: int, request_id: int):
    event = access_event(request.membership, event_id, VIEW)
    meeting_request = access_request(request.membership, event, request_id)
    accept = request.POST.get("accept") == "1"
    run_and_report(
        request,
        lambda: services.request_decide(request=meeting_request, by=request.membership, accept=accept),
        _("Permintaan diterima.") if accept else _("Permintaan ditolak."),
    )
    return _back(event.pk)


@require_POST
@org_required(*ALL_KINDS)
def request_cancel(request, event_id: int, request_id: int):
    event = access_event(request.membership, event_id, VIEW)
    meeting_request = access_request(request.membership, event, request_id)
    run_and_report(
        request,
        lambda: services.request_cancel(request=meeting_request, by=request.membership),
        _("Permintaan dibatalkan."),
    )
    return _back(event.pk)


# --- schedule --------------------------------------------------------------------------


@require_POST
@org_required(*ORGANISING_KINDS)
def schedule_start(request, event_id: int):
    event = access_event(request.membership, event_id, MANAGE)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _back(event.pk)
    try:
        run = scheduling.schedule_enqueue(event=event, by=request.membership, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(event.pk)
    return redirect("forums:run", event.pk, run.pk)


@org_required(*ORGANISING_KINDS)
def run_detail(request, event_id: int, run_id: int):
    """Progress while the worker computes (htmx polls the partial), then the figures."""
    run = access_run(request.membership, event_id, run_id)
    context = {
        "event": run.event,
        "run": run,
        "state": selectors.run_state(run),
        "job": run.job,
        "meetings": run.meetings.count(),
    }
    if request.htmx:
        return render(request, "forums/_run_progress.html", context)
    return render(request, "forums/run_detail.html", context)


@require_POST
@org_required(*ORGANISING_KINDS)
def run_publish(request, event_id: int, run_id: int):
    run = access_run(request.membership, event_id, run_id)
    run_and_report(
        request,
        lambda: scheduling.schedule_publish(run=run, by=request.membership),
        _("Jadwal diterbitkan; semua peserta diberi tahu."),
    )
    return _back(event_id)


# --- agendas ---------------------------------------------------------------------------


def _own_agenda(request, event):
    """(owner name, items) for the caller; organisers pass ?umkm=<registration> or
    ?pembeli=<seat> to see anyone's."""
    membership = request.membership
    side = side_of(membership, event)
    if side == "organiser":
        if "umkm" in request.GET:
            registration = get_object_or_404(
                event.registrations.select_related("supplier"), pk=request.GET["umkm"]
            )
            return registration.supplier.name, selectors.agenda(event, registration=registration)
        if "pembeli" in request.GET:
            seat = get_object_or_404(event.seats.select_related("organisation"), pk=request.GET["pembeli"])
            return seat.organisation.name, selectors.agenda(event, seat=seat)
        raise Http404
    if side == "buyer":
        seat = own_seat(membership, event)
        return seat.organisation.name, selectors.agenda(event, seat=seat)
    registration = own_registration(membership, event)
    if registration is None:
        raise Http404
    return registration.supplier.name, selectors.agenda(event, registration=registration)


@org_required(*ALL_KINDS)
def agenda(request, event_id: int):
    event = access_event(request.membership, event_id, VIEW)
    owner, items = _own_agenda(request, event)
    return render(
        request,
        "forums/agenda.html",
        {
            "event": event,
            "owner": owner,
            "items": items,
            "side": side_of(request.membership, event),
            "published": selectors.published_run(event),
            "query": request.GET.urlencode(),
            "print": "cetak" in request.GET,
        },
    )


@org_required(*ALL_KINDS)
def agenda_calendar(request, event_id: int):
    event = access_event(request.membership, event_id, VIEW)
    owner, items = _own_agenda(request, event)
    response = HttpResponse(
        agenda_ics(event, items, owner=owner, host=request.get_host().split(":")[0]),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="forum-{event.pk}-agenda.ics"'
    return response


@org_required(*ALL_KINDS)
def floor(request, event_id: int):
    event = access_event(request.membership, event_id, VIEW)
    return render(request, "forums/floor.html", {"event": event, "floor": selectors.floor_plan(event)})


# --- the day ---------------------------------------------------------------------------


@org_required(*ORGANISING_KINDS)
def checkin(request, event_id: int):
    """A phone-sized list: tap to mark an SME arrived; the day's meetings by slot."""
    event = access_event(request.membership, event_id, MANAGE)
    if request.method == "POST":
        registration = get_object_or_404(event.registrations, pk=request.POST.get("registration"))
        arrived = request.POST.get("arrived") == "1"
        run_and_report(
            request,
            lambda: services.check_in(registration=registration, by=request.membership, arrived=arrived),
            _("%(sme)s hadir.") % {"sme": registration.supplier.name}
            if arrived
            else _("Kehadiran dibatalkan."),
        )
        return redirect(f"{request.path}?q={request.POST.get('q', '')}")
    query = request.GET.get("q", "").strip()
    registrations = (
        event.registrations.filter(cancelled=False).select_related("supplier").order_by("supplier__name")
    )
    if query:
        registrations = registrations.filter(supplier__name__icontains=query)
    run = selectors.published_run(event)
    slots = list(event.slots.select_related("event"))
    seats = event.seats.select_related("organisation")
    return render(
        request,
        "forums/checkin.html",
        {
            "event": event,
            "registrations": registrations[:100],
            "query": query,
            "walk_in_form": WalkInForm(
                registrations=event.registrations.filter(cancelled=False)
                .select_related("supplier")
                .order_by("supplier__name"),
                seats=seats,
                slots=slots,
            )
            if run
            else None,
        },
    )


@require_POST
@org_required(OrgKind.BUYER, *ORGANISING_KINDS)
def attendance(request, event_id: int, meeting_id: int):
    event = access_event(request.membership, event_id, VIEW)
    meeting = access_meeting(request.membership, event, meeting_id)
    status = request.POST.get("status", "")
    run_and_report(
        request,
        lambda: services.attendance_set(meeting=meeting, by=request.membership, status=status),
        _("Kehadiran dicatat."),
    )
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("forums:agenda", event.pk)


@require_POST
@org_required(OrgKind.BUYER, *ORGANISING_KINDS)
def walk_in(request, event_id: int):
    event = access_event(request.membership, event_id, VIEW)
    seats = event.seats.select_related("organisation")
    if side_of(request.membership, event) == "buyer":
        seats = seats.filter(organisation_id=request.membership.organisation_id)
    form = WalkInForm(
        request.POST,
        registrations=event.registrations.filter(cancelled=False).select_related("supplier"),
        seats=seats,
        slots=event.slots.select_related("event"),
    )
    if form.is_valid():
        registration = event.registrations.get(pk=form.cleaned_data["registration"])
        seat = seats.get(pk=form.cleaned_data["seat"])
        run_and_report(
            request,
            lambda: services.walk_in_create(
                event=event,
                by=request.membership,
                registration=registration,
                seat=seat,
                slot=form.cleaned_data["slot"],
            ),
            _("Pertemuan langsung dijadwalkan."),
        )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("forums:checkin", event.pk)


@org_required(*ALL_KINDS)
def meeting_detail(request, event_id: int, meeting_id: int):
    """The outcome form for the buyer, the SME's note, follow-ups for every party."""
    membership = request.membership
    event = access_event(membership, event_id, VIEW)
    meeting = access_meeting(membership, event, meeting_id)
    outcome = getattr(meeting, "outcome", None)
    is_buyer = meeting.seat.organisation_id == membership.organisation_id
    initial = {}
    if outcome:
        initial = {
            f: getattr(outcome, f)
            for f in ("interest", "next_step", "reason", "products", "potential_value", "note")
        }
    form = OutcomeForm(request.POST or None, initial=initial) if is_buyer else None
    if request.method == "POST" and "outcome" in request.POST and is_buyer:
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["potential_value"] = data["potential_value"] or 0
            data["rfq_deadline_days"] = data["rfq_deadline_days"] or 14
            try:
                saved = services.outcome_record(meeting=meeting, by=membership, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = _("Hasil pertemuan dicatat.")
                if saved.need_id:
                    message += " " + _("RFQ lanjutan dibuat dan UMKM diundang.")
                messages.success(request, message)
                return redirect("forums:meeting", event.pk, meeting.pk)
    if request.method == "POST" and "sme_note" in request.POST:
        run_and_report(
            request,
            lambda: services.sme_note_record(
                meeting=meeting, by=membership, note=request.POST.get("sme_note", "")
            ),
            _("Catatan Anda disimpan."),
        )
        return redirect("forums:meeting", event.pk, meeting.pk)
    if request.method == "POST" and "follow_up" in request.POST:
        follow = FollowUpForm(request.POST)
        if follow.is_valid():
            run_and_report(
                request,
                lambda: services.follow_up_record(meeting=meeting, by=membership, **follow.cleaned_data),
                _("Tindak lanjut dicatat."),
            )
        return redirect("forums:meeting", event.pk, meeting.pk)
    slot = event.slots.select_related("event").get(number=meeting.slot)
    return render(
        request,
        "forums/meeting.html",
        {
            "event": event,
            "meeting": meeting,
            "outcome": outcome,
            "form": form,
            "is_buyer": is_buyer,
            "is_sme": meeting.registration.supplier.organisation_id == membership.organisation_id,
            "slot": slot,
            "table_number": selectors.table_numbers(event).get(meeting.seat_id, 1) + meeting.table,
            "follow_form": FollowUpForm(),
            "follow_ups": meeting.follow_ups.all(),
            "no_show": meeting.attendance == Attendance.NO_SHOW,
            "may_mark": is_buyer or side_of(membership, event) == "organiser",
        },
    )


# --- report, import, export ------------------------------------------------------------


@org_required(*ORGANISING_KINDS)
def report(request, event_id: int):
    event = access_event(request.membership, event_id, MANAGE)
    ledger = selectors.pairing_ledger(event)
    return render(
        request,
        "forums/report.html",
        {
            "event": event,
            "potential": selectors.potential_report(event),
            "ledger": ledger[:LEDGER_ROWS],
            "totals": selectors.ledger_totals(ledger),
            "per_buyer": selectors.per_buyer(event),
            "without": selectors.smes_without_meeting(event),
            "published": selectors.published_run(event),
        },
    )


@org_required(*ORGANISING_KINDS)
def import_list(request, event_id: int):
    event = access_event(request.membership, event_id, MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = transfer.import_file(
                event=event,
                by=request.membership,
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                filename=upload.name,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not result.problems:
                messages.success(request, _("%(n)d baris diimpor.") % {"n": result.written})
                return _back(event.pk)
    return render(
        request,
        "forums/import.html",
        {"event": event, "form": form, "result": result, "columns": transfer.COLUMNS},
    )


@org_required(*ORGANISING_KINDS)
def export_list(request, event_id: int, kind: str, fmt: str):
    event = access_event(request.membership, event_id, MANAGE)
    if kind not in transfer.EXPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = transfer.export_rows(event, kind)
    if fmt == "csv":
        response = HttpResponse(transfer.to_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(transfer.to_xlsx(header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="forum-{event.pk}-{kind}.{fmt}"'
    return response
