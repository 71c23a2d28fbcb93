"""Monitoring pages for agency officers: the dashboard (figures, map, charts), the list
behind every figure with CSV/XLSX export, the compliance ledger and regional demand. A
provincial officer's slice is always their own province."""
from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Organisation
from rantai.accounts.permissions import org_required
from rantai.suppliers.choices import Scale
from rantai.taxonomy.models import Kbli, Province

from . import exports, monitoring
from .figures import parse_filters, scoped

MAP_METRICS = {"registered": _("UMKM terdaftar"), "in_chain": _("UMKM dalam rantai pasok"),
               "orders": _("Transaksi"), "value": _("Nilai transaksi")}


def _filters(request):
    return scoped(parse_filters(request.GET), request.membership)


def _choices(request) -> dict:
    return {
        "provinces": [] if request.membership.province_id else Province.objects.order_by("code"),
        "sections": Kbli.objects.filter(digits=1).order_by("code"),
        "scales": Scale.choices, "clusters": monitoring.cluster_choices(),
    }


@org_required(OrgKind.AGENCY)
def dashboard_page(request):
    """Figures for the slice, a map of Indonesia drawn from the regions' coordinates, charts
    by month, and tables by province, KBLI section, scale and BUMN cluster; every number
    links to the list behind it."""
    filters = _filters(request)
    data = monitoring.overview(filters)
    map_metric = request.GET.get("peta", "registered")
    if map_metric not in MAP_METRICS:
        map_metric = "registered"
    months = monitoring.month_series(data.by_month)
    chart = {"months": [date_format(date.fromisoformat(f"{r['key']}-01"), "M Y") for r in months],
             "orders": [r["orders"] for r in months],
             "value": [r["value"] for r in months],
             "paid_value": [r["paid_value"] for r in months]}
    scope = (Province.objects.get(code=request.membership.province_id).name
             if request.membership.province_id else _("Nasional"))
    return render(request, "insights/dashboard.html", {
        "data": data, "filters": filters, "query": filters.as_query(), "scope": scope,
        "map": monitoring.map_points(data.by_province, map_metric), "map_metric": map_metric,
        "map_metrics": MAP_METRICS, "chart": chart, **_choices(request),
        "forum": monitoring.forum_potential_vs_realised(filters)})


@org_required(OrgKind.AGENCY)
def drilldown(request, metric: str):
    """The SMEs or orders behind one figure; ``?format=csv|xlsx`` exports the whole list."""
    if metric not in monitoring.METRICS:
        raise Http404
    filters = _filters(request)
    fmt = request.GET.get("format", "")
    if metric in monitoring.SME_METRICS:
        rows, header, to_rows = monitoring.smes(filters, metric), exports.SME_HEADER, exports.sme_rows
    else:
        rows, header, to_rows = monitoring.orders(filters, metric), exports.ORDER_HEADER, exports.order_rows
    if fmt in ("csv", "xlsx"):
        return exports.respond(fmt, f"rantai-{metric}", header, to_rows(rows))
    if metric in monitoring.SME_METRICS:
        rows = rows.select_related("regency__province").order_by("name", "pk")
    else:
        rows = rows.order_by("-created_at", "-pk")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "insights/drilldown.html", {
        "metric": metric, "title": monitoring.METRICS[metric], "page": page, "filters": filters,
        "query": filters.as_query(), "is_sme": metric in monitoring.SME_METRICS})


@org_required(OrgKind.AGENCY)
def compliance_page(request):
    """UMK share per buyer against the 40% target, TKDN, reserved-package overrides and
    breaches (needs delivered in the officer's province)."""
    filters = _filters(request)
    ledger = monitoring.compliance(filters)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        return exports.respond(fmt, "rantai-kepatuhan", exports.COMPLIANCE_HEADER,
                               exports.compliance_rows(ledger))
    return render(request, "insights/compliance.html", {"ledger": ledger, "query": filters.as_query()})


@org_required(OrgKind.AGENCY)
def compliance_buyer(request, buyer_id: int):
    """The awards behind one buyer's compliance row."""
    filters = _filters(request)
    buyer = Organisation.objects.filter(pk=buyer_id, kind=OrgKind.BUYER).first()
    if buyer is None:
        raise Http404
    awards = monitoring.awards_of_buyer(buyer_id, filters)
    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    return render(request, "insights/compliance_buyer.html", {"buyer": buyer, "page": page})


@org_required(OrgKind.AGENCY)
def regional_page(request):
    """Regional products (local SMEs) against BUMN demand (needs delivered there)."""
    filters = _filters(request)
    rows = monitoring.regional_demand(filters)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        return exports.respond(fmt, "rantai-wilayah", exports.REGIONAL_HEADER, exports.regional_rows(rows))
    return render(request, "insights/regional.html", {"rows": rows})
