"""Sourcing pages. One detail page per need serves the buyer (candidates, invitations,
clarifications, sealed count, side-by-side comparison, award whole or per line) and the SME
(eligibility, its own quote, questions, its rank after award); orders carry acceptance,
BAST per line and in parts, invoices, payments and rating."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import can_decide, is_agency, org_required
from rantai.core import clock
from rantai.core.feedback import run_and_report
from rantai.core.forms import add_service_errors
from rantai.development.forms import RatingForm
from rantai.matching.selectors import candidates_for_need
from rantai.suppliers.choices import CertificateKind
from rantai.suppliers.models import SupplierProfile

from . import selectors, services
from .choices import NeedStatus, OrderStatus
from .eligibility import supplier_hints
from .forms import (
    AmendForm,
    AnswerForm,
    AwardForm,
    DeliveryForm,
    NeedForm,
    NeedLineFormSet,
    PaymentForm,
    QuestionForm,
    QuoteForm,
)
from .models import Clarification
from .permissions import CHANGE, VIEW, access_need, access_order
from .services import LineInput


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


def _line_inputs(formset, title: str) -> list[LineInput]:
    lines = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        if not any(data.get(k) for k in ("description", "quantity", "specification",
                                         "attachment")):
            continue  # a line added and left empty (or emptied) is no line
        lines.append(LineInput(description=data.get("description") or "",
                               quantity=data.get("quantity"), unit=data.get("unit") or "",
                               specification=data.get("specification") or "",
                               attachment=data.get("attachment")))
    if lines and not lines[0].description.strip():  # one quick line: named after the need
        first = lines[0]
        lines[0] = LineInput(title.strip()[:300], first.quantity, first.unit,
                             first.specification, first.attachment)
    return lines


def _add_line_errors(form, formset, error: ValidationError) -> None:
    """Service errors ``line_<n>_<field>`` go to the n-th line form; the rest to the need."""
    kept = [f for f in formset.forms if not (getattr(f, "cleaned_data", None) or {}).get("DELETE")]
    rest = {}
    for key, messages_ in error.message_dict.items():
        parts = key.split("_", 2)
        if key.startswith("line_") and len(parts) == 3 and parts[1].isdigit():
            index = int(parts[1]) - 1
            if index < len(kept) and parts[2] in kept[index].fields:
                kept[index].add_error(parts[2], messages_)
                continue
        rest[key] = messages_
    if rest:
        add_service_errors(form, ValidationError(rest))


@org_required(OrgKind.BUYER)
def need_create(request):
    """Staff save a draft; owners and managers may publish at once (two-person rule: a
    staff draft waits for a manager)."""
    form = NeedForm(request.POST or None)
    formset = NeedLineFormSet(request.POST or None, request.FILES or None, prefix="lines")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        publish = "publish" in request.POST and can_decide(request.membership)
        try:
            need = services.need_create(by=request.membership, publish=publish,
                                        lines=_line_inputs(formset, form.cleaned_data["title"]),
                                        **form.service_arguments())
        except ValidationError as error:
            _add_line_errors(form, formset, error)
        else:
            messages.success(request, _("Kebutuhan diterbitkan.") if publish
                             else _("Draf kebutuhan disimpan."))
            return redirect("sourcing:need-detail", need.pk)
    return render(request, "sourcing/need_form.html", {"form": form, "formset": formset},
                  status=422 if request.method == "POST" else 200)


def _sme_context(request, need, context, quote_form=None) -> None:
    membership = request.membership
    quote = selectors.own_quote(need, membership)
    context["own_pending"] = selectors.own_pending_questions(need, membership)
    supplier = SupplierProfile.objects.filter(organisation_id=membership.organisation_id).first()
    products = list(supplier.products.all()) if supplier else []
    if quote_form is None:
        initial = {}
        if quote:
            initial = {"lead_time_days": quote.lead_time_days, "note": quote.note,
                       "seller_pkp": quote.seller_pkp, "ppn_included": quote.ppn_included,
                       "validity_days": quote.validity_days, "warranty": quote.warranty}
            for ql in quote.lines.all():
                initial[f"price_{ql.need_line_id}"] = ql.unit_price
                initial[f"product_{ql.need_line_id}"] = ql.product_id
        quote_form = QuoteForm(lines=context["lines"], products=products, initial=initial)
    context.update({
        "quote": quote, "quote_form": quote_form, "question_form": QuestionForm(),
        "hints": supplier_hints(need, supplier, timezone.localdate(clock.now())) if supplier else [],
        "rank": selectors.quote_rank(need, membership),
    })


def certificate_labels(need) -> list[str]:
    labels = dict(CertificateKind.choices)
    return [str(labels.get(kind, kind)) for kind in need.required_certificates]


def _need_context(request, need) -> dict:
    membership = request.membership
    context = {"need": need, "lines": need.lines.all(), "kbli": need.kbli.all(),
               "count": selectors.quote_count(need), "now": clock.now(),
               "clarifications": selectors.clarifications(need),
               "certificate_labels": certificate_labels(need)}
    if need.buyer_id == membership.organisation_id:
        sort = request.GET.get("sort", "base")
        context.update({
            "is_buyer": True, "can_decide": can_decide(membership),
            "comparison": selectors.quotes_for_buyer(need),
            "side": selectors.side_by_side(need, sort),
            "invitations": need.invitations.select_related("supplier__regency"),
            "invited": set(need.invitations.values_list("supplier_id", flat=True)),
            "award_form": AwardForm(), "answer_form": AnswerForm(),
            "amend_form": AmendForm(initial={"description": need.description}),
            "orders": need.orders.select_related("supplier"),
        })
    elif membership.organisation.kind == OrgKind.SME:
        _sme_context(request, need, context)
    return context


@org_required(OrgKind.BUYER, OrgKind.SME, OrgKind.AGENCY)
def need_detail(request, need_id: int):
    membership = request.membership
    need = access_need(membership, need_id, VIEW)
    is_buyer = need.buyer_id == membership.organisation_id
    if request.htmx and is_buyer and "candidates" in request.GET:
        candidates = (candidates_for_need(need) if need.status == NeedStatus.PUBLISHED
                      and need.quotes_sealed else [])
        return render(request, "sourcing/_candidates.html", {
            "need": need, "candidates": candidates,
            "invited": set(need.invitations.values_list("supplier_id", flat=True))})
    return render(request, "sourcing/need_detail.html", _need_context(request, need))


@require_POST
@org_required(OrgKind.BUYER)
def need_publish(request, need_id: int):
    need = access_need(request.membership, need_id, CHANGE)
    run_and_report(request, lambda: services.need_publish(need=need, by=request.membership),
                   _("Kebutuhan diterbitkan."))
    return redirect("sourcing:need-detail", need.pk)


@require_POST
@org_required(OrgKind.BUYER)
def need_amend(request, need_id: int):
    need = access_need(request.membership, need_id, CHANGE)
    form = AmendForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}"
                           if field in form.fields else " ".join(errors))
        return redirect("sourcing:need-detail", need.pk)
    data = form.cleaned_data
    run_and_report(request, lambda: services.need_amend(
        need=need, by=request.membership, change_note=data["change_note"],
        description=data["description"], quote_deadline=data["quote_deadline"]),
        _("Kebutuhan diubah; peserta diberi tahu."))
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
    supplier = SupplierProfile.objects.filter(organisation_id=request.membership.organisation_id).first()
    form = QuoteForm(request.POST, request.FILES, lines=need.lines.all(),
                     products=list(supplier.products.all()) if supplier else [])
    if form.is_valid():
        try:
            draft = "draft" in request.POST
            services.quote_submit(need=need, by=request.membership, draft=draft,
                                  **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Draf penawaran disimpan; belum terkirim ke pembeli.")
                             if draft else _("Penawaran terkirim dan tersegel sampai batas waktu."))
            return redirect("sourcing:need-detail", need.pk)
    context = {"need": need, "lines": need.lines.all(), "kbli": need.kbli.all(),
               "count": selectors.quote_count(need), "now": clock.now(),
               "clarifications": selectors.clarifications(need),
               "certificate_labels": certificate_labels(need)}
    _sme_context(request, need, context, quote_form=form)
    return render(request, "sourcing/need_detail.html", context, status=422)


def _own_quote_or_404(request, need):
    quote = selectors.own_quote(need, request.membership)
    if quote is None:
        raise Http404
    return quote


@require_POST
@org_required(OrgKind.SME)
def quote_withdraw(request, need_id: int):
    need = access_need(request.membership, need_id, VIEW)
    quote = _own_quote_or_404(request, need)
    run_and_report(request, lambda: services.quote_withdraw(quote=quote, by=request.membership),
                   _("Penawaran ditarik."))
    return redirect("sourcing:need-detail", need.pk)


@require_POST
@org_required(OrgKind.SME)
def quote_confirm(request, need_id: int):
    need = access_need(request.membership, need_id, VIEW)
    quote = _own_quote_or_404(request, need)
    run_and_report(request, lambda: services.quote_confirm(quote=quote, by=request.membership),
                   _("Penawaran dikonfirmasi tanpa perubahan."))
    return redirect("sourcing:need-detail", need.pk)


@require_POST
@org_required(OrgKind.SME)
def question_ask(request, need_id: int):
    need = access_need(request.membership, need_id, VIEW)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan pertanyaan Anda."))
    else:
        run_and_report(request, lambda: services.clarification_ask(
            need=need, by=request.membership, question=form.cleaned_data["question"]),
            _("Pertanyaan terkirim tanpa nama Anda."))
    return redirect("sourcing:need-detail", need.pk)


@require_POST
@org_required(OrgKind.BUYER)
def question_answer(request, need_id: int, clarification_id: int):
    need = access_need(request.membership, need_id, CHANGE)
    clarification = Clarification.objects.filter(pk=clarification_id, need=need).first()
    if clarification is None:
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan jawaban."))
    else:
        run_and_report(request, lambda: services.clarification_answer(
            clarification=clarification, by=request.membership,
            answer=form.cleaned_data["answer"]), _("Jawaban diterbitkan ke semua peserta."))
    return redirect("sourcing:need-detail", need.pk)


@require_POST
@org_required(OrgKind.BUYER)
def need_award(request, need_id: int):
    """Award the whole need to one quote (``quote``), or line by line (``line_<id>`` →
    quote id) with one reason."""
    need = access_need(request.membership, need_id, CHANGE)
    reason = request.POST.get("reason", "")
    quotes = {q.pk: q for q in need.quotes.select_related("supplier")}
    try:
        if "quote" in request.POST:
            quote = quotes.get(int(request.POST["quote"])) if request.POST["quote"].isdigit() else None
            if quote is None:
                raise ValidationError({"quote": _("Penawaran ini tidak dapat dipilih.")})
            orders = [services.award_create(need=need, quote=quote, by=request.membership,
                                            reason=reason)]
        else:
            choice = {}
            for line in need.lines.all():
                picked = request.POST.get(f"line_{line.pk}", "")
                if picked.isdigit():
                    if int(picked) not in quotes:
                        raise ValidationError({"quote": _("Penawaran ini tidak dapat dipilih.")})
                    choice[line.pk] = quotes[int(picked)]
            orders = services.award_lines(need=need, choice=choice, by=request.membership,
                                          reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("sourcing:need-detail", need.pk)
    messages.success(request, _("Pemenang ditetapkan; pesanan %(po)s diterbitkan.") % {
        "po": ", ".join(o.number for o in orders)})
    if len(orders) == 1:
        return redirect("sourcing:order-detail", orders[0].pk)
    return redirect("sourcing:need-detail", need.pk)


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
    open_lines = [line for line in lines if line.remaining > 0]
    invoices = list(order.invoices.order_by("issued_at", "id"))
    open_invoices = [i for i in invoices if i.outstanding > 0]
    outstanding = (order.payable_amount or 0) - paid
    is_supplier = order.supplier.organisation_id == request.membership.organisation_id
    deliveries = list(order.deliveries.select_related("need_line").prefetch_related("invoice"))
    invoiced = {i.delivery_id for i in invoices}
    # Payments settle invoices: the buyer's form appears only once one is open; until
    # then the buyer is told it waits for the supplier's invoice on a BAST, and the
    # supplier that it has a BAST to invoice.
    owed = order.status == OrderStatus.DELIVERED and outstanding > 0
    return render(request, "sourcing/order_detail.html", {
        "order": order, "is_buyer": is_buyer, "lines": lines, "award": order.awards.first(),
        "is_supplier": is_supplier,
        "can_record_payment": is_buyer and owed and bool(open_invoices),
        "awaiting_invoice": is_buyer and owed and not open_invoices,
        "invoice_needed": is_supplier and owed and any(d.value > 0 and d.pk not in invoiced
                                                       for d in deliveries),
        "deliveries": deliveries,
        "payments": order.payments.select_related("invoice"), "invoices": invoices,
        "paid": paid, "outstanding": due - paid, "payable_outstanding": outstanding,
        "can_deliver": bool(open_lines) and order.status in (OrderStatus.ACCEPTED,
                                                             OrderStatus.DELIVERED),
        "delivery_form": DeliveryForm(lines=[(ln.line_id, ln.description) for ln in open_lines],
                                      initial={"delivered_on": timezone.localdate(clock.now()),
                                               "quantity_accepted": open_lines[0].remaining
                                               if len(open_lines) == 1 else None}),
        "payment_form": PaymentForm(invoices=open_invoices, initial={
            "paid_on": timezone.localdate(clock.now()),
            "amount": min(outstanding, sum(i.outstanding for i in open_invoices))}),
        "rating": getattr(order, "rating", None),
        "rating_form": RatingForm(),
        "statuses": OrderStatus,
    })


def _order_action(request, order_id: int, form, call, success: str):
    """Run one order service from a POSTed form; errors come back as messages."""
    order = access_order(request.membership, order_id, CHANGE)
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
        return redirect("sourcing:order-detail", order.pk)
    data = form.cleaned_data if form is not None else {}
    run_and_report(request, lambda: call(order=order, **data), success)
    return redirect("sourcing:order-detail", order.pk)


@require_POST
@org_required(OrgKind.SME)
def order_accept(request, order_id: int):
    return _order_action(request, order_id, None,
                         lambda order: services.order_accept(order=order, by=request.membership),
                         _("Pesanan diterima."))


@require_POST
@org_required(OrgKind.BUYER)
def order_deliver(request, order_id: int):
    order = access_order(request.membership, order_id, CHANGE)
    form = DeliveryForm(request.POST, lines=[(ln.line_id, ln.description)
                                             for ln in selectors.order_lines(order)])
    return _order_action(request, order_id, form,
                         lambda order, **data: services.delivery_confirm(
                             order=order, by=request.membership, **data),
                         _("Serah terima (BAST) dicatat."))


@require_POST
@org_required(OrgKind.BUYER)
def order_pay(request, order_id: int):
    order = access_order(request.membership, order_id, CHANGE)
    invoices = {i.pk: i for i in order.invoices.all()}
    form = PaymentForm(request.POST, invoices=list(invoices.values()))

    def pay(order, invoice=None, **data):
        if invoice is not None and invoice not in invoices:
            raise ValidationError({"invoice": _("Tagihan ini bukan untuk pesanan ini.")})
        return services.payment_record(order=order, by=request.membership,
                                       invoice=invoices.get(invoice), **data)

    return _order_action(request, order_id, form, pay, _("Pembayaran dicatat."))


@require_POST
@org_required(OrgKind.SME)
def invoice_create(request, order_id: int, delivery_id: int):
    order = access_order(request.membership, order_id, CHANGE)
    delivery = order.deliveries.filter(pk=delivery_id).first()
    if delivery is None:
        raise Http404
    run_and_report(request, lambda: services.invoice_create(delivery=delivery,
                                                            by=request.membership),
                   _("Tagihan diterbitkan."))
    return redirect("sourcing:order-detail", order.pk)


@org_required(OrgKind.BUYER, OrgKind.AGENCY)
def compliance(request):
    """The compliance ledger and days-to-pay: a buyer sees its own row, agency staff every
    buyer (a provincial officer: needs delivered in their province)."""
    membership = request.membership
    province = membership.province_id if is_agency(membership) else None
    rows = selectors.compliance_ledger(province=province)
    if not is_agency(membership):
        rows = [r for r in rows if r["buyer_id"] == membership.organisation_id]
        days = selectors.payment_days(buyer_ids=[membership.organisation_id])
    else:
        days = selectors.payment_days(buyer_ids=[r["buyer_id"] for r in rows])
    for row in rows:
        row["days"] = days.get(row["buyer_id"])
    return render(request, "sourcing/compliance.html", {"rows": rows})


def _file(field) -> FileResponse:
    if not field:
        raise Http404
    try:
        return FileResponse(field.open("rb"), as_attachment=True,
                            filename=field.name.rsplit("/", 1)[-1])
    except FileNotFoundError as error:
        raise Http404 from error


@org_required(OrgKind.BUYER, OrgKind.SME, OrgKind.AGENCY)
def line_attachment(request, need_id: int, line_id: int):
    """A line's drawing: for whoever may see the need."""
    need = access_need(request.membership, need_id, VIEW)
    line = need.lines.filter(pk=line_id).first()
    if line is None:
        raise Http404
    return _file(line.attachment)


@org_required(OrgKind.BUYER, OrgKind.SME)
def quote_attachment(request, need_id: int, quote_id: int):
    """A quote's attachment: its own SME at any time, the buyer only after the deadline."""
    need = access_need(request.membership, need_id, VIEW)
    quote = need.quotes.filter(pk=quote_id).select_related("supplier").first()
    if quote is None:
        raise Http404
    own = quote.supplier.organisation_id == request.membership.organisation_id
    buyer_after = need.buyer_id == request.membership.organisation_id and not need.quotes_sealed
    if not (own or buyer_after):
        raise Http404
    return _file(quote.attachment)
