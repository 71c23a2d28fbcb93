"""Needs, sealed quotes, awards and the orders they create.

Quote amounts leave the server only through ``QuoteOut``, which is built for the quoting
SME itself (``my-quote``) or for the buyer from ``quotes_for_buyer``, which is empty until
the deadline.
"""
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from rantai.accounts.choices import OrgKind
from rantai.matching.selectors import candidates_for_need
from rantai.sourcing.permissions import CHANGE, VIEW, access_need, access_order
from rantai.sourcing.selectors import needs_visible, orders_visible, own_quote, quotes_for_buyer
from rantai.sourcing.services import (
    award_create,
    delivery_confirm,
    invitations_create,
    need_create,
    need_publish,
    order_accept,
    payment_record,
    quote_submit,
    quote_withdraw,
)

from ..auth import acting, membership_of
from ..schemas import (
    AwardIn,
    CandidateOut,
    DeliveryIn,
    DeliveryOut,
    InvitationsIn,
    InvitationsOut,
    NeedIn,
    NeedOut,
    NeedSummaryOut,
    OrderOut,
    OrderSummaryOut,
    PaymentIn,
    PaymentOut,
    QuoteComparisonOut,
    QuoteIn,
    QuoteOut,
    responses,
)

needs = Router(tags=["needs"])
orders = Router(tags=["orders"])


# --- needs ------------------------------------------------------------------------------

@needs.get("", response=responses(list[NeedSummaryOut]))
@paginate(PageNumberPagination, page_size=20)
def list_needs(request):
    """Buyers: their own needs, drafts included. SMEs: published needs that are open or to
    which they were invited. Agencies: every need that has left draft. Newest first."""
    return needs_visible(acting(request))


@needs.post("", response=responses(NeedOut, 201))
def create_need(request, payload: NeedIn):
    """Create a need with one line (buyers); ``publish: true`` publishes it at once
    (owners and managers only)."""
    membership = acting(request, kinds=[OrgKind.BUYER])
    need = need_create(by=membership, **payload.model_dump())
    return Status(201, access_need(membership, need.pk, VIEW))


@needs.get("/{int:need_id}", response=responses(NeedOut))
def get_need(request, need_id: int):
    """One need the caller may see; 404 for missing and forbidden alike."""
    return access_need(membership_of(request), need_id, VIEW)


@needs.post("/{int:need_id}/publish", response=responses(NeedOut))
def publish_need(request, need_id: int):
    """Publish a draft need (its buyer's owners and managers)."""
    membership = membership_of(request)
    need = access_need(membership, need_id, CHANGE)
    need_publish(need=need, by=membership)
    return need


@needs.get("/{int:need_id}/candidates", response=responses(list[CandidateOut]))
def candidates(request, need_id: int):
    """The 20 best-matching published SMEs with the matching engine's reasons (the need's
    buyer only)."""
    need = access_need(membership_of(request), need_id, CHANGE)
    return [{"supplier": profile, "score": match.score, "reasons": list(match.reasons)}
            for profile, match in candidates_for_need(need)]


@needs.post("/{int:need_id}/invitations", response=responses(InvitationsOut))
def invite(request, need_id: int, payload: InvitationsIn):
    """Invite published SMEs to quote; ``created`` counts the new invitations (SMEs
    already invited are skipped)."""
    membership = membership_of(request)
    need = access_need(membership, need_id, CHANGE)
    created = invitations_create(need=need, supplier_ids=payload.supplier_ids, by=membership)
    return {"created": created}


@needs.get("/{int:need_id}/quotes", response=responses(QuoteComparisonOut))
def compare_quotes(request, need_id: int):
    """The buyer's comparison, cheapest first. Until the deadline: ``sealed: true``, the
    number of quotes and no quotes at all."""
    need = access_need(membership_of(request), need_id, CHANGE)
    return quotes_for_buyer(need)


def _own_quote(need, membership):
    quote = own_quote(need, membership)
    if quote is None:
        raise Http404
    return quote


@needs.get("/{int:need_id}/my-quote", response=responses(QuoteOut))
def my_quote(request, need_id: int):
    """The calling SME's own quote with its amounts; 404 if it has none."""
    membership = membership_of(request)
    return _own_quote(access_need(membership, need_id, VIEW), membership)


@needs.put("/{int:need_id}/my-quote", response=responses(QuoteOut))
def submit_quote(request, need_id: int, payload: QuoteIn):
    """Submit or revise the calling SME's sealed quote: a whole-rupiah unit price for
    every need line. Refused after the deadline."""
    membership = membership_of(request)
    need = access_need(membership, need_id, VIEW)
    quote_submit(need=need, by=membership,
                 unit_prices={line.need_line_id: line.unit_price for line in payload.lines},
                 lead_time_days=payload.lead_time_days, note=payload.note)
    return _own_quote(need, membership)


@needs.post("/{int:need_id}/my-quote/withdraw", response=responses(QuoteOut))
def withdraw_quote(request, need_id: int):
    """Withdraw the calling SME's quote before the deadline (it may submit again)."""
    membership = membership_of(request)
    quote = _own_quote(access_need(membership, need_id, VIEW), membership)
    quote_withdraw(quote=quote, by=membership)
    return quote


@needs.post("/{int:need_id}/award", response=responses(OrderOut, 201))
def award(request, need_id: int, payload: AwardIn):
    """Award the need to one of its quotes after the deadline and issue the purchase order
    (the buyer's owners and managers). A second award is refused with 422."""
    membership = membership_of(request)
    need = access_need(membership, need_id, CHANGE)
    quote = need.quotes.filter(pk=payload.quote).first()
    if quote is None:
        raise ValidationError({"quote": _("Penawaran ini tidak dapat dipilih.")})
    order = award_create(need=need, quote=quote, by=membership, reason=payload.reason)
    return Status(201, access_order(membership, order.pk, VIEW))


# --- orders -----------------------------------------------------------------------------

@orders.get("", response=responses(list[OrderSummaryOut]))
@paginate(PageNumberPagination, page_size=20)
def list_orders(request):
    """Orders where the caller's organisation is the buyer or the supplier, newest first."""
    return orders_visible(acting(request))


@orders.get("/{int:order_id}", response=responses(OrderOut))
def get_order(request, order_id: int):
    """One order with its deliveries, payments and rating (its parties; agencies view)."""
    return access_order(membership_of(request), order_id, VIEW)


@orders.post("/{int:order_id}/accept", response=responses(OrderOut))
def accept_order(request, order_id: int):
    """The supplier accepts the purchase order."""
    membership = membership_of(request)
    order = access_order(membership, order_id, CHANGE)
    order_accept(order=order, by=membership)
    return order


@orders.post("/{int:order_id}/deliveries", response=responses(DeliveryOut, 201))
def confirm_delivery(request, order_id: int, payload: DeliveryIn):
    """The buyer confirms the hand-over (BAST) with accepted and rejected quantities."""
    membership = membership_of(request)
    order = access_order(membership, order_id, CHANGE)
    return Status(201, delivery_confirm(order=order, by=membership, **payload.model_dump()))


@orders.post("/{int:order_id}/payments", response=responses(PaymentOut, 201))
def record_payment(request, order_id: int, payload: PaymentIn):
    """The buyer records a (part) payment after BAST; the order is paid once covered."""
    membership = membership_of(request)
    order = access_order(membership, order_id, CHANGE)
    return Status(201, payment_record(order=order, by=membership, **payload.model_dump()))
