"""Supplier development pages: rating, feedback, plans, programmes, scorecards, gaps and
scale-up. Each view parses input, checks access through ``permissions.py`` and calls a
service or selector."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency, org_required
from rantai.core.feedback import run_and_report
from rantai.core.forms import add_service_errors
from rantai.sourcing.permissions import CHANGE as ORDER_CHANGE
from rantai.sourcing.permissions import access_order
from rantai.suppliers.models import SupplierProfile
from rantai.suppliers.permissions import access_profile

from . import selectors, services
from .choices import LOW_RATING, FeedbackSource, PlanStatus
from .forms import (
    ActionForm,
    AssignForm,
    EnrolForm,
    FeedbackForm,
    ProgrammeForm,
    ProgrammeStatusForm,
    RatingForm,
    RecheckForm,
    SessionForm,
)
from .gaps import detect_gaps, gaps_by_topic
from .models import Enrolment, PlanAction
from .permissions import (
    CHANGE,
    VIEW,
    access_plan,
    access_programme,
    is_plan_buyer,
    is_plan_mentor,
    is_plan_sme,
)


@require_POST
@org_required(OrgKind.BUYER)
def rate_order(request, order_id: int):
    """Rate a delivered order; a low rating or a rejection leads on to the feedback form."""
    order = access_order(request.membership, order_id, ORDER_CHANGE)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi semua nilai dengan angka 1 sampai 5."))
        return redirect("sourcing:order-detail", order.pk)
    done = run_and_report(request, lambda: services.rating_create(
        order=order, by=request.membership, **form.cleaned_data), _("Terima kasih, penilaian tersimpan."))
    rejected = order.deliveries.filter(quantity_rejected__gt=0).exists()
    if done and (rejected or order.rating.average <= LOW_RATING):
        return redirect("development:feedback-create", order.pk)
    return redirect("sourcing:order-detail", order.pk)


def _sources_for(order) -> list[str]:
    sources = []
    if order.deliveries.filter(quantity_rejected__gt=0).exists():
        sources.append(FeedbackSource.REJECTION)
    rating = getattr(order, "rating", None) if hasattr(order, "rating") else None
    if rating is not None and rating.average <= LOW_RATING:
        sources.append(FeedbackSource.RATING)
    return sources


@org_required(OrgKind.BUYER)
def feedback_create(request, order_id: int):
    """Structured feedback on one of the buyer's orders (after a rejection or a low
    rating); it opens a development plan for the SME."""
    order = access_order(request.membership, order_id, ORDER_CHANGE)
    sources = _sources_for(order)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            feedback = services.feedback_create(
                supplier=order.supplier, by=request.membership, order=order,
                source=sources[0] if sources else FeedbackSource.OTHER, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Masukan terkirim; rencana pengembangan dibuka untuk pemasok."))
            return redirect("development:plan-detail", feedback.plan.pk)
    return render(request, "development/feedback_form.html",
                  {"order": order, "form": form, "sources": sources})


def _home_context(membership: Membership) -> dict:
    kind = membership.organisation.kind
    context = {"plans": selectors.plans_visible(membership)[:50], "kind": kind}
    if kind == OrgKind.SME:
        profile = SupplierProfile.objects.filter(organisation_id=membership.organisation_id).first()
        context["profile"] = profile
        if profile:
            context["scorecard"] = selectors.supplier_scorecard(profile)
            context["enrolments"] = Enrolment.objects.filter(supplier=profile).select_related("programme")
    if kind in (OrgKind.SME, OrgKind.AGENCY):
        context["programmes"] = selectors.programmes_visible(membership)[:20]
    context["feedback"] = selectors.feedback_visible(membership)[:20]
    return context


@org_required(OrgKind.SME, OrgKind.BUYER, OrgKind.AGENCY)
def home(request):
    """Feedback, plans and programmes in the caller's scope; an SME's own scorecard."""
    return render(request, "development/home.html", _home_context(request.membership))


@org_required(OrgKind.SME, OrgKind.BUYER, OrgKind.AGENCY)
def supplier_scorecard(request, profile_id: int):
    """Plain figures, ratings, the month trend and the size history of one SME."""
    profile = access_profile(request.membership, profile_id, "view")
    own_or_agency = (profile.organisation_id == request.membership.organisation_id
                     or is_agency(request.membership))
    return render(request, "development/scorecard.html", {
        "profile": profile, "card": selectors.supplier_scorecard(profile),
        "history": selectors.scale_history(profile) if own_or_agency else None})


@org_required(OrgKind.SME, OrgKind.BUYER, OrgKind.AGENCY)
def buyer_scorecards(request):
    """Days from BAST to payment per BUMN group and unit, visible to SMEs."""
    return render(request, "development/buyers.html", {"rows": selectors.buyer_scorecards()})


def _mentor_choices(programmes) -> list[tuple[int, str]]:
    agencies = {p.agency_id for p in programmes}
    members = Membership.objects.filter(organisation_id__in=agencies).select_related("user", "organisation")
    return [(m.user_id, f"{m.user} · {m.organisation}") for m in members]


@org_required(OrgKind.SME, OrgKind.BUYER, OrgKind.AGENCY)
def plan_detail(request, plan_id: int):
    """The plan with its feedback, actions and the forms each party may use."""
    membership = request.membership
    plan = access_plan(membership, plan_id)
    programmes = selectors.programmes_visible(membership).exclude(status="finished")
    can_work = (is_plan_sme(membership, plan) or is_plan_mentor(membership, plan)
                or is_agency(membership)) and plan.status in (PlanStatus.OPEN, PlanStatus.IN_PROGRESS)
    return render(request, "development/plan_detail.html", {
        "plan": plan, "actions": plan.actions.all(),
        "assign_form": (AssignForm(programmes=programmes, mentors=_mentor_choices(programmes))
                        if is_agency(membership) and plan.status in (PlanStatus.OPEN,
                                                                      PlanStatus.IN_PROGRESS) else None),
        "action_form": ActionForm() if can_work else None, "can_work": can_work,
        "can_request": ((is_plan_sme(membership, plan) or is_plan_mentor(membership, plan))
                        and plan.status == PlanStatus.IN_PROGRESS),
        "recheck_form": (RecheckForm() if is_plan_buyer(membership, plan)
                         and plan.status == PlanStatus.RECHECK else None),
    })


def _plan_post(request, plan_id: int, form_class, call, success: str, **form_kwargs):
    plan = access_plan(request.membership, plan_id)
    form = form_class(request.POST, **form_kwargs) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("development:plan-detail", plan.pk)
    try:
        run_and_report(request, lambda: call(plan, form.cleaned_data if form else {}), success)
    except PermissionDenied as error:
        raise Http404 from error
    return redirect("development:plan-detail", plan.pk)


@require_POST
@org_required(OrgKind.AGENCY)
def plan_assign(request, plan_id: int):
    programmes = selectors.programmes_visible(request.membership)
    return _plan_post(
        request, plan_id, AssignForm,
        lambda plan, data: services.plan_assign(plan=plan, by=request.membership,
                                                programme=data["programme"], mentor_id=data["mentor"]),
        _("Pendamping ditetapkan."), programmes=programmes, mentors=_mentor_choices(programmes))


@require_POST
@org_required(OrgKind.SME, OrgKind.AGENCY)
def plan_action_add(request, plan_id: int):
    return _plan_post(request, plan_id, ActionForm,
                      lambda plan, data: services.plan_action_add(plan=plan, by=request.membership, **data),
                      _("Tindakan ditambahkan."))


@require_POST
@org_required(OrgKind.SME, OrgKind.AGENCY)
def plan_action_done(request, plan_id: int, action_id: int):
    plan = access_plan(request.membership, plan_id)
    action = get_object_or_404(PlanAction, pk=action_id, plan=plan)
    try:
        run_and_report(request, lambda: services.plan_action_done(action=action, by=request.membership),
                       _("Tindakan ditandai selesai."))
    except PermissionDenied as error:
        raise Http404 from error
    return redirect("development:plan-detail", plan.pk)


@require_POST
@org_required(OrgKind.SME, OrgKind.AGENCY)
def plan_request_recheck(request, plan_id: int):
    return _plan_post(request, plan_id, None,
                      lambda plan, data: services.plan_request_recheck(plan=plan, by=request.membership),
                      _("Pembeli diminta memeriksa ulang."))


@require_POST
@org_required(OrgKind.BUYER)
def plan_recheck(request, plan_id: int):
    return _plan_post(request, plan_id, RecheckForm,
                      lambda plan, data: services.plan_recheck(plan=plan, by=request.membership, **data),
                      _("Hasil pemeriksaan ulang tersimpan."))


@org_required(OrgKind.SME, OrgKind.AGENCY)
def programme_list(request):
    """Programmes in scope; agency staff open new ones here."""
    membership = request.membership
    form = ProgrammeForm(request.POST or None) if is_agency(membership) else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            programme = services.programme_create(by=membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Program dibuat."))
            return redirect("development:programme-detail", programme.pk)
    return render(request, "development/programmes.html", {
        "programmes": selectors.programmes_visible(membership), "form": form})


@org_required(OrgKind.SME, OrgKind.AGENCY)
def programme_detail(request, programme_id: int):
    """Participants with attendance; the agency records sessions and completion, an SME
    enrols itself."""
    membership = request.membership
    programme = access_programme(membership, programme_id, VIEW)
    runs_it = is_agency(membership) and programme.agency_id == membership.organisation_id
    enrolments = list(programme.enrolments.select_related("supplier").exclude(status="withdrawn"))
    own = None
    if membership.organisation.kind == OrgKind.SME:
        own = programme.enrolments.filter(supplier__organisation_id=membership.organisation_id).first()
    return render(request, "development/programme_detail.html", {
        "programme": programme, "runs_it": runs_it, "own": own,
        "attendance": selectors.programme_attendance(programme) if runs_it else None,
        "session_form": SessionForm(enrolments=enrolments) if runs_it else None,
        "sessions": programme.sessions.all(), "status_form": ProgrammeStatusForm()})


@require_POST
@org_required(OrgKind.SME, OrgKind.AGENCY)
def programme_enrol(request, programme_id: int):
    membership = request.membership
    programme = access_programme(membership, programme_id, VIEW)
    form = EnrolForm(request.POST)
    form.is_valid()
    if membership.organisation.kind == OrgKind.SME:
        supplier = SupplierProfile.objects.filter(organisation_id=membership.organisation_id).first()
    else:
        supplier = SupplierProfile.objects.filter(nib=form.cleaned_data.get("nib", "")).first()
    if supplier is None:
        messages.error(request, _("NIB tidak ditemukan."))
        return redirect("development:programme-detail", programme.pk)
    try:
        run_and_report(request, lambda: services.enrolment_create(
            programme=programme, supplier=supplier, by=membership), _("Terdaftar di program."))
    except PermissionDenied as error:
        raise Http404 from error
    return redirect("development:programme-detail", programme.pk)


@require_POST
@org_required(OrgKind.SME, OrgKind.AGENCY)
def enrolment_finish(request, programme_id: int, enrolment_id: int):
    programme = access_programme(request.membership, programme_id, VIEW)
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id, programme=programme)
    completed = request.POST.get("completed") == "1"
    try:
        run_and_report(request, lambda: services.enrolment_finish(
            enrolment=enrolment, by=request.membership, completed=completed),
            _("Status peserta diperbarui."))
    except PermissionDenied as error:
        raise Http404 from error
    return redirect("development:programme-detail", programme.pk)


@require_POST
@org_required(OrgKind.AGENCY)
def programme_session(request, programme_id: int):
    programme = access_programme(request.membership, programme_id, CHANGE)
    enrolments = programme.enrolments.select_related("supplier")
    form = SessionForm(request.POST, enrolments=enrolments)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        run_and_report(request, lambda: services.session_record(
            programme=programme, by=request.membership, **form.cleaned_data), _("Kehadiran tersimpan."))
    return redirect("development:programme-detail", programme.pk)


@require_POST
@org_required(OrgKind.AGENCY)
def programme_status(request, programme_id: int):
    programme = access_programme(request.membership, programme_id, CHANGE)
    form = ProgrammeStatusForm(request.POST)
    if form.is_valid():
        run_and_report(request, lambda: services.programme_move(
            programme=programme, by=request.membership, status=form.cleaned_data["status"]),
            _("Status program diperbarui."))
    return redirect("development:programme-detail", programme.pk)


@org_required(OrgKind.AGENCY)
def gaps(request):
    """SMEs one certificate or one capacity step from open needs, grouped by programme."""
    return render(request, "development/gaps.html",
                  {"groups": gaps_by_topic(detect_gaps(request.membership))})


@org_required(OrgKind.AGENCY)
def scale_ups(request):
    """Moves up a PP 7/2021 band ("naik kelas"), from the dated size history."""
    moves = selectors.scale_ups(province_id=request.membership.province_id)
    return render(request, "development/scale_ups.html",
                  {"moves": moves[:500], "counts": selectors.scale_up_counts(moves)})
