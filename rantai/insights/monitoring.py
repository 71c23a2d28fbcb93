"""The national monitoring dashboard: SME figures (live), order figures (pre-aggregated),
the compliance ledger, regional supply against demand, and the list behind every figure.

A provincial officer's filters are always forced to their province (``figures.scoped``).
SME figures: *registered* = every SME profile; *verified* = verified by an agency; *in
supply chains* = at least one fully paid order. The cluster filter applies to orders and
to SMEs in supply chains (paid by a buyer of that cluster).
"""
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from rantai.accounts.choices import BumnCluster
from rantai.sourcing.choices import NeedStatus, OrderStatus
from rantai.sourcing.models import Award, Need, PurchaseOrder
from rantai.suppliers.choices import ProfileStatus, Scale, Verification
from rantai.suppliers.models import SupplierProfile
from rantai.taxonomy.models import Kbli, Province, Regency

from . import figures
from .figures import Filters

SME_METRICS = {
    "registered": _("UMKM terdaftar"),
    "verified": _("UMKM terverifikasi"),
    "in_chain": _("UMKM dalam rantai pasok"),
}
ORDER_METRICS = {
    "orders": _("Transaksi (pesanan)"),
    "paid": _("Pesanan lunas"),
}
METRICS = SME_METRICS | ORDER_METRICS


def _paid_orders(filters: Filters) -> QuerySet[PurchaseOrder]:
    orders = PurchaseOrder.objects.filter(status=OrderStatus.PAID)
    if filters.cluster:
        orders = figures.filter_orders(figures.orders_with_dimensions(), Filters(cluster=filters.cluster)
                                       ).filter(status=OrderStatus.PAID)
    return orders


def smes(filters: Filters, metric: str) -> QuerySet[SupplierProfile]:
    """The SME profiles behind an SME figure (``metric`` in SME_METRICS)."""
    profiles = SupplierProfile.objects.all()
    if filters.province:
        profiles = profiles.filter(regency__province_id=filters.province)
    if filters.scale:
        profiles = profiles.filter(scale=filters.scale)
    if filters.section:
        profiles = profiles.filter(kbli__section=filters.section).distinct()
    if filters.month:
        start, end = filters.month_range()
        profiles = profiles.filter(created_at__date__gte=start, created_at__date__lt=end)
    if metric == "verified":
        profiles = profiles.filter(verification=Verification.VERIFIED)
    elif metric == "in_chain" or filters.cluster:
        paid = _paid_orders(filters).filter(supplier_id=OuterRef("pk"))
        profiles = profiles.filter(Exists(paid))
    return profiles


def orders(filters: Filters, metric: str) -> QuerySet[PurchaseOrder]:
    """The orders behind an order figure (``metric`` in ORDER_METRICS)."""
    rows = figures.filter_orders(figures.orders_with_dimensions(), filters)
    if metric == "paid":
        rows = rows.filter(status=OrderStatus.PAID)
    return rows.select_related("buyer", "supplier__regency__province", "need")


@dataclass
class Overview:
    filters: Filters
    sme_counts: dict[str, int]
    orders: dict
    by_province: list[dict]
    by_section: list[dict]
    by_scale: list[dict]
    by_cluster: list[dict]
    by_month: list[dict]
    refreshed_at: object


def _sme_counts_by(filters: Filters, field: str) -> dict[str, dict[str, int]]:
    """SME figures per value of ``field`` (a path on SupplierProfile), one query per metric."""
    out: dict[str, dict[str, int]] = {}
    for metric in SME_METRICS:
        rows = smes(filters, metric).order_by().values(field).annotate(n=Count("id", distinct=True))
        for row in rows:
            out.setdefault(row[field] or "", {})[metric] = row["n"]
    return out


def overview(filters: Filters) -> Overview:
    """Every dashboard figure for one slice."""
    state = figures.ensure_fresh()
    sme_counts = {metric: smes(filters, metric).count() for metric in SME_METRICS}
    by_province_smes = _sme_counts_by(filters, "regency__province_id")
    by_section_smes = _sme_counts_by(filters, "kbli__section")
    by_scale_smes = _sme_counts_by(filters, "scale")
    orders_by = {by: {r["key"]: r for r in figures.order_breakdown(filters, by)}
                 for by in ("province", "section", "scale", "cluster", "month")}

    def merge(keys_labels, smes_by, orders_map):
        rows = []
        for key, label in keys_labels:
            o = orders_map.get(key, {})
            s = smes_by.get(key, {})
            row = {"key": key, "label": label, **{m: s.get(m, 0) for m in SME_METRICS},
                   "orders": o.get("orders", 0), "value": o.get("value", 0),
                   "paid_orders": o.get("paid_orders", 0), "paid_value": o.get("paid_value", 0)}
            if any(row[k] for k in ("registered", "orders")):
                rows.append(row)
        return rows

    provinces = Province.objects.order_by("code")
    if filters.province:
        provinces = provinces.filter(code=filters.province)
    sections = Kbli.objects.filter(digits=1).order_by("code")
    return Overview(
        filters=filters, sme_counts=sme_counts, orders=figures.order_totals(filters),
        by_province=merge([(p.code, p.name) for p in provinces], by_province_smes, orders_by["province"]),
        by_section=merge([(s.code, f"{s.code} — {s.title}") for s in sections], by_section_smes,
                         orders_by["section"]),
        by_scale=merge([(s.value, str(s.label)) for s in Scale], by_scale_smes, orders_by["scale"]),
        by_cluster=[{"key": key, "label": str(dict(BumnCluster.choices).get(key, _("Bukan BUMN"))),
                     **row} for key, row in orders_by["cluster"].items()],
        by_month=list(orders_by["month"].values()),
        refreshed_at=state.refreshed_at if state else None,
    )


def month_series(by_month: list[dict]) -> list[dict]:
    """``by_month`` rows (keys "YYYY-MM") from the first month to the last, every month once
    and in order; a month without orders appears with zeros, so a chart's time axis does
    not skip it."""
    rows = {r["key"]: r for r in by_month}
    if not rows:
        return []
    year, month = map(int, min(rows).split("-"))
    out = []
    while (key := f"{year:04d}-{month:02d}") <= max(rows):
        out.append(rows.get(key) or {"key": key, "orders": 0, "value": 0, "paid_orders": 0,
                                     "paid_value": 0})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# -- the map ---------------------------------------------------------------------------

# Indonesia's bounding box (degrees): west of Aceh to east of Papua, north of the Natuna
# islands to south of Rote.
WEST, EAST, NORTH, SOUTH = 94.5, 141.5, 6.5, -11.5
MAP_WIDTH = 1000
MAP_HEIGHT = round(MAP_WIDTH * (NORTH - SOUTH) / (EAST - WEST))


def _xy(lat: float, lon: float) -> tuple[float, float]:
    return (round((lon - WEST) / (EAST - WEST) * MAP_WIDTH, 1),
            round((NORTH - lat) / (NORTH - SOUTH) * MAP_HEIGHT, 1))


def map_points(rows: list[dict], metric: str) -> dict:
    """An SVG map drawn from the regencies' centroids (the archipelago as dots) with one
    circle per province, its area proportional to ``metric``."""
    dots = [_xy(lat, lon) for lat, lon in Regency.objects.filter(latitude__isnull=False)
            .values_list("latitude", "longitude")]
    by_code = {r["key"]: r for r in rows}
    biggest = max([r.get(metric, 0) for r in rows] or [0]) or 1
    circles = []
    for p in Province.objects.filter(latitude__isnull=False).order_by("code"):
        row = by_code.get(p.code)
        value = row.get(metric, 0) if row else 0
        x, y = _xy(p.latitude, p.longitude)
        radius = round(4 + 26 * (value / biggest) ** 0.5, 1) if value else 0
        circles.append({"code": p.code, "name": p.name, "x": x, "y": y, "r": radius, "value": value})
    return {"width": MAP_WIDTH, "height": MAP_HEIGHT, "dots": dots, "circles": circles}


# -- compliance ledger and regional demand --------------------------------------------

def compliance(filters: Filters) -> list[dict]:
    """Per buyer: awarded value, UMK value and share against the 40% target, TKDN,
    reserved-package overrides and breaches (``rantai.sourcing.selectors.compliance_ledger``),
    limited to needs delivered in the officer's province."""
    from rantai.sourcing.selectors import compliance_ledger

    return compliance_ledger(province=filters.province or None)


def awards_of_buyer(buyer_id: int, filters: Filters) -> QuerySet[Award]:
    """The awards behind one buyer's compliance row."""
    awards = Award.objects.filter(need__buyer_id=buyer_id).select_related(
        "need", "quote__supplier", "order").order_by("-awarded_at")
    if filters.province:
        awards = awards.filter(need__delivery_regency__province_id=filters.province)
    return awards


def regional_demand(filters: Filters) -> list[dict]:
    """Per province: needs delivered there (published or later), the KBLI sections asked,
    and local SMEs (published) in those sections — where supply meets demand, and where a
    forum could bring them together."""
    needs = Need.objects.exclude(status=NeedStatus.DRAFT)
    profiles = SupplierProfile.objects.filter(status=ProfileStatus.PUBLISHED)
    if filters.province:
        needs = needs.filter(delivery_regency__province_id=filters.province)
        profiles = profiles.filter(regency__province_id=filters.province)
    demand: dict[str, dict[str, int]] = {}
    for province, section, n in (needs.values_list("delivery_regency__province_id", "kbli__section")
                                 .annotate(n=Count("id", distinct=True)).order_by()):
        demand.setdefault(province, {})[section or ""] = n
    supply: dict[str, dict[str, int]] = {}
    for province, section, n in (profiles.values_list("regency__province_id", "kbli__section")
                                 .annotate(n=Count("id", distinct=True)).order_by()):
        supply.setdefault(province, {})[section or ""] = n
    names = dict(Province.objects.values_list("code", "name"))
    smes_total = dict(profiles.values_list("regency__province_id").annotate(n=Count("id")).order_by())
    needs_total = dict(needs.values_list("delivery_regency__province_id").annotate(n=Count("id"))
                       .order_by())
    rows = []
    for code in sorted(set(demand) | set(supply)):
        asked = demand.get(code, {})
        local = supply.get(code, {})
        matched = sum(local.get(section, 0) for section in asked)
        rows.append({
            "code": code, "name": names.get(code, code),
            "needs": needs_total.get(code, 0), "sections": sorted(s for s in asked if s),
            "smes": smes_total.get(code, 0),
            "smes_in_demanded_sections": matched,
        })
    rows.sort(key=lambda r: (-r["needs"], -r["smes_in_demanded_sections"], r["code"]))
    return rows


def forum_potential_vs_realised(filters: Filters) -> list[dict] | None:
    """Hook for the forums app: potential recorded at forums against orders realised, per
    forum, in the officer's province. Returns None until ``rantai.forums.selectors``
    offers ``potential_vs_realised(province=None) -> list[dict]``."""
    try:
        from rantai.forums import selectors as forum_selectors
    except ImportError:  # pragma: no cover - the forums app ships with the project
        return None
    report = getattr(forum_selectors, "potential_vs_realised", None)
    return report(province=filters.province or None) if report else None


def cluster_choices() -> list[tuple[str, str]]:
    return list(BumnCluster.choices)
