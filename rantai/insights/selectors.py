"""Dashboard figures for agency officers. Reads only; a provincial officer's figures are
limited to their province (by the SME's province for SMEs and orders, and by the delivery
province for needs)."""
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from rantai.accounts.models import Membership
from rantai.sourcing.choices import NeedStatus, OrderStatus
from rantai.sourcing.models import Award, Need, PurchaseOrder
from rantai.suppliers.choices import ProfileStatus
from rantai.suppliers.models import SupplierProfile
from rantai.taxonomy.models import Kbli, Province


@dataclass(frozen=True)
class Dashboard:
    scope: str
    smes: int
    needs: int
    awards: int
    order_value: int
    paid_value: int
    by_province: list[dict]
    by_section: list[dict]


def dashboard(membership: Membership) -> Dashboard:
    """National figures, or one province's for an officer scoped to it."""
    province = membership.province
    smes = SupplierProfile.objects.filter(status=ProfileStatus.PUBLISHED)
    needs = Need.objects.exclude(status=NeedStatus.DRAFT)
    orders = PurchaseOrder.objects.exclude(status=OrderStatus.CANCELLED)
    if province:
        smes = smes.filter(regency__province=province)
        needs = needs.filter(delivery_regency__province=province)
        orders = orders.filter(supplier__regency__province=province)
    totals = orders.aggregate(value=Sum("total_amount"), paid=Sum("paid_amount"))

    sme_by_province = dict(smes.values_list("regency__province").annotate(n=Count("id")))
    order_by_province = {
        row["supplier__regency__province"]: row
        for row in orders.values("supplier__regency__province")
        .annotate(n=Count("id"), value=Sum("total_amount"))
    }
    by_province = [
        {"code": p.code, "name": p.name, "smes": sme_by_province.get(p.code, 0),
         "orders": order_by_province.get(p.code, {}).get("n", 0),
         "order_value": order_by_province.get(p.code, {}).get("value") or 0}
        for p in Province.objects.order_by("code")
        if (not province or p.code == province.code)
    ]
    sme_by_section = dict(smes.values_list("kbli__section").annotate(n=Count("id", distinct=True)))
    need_by_section = dict(needs.values_list("kbli__section").annotate(n=Count("id", distinct=True)))
    sections = Kbli.objects.filter(digits=1).order_by("code")
    by_section = [
        {"code": s.code, "title": s.title, "smes": sme_by_section.get(s.code, 0),
         "needs": need_by_section.get(s.code, 0)}
        for s in sections if sme_by_section.get(s.code) or need_by_section.get(s.code)
    ]
    return Dashboard(
        scope=province.name if province else str(_("Nasional")),
        smes=smes.count(), needs=needs.count(),
        awards=Award.objects.filter(need__in=needs).values("need").distinct().count(),
        order_value=totals["value"] or 0, paid_value=totals["paid"] or 0,
        by_province=by_province, by_section=by_section,
    )
