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
    """Submitted quotes for the buyer's comparison, cheapest first — only after the
    deadline. Before it, the buyer learns the count and nothing else."""
    count = quote_count(need)
    if need.quotes_sealed:
        return QuoteComparison(sealed=True, count=count, quotes=[])
    quotes = list(need.quotes.filter(status=QuoteStatus.SUBMITTED)
                  .select_related("supplier__regency__province")
                  .prefetch_related("lines").order_by("total_amount", "lead_time_days", "id"))
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


def order_lines(order: PurchaseOrder) -> list[OrderLine]:
    """What the order covers: each awarded line with the winning quote's price."""
    awards = order.awards.select_related("need_line", "quote")
    prices = {(ql.quote_id, ql.need_line_id): ql for ql in
              QuoteLine.objects.filter(quote__awards__order=order)}
    return [OrderLine(a.need_line.description, a.need_line.quantity, a.need_line.unit,
                      prices[(a.quote_id, a.need_line_id)].unit_price,
                      prices[(a.quote_id, a.need_line_id)].amount) for a in awards]
