"""Monitoring figures: one definition of each dimension, the pre-aggregated order table and
its refresh, the dashboard queries on it, the same queries done naively on the orders
(for the benchmark and the tests), and the querysets behind every figure (drill-down).

Dimensions of an order: the month it was placed, the SME's province, the KBLI section of
the need (its lowest code; "" when none), the SME's scale, and the buyer's BUMN cluster
(its own, else its holding's; "" for non-BUMN buyers). Cancelled orders never count.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone

from rantai.core import clock
from rantai.sourcing.choices import OrderStatus
from rantai.sourcing.models import PurchaseOrder
from rantai.taxonomy.models import Kbli

from .models import FigureState, OrderFigure

DIMENSIONS = ("province", "section", "scale", "cluster", "month")
# Months are cut in the platform's zone (WIB), whoever reads or refreshes: a viewer in WITA
# must see the same figures as the refresher.
REPORT_TZ = ZoneInfo(settings.TIME_ZONE)
ORDER_FIGURES = "order_figures"


@dataclass(frozen=True)
class Filters:
    """A slice of the figures; empty strings mean "all". ``province`` is forced to the
    officer's own for a provincial officer (see ``scoped``)."""

    province: str = ""
    section: str = ""
    scale: str = ""
    cluster: str = ""
    month: str = ""  # "YYYY-MM"

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    def with_(self, **changes) -> "Filters":
        return Filters(**(self.__dict__ | changes))

    def month_range(self) -> tuple[date, date] | None:
        if not self.month:
            return None
        start = date.fromisoformat(f"{self.month}-01")
        return start, (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def scoped(filters: Filters, membership) -> Filters:
    """A provincial officer always sees their own province, whatever the URL says."""
    if membership is not None and membership.province_id:
        return filters.with_(province=membership.province_id)
    return filters


def parse_filters(params) -> Filters:
    """Filters from a query string; unknown or malformed values are dropped, not guessed."""
    values = {name: (params.get(name) or "").strip() for name in DIMENSIONS}
    if values["month"]:
        try:
            date.fromisoformat(f"{values['month']}-01")
        except ValueError:
            values["month"] = ""
    if len(values["province"]) > 2 or not values["province"].isdigit():
        values["province"] = ""
    if len(values["section"]) != 1 or not values["section"].isalpha():
        values["section"] = ""
    return Filters(**{k: v[:20] for k, v in values.items()})


# -- the live orders with their dimensions ----------------------------------------------

def _section_of_need():
    return Subquery(Kbli.objects.filter(need=OuterRef("need_id")).order_by("code")
                    .values("section")[:1])


def orders_with_dimensions() -> QuerySet[PurchaseOrder]:
    """Non-cancelled orders annotated with ``d_month``, ``d_province``, ``d_section``,
    ``d_scale`` and ``d_cluster``."""
    return (PurchaseOrder.objects.exclude(status=OrderStatus.CANCELLED).annotate(
        d_month=TruncMonth("created_at", tzinfo=REPORT_TZ),
        d_province=F("supplier__regency__province_id"),
        d_section=Coalesce(_section_of_need(), Value("")),
        d_scale=F("supplier__scale"),
        d_cluster=Coalesce(NullIf("buyer__bumn_cluster", Value("")),
                           NullIf("buyer__parent__bumn_cluster", Value("")), Value("")),
    ))


def filter_orders(orders: QuerySet[PurchaseOrder], filters: Filters) -> QuerySet[PurchaseOrder]:
    """The drill-down behind an order figure: ``orders`` from ``orders_with_dimensions``."""
    if filters.province:
        orders = orders.filter(supplier__regency__province_id=filters.province)
    if filters.scale:
        orders = orders.filter(supplier__scale=filters.scale)
    if filters.section:
        orders = orders.filter(d_section=filters.section)
    if filters.cluster:
        orders = orders.filter(d_cluster=filters.cluster)
    if filters.month:
        start, end = (timezone.make_aware(datetime.combine(day, time(0, 0)), REPORT_TZ)
                      for day in filters.month_range())
        orders = orders.filter(created_at__gte=start, created_at__lt=end)
    return orders


# -- the pre-aggregated table -----------------------------------------------------------

def max_stale_seconds() -> int:
    return int(getattr(settings, "INSIGHTS_MAX_STALE_SECONDS", 60))


MARGINS = ("province", "section", "scale", "cluster")


def _marginals(full: list[OrderFigure]) -> list[OrderFigure]:
    """Per month and one dimension, summed from the full rows (the others hold ALL)."""
    sums: dict[tuple, list[int]] = {}
    for row in full:
        for dim in MARGINS:
            key = (dim, row.month, getattr(row, dim))
            acc = sums.setdefault(key, [0, 0, 0, 0])
            acc[0] += row.orders
            acc[1] += row.value
            acc[2] += row.paid_orders
            acc[3] += row.paid_value
    out = []
    for (dim, month, value), (n, total, paid_n, paid) in sums.items():
        dims = dict.fromkeys(MARGINS, OrderFigure.ALL) | {dim: value}
        out.append(OrderFigure(grain=dim, month=month, orders=n, value=total, paid_orders=paid_n,
                               paid_value=paid, **dims))
    return out


def _month_start(value) -> date:
    return value.date() if hasattr(value, "date") else value


def _full_rows(orders: QuerySet[PurchaseOrder]) -> list[OrderFigure]:
    grouped = (orders.values("d_month", "d_province", "d_section", "d_scale", "d_cluster")
               .annotate(n=Count("id"), total=Sum("total_amount"),
                         paid_n=Count("id", filter=Q(status=OrderStatus.PAID)),
                         paid=Sum("paid_amount"))
               .order_by())
    return [OrderFigure(month=_month_start(r["d_month"]), province=r["d_province"] or "",
                        section=r["d_section"] or "", scale=r["d_scale"] or "",
                        cluster=r["d_cluster"] or "", orders=r["n"], value=r["total"] or 0,
                        paid_orders=r["paid_n"], paid_value=r["paid"] or 0)
            for r in grouped.iterator(chunk_size=5000)]


def _store(rows: list[OrderFigure], *, months: set[date] | None, started) -> None:
    """Swap the figure rows (all, or those of ``months``) in one transaction: readers see
    the old or the new figures, never half."""
    with transaction.atomic():
        old = OrderFigure.objects.all()
        if months is not None:
            old = old.filter(month__in=months)
        old.delete()
        OrderFigure.objects.bulk_create(rows, batch_size=2000)
        FigureState.objects.update_or_create(name=ORDER_FIGURES, defaults={"refreshed_at": started})


def refresh_order_figures() -> int:
    """Rebuild every figure row from the orders; returns the number of rows."""
    started = clock.now()
    full = _full_rows(orders_with_dimensions())
    rows = full + _marginals(full)
    _store(rows, months=None, started=started)
    return len(rows)


def touched_months(since) -> set[date]:
    """Months (of order placement) of every order created, accepted, handed over, paid
    or part-paid on or after ``since``."""
    from rantai.sourcing.models import Delivery, Payment

    changed = (Q(created_at__gte=since) | Q(accepted_at__gte=since) | Q(delivered_at__gte=since)
               | Q(paid_at__gte=since)
               | Q(pk__in=Payment.objects.filter(recorded_at__gte=since).values("order_id"))
               | Q(pk__in=Delivery.objects.filter(confirmed_at__gte=since).values("order_id")))
    months = (PurchaseOrder.objects.filter(changed).annotate(m=TruncMonth("created_at", tzinfo=REPORT_TZ))
              .values_list("m", flat=True).distinct())
    return {_month_start(m) for m in months}


def refresh_changed_figures(since) -> int:
    """Recompute only the months whose orders changed since ``since`` (a cancellation from
    *issued* leaves no timestamp: the periodic full rebuild catches it); the number of
    figure rows written."""
    started = clock.now()
    months = touched_months(since)
    if not months:
        FigureState.objects.filter(name=ORDER_FIGURES).update(refreshed_at=started)
        return 0
    window = Q()
    for month in months:
        start = timezone.make_aware(datetime.combine(month, time(0, 0)), REPORT_TZ)
        end = timezone.make_aware(datetime.combine((month.replace(day=28) + timedelta(days=4)).replace(day=1),
                                                   time(0, 0)), REPORT_TZ)
        window |= Q(created_at__gte=start, created_at__lt=end)
    full = _full_rows(orders_with_dimensions().filter(window))
    rows = full + _marginals(full)
    _store(rows, months=months, started=started)
    return len(rows)


def ensure_fresh() -> FigureState | None:
    """Bring the figures up to date when older than the allowed staleness — the months
    that changed since the last refresh, or everything the first time — unless reading may
    not refresh (``INSIGHTS_REFRESH_ON_READ = False``: ``refresh_dashboards`` does it)."""
    state = FigureState.objects.filter(name=ORDER_FIGURES).first()
    stale = state is None or (clock.now() - state.refreshed_at).total_seconds() >= max_stale_seconds()
    if stale and getattr(settings, "INSIGHTS_REFRESH_ON_READ", True):
        if state is None:
            refresh_order_figures()
        else:
            refresh_changed_figures(state.refreshed_at)
        state = FigureState.objects.get(name=ORDER_FIGURES)
    return state


def _figures(filters: Filters, by: str | None = None) -> QuerySet[OrderFigure]:
    """The rows to sum: a marginal grain when the slice and the breakdown involve at most
    one dimension besides the month, else the full rows."""
    used = {name for name in MARGINS if getattr(filters, name)} | ({by} & set(MARGINS))
    grain = next(iter(used)) if len(used) == 1 else ("province" if not used else "full")
    figures = OrderFigure.objects.filter(grain=grain)
    for name in MARGINS:
        value = getattr(filters, name)
        if value:
            figures = figures.filter(**{name: value})
    if filters.month:
        start, end = filters.month_range()
        figures = figures.filter(month__gte=start, month__lt=end)
    return figures


_SUMS = {"orders": Sum("orders"), "value": Sum("value"), "paid_orders": Sum("paid_orders"),
         "paid_value": Sum("paid_value")}


def order_totals(filters: Filters) -> dict:
    """Orders, their value, paid orders and paid value for the slice (from the table)."""
    row = _figures(filters).aggregate(**_SUMS)
    return {k: row[k] or 0 for k in _SUMS}


def order_breakdown(filters: Filters, by: str) -> list[dict]:
    """The same figures per value of one dimension (``by`` in DIMENSIONS)."""
    rows = _figures(filters, by).values(by).annotate(**_SUMS).order_by(by)
    return [{"key": r[by].strftime("%Y-%m") if by == "month" else r[by],
             **{k: r[k] or 0 for k in _SUMS}} for r in rows]


# -- the same figures, naively (benchmark baseline and consistency tests) ---------------

def naive_order_totals(filters: Filters) -> dict:
    row = filter_orders(orders_with_dimensions(), filters).aggregate(
        orders=Count("id"), value=Sum("total_amount"),
        paid_orders=Count("id", filter=Q(status=OrderStatus.PAID)), paid_value=Sum("paid_amount"))
    return {k: row[k] or 0 for k in _SUMS}


def naive_order_breakdown(filters: Filters, by: str) -> list[dict]:
    field = f"d_{by}"
    rows = (filter_orders(orders_with_dimensions(), filters).values(field)
            .annotate(orders=Count("id"), value=Sum("total_amount"),
                      paid_orders=Count("id", filter=Q(status=OrderStatus.PAID)),
                      paid_value=Sum("paid_amount")).order_by(field))
    out = []
    for r in rows:
        key = r[field]
        key = key.strftime("%Y-%m") if by == "month" else (key or "")
        out.append({"key": key, **{k: r[k] or 0 for k in _SUMS}})
    return out
