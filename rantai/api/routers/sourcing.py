"""Needs, sealed quotes, clarifications, awards (whole or per line), the orders they create,
BASTs, invoices, payments, and the compliance figures.

Quote amounts leave the server only through ``QuoteFullOut``, which is built for the
quoting SME itself (``my-quote``) or for the buyer from ``quotes_for_buyer`` /
``side_by_side``, which are empty until the deadline. (The candidate list of a need is
served by the matching router.)
"""
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import AwareDatetime

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import is_agency, require_membership
from rantai.sourcing import selectors
from rantai.sourcing.models import Clarification
from rantai.sourcing.permissions import CHANGE, VIEW, access_need, access_order
from rantai.sourcing.selectors import needs_visible, orders_visible, own_quote, quotes_for_buyer
from rantai.sourcing.services import (
    LineInput,
    award_create,
    award_lines,
    clarification_answer,
    clarification_ask,
    delivery_confirm,
    invitations_create,
    invoice_create,
    need_amend,
    need_create,
    need_publish,
    order_accept,
    payment_record,
    quote_confirm,
    quote_submit,
    quote_withdraw,
)

from ..auth import acting, membership_of
from ..schemas import (
    AwardIn,
    Count,
    DeliveryIn,
    DeliveryOut,
    InvitationsIn,
    InvitationsOut,
    LocalDateTime,
    NeedIn,
    NeedLineOut,
    NeedOut,
    NeedSummaryOut,
    OrderOut,
    OrderSummaryOut,
    PaymentIn,
    PaymentOut,
    Quantity,
    QuoteIn,
    QuoteLineIn,
    QuoteLineOut,
    QuoteOut,
    responses,
)

needs = Router(tags=["needs"])
orders = Router(tags=["orders"])
compliance = Router(tags=["compliance"])


# --- shapes specific to sourcing ----------------------------------------------------------

class NeedLineIn(Schema):
    description: str = Field(max_length=300)
    quantity: Quantity
    unit: str = Field(max_length=30)
    specification: str = ""


class NeedFullIn(NeedIn):
    """A need with its lines (``lines``), or one line from ``quantity`` and ``unit``.
    ``umk_reserved`` null follows the buyer kind's reservation rule; turning a reserved
    need off needs ``reservation_waiver_reason``."""

    quantity: Quantity | None = None
    unit: str = Field("", max_length=30)
    lines: list[NeedLineIn] | None = None
    umk_reserved: bool | None = None
    reservation_waiver_reason: str = ""
    required_certificates: list[str] = []
    min_tkdn_percent: Decimal | None = Field(None, max_digits=5, decimal_places=2)


class NeedLineFullOut(NeedLineOut):
    specification: str
    has_attachment: bool

    @staticmethod
    def resolve_has_attachment(line) -> bool:
        return bool(line.attachment)


class NeedFullOut(NeedOut):
    umk_reserved: bool
    reservation_waiver_reason: str
    required_certificates: list[str]
    min_tkdn_percent: Decimal | None
    revision: int
    lines: list[NeedLineFullOut]


class NeedAmendIn(Schema):
    change_note: str = Field(max_length=500)
    description: str | None = None
    quote_deadline: AwareDatetime | None = None
    delivery_date: date | None = None


class QuoteLineFullIn(QuoteLineIn):
    product_id: int | None = None


class QuoteFullIn(QuoteIn):
    """Unit prices per line (optionally the product offered, checked for certificates and
    TKDN), and the PPN basis: ``seller_pkp`` and whether prices include PPN."""

    lines: list[QuoteLineFullIn]
    seller_pkp: bool = False
    ppn_included: bool = False
    validity_days: Count | None = None
    warranty: str = Field("", max_length=200)
    draft: bool = False  # save unsent: not counted, not compared, eligibility checked on submit


class QuoteLineFullOut(QuoteLineOut):
    product_id: int | None
    tkdn_percent: Decimal | None


class QuoteFullOut(QuoteOut):
    seller_pkp: bool
    ppn_included: bool
    base_amount: int = Field(description="value before PPN: the comparison basis")
    ppn_amount: int
    gross_amount: int = Field(description="what the buyer pays, PPN included")
    validity_days: int | None
    warranty: str
    need_revision: int
    needs_confirmation: bool
    lines: list[QuoteLineFullOut]


class QuoteComparisonFullOut(Schema):
    sealed: bool
    count: int
    quotes: list[QuoteFullOut]


class ComparisonCellOut(Schema):
    need_line_id: int
    amount: int = Field(description="line value before PPN")
    unit_price: int = Field(description="unit price before PPN")
    product_id: int | None
    tkdn_percent: Decimal | None
    best: bool


class ComparisonColumnOut(Schema):
    quote_id: int
    supplier_id: int
    supplier_name: str
    supplier_scale: str
    rank: int
    base_amount: int
    ppn_amount: int
    gross_amount: int
    lead_time_days: int
    ratings: int
    rating_average: float | None
    cells: list[ComparisonCellOut]


class SideBySideOut(Schema):
    sealed: bool
    count: int
    sort: str
    columns: list[ComparisonColumnOut]


class LineAwardIn(Schema):
    need_line_id: int
    quote: int


class AwardLinesIn(Schema):
    lines: list[LineAwardIn]
    reason: str


class RankOut(Schema):
    rank: int
    of: int


class ClarificationOut(Schema):
    """A question and its answer; never who asked."""

    id: int
    question: str
    answer: str
    asked_at: LocalDateTime
    answered_at: LocalDateTime | None


class QuestionIn(Schema):
    question: str = Field(max_length=2000)


class AnswerIn(Schema):
    answer: str = Field(max_length=4000)


class DeliveryFullOut(DeliveryOut):
    need_line_id: int | None
    value: int


class DeliveryFullIn(DeliveryIn):
    need_line_id: int | None = None


class InvoiceOut(Schema):
    id: int
    number: str
    delivery_id: int
    amount: int
    paid_amount: int
    issued_at: LocalDateTime
    paid_at: LocalDateTime | None


class PaymentFullIn(PaymentIn):
    invoice_id: int | None = None


class PaymentFullOut(PaymentOut):
    invoice_id: int | None


class OrderFullOut(OrderOut):
    deliveries: list[DeliveryFullOut]
    payments: list[PaymentFullOut]
    invoices: list[InvoiceOut]

    @staticmethod
    def resolve_invoices(order) -> list:
        return list(order.invoices.order_by("id"))


class PaymentDaysOut(Schema):
    buyer_id: int
    median: float | None
    p90: float | None
    paid: int
    unpaid_overdue: int


class ReservationCaseOut(Schema):
    need_id: int
    title: str
    reason: str
    supplier: str
    scale: str


class ComplianceRowOut(Schema):
    buyer_id: int
    buyer_name: str
    buyer_kind: str
    holding_id: int
    holding_name: str
    awarded_value: int
    umk_value: int
    micro_small_value: int
    umk_share: float | None
    micro_small_share: float | None  # meets_target: this share ≥ target_share (UMK, PP 7/2021)
    target_share: float
    meets_target: bool
    paid_value: int
    umk_paid_value: int
    micro_small_paid_value: int
    micro_small_paid_share: float | None
    tkdn_weighted: float | None
    overrides: int
    override_needs: list[ReservationCaseOut]
    breaches: int
    breach_needs: list[ReservationCaseOut]


# --- needs ------------------------------------------------------------------------------

@needs.get("", response=responses(list[NeedSummaryOut]))
@paginate(PageNumberPagination, page_size=20)
def list_needs(request):
    """Buyers: their own needs, drafts included. SMEs: published needs that are open or to
    which they were invited. Agencies: every need that has left draft. Newest first."""
    return needs_visible(acting(request))


@needs.post("", response=responses(NeedFullOut, 201))
def create_need(request, payload: NeedFullIn):
    """Create a need (buyers) with ``lines``, or one line from ``quantity``/``unit``;
    ``publish: true`` publishes it at once (owners and managers only)."""
    membership = acting(request, kinds=[OrgKind.BUYER])
    data = payload.model_dump()
    lines = data.pop("lines")
    if lines is not None:
        data["lines"] = [LineInput(**line) for line in lines]
    need = need_create(by=membership, **data)
    return Status(201, access_need(membership, need.pk, VIEW))


@needs.get("/{int:need_id}", response=responses(NeedFullOut))
def get_need(request, need_id: int):
    """One need the caller may see; 404 for missing and forbidden alike."""
    return access_need(membership_of(request), need_id, VIEW)


@needs.post("/{int:need_id}/publish", response=responses(NeedFullOut))
def publish_need(request, need_id: int):
    """Publish a draft need. Two-person rule: staff draft, owners and managers publish."""
    membership = membership_of(request)
    need = access_need(membership, need_id, CHANGE)
    need_publish(need=need, by=membership)
    return need


@needs.post("/{int:need_id}/amend", response=responses(NeedFullOut))
def amend_need(request, need_id: int, payload: NeedAmendIn):
    """Change a published need before its deadline (owners and managers). With quotes in,
    the deadline is extended and every quoting SME must confirm or revise."""
    membership = membership_of(request)
    need = access_need(membership, need_id, CHANGE)
    return need_amend(need=need, by=membership, **payload.model_dump())


@needs.post("/{int:need_id}/invitations", response=responses(InvitationsOut))
def invite(request, need_id: int, payload: InvitationsIn):
    """Invite published SMEs to quote; ``created`` counts the new invitations (SMEs
    already invited are skipped). Each invitee is notified in the app and by e-mail."""
    membership = membership_of(request)
    need = access_need(membership, need_id, CHANGE)
    created = invitations_create(need=need, supplier_ids=payload.supplier_ids, by=membership)
    return {"created": created}


@needs.get("/{int:need_id}/clarifications", response=responses(list[ClarificationOut]))
def list_clarifications(request, need_id: int):
    """Questions and answers: the buyer sees every question; others only answered ones.
    Nobody learns who asked."""
    membership = membership_of(request)
    need = access_need(membership, need_id, VIEW)
    rows = selectors.clarifications(need)
    if need.buyer_id != membership.organisation_id:
        rows = rows.exclude(answered_at=None)
    return list(rows)


@needs.post("/{int:need_id}/clarifications", response=responses(ClarificationOut, 201))
def ask(request, need_id: int, payload: QuestionIn):
    """An SME that can see the need asks a question before the deadline."""
    membership = membership_of(request)
    need = access_need(membership, need_id, VIEW)
    return Status(201, clarification_ask(need=need, by=membership, question=payload.question))


@needs.post("/{int:need_id}/clarifications/{int:clarification_id}/answer",
            response=responses(ClarificationOut))
def answer(request, need_id: int, clarification_id: int, payload: AnswerIn):
    """The buyer answers; the answer is published to every participant."""
    membership = membership_of(request)
    need = access_need(membership, need_id, CHANGE)
    clarification = Clarification.objects.filter(pk=clarification_id, need=need).first()
    if clarification is None:
        raise Http404
    return clarification_answer(clarification=clarification, by=membership,
                                answer=payload.answer)


@needs.get("/{int:need_id}/quotes", response=responses(QuoteComparisonFullOut))
def compare_quotes(request, need_id: int):
    """The buyer's comparison, cheapest first before PPN. Until the deadline: ``sealed:
    true``, the number of quotes and no quotes at all."""
    need = access_need(membership_of(request), need_id, CHANGE)
    return quotes_for_buyer(need)


@needs.get("/{int:need_id}/comparison", response=responses(SideBySideOut))
def side_by_side(request, need_id: int, sort: str = "base"):
    """Side by side after the deadline: one column per quote, a cell per line, all before
    PPN, with lead time and the supplier's ratings; ``sort`` is base, gross, lead or
    rating. Sealed (no columns) until the deadline."""
    need = access_need(membership_of(request), need_id, CHANGE)
    side = selectors.side_by_side(need, sort)
    return {"sealed": side.sealed, "count": side.count, "sort": side.sort, "columns": [{
        "quote_id": c.quote.pk, "supplier_id": c.quote.supplier_id,
        "supplier_name": c.quote.supplier.name, "supplier_scale": c.quote.supplier.scale,
        "rank": c.rank, "base_amount": c.quote.base_amount, "ppn_amount": c.quote.ppn_amount,
        "gross_amount": c.quote.gross_amount, "lead_time_days": c.quote.lead_time_days,
        "ratings": c.scorecard["count"], "rating_average": c.scorecard["average"],
        "cells": [{"need_line_id": pk, "amount": cell["amount"], "unit_price": cell["unit_price"],
                   "product_id": cell["product"].pk if cell["product"] else None,
                   "tkdn_percent": cell["tkdn"], "best": cell["best"]}
                  for pk, cell in c.cells.items()]} for c in side.columns]}


def _own_quote(need, membership):
    quote = own_quote(need, membership)
    if quote is None:
        raise Http404
    return quote


@needs.get("/{int:need_id}/my-quote", response=responses(QuoteFullOut))
def my_quote(request, need_id: int):
    """The calling SME's own quote with its amounts; 404 if it has none."""
    membership = membership_of(request)
    return _own_quote(access_need(membership, need_id, VIEW), membership)


@needs.put("/{int:need_id}/my-quote", response=responses(QuoteFullOut))
def submit_quote(request, need_id: int, payload: QuoteFullIn):
    """Submit or revise the calling SME's sealed quote: a whole-rupiah unit price for
    every need line. Refused after the deadline, and refused with the reason when the SME
    is not eligible (reservation, certificates, minimum TKDN)."""
    membership = membership_of(request)
    need = access_need(membership, need_id, VIEW)
    quote_submit(need=need, by=membership,
                 unit_prices={line.need_line_id: line.unit_price for line in payload.lines},
                 products={line.need_line_id: line.product_id for line in payload.lines},
                 lead_time_days=payload.lead_time_days, note=payload.note,
                 seller_pkp=payload.seller_pkp, ppn_included=payload.ppn_included,
                 validity_days=payload.validity_days, warranty=payload.warranty,
                 draft=payload.draft)
    return _own_quote(need, membership)


@needs.post("/{int:need_id}/my-quote/withdraw", response=responses(QuoteFullOut))
def withdraw_quote(request, need_id: int):
    """Withdraw the calling SME's quote before the deadline (it may submit again)."""
    membership = membership_of(request)
    quote = _own_quote(access_need(membership, need_id, VIEW), membership)
    quote_withdraw(quote=quote, by=membership)
    return quote


@needs.post("/{int:need_id}/my-quote/confirm", response=responses(QuoteFullOut))
def confirm_quote(request, need_id: int):
    """Confirm the calling SME's quote unchanged after the buyer changed the need."""
    membership = membership_of(request)
    quote = _own_quote(access_need(membership, need_id, VIEW), membership)
    quote_confirm(quote=quote, by=membership)
    return quote


@needs.get("/{int:need_id}/my-rank", response=responses(RankOut))
def my_rank(request, need_id: int):
    """After the award: the calling SME's rank among the quotes (before PPN); 404 before."""
    membership = membership_of(request)
    rank = selectors.quote_rank(access_need(membership, need_id, VIEW), membership)
    if rank is None:
        raise Http404
    return {"rank": rank[0], "of": rank[1]}


@needs.post("/{int:need_id}/award", response=responses(OrderFullOut, 201))
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


@needs.post("/{int:need_id}/award-lines", response=responses(list[OrderFullOut], 201))
def award_split(request, need_id: int, payload: AwardLinesIn):
    """Award line by line (split between suppliers) with one reason; one purchase order
    per winning supplier. Losing SMEs are told their rank."""
    membership = membership_of(request)
    need = access_need(membership, need_id, CHANGE)
    quotes = {q.pk: q for q in need.quotes.select_related("supplier")}
    choice = {}
    for line in payload.lines:
        if line.quote not in quotes:
            raise ValidationError({"quote": _("Penawaran ini tidak dapat dipilih.")})
        choice[line.need_line_id] = quotes[line.quote]
    orders_ = award_lines(need=need, choice=choice, by=membership, reason=payload.reason)
    return Status(201, [access_order(membership, o.pk, VIEW) for o in orders_])


# --- orders -----------------------------------------------------------------------------

@orders.get("", response=responses(list[OrderSummaryOut]))
@paginate(PageNumberPagination, page_size=20)
def list_orders(request):
    """Orders where the caller's organisation is the buyer or the supplier, newest first."""
    return orders_visible(acting(request))


@orders.get("/{int:order_id}", response=responses(OrderFullOut))
def get_order(request, order_id: int):
    """One order with its BASTs, invoices, payments and rating (its parties; agencies
    view)."""
    return access_order(membership_of(request), order_id, VIEW)


@orders.post("/{int:order_id}/accept", response=responses(OrderFullOut))
def accept_order(request, order_id: int):
    """The supplier accepts the purchase order."""
    membership = membership_of(request)
    order = access_order(membership, order_id, CHANGE)
    order_accept(order=order, by=membership)
    return order


@orders.post("/{int:order_id}/deliveries", response=responses(DeliveryFullOut, 201))
def confirm_delivery(request, order_id: int, payload: DeliveryFullIn):
    """The buyer confirms a hand-over (BAST) of one order line (``need_line_id``, optional
    for one-line orders), whole or in part, with accepted and rejected quantities."""
    membership = membership_of(request)
    order = access_order(membership, order_id, CHANGE)
    return Status(201, delivery_confirm(order=order, by=membership, **payload.model_dump()))


@orders.post("/{int:order_id}/deliveries/{int:delivery_id}/invoice",
             response=responses(InvoiceOut, 201))
def invoice(request, order_id: int, delivery_id: int):
    """The supplier invoices one confirmed BAST for its accepted value (once per BAST)."""
    membership = membership_of(request)
    order = access_order(membership, order_id, CHANGE)
    delivery = order.deliveries.filter(pk=delivery_id).first()
    if delivery is None:
        raise Http404
    return Status(201, invoice_create(delivery=delivery, by=membership))


@orders.post("/{int:order_id}/payments", response=responses(PaymentFullOut, 201))
def record_payment(request, order_id: int, payload: PaymentFullIn):
    """The buyer records a (part) payment after BAST, against ``invoice_id`` or the oldest
    open invoices; the order is paid once every line is handed over and paid."""
    membership = membership_of(request)
    order = access_order(membership, order_id, CHANGE)
    data = payload.model_dump()
    invoice_id = data.pop("invoice_id")
    invoice_ = None
    if invoice_id is not None:
        invoice_ = order.invoices.filter(pk=invoice_id).first()
        if invoice_ is None:
            raise ValidationError({"invoice_id": _("Tagihan ini bukan untuk pesanan ini.")})
    return Status(201, payment_record(order=order, by=membership, invoice=invoice_, **data))


# --- compliance -----------------------------------------------------------------------------

def _compliance_scope(request):
    membership = require_membership(membership_of(request),
                                    kinds=[OrgKind.BUYER, OrgKind.AGENCY])
    return membership, is_agency(membership)


@compliance.get("/ledger", response=responses(list[ComplianceRowOut]))
def ledger(request):
    """Per buyer: awarded value before PPN, UMKM and micro-small value and share against
    the 40% target, paid value, value-weighted TKDN, reservation overrides (with reasons)
    and breaches. Buyers see their own row; agency staff every buyer (a provincial
    officer: needs delivered in their province)."""
    membership, agency = _compliance_scope(request)
    rows = selectors.compliance_ledger(province=membership.province_id if agency else None)
    return rows if agency else [r for r in rows if r["buyer_id"] == membership.organisation_id]


@compliance.get("/payment-days", response=responses(list[PaymentDaysOut]))
def days_to_pay(request):
    """Per buyer: days from BAST to payment (median, 90th percentile), BASTs paid, and
    BASTs unpaid past the payment term. Buyers see their own; agency staff every buyer."""
    membership, agency = _compliance_scope(request)
    days = selectors.payment_days(buyer_ids=None if agency else [membership.organisation_id])
    return [{"buyer_id": buyer, **figures} for buyer, figures in sorted(days.items())]
