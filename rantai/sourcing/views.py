"""Sourcing pages. One detail page per need serves the buyer (candidates, invitations,
sealed count, comparison, award) and the SME (its own quote); orders carry acceptance,
BAST, payment and rating."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import can_decide, org_required
from rantai.core import clock
from rantai.core.feedback import run_and_report
from rantai.core.forms import add_service_errors
from rantai.development.forms import RatingForm
from rantai.matching.selectors import candidates_for_need

from . import selectors, services
from .choices import NeedStatus, OrderStatus
from .forms import AwardForm, DeliveryForm, NeedForm, PaymentForm, QuoteForm
from .permissions import CHANGE, VIEW, access_need, access_order


@org_required(OrgKind.BUYER, OrgKind.SME, OrgKind.AGENCY)
def need_list(request):
    """Buyers: their needs. Agencies: every published need. SMEs: the needs they can still
    quote on, invitations first; the ones they quoted on before come after."""
    membership = request.membership
    if membership.organisation.kind == OrgKind.SME:
        return render(request, "sourcing/need_list.html", {
            "needs": selectors.opportunities(membership)[:200],
            "past": selectors.needs_visible(membership).filter(
                quotes__supplier__organisation_id=membership.organisation_id)[:50],
        })
    return render(request, "sourcing/need_list.html", {
        "needs": selectors.needs_visible(membership)[:200]})


@org_required(OrgKind.BUYER)
def need_create(request):
    """Staff save a draft; owners and managers may publish at once."""
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST and can_decide(request.membership)
        try:
            need = services.need_create(by=request.membership, publish=publish,
                                        **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Kebutuhan diterbitkan.") if publish
                             else _("Draf kebutuhan disimpan."))
            return redirect("sourcing:need-detail", need.pk)
    return render(request, "sourcing/need_form.html", {"form": form})


@org_required(OrgKind.BUYER, OrgKind.SME, OrgKind.AGENCY)
def need_detail(request, need_id: int):
    membership = request.membership
    need = access_need(membership, need_id, VIEW)
    context = {"need": need, "lines": need.lines.all(), "kbli": need.kbli.all(),
               "count": selectors.quote_count(need), "now": clock.now()}
    is_buyer = need.buyer_id == membership.organisation_id
    if is_buyer:
        invited = set(need.invitations.values_list("supplier_id", flat=True))
        context.update({
            "is_buyer": True, "can_decide": can_decide(membership),
            "comparison": selectors.quotes_for_buyer(need),
            "invitations": need.invitations.select_related("supplier__regency"),
            "candidates": (candidates_for_need(need) if request.htmx and "candidates" in request.GET
                           and need.status == NeedStatus.PUBLISHED and need.quotes_sealed else []),
            "invited": invited, "award_form": AwardForm(),
            "orders": need.orders.select_related("supplier"),
        })
    elif membership.organisation.kind == OrgKind.SME:
        quote = selectors.own_quote(need, membership)
        initial = {"lead_time_days": quote.lead_time_days, "note": quote.note} if quote else {}
        if quote:
            initial.update({f"price_{ql.need_line_id}": ql.unit_price for ql in quote.lines.all()})
        context.update({"quote": quote,
                        "quote_form": QuoteForm(lines=context["lines"], initial=initial)})
    lazy_list = request.htmx and is_buyer and "candidates" in request.GET
    template = "sourcing/_candidates.html" if lazy_list else "sourcing/need_detail.html"
    return render(request, template, context)


@require_POST
@org_required(OrgKind.BUYER)
def need_publish(request, need_id: int):
    need = access_need(request.membership, need_id, CHANGE)
    run_and_report(request, lambda: services.need_publish(need=need, by=request.membership),
                   _("Kebutuhan diterbitkan."))
    return redirect("sourcing:need-detail", need.pk)


@require_POST
@org_required(OrgKind.BUYER)
def need_invite(request, need_id: int):
    need = access_need(request.membership, need_id, CHANGE)
    ids = [int(i) for i in request.POST.getlist("supplier") if i.isdigit()]
    try:
        count = services.invitations_create(need=need, supplier_ids=ids, by=request.membership)
        messages.success(request, ngettext("%(n)d UMKM diundang.", "%(n)d UMKM diundang.",
                                           count) % {"n": count})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("sourcing:need-detail", need.pk)


@require_POST
@org_required(OrgKind.SME)
def quote_submit(request, need_id: int):
    need = access_need(request.membership, need_id, VIEW)
    form = QuoteForm(request.POST, lines=need.lines.all())
    if form.is_valid():
        try:
            services.quote_submit(need=need, by=request.membership,
                                  unit_prices=form.unit_prices(),
                                  lead_time_days=form.cleaned_data["lead_time_days"],
                                  note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Penawaran terkirim dan tersegel sampai batas waktu."))
            return redirect("sourcing:need-detail", need.pk)
    return render(request, "sourcing/need_detail.html", {
        "need": need, "lines": need.lines.all(), "kbli": need.kbli.all(),
        "count": selectors.quote_count(need), "quote": selectors.own_quote(need, request.membership),
        "quote_form": form}, status=422)


@require_POST
@org_required(OrgKind.SME)
def quote_withdraw(request, need_id: int):
    need = access_need(request.membership, need_id, VIEW)
    quote = selectors.own_quote(need, request.membership)
    if quote:
        run_and_report(request,
                       lambda: services.quote_withdraw(quote=quote, by=request.membership),
                       _("Penawaran ditarik."))
    return redirect("sourcing:need-detail", need.pk)


@require_POST
@org_required(OrgKind.BUYER)
def need_award(request, need_id: int):
    need = access_need(request.membership, need_id, CHANGE)
    form = AwardForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan pemenang."))
        return redirect("sourcing:need-detail", need.pk)
    quote = need.quotes.filter(pk=form.cleaned_data["quote"]).first()
    try:
        if quote is None:
            raise ValidationError({"quote": _("Penawaran ini tidak dapat dipilih.")})
        order = services.award_create(need=need, quote=quote, by=request.membership,
                                      reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("sourcing:need-detail", need.pk)
    messages.success(request, _("Pemenang ditetapkan; pesanan %(po)s diterbitkan.") % {
        "po": order.number})
    return redirect("sourcing:order-detail", order.pk)


@org_required(OrgKind.BUYER, OrgKind.SME, OrgKind.AGENCY)
def order_list(request):
    return render(request, "sourcing/order_list.html", {
        "orders": selectors.orders_visible(request.membership)[:200]})


@org_required(OrgKind.BUYER, OrgKind.SME, OrgKind.AGENCY)
def order_detail(request, order_id: int):
    order = access_order(request.membership, order_id, VIEW)
    is_buyer = order.buyer_id == request.membership.organisation_id
    paid, due = order.paid_amount, order.amount_due
    lines = selectors.order_lines(order)
    return render(request, "sourcing/order_detail.html", {
        "order": order, "is_buyer": is_buyer, "lines": lines, "award": order.awards.first(),
        "is_supplier": order.supplier.organisation_id == request.membership.organisation_id,
        "deliveries": order.deliveries.all(), "payments": order.payments.all(),
        "paid": paid, "outstanding": due - paid,
        "delivery_form": DeliveryForm(initial={"delivered_on": timezone.localdate(clock.now()),
                                               "quantity_accepted": sum(
                                                   line.quantity for line in lines)}),
        "payment_form": PaymentForm(initial={"paid_on": timezone.localdate(clock.now()),
                                             "amount": due - paid}),
        "rating": getattr(order, "rating", None),
        "rating_form": RatingForm(),
        "statuses": OrderStatus,
    })


def _order_action(request, order_id: int, form_class, call, success: str):
    """Run one order service from a POSTed form; errors come back as messages."""
    order = access_order(request.membership, order_id, CHANGE)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect("sourcing:order-detail", order.pk)
    data = form.cleaned_data if form else {}
    run_and_report(request, lambda: call(order=order, by=request.membership, **data), success)
    return redirect("sourcing:order-detail", order.pk)


@require_POST
@org_required(OrgKind.SME)
def order_accept(request, order_id: int):
    return _order_action(request, order_id, None, services.order_accept, _("Pesanan diterima."))


@require_POST
@org_required(OrgKind.BUYER)
def order_deliver(request, order_id: int):
    return _order_action(request, order_id, DeliveryForm, services.delivery_confirm,
                         _("Serah terima (BAST) dicatat."))


@require_POST
@org_required(OrgKind.BUYER)
def order_pay(request, order_id: int):
    return _order_action(request, order_id, PaymentForm, services.payment_record,
                         _("Pembayaran dicatat."))
