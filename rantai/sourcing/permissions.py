"""Access to needs and orders: the same 404 for missing and forbidden."""
from django.db.models import Q
from django.http import Http404

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency, require_membership

from .choices import NeedStatus
from .models import Need, PurchaseOrder

VIEW, CHANGE = "view", "change"


def needs_visible_q(membership: Membership) -> Q:
    """The needs ``membership`` may see, as a filter.

    Buyers see their own (drafts included); SMEs see published needs that are open or to
    which they were invited; agency staff see every need that has left draft.
    """
    org = membership.organisation
    if org.kind == OrgKind.BUYER:
        return Q(buyer_id=org.id)
    if org.kind == OrgKind.SME:
        return ~Q(status=NeedStatus.DRAFT) & (
            Q(is_open=True) | Q(invitations__supplier__organisation_id=org.id)
        )
    if is_agency(membership):
        scope = ~Q(status=NeedStatus.DRAFT)
        if membership.province_id:
            scope &= Q(delivery_regency__province_id=membership.province_id)
        return scope
    return Q(pk__in=[])


def agency_orders_q(membership: Membership) -> Q:
    """The orders an agency officer may see: all, or those of SMEs in their province."""
    if membership.province_id:
        return Q(supplier__regency__province_id=membership.province_id)
    return Q()


def access_need(membership: Membership | None, need_id: int, action: str) -> Need:
    """The need if ``membership`` may ``view`` or ``change`` it, else Http404.

    Change (edit, publish, invite, award, confirm delivery) belongs to the buying
    organisation only.
    """
    require_membership(membership)
    needs = Need.objects.select_related("delivery_regency__province", "buyer")
    if action == CHANGE:
        need = needs.filter(pk=need_id, buyer_id=membership.organisation_id).first()
    else:
        need = needs.filter(needs_visible_q(membership), pk=need_id).distinct().first()
    if need is None:
        raise Http404
    return need


def access_order(membership: Membership | None, order_id: int, action: str) -> PurchaseOrder:
    """The order if the caller is its buyer or supplier (or agency staff, view only)."""
    require_membership(membership)
    order = (PurchaseOrder.objects.select_related("need", "buyer", "supplier__organisation")
             .filter(pk=order_id).first())
    if order is None:
        raise Http404
    org_id = membership.organisation_id
    if org_id in (order.buyer_id, order.supplier.organisation_id):
        return order
    if (action == VIEW and is_agency(membership)
            and PurchaseOrder.objects.filter(agency_orders_q(membership), pk=order.pk).exists()):
        return order
    raise Http404


def may_see_estimate(membership: Membership | None, need: Need) -> bool:
    """The owner's estimate (HPS) is the buyer's own: never shown to bidders or others."""
    return bool(membership) and need.buyer_id == membership.organisation_id
