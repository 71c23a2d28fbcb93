"""Who may see and change feedback, development plans and programmes: the same 404 for
missing and forbidden.

- an SME sees its own feedback and plans, and every programme open to it;
- a buyer sees the feedback it gave and the plans it must re-check;
- agency staff see all (a provincial officer: SMEs of their province), and change the
  programmes of their own agency;
- a mentor sees the plans assigned to them.
"""
from django.db.models import Q
from django.http import Http404

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency, require_membership

from .models import DevelopmentPlan, Feedback, Programme

VIEW, CHANGE = "view", "change"


def _supplier_scope(membership: Membership, prefix: str) -> Q:
    """Rows about SMEs the caller may see, through the field path ``prefix`` to the
    supplier profile."""
    org = membership.organisation
    if org.kind == OrgKind.SME:
        return Q(**{f"{prefix}__organisation_id": org.id})
    if is_agency(membership):
        if membership.province_id:
            return Q(**{f"{prefix}__regency__province_id": membership.province_id})
        return Q(pk__isnull=False)  # not Q(): ``Q(x) | Q()`` would collapse to ``Q(x)``
    return Q(pk__in=[])


def feedback_visible_q(membership: Membership) -> Q:
    if membership.organisation.kind == OrgKind.BUYER:
        return Q(buyer_id=membership.organisation_id)
    return _supplier_scope(membership, "supplier")


def plans_visible_q(membership: Membership) -> Q:
    scope = Q(mentor_id=membership.user_id)
    if membership.organisation.kind == OrgKind.BUYER:
        return scope | Q(buyer_id=membership.organisation_id)
    return scope | _supplier_scope(membership, "supplier")


def access_feedback(membership: Membership | None, feedback_id: int) -> Feedback:
    require_membership(membership)
    feedback = (Feedback.objects.filter(feedback_visible_q(membership), pk=feedback_id)
                .select_related("supplier", "buyer").first())
    if feedback is None:
        raise Http404
    return feedback


def access_plan(membership: Membership | None, plan_id: int) -> DevelopmentPlan:
    """The plan if the caller may see it; each service then checks who may do what."""
    require_membership(membership)
    plan = (DevelopmentPlan.objects.filter(plans_visible_q(membership), pk=plan_id)
            .select_related("supplier__organisation", "supplier__regency", "buyer", "mentor",
                            "programme", "feedback").first())
    if plan is None:
        raise Http404
    return plan


def programmes_visible_q(membership: Membership) -> Q:
    """Everyone approved sees programmes (SMEs choose one); a provincial officer sees
    national programmes and their province's."""
    if is_agency(membership) and membership.province_id:
        return Q(province__isnull=True) | Q(province_id=membership.province_id) | Q(
            agency_id=membership.organisation_id)
    return Q()


def access_programme(membership: Membership | None, programme_id: int, action: str) -> Programme:
    """View: any approved member; change: staff of the agency that runs it."""
    require_membership(membership)
    programmes = Programme.objects.select_related("agency", "province")
    if action == CHANGE:
        programme = (programmes.filter(pk=programme_id, agency_id=membership.organisation_id).first()
                     if is_agency(membership) else None)
    else:
        programme = programmes.filter(programmes_visible_q(membership), pk=programme_id).first()
    if programme is None:
        raise Http404
    return programme


def is_plan_sme(membership: Membership, plan: DevelopmentPlan) -> bool:
    return membership.organisation_id == plan.supplier.organisation_id


def is_plan_mentor(membership: Membership, plan: DevelopmentPlan) -> bool:
    return plan.mentor_id is not None and plan.mentor_id == membership.user_id


def is_plan_buyer(membership: Membership, plan: DevelopmentPlan) -> bool:
    return membership.organisation_id == plan.buyer_id
