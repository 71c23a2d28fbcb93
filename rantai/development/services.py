"""Writes for supplier development: ratings, feedback that opens a development plan, plan
actions and the buyer's re-check, mentoring programmes with enrolment and attendance.

Every service checks who acts, moves statuses through the tables in ``choices.py``, runs in
one transaction and appends to the audit log.
"""
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency, require_membership
from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.core.transitions import move
from rantai.sourcing.choices import OrderStatus
from rantai.sourcing.models import PurchaseOrder
from rantai.suppliers.models import SupplierProfile

from .choices import (
    ENROLMENT_TRANSITIONS,
    LOW_RATING,
    PLAN_TRANSITIONS,
    PROGRAMME_TRANSITIONS,
    EnrolmentStatus,
    FeedbackCategory,
    FeedbackSource,
    PlanStatus,
    ProgrammeStatus,
    ProgrammeTopic,
)
from .models import (
    DevelopmentPlan,
    Enrolment,
    Feedback,
    PlanAction,
    Programme,
    ProgrammeSession,
    Rating,
)
from .permissions import is_plan_buyer, is_plan_mentor, is_plan_sme


def _audit(action: str, obj, by: Membership, payload: dict | None = None) -> None:
    audit_append(action=action, obj=obj, actor=by.user, organisation_id=by.organisation_id,
                 payload=payload or {})


def _notify(organisation_id: int, subject, body="", url: str = "") -> None:
    """In-app notification when the notifications app is there (it is optional here);
    ``subject``/``body``: text or ``lambda: _(…)`` (written in each reader's language)."""
    try:
        from rantai.notifications.services import notify
    except ImportError:  # pragma: no cover - the app ships with the project
        return
    notify(organisation_id=organisation_id, subject=subject, body=body, url=url)


def _plan_url(plan: DevelopmentPlan) -> str:
    return reverse("development:plan-detail", args=[plan.pk])


# -- ratings ---------------------------------------------------------------------------

@transaction.atomic
def rating_create(
    *, order: PurchaseOrder, by: Membership, quality: int, timeliness: int, communication: int,
    documents: int | None = None, comment: str = "",
) -> Rating:
    """The buyer rates the supplier once per order, after delivery (BAST): quality,
    timeliness, communication and (optionally) documents, each 1–5."""
    if order.buyer_id != by.organisation_id:
        raise PermissionDenied
    if order.status not in (OrderStatus.DELIVERED, OrderStatus.PAID):
        raise ValidationError({"__all__": _("Penilaian baru dapat diberikan setelah serah terima (BAST).")})
    scores = (("quality", quality), ("timeliness", timeliness), ("communication", communication))
    errors = {name: _("Nilai harus 1 sampai 5.")
              for name, value in scores if value is None or not 1 <= value <= 5}
    if documents is not None and not 1 <= documents <= 5:
        errors["documents"] = _("Nilai harus 1 sampai 5.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                order=order, supplier=order.supplier, buyer=order.buyer, quality=quality,
                timeliness=timeliness, communication=communication, documents=documents,
                comment=comment, rated_by=by.user)
    except IntegrityError as error:
        raise ValidationError({"__all__": _("Pesanan ini sudah dinilai.")}) from error
    _audit("order.rate", rating, by, {"order": order.number, "quality": quality,
                                      "timeliness": timeliness, "communication": communication,
                                      "documents": documents})
    return rating


# -- feedback → plan -------------------------------------------------------------------

def _check_feedback_grounds(*, supplier: SupplierProfile, by: Membership, source: str,
                            order: PurchaseOrder | None) -> None:
    """A rejection or a low rating must be this buyer's, on an order with this SME."""
    if source not in FeedbackSource.values:
        raise ValidationError({"source": _("Sumber masukan tidak dikenal.")})
    if source in (FeedbackSource.REJECTION, FeedbackSource.RATING):
        if order is None or order.buyer_id != by.organisation_id or order.supplier_id != supplier.pk:
            raise ValidationError({"order": _("Pilih pesanan Anda dengan pemasok ini.")})
    if source == FeedbackSource.REJECTION and not order.deliveries.filter(quantity_rejected__gt=0).exists():
        raise ValidationError({"source": _("Pesanan ini tidak mempunyai barang yang ditolak.")})
    if source == FeedbackSource.RATING:
        rating = Rating.objects.filter(order=order).first()
        if rating is None or rating.average > LOW_RATING:
            raise ValidationError({"source": _("Masukan dari penilaian hanya untuk nilai rata-rata "
                                               "%(low)s atau kurang.") % {"low": LOW_RATING}})


@transaction.atomic
def feedback_create(
    *, supplier: SupplierProfile, by: Membership, category: str, text: str, source: str,
    order: PurchaseOrder | None = None, source_ref: str = "", goals: str = "",
) -> Feedback:
    """A buyer's structured feedback to an SME; it opens a development plan (status
    *open*) that agency staff give a mentor and the buyer later re-checks.

    ``source`` is a rejection at hand-over or a low rating (both need ``order``, the
    buyer's own with this SME), a forum outcome "not yet — quality" (``source_ref`` names
    the outcome; the forums app calls this), or other.
    """
    require_membership(by, kinds=[OrgKind.BUYER])
    errors = {}
    if category not in FeedbackCategory.values:
        errors["category"] = _("Pilih kategori masukan.")
    if not (text or "").strip():
        errors["text"] = _("Tuliskan masukan untuk pemasok.")
    if errors:
        raise ValidationError(errors)
    _check_feedback_grounds(supplier=supplier, by=by, source=source, order=order)
    feedback = Feedback.objects.create(
        supplier=supplier, buyer=by.organisation, order=order, source=source,
        source_ref=source_ref[:100], category=category, text=text.strip(), created_by=by.user)
    plan = DevelopmentPlan.objects.create(
        supplier=supplier, feedback=feedback, buyer=by.organisation,
        goals=(goals or "").strip() or text.strip())
    _audit("feedback.create", feedback, by, {"supplier": supplier.pk, "category": category,
                                             "source": source, "plan": plan.pk})
    _notify(supplier.organisation_id,
            lambda: _("Masukan baru dari %(buyer)s") % {"buyer": by.organisation.name},
            text.strip()[:500], _plan_url(plan))
    return feedback


def _require_agency(by: Membership) -> None:
    require_membership(by, kinds=[OrgKind.AGENCY])


@transaction.atomic
def plan_assign(*, plan: DevelopmentPlan, by: Membership, programme: Programme,
                mentor_id: int) -> DevelopmentPlan:
    """Agency staff give the plan a programme and a mentor from that programme's agency;
    the SME is enrolled in the programme. Moves an open plan to *in progress*."""
    _require_agency(by)
    mentor = (Membership.objects.filter(organisation_id=programme.agency_id, user_id=mentor_id)
              .select_related("user").first())
    if mentor is None:
        raise ValidationError({"mentor": _("Pendamping harus staf instansi penyelenggara program.")})
    if programme.status == ProgrammeStatus.FINISHED:
        raise ValidationError({"programme": _("Program ini sudah selesai.")})
    move(plan, PLAN_TRANSITIONS, PlanStatus.IN_PROGRESS, programme=programme, mentor=mentor.user)
    Enrolment.objects.get_or_create(programme=programme, supplier=plan.supplier)
    _audit("plan.assign", plan, by, {"programme": programme.pk, "mentor": mentor.user_id})
    _notify(plan.supplier.organisation_id, lambda: _("Pendamping untuk rencana pengembangan Anda"),
            lambda: _("%(mentor)s, program %(programme)s")
            % {"mentor": mentor.user, "programme": programme.name},
            _plan_url(plan))
    return plan


def _require_plan_worker(plan: DevelopmentPlan, by: Membership) -> None:
    """The SME itself, its mentor or agency staff work on a plan."""
    require_membership(by)
    if not (is_plan_sme(by, plan) or is_plan_mentor(by, plan) or is_agency(by)):
        raise PermissionDenied


@transaction.atomic
def plan_action_add(*, plan: DevelopmentPlan, by: Membership, description: str,
                    due_on: date | None) -> PlanAction:
    """A step with its due date, while the plan is open or in progress."""
    _require_plan_worker(plan, by)
    if plan.status not in (PlanStatus.OPEN, PlanStatus.IN_PROGRESS):
        raise ValidationError({"__all__": _("Rencana ini tidak dapat diubah lagi.")})
    errors = {}
    if not (description or "").strip():
        errors["description"] = _("Tuliskan tindakannya.")
    if due_on is None:
        errors["due_on"] = _("Isi tenggat tindakan.")
    if errors:
        raise ValidationError(errors)
    action = PlanAction.objects.create(plan=plan, description=description.strip()[:300], due_on=due_on)
    _audit("plan.action_add", action, by, {"plan": plan.pk, "due_on": due_on})
    return action


@transaction.atomic
def plan_action_done(*, action: PlanAction, by: Membership) -> PlanAction:
    _require_plan_worker(action.plan, by)
    updated = PlanAction.objects.filter(pk=action.pk, done_at__isnull=True).update(done_at=clock.now())
    if updated:
        action.refresh_from_db()
        _audit("plan.action_done", action, by, {"plan": action.plan_id})
    return action


@transaction.atomic
def plan_request_recheck(*, plan: DevelopmentPlan, by: Membership) -> DevelopmentPlan:
    """The SME or its mentor asks the buyer to check again; every action must be done."""
    require_membership(by)
    if not (is_plan_sme(by, plan) or is_plan_mentor(by, plan)):
        raise PermissionDenied
    if plan.actions.filter(done_at__isnull=True).exists():
        raise ValidationError({"__all__": _("Selesaikan semua tindakan sebelum meminta pemeriksaan ulang.")})
    if not plan.actions.exists():
        raise ValidationError({"__all__": _("Tambahkan minimal satu tindakan lebih dulu.")})
    move(plan, PLAN_TRANSITIONS, PlanStatus.RECHECK)
    _audit("plan.request_recheck", plan, by)
    _notify(plan.buyer_id,
            lambda: _("Pemeriksaan ulang diminta: %(sme)s") % {"sme": plan.supplier.name},
            "", _plan_url(plan))
    return plan


@transaction.atomic
def plan_recheck(*, plan: DevelopmentPlan, by: Membership, passed: bool, note: str = "") -> DevelopmentPlan:
    """The buyer who gave the feedback checks again: passed, or back to work with a note."""
    require_membership(by, kinds=[OrgKind.BUYER])
    if not is_plan_buyer(by, plan):
        raise PermissionDenied
    if not passed and not (note or "").strip():
        raise ValidationError({"note": _("Jelaskan apa yang masih kurang.")})
    move(plan, PLAN_TRANSITIONS, PlanStatus.PASSED if passed else PlanStatus.IN_PROGRESS,
         recheck_note=(note or "").strip(), rechecked_at=clock.now())
    _audit("plan.recheck", plan, by, {"passed": passed})
    _notify(plan.supplier.organisation_id,
            lambda: (_("Hasil pemeriksaan ulang: lulus") if passed
                     else _("Hasil pemeriksaan ulang: belum")),
            (note or "")[:500], _plan_url(plan))
    return plan


@transaction.atomic
def plan_cancel(*, plan: DevelopmentPlan, by: Membership, note: str) -> DevelopmentPlan:
    _require_agency(by)
    if not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan alasan pembatalan.")})
    move(plan, PLAN_TRANSITIONS, PlanStatus.CANCELLED, recheck_note=note.strip())
    _audit("plan.cancel", plan, by)
    return plan


# -- programmes ------------------------------------------------------------------------

@transaction.atomic
def programme_create(
    *, by: Membership, name: str, topic: str, starts_on: date | None, ends_on: date | None,
    description: str = "", capacity: int = 30, province_code: str | None = None,
) -> Programme:
    """An agency opens a mentoring programme; a provincial officer's is for their province."""
    _require_agency(by)
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Isi nama program.")
    if topic not in ProgrammeTopic.values:
        errors["topic"] = _("Pilih topik program.")
    if starts_on is None:
        errors["starts_on"] = _("Isi tanggal mulai.")
    if ends_on is None:
        errors["ends_on"] = _("Isi tanggal selesai.")
    elif starts_on and ends_on < starts_on:
        errors["ends_on"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if capacity is None or capacity < 1:
        errors["capacity"] = _("Kuota minimal 1 peserta.")
    if errors:
        raise ValidationError(errors)
    province_id = by.province_id or province_code or None
    programme = Programme.objects.create(
        agency=by.organisation, name=name.strip(), topic=topic, description=description,
        starts_on=starts_on, ends_on=ends_on, capacity=capacity, province_id=province_id)
    _audit("programme.create", programme, by, {"topic": topic})
    return programme


@transaction.atomic
def programme_move(*, programme: Programme, by: Membership, status: str) -> Programme:
    _require_agency(by)
    if programme.agency_id != by.organisation_id:
        raise PermissionDenied
    move(programme, PROGRAMME_TRANSITIONS, status)
    _audit("programme.status", programme, by, {"status": status})
    return programme


@transaction.atomic
def enrolment_create(*, programme: Programme, supplier: SupplierProfile, by: Membership) -> Enrolment:
    """The running agency enrols an SME, or the SME enrols itself, while places remain."""
    require_membership(by)
    own = by.organisation_id == supplier.organisation_id
    if not (own or (is_agency(by) and by.organisation_id == programme.agency_id)):
        raise PermissionDenied
    if programme.status == ProgrammeStatus.FINISHED:
        raise ValidationError({"__all__": _("Program ini sudah selesai.")})
    active = programme.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN)
    existing = programme.enrolments.filter(supplier=supplier).first()
    if existing and existing.status != EnrolmentStatus.WITHDRAWN:
        raise ValidationError({"__all__": _("Usaha ini sudah terdaftar di program ini.")})
    if active.count() >= programme.capacity:
        raise ValidationError({"__all__": _("Kuota program sudah penuh.")})
    if existing:
        move(existing, ENROLMENT_TRANSITIONS, EnrolmentStatus.ENROLLED)
        enrolment = existing
    else:
        enrolment = Enrolment.objects.create(programme=programme, supplier=supplier)
    _audit("programme.enrol", enrolment, by, {"programme": programme.pk, "supplier": supplier.pk})
    return enrolment


@transaction.atomic
def enrolment_finish(*, enrolment: Enrolment, by: Membership, completed: bool) -> Enrolment:
    """The agency marks completion; the SME (or the agency) withdraws."""
    require_membership(by)
    runs_it = is_agency(by) and by.organisation_id == enrolment.programme.agency_id
    own = by.organisation_id == enrolment.supplier.organisation_id
    if not (runs_it or (own and not completed)):
        raise PermissionDenied
    if completed:
        move(enrolment, ENROLMENT_TRANSITIONS, EnrolmentStatus.COMPLETED, completed_at=clock.now())
    else:
        move(enrolment, ENROLMENT_TRANSITIONS, EnrolmentStatus.WITHDRAWN)
    _audit("programme.enrolment", enrolment, by, {"status": enrolment.status})
    return enrolment


@transaction.atomic
def session_record(*, programme: Programme, by: Membership, held_on: date | None, title: str,
                   attendee_ids: list[int]) -> ProgrammeSession:
    """A meeting of the programme and who came (enrolment ids of this programme)."""
    _require_agency(by)
    if programme.agency_id != by.organisation_id:
        raise PermissionDenied
    errors = {}
    if held_on is None:
        errors["held_on"] = _("Isi tanggal pertemuan.")
    if not (title or "").strip():
        errors["title"] = _("Isi materi pertemuan.")
    enrolments = list(programme.enrolments.filter(pk__in=attendee_ids or [],
                                                  status__in=[EnrolmentStatus.ENROLLED,
                                                              EnrolmentStatus.COMPLETED]))
    if len(enrolments) != len(set(attendee_ids or [])):
        errors["attendee_ids"] = _("Ada peserta yang tidak terdaftar di program ini.")
    if errors:
        raise ValidationError(errors)
    session = ProgrammeSession.objects.create(programme=programme, held_on=held_on, title=title.strip())
    session.attendees.set(enrolments)
    _audit("programme.session", session, by, {"attendees": len(enrolments)})
    return session
