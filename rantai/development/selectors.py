"""Reads for supplier development: both scorecards, plans and programmes in scope, gaps
to train for, and scale-up ("naik kelas") from the dated size history."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from rantai.accounts.models import Membership, Organisation
from rantai.core import clock
from rantai.sourcing.choices import OrderStatus
from rantai.sourcing.models import Delivery, Payment, PurchaseOrder
from rantai.suppliers.choices import Scale
from rantai.suppliers.models import SizeRecord, SupplierProfile

from .models import DevelopmentPlan, Feedback, Programme
from .permissions import feedback_visible_q, plans_visible_q, programmes_visible_q

SCALE_RANK = {Scale.MICRO: 0, Scale.SMALL: 1, Scale.MEDIUM: 2, Scale.LARGE: 3}


# -- supplier scorecard ----------------------------------------------------------------

def promised_date(order: PurchaseOrder) -> date | None:
    """The delivery date the supplier committed to: the need's delivery date when the buyer
    set one, else acceptance (or issue) plus the quoted lead time."""
    if order.need.delivery_date:
        return order.need.delivery_date
    award = next(iter(order.awards.all()), None)
    if award is None:
        return None
    start = order.accepted_at or order.created_at
    return timezone.localdate(start) + timedelta(days=award.quote.lead_time_days)


@dataclass
class MonthFigures:
    month: date
    orders: int
    on_time_pct: float | None  # None: no delivered orders that month — never a score
    rejected_pct: float | None


@dataclass
class SupplierScorecard:
    orders: int  # orders handed over (at least one BAST)
    on_time_pct: float | None
    rejected_pct: float | None
    late_orders: int
    ratings: dict
    months: list[MonthFigures] = field(default_factory=list)


def _pct(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _month(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def supplier_scorecard(supplier: SupplierProfile) -> SupplierScorecard:
    """Plain figures first (orders, % on time, % of quantity rejected) from the BASTs, the
    buyers' ratings, and a month-by-month trend in which a month without orders shows no
    percentage at all."""
    orders = (PurchaseOrder.objects.filter(supplier=supplier, deliveries__isnull=False)
              .exclude(status=OrderStatus.CANCELLED).distinct()
              .select_related("need").prefetch_related("awards__quote", "deliveries"))
    per_month: dict[date, list[tuple[bool, float, float]]] = defaultdict(list)
    on_time = late = 0
    accepted = rejected = 0.0
    for order in orders:
        deliveries = list(order.deliveries.all())
        last = max(d.delivered_on for d in deliveries)
        promised = promised_date(order)
        timely = promised is None or last <= promised
        on_time += timely
        late += not timely
        acc = float(sum(d.quantity_accepted for d in deliveries))
        rej = float(sum(d.quantity_rejected for d in deliveries))
        accepted, rejected = accepted + acc, rejected + rej
        per_month[_month(last)].append((timely, acc, rej))
    months = []
    if per_month:
        cursor, end = min(per_month), max(per_month)
        while cursor <= end:
            rows = per_month.get(cursor, [])
            acc = sum(r[1] for r in rows)
            rej = sum(r[2] for r in rows)
            months.append(MonthFigures(cursor, len(rows), _pct(sum(r[0] for r in rows), len(rows)),
                                       _pct(rej, acc + rej) if rows else None))
            cursor = _next_month(cursor)
    total = on_time + late
    ratings = supplier.ratings.aggregate(
        count=Count("id"), quality=Avg("quality"), timeliness=Avg("timeliness"),
        communication=Avg("communication"), documents=Avg("documents"))
    return SupplierScorecard(orders=total, on_time_pct=_pct(on_time, total),
                             rejected_pct=_pct(rejected, accepted + rejected), late_orders=late,
                             ratings=ratings, months=months)


def supplier_rating_summary(supplier: SupplierProfile) -> dict:
    """Number of ratings and the average of each criterion (None without ratings)."""
    return supplier.ratings.aggregate(
        count=Count("id"), quality=Avg("quality"), timeliness=Avg("timeliness"),
        communication=Avg("communication"))


# -- buyer scorecard: days from BAST to payment ----------------------------------------

def _percentile(values: list[int], q: float) -> float | None:
    """Linear-interpolation percentile (q in 0..1), the same rule as sourcing's
    ``payment_days``, so pooled group figures agree with the per-unit ones."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def payment_days(buyer_ids: list[int] | None = None) -> dict[int, dict]:
    """Per buyer organisation: median and p90 days from BAST to payment, BASTs paid, and
    BASTs unpaid past the term — the sourcing app's figures (settled BAST by BAST)."""
    from rantai.sourcing.selectors import payment_days as sourcing_payment_days

    return sourcing_payment_days(buyer_ids=buyer_ids)


def _days_per_buyer(buyer_ids: list[int]) -> tuple[dict[int, list[int]], dict[int, int]]:
    """The day counts behind ``payment_days``, per buyer, so a BUMN group can pool its
    units' BASTs (a median of medians would be wrong)."""
    from rantai.sourcing.rules import payment_term_days
    from rantai.sourcing.selectors import bast_settlements

    orders = list(PurchaseOrder.objects.filter(buyer_id__in=buyer_ids)
                  .exclude(status=OrderStatus.CANCELLED).only("id", "buyer_id"))
    deliveries: dict[int, list] = defaultdict(list)
    payments: dict[int, list] = defaultdict(list)
    for d in Delivery.objects.filter(order__in=orders).only("id", "order_id", "delivered_on", "value"):
        deliveries[d.order_id].append(d)
    for p in Payment.objects.filter(order__in=orders).only("id", "order_id", "paid_on", "amount"):
        payments[p.order_id].append(p)
    today, term = timezone.localdate(clock.now()), payment_term_days()
    days: dict[int, list[int]] = defaultdict(list)
    overdue: dict[int, int] = defaultdict(int)
    for order in orders:
        for delivery, paid_on in bast_settlements(order, deliveries[order.pk], payments[order.pk]):
            if paid_on is not None:
                days[order.buyer_id].append(max(0, (paid_on - delivery.delivered_on).days))
            elif (today - delivery.delivered_on).days > term:
                overdue[order.buyer_id] += 1
    return days, overdue


def _summary(days: list[int], overdue: int) -> dict:
    return {"median": _percentile(days, 0.5), "p90": _percentile(days, 0.9), "paid": len(days),
            "unpaid_overdue": overdue}


@dataclass
class BuyerScore:
    organisation: Organisation
    group: Organisation  # the BUMN at the top of its parent tree (itself when none)
    median: float | None
    p90: float | None
    paid: int
    unpaid_overdue: int
    is_group: bool = False


def _root(org: Organisation, orgs: dict[int, Organisation]) -> Organisation:
    seen = set()
    while org.parent_id and org.parent_id in orgs and org.pk not in seen:
        seen.add(org.pk)
        org = orgs[org.parent_id]
    return org


def buyer_scorecards() -> list[BuyerScore]:
    """Every buyer that has received a delivery: per unit, and per BUMN group (the unit
    figures pooled) — the late-payment problem made visible to SMEs."""
    per_unit = {k: v for k, v in payment_days().items() if v["paid"] or v["unpaid_overdue"]}
    orgs = {o.pk: o for o in Organisation.objects.filter(kind="buyer")}
    days, overdue = _days_per_buyer(list(per_unit))
    groups: dict[int, list[int]] = defaultdict(list)
    group_overdue: dict[int, int] = defaultdict(int)
    units: dict[int, list[int]] = defaultdict(list)
    rows = []
    for org_id, figures in per_unit.items():
        org = orgs.get(org_id)
        if org is None:
            continue
        root = _root(org, orgs)
        groups[root.pk] += days.get(org_id, [])
        group_overdue[root.pk] += overdue.get(org_id, 0)
        units[root.pk].append(org_id)
        rows.append(BuyerScore(org, root, figures["median"], figures["p90"], figures["paid"],
                               figures["unpaid_overdue"]))
    for root_id, members in units.items():
        if len(members) > 1 or root_id not in members:
            s = _summary(groups[root_id], group_overdue[root_id])
            rows.append(BuyerScore(orgs[root_id], orgs[root_id], s["median"], s["p90"], s["paid"],
                                   s["unpaid_overdue"], is_group=True))
    rows.sort(key=lambda r: (r.group.name, not r.is_group, r.organisation.name))
    return rows


# -- feedback, plans, programmes in scope ---------------------------------------------

def feedback_visible(membership: Membership) -> QuerySet[Feedback]:
    return Feedback.objects.filter(feedback_visible_q(membership)).select_related(
        "supplier", "buyer", "order")


def plans_visible(membership: Membership, *, status: str = "") -> QuerySet[DevelopmentPlan]:
    plans = DevelopmentPlan.objects.filter(plans_visible_q(membership)).select_related(
        "supplier", "buyer", "programme", "mentor", "feedback").annotate(
        open_actions=Count("actions", filter=Q(actions__done_at__isnull=True)))
    return plans.filter(status=status) if status else plans


def programmes_visible(membership: Membership) -> QuerySet[Programme]:
    return Programme.objects.filter(programmes_visible_q(membership)).select_related(
        "agency", "province").annotate(
        enrolled=Count("enrolments", filter=~Q(enrolments__status="withdrawn"), distinct=True),
        completed=Count("enrolments", filter=Q(enrolments__status="completed"), distinct=True))


def programme_attendance(programme: Programme) -> list[dict]:
    """Per enrolment: sessions attended out of held, and status."""
    held = programme.sessions.count()
    rows = []
    for enrolment in programme.enrolments.select_related("supplier").annotate(
            came=Count("attended")).order_by("supplier__name"):
        rows.append({"enrolment": enrolment, "attended": enrolment.came, "held": held,
                     "pct": _pct(enrolment.came, held)})
    return rows


# -- scale-up ("naik kelas") -----------------------------------------------------------

def scale_history(supplier: SupplierProfile) -> list[SizeRecord]:
    """The supplier's dated size records, oldest first."""
    return list(supplier.size_records.order_by("as_of", "id"))


def scale_ups(*, province_id: str | None = None, since: date | None = None) -> list[dict]:
    """Every move to a higher PP 7/2021 band between two consecutive size records of an
    SME (on or after ``since``), newest first: who, from, to, when."""
    records = SizeRecord.objects.select_related("supplier").order_by("supplier_id", "as_of", "id")
    if province_id:
        records = records.filter(supplier__regency__province_id=province_id)
    moves, previous = [], None
    for record in records.iterator(chunk_size=5000):
        if (previous is not None and previous.supplier_id == record.supplier_id
                and SCALE_RANK.get(record.scale, 0) > SCALE_RANK.get(previous.scale, 0)
                and (since is None or record.as_of >= since)):
            moves.append({"supplier": record.supplier, "from": previous.scale, "to": record.scale,
                          "from_label": Scale(previous.scale).label, "to_label": Scale(record.scale).label,
                          "on": record.as_of})
        previous = record
    moves.sort(key=lambda m: m["on"], reverse=True)
    return moves


def scale_up_counts(moves: list[dict]) -> dict:
    """How many SMEs moved up, and the moves per year and per step (micro→small…)."""
    by_year: dict[int, int] = defaultdict(int)
    by_step: dict[tuple[str, str], int] = defaultdict(int)
    for move in moves:
        by_year[move["on"].year] += 1
        by_step[(move["from"], move["to"])] += 1
    return {"smes": len({m["supplier"].pk for m in moves}), "moves": len(moves),
            "by_year": dict(sorted(by_year.items())), "by_step": dict(by_step)}
