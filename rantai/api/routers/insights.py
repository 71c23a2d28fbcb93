"""Figures for agency officers: the dashboard slice, the list behind each figure, the
compliance ledger and regional demand (a provincial officer always gets their province)."""
from datetime import date

from django.http import Http404
from ninja import Router, Schema

from rantai.accounts.choices import OrgKind
from rantai.insights import monitoring
from rantai.insights.figures import parse_filters, scoped
from rantai.insights.selectors import dashboard as dashboard_figures

from ..auth import acting
from ..schemas import DashboardOut, responses

router = Router(tags=["insights"])


class SliceIn(Schema):
    province: str = ""
    section: str = ""
    scale: str = ""
    cluster: str = ""
    month: str = ""  # YYYY-MM


class FigureRowOut(Schema):
    key: str
    label: str = ""
    registered: int = 0
    verified: int = 0
    in_chain: int = 0
    orders: int
    value: int
    paid_orders: int
    paid_value: int


class OverviewOut(Schema):
    filters: dict
    smes: dict[str, int]
    orders: dict[str, int]
    by_province: list[FigureRowOut]
    by_section: list[FigureRowOut]
    by_scale: list[FigureRowOut]
    by_cluster: list[FigureRowOut]
    by_month: list[FigureRowOut]


class DrillRowOut(Schema):
    id: int
    name: str
    nib: str
    province: str
    scale: str
    number: str = ""
    buyer: str = ""
    value: int | None = None
    paid: int | None = None
    status: str = ""
    created_on: date


class DrillOut(Schema):
    metric: str
    count: int
    items: list[DrillRowOut]


def _filters(request, params: SliceIn):
    membership = acting(request, kinds=[OrgKind.AGENCY])
    return membership, scoped(parse_filters(params.model_dump()), membership)


@router.get("/dashboard", response=responses(DashboardOut))
def dashboard(request):
    """National figures, or one province's for an officer scoped to it (agencies only)."""
    return dashboard_figures(acting(request, kinds=[OrgKind.AGENCY]))


@router.get("/overview", response=responses(OverviewOut))
def overview(request, province: str = "", section: str = "", scale: str = "", cluster: str = "",
             month: str = ""):
    """SMEs registered, verified and in supply chains; orders, value and paid value; by
    province, KBLI section, scale, BUMN cluster and month (order figures at most
    ``INSIGHTS_MAX_STALE_SECONDS`` old)."""
    _m, filters = _filters(request, SliceIn(province=province, section=section, scale=scale,
                                            cluster=cluster, month=month))
    data = monitoring.overview(filters)
    return {"filters": filters.as_query(), "smes": data.sme_counts, "orders": data.orders,
            "by_province": data.by_province, "by_section": data.by_section,
            "by_scale": data.by_scale, "by_cluster": data.by_cluster, "by_month": data.by_month}


@router.get("/drilldown", response=responses(DrillOut))
def drilldown(request, metric: str, province: str = "", section: str = "", scale: str = "",
              cluster: str = "", month: str = "", limit: int = 100, offset: int = 0):
    """The SMEs (registered, verified, in_chain) or orders (orders, paid) behind a figure."""
    _m, filters = _filters(request, SliceIn(province=province, section=section, scale=scale,
                                            cluster=cluster, month=month))
    if metric not in monitoring.METRICS:
        raise Http404
    limit = max(1, min(limit, 1000))
    offset = max(0, min(offset, 10**9))
    if metric in monitoring.SME_METRICS:
        rows = monitoring.smes(filters, metric).select_related("regency__province").order_by("name", "pk")
        items = [{"id": p.pk, "name": p.name, "nib": p.nib, "province": p.regency.province.name,
                  "scale": p.scale, "created_on": p.created_at.date()}
                 for p in rows[offset:offset + limit]]
    else:
        rows = monitoring.orders(filters, metric).order_by("-created_at", "-pk")
        items = [{"id": o.pk, "name": o.supplier.name, "nib": o.supplier.nib,
                  "province": o.supplier.regency.province.name, "scale": o.supplier.scale,
                  "number": o.number, "buyer": o.buyer.name, "value": o.total_amount,
                  "paid": o.paid_amount, "status": o.status, "created_on": o.created_at.date()}
                 for o in rows[offset:offset + limit]]
    return {"metric": metric, "count": rows.count(), "items": items}


@router.get("/compliance", response=responses(list[dict]))
def compliance(request):
    """Per buyer: awarded value, UMK value and share against 40%, TKDN, overrides and
    breaches of the reserved-package rule (needs delivered in the officer's province)."""
    _m, filters = _filters(request, SliceIn())
    return monitoring.compliance(filters)


@router.get("/regional", response=responses(list[dict]))
def regional(request):
    """Per province: needs delivered there, KBLI sections asked, local SMEs in them."""
    _m, filters = _filters(request, SliceIn())
    return monitoring.regional_demand(filters)
