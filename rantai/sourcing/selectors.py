"""Reads over needs, quotes and orders — always scoped, and sealed before the deadline."""
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency
from rantai.core import clock
from rantai.suppliers.choices import ProfileStatus
from rantai.suppliers.models import SupplierProfile

from .choices import NeedStatus, OrderStatus, QuoteStatus
from .models import Invitation, Need, PurchaseOrder, Quote, QuoteLine
from .permissions import agency_orders_q, needs_visible_q


def needs_visible(membership: Membership) -> QuerySet[Need]:
    return (Need.objects.filter(needs_visible_q(membership)).distinct()
            .select_related("buyer", "delivery_regency").order_by("-created_at", "-id"))


def opportunities(membership: Membership) -> QuerySet[Need]:
    """Needs an SME can still quote on (published, deadline ahead), invitations first, each
    marked ``invited``; soonest deadline first within each group."""
    invited = Invitation.objects.filter(
        need=OuterRef("pk"), supplier__organisation_id=membership.organisation_id)
    return (needs_visible(membership)
            .filter(status=NeedStatus.PUBLISHED, quote_deadline__gt=clock.now())
            .annotate(invited=Exists(invited))
            .order_by("-invited", "quote_deadline", "id"))


def quote_count(need: Need) -> int:
    """How many quotes are in: safe to show before the deadline."""
    return need.quotes.filter(status=QuoteStatus.SUBMITTED).count()


def own_quote(need: Need, membership: Membership) -> Quote | None:
    """The caller's own quote on ``need`` (visible to its supplier at any time)."""
    return (Quote.objects.prefetch_related("lines")
            .filter(need=need, supplier__organisation_id=membership.organisation_id).first())


@dataclass(frozen=True)
class QuoteComparison:
    sealed: bool
    count: int
    quotes: list[Quote]  # empty while sealed


def quotes_for_buyer(need: Need) -> QuoteComparison:
    """Submitted quotes for the buyer's comparison, cheapest first (value before PPN) —
    only after the deadline. Before it, the buyer learns the count and nothing else."""
    count = quote_count(need)
    if need.quotes_sealed:
        return QuoteComparison(sealed=True, count=count, quotes=[])
    quotes = list(need.quotes.filter(status=QuoteStatus.SUBMITTED)
                  .select_related("supplier__regency__province")
                  .prefetch_related("lines__product")
                  .order_by("base_amount", "lead_time_days", "id"))
    return QuoteComparison(sealed=False, count=count, quotes=quotes)


def orders_visible(membership: Membership) -> QuerySet[PurchaseOrder]:
    """Orders where the caller's organisation is the buyer or the supplier; agency staff
    see every order (a provincial officer: those of SMEs in their province)."""
    org_id = membership.organisation_id
    orders = PurchaseOrder.objects.select_related("need", "buyer", "supplier")
    if is_agency(membership):
        orders = orders.filter(agency_orders_q(membership))
    else:
        orders = orders.filter(Q(buyer_id=org_id) | Q(supplier__organisation_id=org_id))
    return orders.order_by("-created_at", "-id")


def public_totals() -> dict:
    """Platform totals safe for the public landing page (no sealed data)."""
    orders = PurchaseOrder.objects.exclude(status=OrderStatus.CANCELLED)
    return {
        "smes": SupplierProfile.objects.filter(status=ProfileStatus.PUBLISHED).count(),
        "needs": Need.objects.exclude(status=NeedStatus.DRAFT).count(),
        "orders": orders.count(),
        "order_value": orders.aggregate(v=Sum("total_amount"))["v"] or 0,
    }


@dataclass(frozen=True)
class OrderLine:
    description: str
    quantity: object
    unit: str
    unit_price: int
    amount: int
    line_id: int = 0
    accepted: object = 0
    rejected: object = 0

    @property
    def remaining(self):
        return self.quantity - self.accepted - self.rejected


def line_progress(order: PurchaseOrder) -> dict[int, dict]:
    """Per awarded line: ordered quantity, what BASTs accounted for so far, the line's gross
    value in the order (PPN included) and the value already accepted."""
    from decimal import Decimal

    from .rules import proportional

    awards = list(order.awards.select_related("need_line", "quote"))
    lines = {(ql.quote_id, ql.need_line_id): ql for ql in
             QuoteLine.objects.filter(quote__in={a.quote_id for a in awards})}
    progress = {}
    for award in awards:
        quote, ql = award.quote, lines[(award.quote_id, award.need_line_id)]
        progress[award.need_line_id] = {
            "line": award.need_line, "ordered": award.need_line.quantity,
            "unit_price": ql.unit_price, "amount": ql.amount,
            "accepted": Decimal(0), "rejected": Decimal(0), "value": 0,
            "gross": proportional(quote.gross_amount, ql.amount, quote.total_amount)}
    for delivery in order.deliveries.all():
        row = progress.get(delivery.need_line_id)
        if row:
            row["accepted"] += delivery.quantity_accepted
            row["rejected"] += delivery.quantity_rejected
            row["value"] += delivery.value
    return progress


def order_lines(order: PurchaseOrder) -> list[OrderLine]:
    """What the order covers: each awarded line with the winning quote's price and what
    BASTs have accounted for so far."""
    return [OrderLine(row["line"].description, row["ordered"], row["line"].unit,
                      row["unit_price"], row["amount"], line_id, row["accepted"],
                      row["rejected"]) for line_id, row in line_progress(order).items()]


# -- comparison --------------------------------------------------------------------------

SORTS = {
    "base": lambda c: (c.quote.base_amount, c.quote.lead_time_days, c.quote.pk),
    "gross": lambda c: (c.quote.gross_amount, c.quote.lead_time_days, c.quote.pk),
    "lead": lambda c: (c.quote.lead_time_days, c.quote.base_amount, c.quote.pk),
    "rating": lambda c: (-(c.scorecard["average"] or 0), c.quote.base_amount, c.quote.pk),
}


@dataclass
class Column:
    """One supplier's quote in the side-by-side comparison, on the before-PPN basis."""

    quote: Quote
    rank: int
    scorecard: dict
    cells: dict  # need line id → {"unit_price", "amount", "product", "tkdn", "best"}


@dataclass
class SideBySide:
    sealed: bool
    count: int
    sort: str
    lines: list
    columns: list[Column]

    @property
    def rows(self) -> list[tuple]:
        """(line, [(column, cell or None) for each column]) in display order."""
        return [(line, [(c, c.cells.get(line.pk)) for c in self.columns]) for line in self.lines]


def _scorecard(supplier: SupplierProfile) -> dict:
    from rantai.development.selectors import supplier_rating_summary

    summary = supplier_rating_summary(supplier)
    scores = [summary[k] for k in ("quality", "timeliness", "communication") if summary[k]]
    summary["average"] = round(sum(scores) / len(scores), 1) if scores else None
    summary["orders_paid"] = supplier.orders.filter(status=OrderStatus.PAID).count()
    return summary


def side_by_side(need: Need, sort: str = "base") -> SideBySide:
    """One column per submitted quote, one row per need line, every amount before PPN so
    PKP and non-PKP sellers compare fairly; ``rank`` is by value before PPN whatever the
    sort. Empty (with the count) while quotes are sealed."""
    from .rules import proportional

    comparison = quotes_for_buyer(need)
    lines = list(need.lines.all())
    sort = sort if sort in SORTS else "base"
    if comparison.sealed:
        return SideBySide(True, comparison.count, sort, lines, [])
    quotes = sorted(comparison.quotes, key=lambda q: (q.base_amount, q.lead_time_days, q.pk))
    columns = []
    for rank, quote in enumerate(quotes, start=1):
        cells = {}
        for ql in quote.lines.all():
            base = proportional(quote.base_amount, ql.amount, quote.total_amount)
            line = next(line for line in lines if line.pk == ql.need_line_id)
            cells[ql.need_line_id] = {"amount": base, "unit_price": round(base / line.quantity),
                                      "product": ql.product, "tkdn": ql.tkdn_percent,
                                      "best": False}
        columns.append(Column(quote, rank, _scorecard(quote.supplier), cells))
    for line in lines:
        priced = [c.cells[line.pk] for c in columns if line.pk in c.cells]
        if priced:
            min(priced, key=lambda cell: cell["amount"])["best"] = True
    columns.sort(key=SORTS[sort])
    return SideBySide(False, comparison.count, sort, lines, columns)


def quote_rank(need: Need, membership: Membership) -> tuple[int, int] | None:
    """(rank, of) of the caller's quote once the need is awarded; None before."""
    if need.status != NeedStatus.AWARDED:
        return None
    ranked = list(need.quotes.filter(status=QuoteStatus.SUBMITTED)
                  .order_by("base_amount", "lead_time_days", "id")
                  .values_list("supplier__organisation_id", flat=True))
    if membership.organisation_id not in ranked:
        return None
    return ranked.index(membership.organisation_id) + 1, len(ranked)


def clarifications(need: Need) -> QuerySet:
    """Questions and answers on a need, without who asked (never selected)."""
    return need.clarifications.only("id", "need_id", "question", "answer", "asked_at",
                                    "answered_at")


def own_pending_questions(need: Need, membership: Membership) -> QuerySet:
    """The caller's own questions on ``need`` that the buyer has not answered yet (only the
    asker sees them; answered ones are in ``clarifications`` for everyone)."""
    return need.clarifications.filter(asked_by_id=membership.organisation_id,
                                      answered_at__isnull=True).only("id", "question", "asked_at")


# -- payment days and the compliance ledger ------------------------------------------------

def _percentile(values: list[int], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))


def bast_settlements(order: PurchaseOrder, deliveries: list, payments: list) -> list[tuple]:
    """(BAST, settled on date or None) for every BAST worth something: payments settle
    BASTs oldest first, by the date they were made (an invoice is a document; the clock
    runs from the hand-over)."""
    pending = [[d, d.value] for d in sorted(deliveries, key=lambda d: (d.delivered_on, d.pk))
               if d.value > 0]
    settled = []
    for payment in sorted(payments, key=lambda p: (p.paid_on, p.pk)):
        left = payment.amount
        while left > 0 and pending:
            row = pending[0]
            step = min(left, row[1])
            row[1] -= step
            left -= step
            if row[1] == 0:
                settled.append((row[0], payment.paid_on))
                pending.pop(0)
    return settled + [(row[0], None) for row in pending]


def payment_days(*, buyer_ids=None) -> dict[int, dict]:
    """Per buyer organisation: days from BAST to payment — median and 90th percentile over
    settled BASTs, how many were paid, and how many are unpaid past the payment term
    (``SOURCING_PAYMENT_TERM_DAYS``, 30 by default)."""
    from django.utils import timezone

    from .models import Delivery, Payment
    from .rules import payment_term_days

    orders = PurchaseOrder.objects.exclude(status=OrderStatus.CANCELLED)
    if buyer_ids is not None:
        orders = orders.filter(buyer_id__in=list(buyer_ids))
    orders = list(orders.only("id", "buyer_id"))
    deliveries, payments = {}, {}
    for d in Delivery.objects.filter(order__in=orders).only("id", "order_id", "delivered_on",
                                                             "value"):
        deliveries.setdefault(d.order_id, []).append(d)
    for p in Payment.objects.filter(order__in=orders).only("id", "order_id", "paid_on", "amount"):
        payments.setdefault(p.order_id, []).append(p)
    today = timezone.localdate(clock.now())
    term = payment_term_days()
    days: dict[int, list[int]] = {}
    overdue: dict[int, int] = {}
    for order in orders:
        days.setdefault(order.buyer_id, [])
        overdue.setdefault(order.buyer_id, 0)
        for delivery, paid_on in bast_settlements(order, deliveries.get(order.pk, []),
                                                  payments.get(order.pk, [])):
            if paid_on is not None:
                days[order.buyer_id].append(max(0, (paid_on - delivery.delivered_on).days))
            elif (today - delivery.delivered_on).days > term:
                overdue[order.buyer_id] += 1
    return {buyer: {"median": _percentile(values, 0.5), "p90": _percentile(values, 0.9),
                    "paid": len(values), "unpaid_overdue": overdue[buyer]}
            for buyer, values in days.items()}


def _holding(org) -> object:
    seen = 0
    while org.parent_id and seen < 20:
        org, seen = org.parent, seen + 1
    return org


def compliance_ledger(*, province=None, since=None, until=None) -> list[dict]:
    """One row per buyer with awards: awarded value (before PPN), the value awarded to UMKM
    (micro, small and medium by the supplier's scale at award time) and to UMK (micro and
    small) alone, the UMK shares of awarded and of paid value against the 40% target of
    PP 7/2021 (``meets_target`` is the awarded UMK share), paid value, value-weighted TKDN
    (lines without a TKDN figure count as 0), and reserved-package overrides (with their
    recorded reasons) and breaches.

    ``province`` (a province code) keeps needs delivered there; ``since``/``until`` bound
    the award time. A breach is an award outside the reservation on a need the buyer's rule
    reserves, with no recorded reason.
    """
    from .models import Award
    from .rules import MICRO_SMALL_SCALES, UMKM_SCALES, effective_rule, reservation_applies

    awards = Award.objects.select_related("need__buyer__parent", "order", "quote__supplier")
    if province:
        awards = awards.filter(need__delivery_regency__province_id=province)
    if since:
        awards = awards.filter(awarded_at__gte=since)
    if until:
        awards = awards.filter(awarded_at__lt=until)
    rows: dict[int, dict] = {}
    outside: dict[int, dict] = {}  # need id → its first award outside the reservation
    weighted: dict[int, float] = {}
    paid_orders: dict[int, set] = {}
    for award in awards.order_by("need__buyer_id", "id"):
        need, buyer = award.need, award.need.buyer
        row = rows.setdefault(buyer.pk, {
            "buyer_id": buyer.pk, "buyer_name": buyer.name, "buyer_kind": buyer.buyer_kind,
            "holding_id": _holding(buyer).pk, "holding_name": _holding(buyer).name,
            "awarded_value": 0, "umk_value": 0, "micro_small_value": 0, "paid_value": 0,
            "umk_paid_value": 0, "micro_small_paid_value": 0, "umk_share": None,
            "micro_small_share": None, "micro_small_paid_share": None,
            "target_share": 0.4, "meets_target": False, "tkdn_weighted": None,
            "overrides": 0, "override_needs": [], "breaches": 0, "breach_needs": []})
        row["awarded_value"] += award.value
        umk = award.supplier_scale in UMKM_SCALES
        row["umk_value"] += award.value if umk else 0
        row["micro_small_value"] += award.value if award.supplier_scale in MICRO_SMALL_SCALES else 0
        weighted[buyer.pk] = weighted.get(buyer.pk, 0.0) + award.value * float(award.tkdn_percent or 0)
        order = award.order
        if order.pk not in paid_orders.setdefault(buyer.pk, set()):
            paid_orders[buyer.pk].add(order.pk)
            row["paid_value"] += order.paid_amount
            row["umk_paid_value"] += order.paid_amount if umk else 0
            row["micro_small_paid_value"] += (order.paid_amount if award.supplier_scale
                                              in MICRO_SMALL_SCALES else 0)
        rule = effective_rule(buyer.buyer_kind)
        if (reservation_applies(buyer.buyer_kind, need.estimated_value) and not need.umk_reserved
                and award.supplier_scale not in rule.scales and need.pk not in outside):
            outside[need.pk] = {"need_id": need.pk, "title": need.title,
                                "reason": need.reservation_waiver_reason,
                                "supplier": award.quote.supplier.name,
                                "scale": award.supplier_scale}
            count, cases = (("overrides", "override_needs") if need.reservation_waiver_reason
                            else ("breaches", "breach_needs"))
            row[count] += 1
            row[cases].append(outside[need.pk])
    for buyer_id, row in rows.items():
        if row["awarded_value"]:
            row["umk_share"] = row["umk_value"] / row["awarded_value"]
            row["micro_small_share"] = row["micro_small_value"] / row["awarded_value"]
            row["meets_target"] = row["micro_small_share"] >= row["target_share"]
            row["tkdn_weighted"] = weighted[buyer_id] / row["awarded_value"]
        if row["paid_value"]:
            row["micro_small_paid_share"] = row["micro_small_paid_value"] / row["paid_value"]
    return sorted(rows.values(), key=lambda r: (r["buyer_name"], r["buyer_id"]))
