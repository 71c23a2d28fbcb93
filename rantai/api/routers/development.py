"""Supplier development: rating and feedback on an order, development plans, mentoring
programmes, both scorecards, gaps and scale-up — the same services and selectors as the
pages."""
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from rantai.accounts.choices import OrgKind
from rantai.development import selectors, services
from rantai.development.choices import FeedbackSource
from rantai.development.gaps import detect_gaps
from rantai.development.models import DevelopmentPlan, PlanAction, Programme
from rantai.development.permissions import CHANGE, VIEW, access_plan, access_programme
from rantai.sourcing.permissions import CHANGE as ORDER_CHANGE
from rantai.sourcing.permissions import access_order
from rantai.suppliers.models import SupplierProfile
from rantai.suppliers.permissions import access_profile

from ..auth import acting, membership_of
from ..schemas import Count, LocalDateTime, RatingOut, responses

router = Router(tags=["development"])  # mounted at /orders
development = Router(tags=["development"])  # mounted at /development


class RatingIn(Schema):
    quality: Count
    timeliness: Count
    communication: Count
    documents: Count | None = None
    comment: str = Field("", max_length=5000)


class FeedbackIn(Schema):
    category: str = Field(max_length=20)
    text: str = Field(max_length=5000)
    goals: str = Field("", max_length=5000)


class ActionOut(Schema):
    id: int
    description: str
    due_on: date
    done_at: LocalDateTime | None


class PlanOut(Schema):
    id: int
    supplier_id: int
    supplier_name: str
    buyer_id: int
    buyer_name: str
    status: str
    category: str
    source: str
    feedback: str
    goals: str
    programme_id: int | None
    mentor_id: int | None
    recheck_note: str
    created_at: LocalDateTime
    actions: list[ActionOut]


class PlanAssignIn(Schema):
    programme: Count
    mentor: Count


class ActionIn(Schema):
    description: str = Field(max_length=300)
    due_on: date | None = None


class RecheckIn(Schema):
    passed: bool
    note: str = Field("", max_length=5000)


class ProgrammeIn(Schema):
    name: str = Field(max_length=200)
    topic: str = Field(max_length=20)
    starts_on: date | None = None
    ends_on: date | None = None
    capacity: Count = 30
    description: str = Field("", max_length=5000)


class ProgrammeOut(Schema):
    id: int
    agency_name: str
    name: str
    topic: str
    status: str
    province: str | None
    starts_on: date
    ends_on: date
    capacity: int
    enrolled: int
    completed: int


class EnrolIn(Schema):
    supplier_id: Count | None = None  # agencies name the SME; an SME enrols itself


class EnrolmentOut(Schema):
    id: int
    supplier_id: int
    status: str


class SessionIn(Schema):
    held_on: date | None = None
    title: str = Field(max_length=200)
    attendee_ids: list[Count] = []


class SessionOut(Schema):
    id: int
    held_on: date
    title: str
    attendees: int


class MonthOut(Schema):
    month: date
    orders: int
    on_time_pct: float | None
    rejected_pct: float | None


class ScorecardOut(Schema):
    orders: int
    on_time_pct: float | None
    rejected_pct: float | None
    late_orders: int
    ratings: dict
    months: list[MonthOut]


class BuyerScoreOut(Schema):
    buyer_id: int
    buyer_name: str
    group_id: int
    group_name: str
    is_group: bool
    median_days: float | None
    p90_days: float | None
    paid: int
    unpaid_overdue: int


class GapOut(Schema):
    topic: str
    missing: str
    supplier_id: int
    supplier_name: str
    need_id: int
    need_title: str
    detail: list[str]


class ScaleUpOut(Schema):
    supplier_id: int
    supplier_name: str
    from_scale: str
    to_scale: str
    on: date


def _plan_out(plan: DevelopmentPlan) -> dict:
    return {
        "id": plan.pk, "supplier_id": plan.supplier_id, "supplier_name": plan.supplier.name,
        "buyer_id": plan.buyer_id, "buyer_name": plan.buyer.name, "status": plan.status,
        "category": plan.feedback.category, "source": plan.feedback.source,
        "feedback": plan.feedback.text, "goals": plan.goals, "programme_id": plan.programme_id,
        "mentor_id": plan.mentor_id, "recheck_note": plan.recheck_note,
        "created_at": plan.created_at, "actions": list(plan.actions.all()),
    }


def _programme_out(p: Programme) -> dict:
    enrolments = p.enrolments.all()
    return {"id": p.pk, "agency_name": p.agency.name, "name": p.name, "topic": p.topic,
            "status": p.status, "province": p.province.name if p.province else None,
            "starts_on": p.starts_on, "ends_on": p.ends_on, "capacity": p.capacity,
            "enrolled": sum(e.status != "withdrawn" for e in enrolments),
            "completed": sum(e.status == "completed" for e in enrolments)}


# -- on an order ----------------------------------------------------------------------

@router.post("/{int:order_id}/rating", response=responses(RatingOut, 201))
def rate_order(request, order_id: int, payload: RatingIn):
    """The buyer rates the supplier 1–5 on quality, timeliness, communication and
    (optionally) documents, once per order, after delivery."""
    membership = membership_of(request)
    order = access_order(membership, order_id, ORDER_CHANGE)
    return Status(201, services.rating_create(order=order, by=membership, **payload.model_dump()))


@router.post("/{int:order_id}/feedback", response=responses(PlanOut, 201))
def order_feedback(request, order_id: int, payload: FeedbackIn):
    """Structured feedback after a rejection or a low rating on this order; opens a
    development plan for the SME (answered here)."""
    membership = acting(request, kinds=[OrgKind.BUYER])
    order = access_order(membership, order_id, ORDER_CHANGE)
    rejected = order.deliveries.filter(quantity_rejected__gt=0).exists()
    feedback = services.feedback_create(
        supplier=order.supplier, by=membership, order=order,
        source=FeedbackSource.REJECTION if rejected else FeedbackSource.RATING, **payload.model_dump())
    return Status(201, _plan_out(feedback.plan))


# -- plans ----------------------------------------------------------------------------

@development.get("/plans", response=responses(list[PlanOut]))
def plan_list(request, status: str = ""):
    """Plans in the caller's scope: its own (SME), to re-check (buyer), mentored, or all in
    the officer's province (agency)."""
    membership = acting(request)
    return [_plan_out(p) for p in selectors.plans_visible(membership, status=status)[:200]]


@development.get("/plans/{int:plan_id}", response=responses(PlanOut))
def plan_get(request, plan_id: int):
    return _plan_out(access_plan(acting(request), plan_id))


@development.post("/plans/{int:plan_id}/assign", response=responses(PlanOut))
def plan_assign(request, plan_id: int, payload: PlanAssignIn):
    """Agency staff: a programme and a mentor (a member of that programme's agency)."""
    membership = acting(request, kinds=[OrgKind.AGENCY])
    plan = access_plan(membership, plan_id)
    programme = access_programme(membership, payload.programme, VIEW)
    services.plan_assign(plan=plan, by=membership, programme=programme, mentor_id=payload.mentor)
    return _plan_out(plan)


@development.post("/plans/{int:plan_id}/actions", response=responses(ActionOut, 201))
def plan_action_add(request, plan_id: int, payload: ActionIn):
    membership = acting(request)
    plan = access_plan(membership, plan_id)
    return Status(201, services.plan_action_add(plan=plan, by=membership, **payload.model_dump()))


@development.post("/plans/{int:plan_id}/actions/{int:action_id}/done", response=responses(ActionOut))
def plan_action_done(request, plan_id: int, action_id: int):
    membership = acting(request)
    plan = access_plan(membership, plan_id)
    action = get_object_or_404(PlanAction, pk=action_id, plan=plan)
    return services.plan_action_done(action=action, by=membership)


@development.post("/plans/{int:plan_id}/recheck-request", response=responses(PlanOut))
def plan_request_recheck(request, plan_id: int):
    """The SME or its mentor asks the buyer to check again (every action done)."""
    membership = acting(request)
    plan = access_plan(membership, plan_id)
    services.plan_request_recheck(plan=plan, by=membership)
    return _plan_out(plan)


@development.post("/plans/{int:plan_id}/recheck", response=responses(PlanOut))
def plan_recheck(request, plan_id: int, payload: RecheckIn):
    """The buyer who gave the feedback: passed, or back to work with a note."""
    membership = acting(request, kinds=[OrgKind.BUYER])
    plan = access_plan(membership, plan_id)
    services.plan_recheck(plan=plan, by=membership, **payload.model_dump())
    return _plan_out(plan)


# -- programmes -----------------------------------------------------------------------

@development.get("/programmes", response=responses(list[ProgrammeOut]))
def programme_list(request):
    membership = acting(request)
    programmes = selectors.programmes_visible(membership).prefetch_related("enrolments")
    return [_programme_out(p) for p in programmes]


@development.post("/programmes", response=responses(ProgrammeOut, 201))
def programme_create(request, payload: ProgrammeIn):
    membership = acting(request, kinds=[OrgKind.AGENCY])
    return Status(201, _programme_out(services.programme_create(by=membership, **payload.model_dump())))


@development.get("/programmes/{int:programme_id}", response=responses(ProgrammeOut))
def programme_get(request, programme_id: int):
    return _programme_out(access_programme(acting(request), programme_id, VIEW))


@development.post("/programmes/{int:programme_id}/enrolments", response=responses(EnrolmentOut, 201))
def programme_enrol(request, programme_id: int, payload: EnrolIn):
    """An SME enrols itself; the running agency enrols any SME by profile id."""
    membership = acting(request, kinds=[OrgKind.SME, OrgKind.AGENCY])
    programme = access_programme(membership, programme_id, VIEW)
    if membership.organisation.kind == OrgKind.SME:
        supplier = get_object_or_404(SupplierProfile, organisation_id=membership.organisation_id)
    else:
        supplier = get_object_or_404(SupplierProfile, pk=payload.supplier_id or 0)
    return Status(201, services.enrolment_create(programme=programme, supplier=supplier, by=membership))


@development.post("/programmes/{int:programme_id}/sessions", response=responses(SessionOut, 201))
def programme_session(request, programme_id: int, payload: SessionIn):
    """A meeting and its attendance (enrolment ids), by the running agency."""
    membership = acting(request, kinds=[OrgKind.AGENCY])
    programme = access_programme(membership, programme_id, CHANGE)
    session = services.session_record(programme=programme, by=membership, **payload.model_dump())
    return Status(201, {"id": session.pk, "held_on": session.held_on, "title": session.title,
                        "attendees": session.attendees.count()})


# -- scorecards, gaps, scale-up -------------------------------------------------------

@development.get("/suppliers/{int:profile_id}/scorecard", response=responses(ScorecardOut))
def supplier_scorecard(request, profile_id: int):
    """Orders handed over, % on time, % rejected, ratings and the month trend."""
    profile = access_profile(acting(request), profile_id, "view")
    return selectors.supplier_scorecard(profile)


@development.get("/buyers/scorecard", response=responses(list[BuyerScoreOut]))
def buyer_scorecard(request):
    """Median and p90 days from BAST to payment per BUMN group and unit."""
    acting(request)
    return [{"buyer_id": r.organisation.pk, "buyer_name": r.organisation.name,
             "group_id": r.group.pk, "group_name": r.group.name, "is_group": r.is_group,
             "median_days": r.median, "p90_days": r.p90, "paid": r.paid,
             "unpaid_overdue": r.unpaid_overdue} for r in selectors.buyer_scorecards()]


@development.get("/gaps", response=responses(list[GapOut]))
def gaps(request):
    """SMEs one certificate or one capacity step away from open needs (agencies)."""
    membership = acting(request, kinds=[OrgKind.AGENCY])
    return [{"topic": g.topic, "missing": g.missing, "supplier_id": g.supplier.pk,
             "supplier_name": g.supplier.name, "need_id": g.need.pk, "need_title": g.need.title,
             "detail": list(g.detail)} for g in detect_gaps(membership)]


@development.get("/scale-ups", response=responses(list[ScaleUpOut]))
def scale_ups(request, since: date | None = None):
    """Moves up a PP 7/2021 band from the dated size history (agencies; province scope)."""
    membership = acting(request, kinds=[OrgKind.AGENCY])
    return [{"supplier_id": m["supplier"].pk, "supplier_name": m["supplier"].name,
             "from_scale": m["from"], "to_scale": m["to"], "on": m["on"]}
            for m in selectors.scale_ups(province_id=membership.province_id, since=since)]
