"""Writes for forums: event → buyers and their needs → SME registration → meeting requests →
check-in, walk-ins, attendance → outcomes (a follow-up RFQ in sourcing) → follow-ups.

Scheduling (queueing a run, publishing it) lives in ``scheduling.py``. Every service checks
the caller's part in the event, the transition tables in ``choices.py``, runs in one
transaction and appends to the audit log; bad input raises ``ValidationError`` keyed by field.
"""

from datetime import date, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership, Organisation
from rantai.accounts.permissions import can_decide
from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.core.money import MAX_RUPIAH
from rantai.core.timezones import ZONES
from rantai.core.transitions import move
from rantai.notifications.services import notify
from rantai.suppliers.choices import ProfileStatus
from rantai.suppliers.models import SupplierProfile
from rantai.taxonomy.models import Regency
from rantai.taxonomy.selectors import kbli_codes_missing

from .choices import (
    ATTENDANCE_TRANSITIONS,
    EVENT_TRANSITIONS,
    REQUEST_TRANSITIONS,
    Attendance,
    EventStatus,
    NextStep,
    Priority,
    RequestStatus,
    RunStatus,
    Side,
)
from .models import (
    BuyerSeat,
    Event,
    EventNeed,
    FollowUp,
    Meeting,
    MeetingRequest,
    Outcome,
    Registration,
    Slot,
)
from .permissions import may_organise
from .slots import generate_slots

MAX_SLOTS, MAX_TABLES = 96, 200


def _audit(action: str, obj, by: Membership, payload: dict | None = None) -> None:
    audit_append(action=action, obj=obj, actor=by.user, organisation_id=by.organisation_id, payload=payload)


def _require_organiser(by: Membership, event: Event | None = None) -> None:
    if not may_organise(by) or (event is not None and event.organiser_id != by.organisation_id):
        raise PermissionDenied


def _event_url(event: Event) -> str:
    return reverse("forums:event", args=[event.pk])


def _check_slots(slots: list[int] | None, event: Event, field: str) -> list[int] | None:
    if slots is None:
        return None
    count = event.slots.count()
    clean = sorted({int(s) for s in slots})
    if any(not 0 <= s < count for s in clean):
        raise ValidationError({field: _("Sesi harus antara 1 dan %(count)d.") % {"count": count}})
    return clean


# --- the event ------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    by: Membership,
    title: str,
    date: date,
    start: time,
    slot_minutes: int,
    slot_count: int,
    breaks: dict[int, int] | None = None,
    timezone: str = "Asia/Jakarta",
    venue: str = "",
    online: bool = False,
    regency_code: str = "",
    description: str = "",
) -> Event:
    """Create a draft forum and its slots (organisers and agency staff)."""
    _require_organiser(by)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Nama forum wajib diisi.")
    if date is None:
        errors["date"] = _("Tanggal wajib diisi.")
    if not slot_minutes or not 5 <= slot_minutes <= 240:
        errors["slot_minutes"] = _("Lama sesi antara 5 dan 240 menit.")
    if not slot_count or not 1 <= slot_count <= MAX_SLOTS:
        errors["slot_count"] = _("Jumlah sesi antara 1 dan %(max)d.") % {"max": MAX_SLOTS}
    if timezone not in ZONES:
        errors["timezone"] = _("Pilih WIB, WITA atau WIT.")
    if not online and not venue.strip():
        errors["venue"] = _("Isi tempat, atau tandai forum daring.")
    if regency_code and not Regency.objects.filter(code=regency_code).exists():
        errors["regency_code"] = _("Kabupaten/kota tidak dikenal: %(code)s. Pilih dari daftar.") % {
            "code": regency_code
        }
    if any(
        after < 1 or after >= (slot_count or 0) or minutes <= 0 for after, minutes in (breaks or {}).items()
    ):
        errors["breaks"] = _("Jeda ditulis 'setelah sesi:menit', misalnya 8:60, di antara sesi.")
    if errors:
        raise ValidationError(errors)
    event = Event.objects.create(
        organiser=by.organisation,
        title=title.strip(),
        description=description,
        date=date,
        timezone=timezone,
        venue=venue.strip(),
        online=online,
        regency_id=regency_code or None,
    )
    Slot.objects.bulk_create(
        [
            Slot(event=event, number=s.number, starts_at=s.starts_at, ends_at=s.ends_at)
            for s in generate_slots(date, start, slot_minutes, slot_count, timezone, breaks)
        ]
    )
    _audit("forum.create", event, by, {"slots": slot_count, "minutes": slot_minutes})
    return event


@transaction.atomic
def event_open(*, event: Event, by: Membership) -> None:
    """Open registration: SMEs can now register and request meetings."""
    _require_organiser(by, event)
    if not event.seats.exists():
        raise ValidationError({"__all__": _("Tambahkan minimal satu pembeli sebelum membuka pendaftaran.")})
    move(event, EVENT_TRANSITIONS, EventStatus.OPEN)
    _audit("forum.open", event, by)


@transaction.atomic
def event_finish(*, event: Event, by: Membership) -> None:
    """Close the forum after the day (outcomes and follow-ups stay open)."""
    _require_organiser(by, event)
    move(event, EVENT_TRANSITIONS, EventStatus.FINISHED)
    _audit("forum.finish", event, by)


@transaction.atomic
def seat_save(
    *,
    event: Event,
    by: Membership,
    buyer_id: int,
    tables: int,
    available_slots: list[int] | None = None,
    location: str = "",
) -> BuyerSeat:
    """Add a buyer to the forum, or change its tables, availability and place on the floor."""
    _require_organiser(by, event)
    buyer = Organisation.objects.filter(pk=buyer_id, kind=OrgKind.BUYER).first()
    if buyer is None or not buyer.is_approved:
        raise ValidationError({"buyer_id": _("Pilih pembeli yang sudah disetujui.")})
    if tables is None or not 0 <= tables <= MAX_TABLES:
        raise ValidationError({"tables": _("Jumlah meja antara 0 dan %(max)d.") % {"max": MAX_TABLES}})
    slots = _check_slots(available_slots, event, "available_slots")
    seat, created = BuyerSeat.objects.update_or_create(
        event=event,
        organisation=buyer,
        defaults={"tables": tables, "available_slots": slots, "location": location.strip()[:100]},
    )
    _audit("forum.seat", event, by, {"buyer": buyer.pk, "tables": tables, "new": created})
    return seat


@transaction.atomic
def event_need_add(
    *,
    event: Event,
    by: Membership,
    title: str,
    description: str = "",
    kbli_codes: list[str] | None = None,
    need_id: int | None = None,
    estimated_value: int | None = None,
    seat: BuyerSeat | None = None,
) -> EventNeed:
    """A buyer publishes what it looks for at this forum (the organiser may do it for a
    buyer's ``seat``); ``need_id`` links one of the buyer's own sourcing needs."""
    if seat is None:
        seat = event.seats.filter(organisation_id=by.organisation_id).first()
        if seat is None:
            raise PermissionDenied
    elif seat.event_id != event.pk or event.organiser_id != by.organisation_id:
        raise PermissionDenied
    codes = sorted({c.strip() for c in kbli_codes or [] if c.strip()})
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Judul kebutuhan wajib diisi.")
    if missing := kbli_codes_missing(codes):
        errors["kbli_codes"] = _("Kode KBLI 2020 tidak dikenal: %(codes)s") % {"codes": ", ".join(missing)}
    if estimated_value is not None and not 0 < estimated_value <= MAX_RUPIAH:
        errors["estimated_value"] = _("Perkiraan nilai harus lebih dari nol.")
    if need_id is not None:
        from rantai.sourcing.models import Need

        if not Need.objects.filter(pk=need_id, buyer_id=seat.organisation_id).exists():
            errors["need_id"] = _("Pilih salah satu kebutuhan pengadaan milik pembeli ini.")
    if errors:
        raise ValidationError(errors)
    item = EventNeed.objects.create(
        seat=seat,
        title=title.strip(),
        description=description,
        kbli_codes=codes,
        need_id=need_id,
        estimated_value=estimated_value,
    )
    _audit("forum.need", event, by, {"need": item.pk, "title": item.title})
    return item


# --- SMEs -----------------------------------------------------------------------------


def _open_for_registration(event: Event) -> None:
    if event.status not in (EventStatus.OPEN, EventStatus.PUBLISHED):
        raise ValidationError({"__all__": _("Pendaftaran forum ini belum dibuka atau sudah ditutup.")})


@transaction.atomic
def registration_save(
    *, event: Event, by: Membership, available_slots: list[int] | None = None
) -> Registration:
    """The SME registers from its published registry profile, or changes its slots."""
    if by.organisation.kind != OrgKind.SME:
        raise PermissionDenied
    _open_for_registration(event)
    supplier = SupplierProfile.objects.filter(organisation=by.organisation).first()
    if supplier is None or supplier.status != ProfileStatus.PUBLISHED:
        raise ValidationError({"__all__": _("Terbitkan profil usaha Anda sebelum mendaftar forum.")})
    slots = _check_slots(available_slots, event, "available_slots")
    registration, created = Registration.objects.update_or_create(
        event=event, supplier=supplier, defaults={"available_slots": slots, "cancelled": False}
    )
    _audit("forum.register", registration, by, {"event": event.pk, "new": created})
    return registration


@transaction.atomic
def registration_add(
    *, event: Event, by: Membership, supplier: SupplierProfile, available_slots: list[int] | None = None
) -> Registration:
    """The organiser registers an SME (e.g. from a participant list)."""
    _require_organiser(by, event)
    slots = _check_slots(available_slots, event, "available_slots")
    registration, _created = Registration.objects.update_or_create(
        event=event, supplier=supplier, defaults={"available_slots": slots, "cancelled": False}
    )
    _audit("forum.register", registration, by, {"event": event.pk, "by_organiser": True})
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: Membership) -> None:
    """The SME (or the organiser) cancels attendance; its requests stop being scheduled."""
    event = registration.event
    if by.organisation_id not in (registration.supplier.organisation_id, event.organiser_id):
        raise PermissionDenied
    Registration.objects.filter(pk=registration.pk).update(cancelled=True)
    registration.cancelled = True
    _audit("forum.unregister", registration, by, {"event": event.pk})


# --- meeting requests -----------------------------------------------------------------


@transaction.atomic
def request_create(
    *,
    event: Event,
    by: Membership,
    registration: Registration,
    seat: BuyerSeat,
    priority: int = Priority.WANT,
    note: str = "",
) -> MeetingRequest:
    """Ask for a meeting. The SME asks a buyer, a buyer asks an SME (the other side then
    accepts or declines); the organiser's requests are accepted at once. The other side is
    notified."""
    if registration.event_id != event.pk or seat.event_id != event.pk:
        raise PermissionDenied
    org_id = by.organisation_id
    if org_id == event.organiser_id:
        side = Side.ORGANISER
    elif org_id == registration.supplier.organisation_id:
        side = Side.SME
    elif org_id == seat.organisation_id:
        side = Side.BUYER
    else:
        raise PermissionDenied
    if side != Side.ORGANISER:
        _open_for_registration(event)
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Prioritas 3 (wajib), 2 (ingin) atau 1 (mungkin).")})
    if registration.cancelled:
        raise ValidationError({"__all__": _("UMKM ini sudah batal hadir.")})
    status = RequestStatus.ACCEPTED if side == Side.ORGANISER else RequestStatus.PENDING
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                event=event,
                registration=registration,
                seat=seat,
                priority=priority,
                initiated_by=side,
                status=status,
                note=note.strip()[:300],
                decided_at=clock.now() if status == RequestStatus.ACCEPTED else None,
            )
    except IntegrityError as error:
        raise ValidationError({"__all__": _("Permintaan pertemuan untuk pasangan ini sudah ada.")}) from error
    _audit("forum.request", request, by, {"event": event.pk, "priority": priority, "side": side})
    if side == Side.SME:
        notify(
            organisation_id=seat.organisation_id,
            subject=lambda: _("Permintaan pertemuan dari %(sme)s") % {"sme": registration.supplier.name},
            body=lambda: _("%(sme)s ingin bertemu Anda di %(event)s.")
            % {"sme": registration.supplier.name, "event": event.title},
            url=_event_url(event),
        )
    elif side == Side.BUYER:
        notify(
            organisation_id=registration.supplier.organisation_id,
            subject=lambda: _("Permintaan pertemuan dari %(buyer)s") % {"buyer": seat.organisation.name},
            body=lambda: _("%(buyer)s ingin bertemu Anda di %(event)s.")
            % {"buyer": seat.organisation.name, "event": event.title},
            url=_event_url(event),
        )
    return request


def _answering_org(request: MeetingRequest) -> int:
    """The organisation that answers ``request``: the side that did not send it."""
    if request.initiated_by == Side.BUYER:
        return request.registration.supplier.organisation_id
    return request.seat.organisation_id


@transaction.atomic
def request_decide(*, request: MeetingRequest, by: Membership, accept: bool) -> None:
    """The side that received the request accepts or declines it (the organiser may too)."""
    if by.organisation_id not in (_answering_org(request), request.event.organiser_id):
        raise PermissionDenied
    new = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    move(request, REQUEST_TRANSITIONS, new, decided_at=clock.now())
    _audit("forum.request.decide", request, by, {"status": new})
    if accept:
        asker = (
            request.seat.organisation_id
            if request.initiated_by == Side.BUYER
            else request.registration.supplier.organisation_id
        )
        other = (
            request.registration.supplier.name
            if request.initiated_by == Side.BUYER
            else request.seat.organisation.name
        )
        notify(
            organisation_id=asker,
            subject=lambda: _("Permintaan pertemuan diterima: %(other)s") % {"other": other},
            body=lambda: _("%(other)s menerima permintaan pertemuan Anda di %(event)s.")
            % {"other": other, "event": request.event.title},
            url=_event_url(request.event),
        )


@transaction.atomic
def request_cancel(*, request: MeetingRequest, by: Membership) -> None:
    """Either side (or the organiser) withdraws a request; a re-schedule frees its meeting."""
    parties = (
        request.registration.supplier.organisation_id,
        request.seat.organisation_id,
        request.event.organiser_id,
    )
    if by.organisation_id not in parties:
        raise PermissionDenied
    move(request, REQUEST_TRANSITIONS, RequestStatus.CANCELLED, decided_at=clock.now())
    _audit("forum.request.cancel", request, by)


# --- the day: check-in, attendance, walk-ins ------------------------------------------


@transaction.atomic
def check_in(*, registration: Registration, by: Membership, arrived: bool = True) -> None:
    """The organiser records that the SME arrived (or undoes it)."""
    _require_organiser(by, registration.event)
    at = clock.now() if arrived else None
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=at)
    registration.checked_in_at = at
    _audit("forum.checkin", registration, by, {"arrived": arrived})


@transaction.atomic
def attendance_set(*, meeting: Meeting, by: Membership, status: str) -> None:
    """The organiser or the meeting's buyer records a meeting as held or as a no-show."""
    event = meeting.run.event
    if by.organisation_id not in (event.organiser_id, meeting.seat.organisation_id):
        raise PermissionDenied
    if status not in (Attendance.HELD, Attendance.NO_SHOW):
        raise ValidationError({"status": _("Pilih 'berlangsung' atau 'tidak hadir'.")})
    move(meeting, ATTENDANCE_TRANSITIONS, status, status_field="attendance")
    _audit("forum.attendance", meeting, by, {"status": status})


@transaction.atomic
def walk_in_create(
    *, event: Event, by: Membership, registration: Registration, seat: BuyerSeat, slot: int
) -> Meeting:
    """A meeting arranged on the day in a free slot of the published schedule: the SME is
    free then, the buyer is available and has a free table (the lowest is taken)."""
    if by.organisation_id not in (event.organiser_id, seat.organisation_id):
        raise PermissionDenied
    if registration.event_id != event.pk or seat.event_id != event.pk:
        raise PermissionDenied
    run = event.runs.filter(status=RunStatus.PUBLISHED).first()
    if run is None:
        raise ValidationError(
            {"__all__": _("Terbitkan jadwal dulu; pertemuan langsung mengisi sesi kosong.")}
        )
    slot = _check_slots([slot], event, "slot")[0]
    meetings = run.meetings.exclude(attendance=Attendance.CANCELLED)
    if meetings.filter(registration=registration, slot=slot).exists():
        raise ValidationError({"slot": _("UMKM ini sudah punya pertemuan di sesi itu.")})
    if meetings.filter(registration=registration, seat=seat).exists():
        raise ValidationError({"__all__": _("Pasangan ini sudah dijadwalkan bertemu.")})
    if seat.available_slots is not None and slot not in seat.available_slots:
        raise ValidationError({"slot": _("Pembeli tidak tersedia di sesi itu.")})
    taken = set(meetings.filter(seat=seat, slot=slot).values_list("table", flat=True))
    free = [t for t in range(seat.tables) if t not in taken]
    if not free:
        raise ValidationError({"slot": _("Semua meja pembeli ini terisi di sesi itu.")})
    request, _created = MeetingRequest.objects.get_or_create(
        registration=registration,
        seat=seat,
        defaults={
            "event": event,
            "priority": Priority.WANT,
            "initiated_by": Side.ORGANISER,
            "status": RequestStatus.ACCEPTED,
            "decided_at": clock.now(),
            "note": "walk-in",
        },
    )
    if request.status != RequestStatus.ACCEPTED:
        move(request, REQUEST_TRANSITIONS, RequestStatus.ACCEPTED, decided_at=clock.now())
    try:
        with transaction.atomic():  # two organisers filling the same table at once: one wins
            meeting = Meeting.objects.create(
                run=run,
                request=request,
                registration=registration,
                seat=seat,
                slot=slot,
                table=free[0],
                walk_in=True,
                attendance=Attendance.HELD,
            )
    except IntegrityError as error:
        raise ValidationError(
            {"slot": _("Meja atau UMKM ini baru saja terisi di sesi itu. Coba lagi.")}
        ) from error
    _audit("forum.walk_in", meeting, by, {"event": event.pk, "slot": slot, "table": free[0]})
    return meeting


# --- after: outcomes and follow-ups ---------------------------------------------------

RFQ_DEADLINE_DAYS = 14


@transaction.atomic
def outcome_record(
    *,
    meeting: Meeting,
    by: Membership,
    interest: str,
    next_step: str,
    reason: str = "",
    products: str = "",
    potential_value: int = 0,
    note: str = "",
    rfq_quantity=None,
    rfq_unit: str = "",
    rfq_kbli: list[str] | None = None,
    rfq_regency_code: str = "",
    rfq_deadline_days: int = RFQ_DEADLINE_DAYS,
) -> Outcome:
    """The buyer records what came of a meeting (once; recording again corrects it).

    Next step "rfq" opens a targeted need in sourcing, published, with the SME invited
    (``need_create`` + ``invitations_create``); a staff member without the right to publish
    gets a draft need and invites after a manager publishes it.
    """
    from rantai.sourcing.services import invitations_create, need_create

    if by.organisation_id != meeting.seat.organisation_id:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if interest not in ("high", "medium", "low"):
        errors["interest"] = _("Pilih tingkat minat.")
    if next_step not in NextStep.values:
        errors["next_step"] = _("Pilih langkah berikut.")
    if potential_value is None or not 0 <= potential_value <= MAX_RUPIAH:
        errors["potential_value"] = _("Potensi nilai tidak boleh negatif.")
    if meeting.attendance == Attendance.NO_SHOW:
        errors["__all__"] = _("Pertemuan ini tercatat tidak hadir.")
    if errors:
        raise ValidationError(errors)
    existing = Outcome.objects.filter(meeting=meeting).first()
    need = existing.need if existing else None
    if next_step == NextStep.RFQ and need is None:
        supplier = meeting.registration.supplier
        codes = rfq_kbli or list(supplier.kbli.values_list("code", flat=True))[:3]
        try:
            need = need_create(
                by=by,
                title=(products or _("Tindak lanjut forum: %(sme)s") % {"sme": supplier.name})[:200],
                description=_("RFQ lanjutan dari pertemuan di %(event)s.")
                % {"event": meeting.run.event.title}
                + ("\n" + note if note else ""),
                kbli_codes=codes,
                quantity=rfq_quantity,
                unit=rfq_unit,
                delivery_regency_code=rfq_regency_code
                or (meeting.run.event.regency_id or supplier.regency_id),
                quote_deadline=clock.now() + timedelta(days=rfq_deadline_days or RFQ_DEADLINE_DAYS),
                estimated_value=potential_value or None,
                publish=can_decide(by),
            )
        except ValidationError as error:
            raise ValidationError(
                {f"rfq_{k}" if k != "__all__" else k: v for k, v in error.message_dict.items()}
            ) from error
        if can_decide(by):
            invitations_create(need=need, supplier_ids=[supplier.pk], by=by)
    fields = {
        "interest": interest,
        "next_step": next_step,
        "reason": reason or "",
        "products": products[:300],
        "potential_value": potential_value or 0,
        "note": note,
        "need": need,
        "recorded_by": by.user,
        "recorded_at": clock.now(),
    }
    outcome, _created = Outcome.objects.update_or_create(meeting=meeting, defaults=fields)
    if meeting.attendance == Attendance.SCHEDULED:
        move(meeting, ATTENDANCE_TRANSITIONS, Attendance.HELD, status_field="attendance")
    _audit(
        "forum.outcome",
        outcome,
        by,
        {
            "meeting": meeting.pk,
            "next_step": next_step,
            "potential": potential_value,
            "need": need.pk if need else None,
        },
    )
    return outcome


@transaction.atomic
def sme_note_record(*, meeting: Meeting, by: Membership, note: str) -> Outcome:
    """The SME adds its own view of a meeting whose outcome the buyer recorded."""
    if by.organisation_id != meeting.registration.supplier.organisation_id:
        raise PermissionDenied
    outcome = Outcome.objects.filter(meeting=meeting).first()
    if outcome is None:
        raise ValidationError({"__all__": _("Pembeli belum mencatat hasil pertemuan ini.")})
    Outcome.objects.filter(pk=outcome.pk).update(sme_note=note)
    outcome.sme_note = note
    _audit("forum.outcome.sme_note", outcome, by)
    return outcome


@transaction.atomic
def follow_up_record(
    *,
    meeting: Meeting,
    by: Membership,
    months: int,
    negotiation_started: bool,
    order_placed: bool,
    note: str = "",
) -> FollowUp:
    """A follow-up round (3 or 6 months after the forum): did negotiation start, was an
    order placed. The buyer, the SME or the organiser may answer; later answers correct."""
    parties = (
        meeting.seat.organisation_id,
        meeting.registration.supplier.organisation_id,
        meeting.run.event.organiser_id,
    )
    if by.organisation_id not in parties:
        raise PermissionDenied
    if months not in (3, 6, 12):
        raise ValidationError({"months": _("Pilih 3, 6 atau 12 bulan.")})
    follow_up, _created = FollowUp.objects.update_or_create(
        meeting=meeting,
        months=months,
        defaults={
            "negotiation_started": negotiation_started or order_placed,
            "order_placed": order_placed,
            "note": note,
            "recorded_by": by.user,
            "recorded_at": clock.now(),
        },
    )
    _audit("forum.follow_up", follow_up, by, {"meeting": meeting.pk, "months": months, "order": order_placed})
    return follow_up
