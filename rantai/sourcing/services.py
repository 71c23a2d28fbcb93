"""Writes for sourcing: need → invitation → sealed quote → award → order → BAST → payment.

Every service checks permissions and the transition table, runs in one transaction,
appends to the audit log and raises ``ValidationError`` keyed by field with a message in
the active language. Audit payloads never carry a quote amount before the deadline.
"""
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import can_decide
from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.core.money import MAX_RUPIAH, format_idr_full
from rantai.core.transitions import move
from rantai.suppliers.choices import ProfileStatus
from rantai.suppliers.models import SupplierProfile
from rantai.taxonomy.models import Regency
from rantai.taxonomy.selectors import kbli_codes_missing

from . import notifications
from .choices import (
    NEED_TRANSITIONS,
    ORDER_TRANSITIONS,
    QUOTE_TRANSITIONS,
    NeedStatus,
    OrderStatus,
    QuoteStatus,
)
from .models import (
    Award,
    Delivery,
    Invitation,
    Need,
    NeedLine,
    Payment,
    PurchaseOrder,
    Quote,
    QuoteLine,
)


def _require_buyer(by: Membership, need: Need | None = None, *, decide: bool = False) -> None:
    if by.organisation.kind != OrgKind.BUYER or (need and need.buyer_id != by.organisation_id):
        raise PermissionDenied
    if decide and not can_decide(by):
        raise ValidationError({"__all__": _("Hanya manajer atau pemilik yang dapat melakukan ini.")})


def _audit(action: str, obj, by: Membership, payload: dict | None = None) -> None:
    audit_append(action=action, obj=obj, actor=by.user, organisation_id=by.organisation_id,
                 payload=payload)


@transaction.atomic
def need_create(
    *, by: Membership, title: str, description: str, kbli_codes: list[str],
    quantity: Decimal, unit: str, delivery_regency_code: str, quote_deadline: datetime,
    delivery_date: date | None = None, estimated_value: int | None = None,
    is_open: bool = False, publish: bool = False,
) -> Need:
    """Create a need with one line; publish it at once if asked (deciding roles only)."""
    _require_buyer(by)
    kbli_codes = sorted({c.strip() for c in kbli_codes if c.strip()})
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Judul wajib diisi.")
    if quantity is None or quantity <= 0:
        errors["quantity"] = _("Jumlah harus lebih dari nol.")
    if not unit.strip():
        errors["unit"] = _("Satuan wajib diisi.")
    if not kbli_codes:
        errors["kbli_codes"] = _("Isi minimal satu kode KBLI 2020.")
    elif missing := kbli_codes_missing(kbli_codes):
        errors["kbli_codes"] = _("Kode KBLI 2020 tidak dikenal: %(codes)s") % {
            "codes": ", ".join(missing)}
    if not Regency.objects.filter(code=delivery_regency_code).exists():
        errors["delivery_regency_code"] = _(
            "Kabupaten/kota tidak dikenal: %(code)s. Pilih dari daftar.") % {
            "code": delivery_regency_code}
    if quote_deadline is None or quote_deadline <= clock.now():
        errors["quote_deadline"] = _("Batas waktu penawaran harus di masa depan.")
    if delivery_date and quote_deadline and delivery_date < timezone.localdate(quote_deadline):
        errors["delivery_date"] = _("Tanggal pengiriman tidak boleh sebelum batas penawaran.")
    if estimated_value is not None and estimated_value <= 0:
        errors["estimated_value"] = _("Perkiraan nilai harus lebih dari nol.")
    if errors:
        raise ValidationError(errors)
    need = Need.objects.create(
        buyer=by.organisation, created_by=by.user, title=title.strip(), description=description,
        delivery_regency_id=delivery_regency_code, quote_deadline=quote_deadline,
        delivery_date=delivery_date, estimated_value=estimated_value, is_open=is_open,
    )
    need.kbli.set(kbli_codes)
    NeedLine.objects.create(need=need, description=title.strip()[:300], quantity=quantity,
                            unit=unit.strip())
    _audit("need.create", need, by, {"kbli": kbli_codes, "quantity": str(quantity), "unit": unit})
    if publish:
        need_publish(need=need, by=by)
    return need


@transaction.atomic
def need_publish(*, need: Need, by: Membership) -> None:
    """Publish a draft: SMEs can now be invited and quote. Managers/owners only."""
    _require_buyer(by, need, decide=True)
    if need.quote_deadline <= clock.now():
        raise ValidationError({"quote_deadline": _("Batas waktu penawaran sudah lewat; "
                                                   "ubah dulu sebelum menerbitkan.")})
    move(need, NEED_TRANSITIONS, NeedStatus.PUBLISHED, published_at=clock.now())
    _audit("need.publish", need, by)


@transaction.atomic
def invitations_create(*, need: Need, supplier_ids: list[int], by: Membership) -> int:
    """Invite published SME profiles to quote; returns how many new invitations were made.

    Already-invited SMEs are skipped; each new invitee's members are notified.
    """
    _require_buyer(by, need)
    if need.status != NeedStatus.PUBLISHED or not need.quotes_sealed:
        raise ValidationError({"__all__": _("Undangan hanya untuk kebutuhan yang terbit dan "
                                            "belum lewat batas waktu.")})
    suppliers = list(SupplierProfile.objects.filter(pk__in=supplier_ids, claimed=True,
                                                    status=ProfileStatus.PUBLISHED))
    if not suppliers:
        raise ValidationError({"supplier_ids": _("Pilih minimal satu pemasok yang terbit.")})
    already = set(need.invitations.values_list("supplier_id", flat=True))
    new = [s for s in suppliers if s.pk not in already]
    # ignore_conflicts: a double click racing this one has already invited the same SMEs
    Invitation.objects.bulk_create(
        [Invitation(need=need, supplier=s, invited_by=by.user) for s in new],
        ignore_conflicts=True)
    _audit("need.invite", need, by, {"suppliers": [s.pk for s in new]})
    for supplier in new:
        notifications.invitation_sent(need=need, supplier=supplier)
    return len(new)


def _quote_supplier(need: Need, by: Membership) -> SupplierProfile:
    if by.organisation.kind != OrgKind.SME:
        raise PermissionDenied
    supplier = SupplierProfile.objects.filter(organisation=by.organisation).first()
    if supplier is None or supplier.status != ProfileStatus.PUBLISHED:
        raise ValidationError({"__all__": _("Terbitkan profil usaha Anda sebelum menawar.")})
    if not supplier.claimed:
        raise ValidationError({"__all__": _("Profil ini belum diklaim pemiliknya.")})
    if not (need.is_open or need.invitations.filter(supplier=supplier).exists()):
        raise PermissionDenied
    return supplier


def _check_quote_window(need: Need) -> None:
    if need.status != NeedStatus.PUBLISHED:
        raise ValidationError({"__all__": _("Kebutuhan ini tidak menerima penawaran.")})
    if not need.quotes_sealed:
        raise ValidationError({"__all__": _(
            "Batas waktu penawaran sudah lewat; penawaran tidak dapat dikirim atau diubah.")})


@transaction.atomic
def quote_submit(
    *, need: Need, by: Membership, unit_prices: dict[int, int], lead_time_days: int,
    note: str = "",
) -> Quote:
    """Submit or revise the SME's sealed quote, one whole-rupiah unit price per need line.

    Refused after the deadline. The audit entry records that a quote exists, never its
    amounts.
    """
    supplier = _quote_supplier(need, by)
    _check_quote_window(need)
    lines = list(need.lines.all())
    errors: dict[str, str] = {}
    for line in lines:
        price = unit_prices.get(line.pk)
        if price is None or price <= 0:
            errors[f"price_{line.pk}"] = _("Harga satuan harus lebih dari nol (rupiah).")
    if lead_time_days is None or lead_time_days <= 0:
        errors["lead_time_days"] = _("Waktu pengerjaan harus lebih dari nol hari.")
    if errors:
        raise ValidationError(errors)
    amounts = {line.pk: int((line.quantity * unit_prices[line.pk])
                            .quantize(Decimal("1"), rounding=ROUND_HALF_UP)) for line in lines}
    too_large = {f"price_{pk}": _("Nilai penawaran terlalu besar.")
                 for pk, amount in amounts.items() if amount > MAX_RUPIAH}
    if too_large or sum(amounts.values()) > MAX_RUPIAH:
        raise ValidationError(too_large or {"__all__": _("Nilai penawaran terlalu besar.")})
    quote = Quote.objects.filter(need=need, supplier=supplier).first()
    if quote is None:
        try:
            with transaction.atomic():
                quote = Quote.objects.create(
                    need=need, supplier=supplier, submitted_by=by.user,
                    total_amount=sum(amounts.values()), lead_time_days=lead_time_days, note=note)
        except IntegrityError as error:  # the same SME submitted from another tab first
            raise ValidationError({"__all__": _(
                "Penawaran Anda baru saja terkirim dari sesi lain. Muat ulang halaman.")}) from error
        action = "quote.submit"
    else:
        move(quote, QUOTE_TRANSITIONS, QuoteStatus.SUBMITTED, total_amount=sum(amounts.values()),
              lead_time_days=lead_time_days, note=note, submitted_at=clock.now(),
              submitted_by=by.user)
        quote.lines.all().delete()
        action = "quote.revise"
    QuoteLine.objects.bulk_create([
        QuoteLine(quote=quote, need_line=line, unit_price=unit_prices[line.pk],
                  amount=amounts[line.pk]) for line in lines])
    _audit(action, quote, by, {"need": need.pk, "supplier": supplier.pk})
    return quote


@transaction.atomic
def quote_withdraw(*, quote: Quote, by: Membership) -> None:
    """Withdraw the SME's own quote before the deadline."""
    if quote.supplier.organisation_id != by.organisation_id:
        raise PermissionDenied
    _check_quote_window(quote.need)
    move(quote, QUOTE_TRANSITIONS, QuoteStatus.WITHDRAWN)
    _audit("quote.withdraw", quote, by, {"need": quote.need_id})


def _next_po_number(need: Need) -> str:
    return f"PO-{timezone.localtime(clock.now()):%Y%m}-{need.pk:06d}"


@transaction.atomic
def award_create(*, need: Need, quote: Quote, by: Membership, reason: str) -> PurchaseOrder:
    """Award every line of ``need`` to ``quote`` after the deadline and issue the order.

    Exactly one award per line: the need's conditional status move and the unique
    ``Award.need_line`` both refuse a second award, even from two racing managers.
    """
    _require_buyer(by, need, decide=True)
    if quote.need_id != need.pk or quote.status != QuoteStatus.SUBMITTED:
        raise ValidationError({"quote": _("Penawaran ini tidak dapat dipilih.")})
    if need.quotes_sealed:
        raise ValidationError({"__all__": _("Penawaran masih tersegel sampai batas waktu.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan pemenang.")})
    if need.status == NeedStatus.AWARDED:
        raise ValidationError({"__all__": _("Kebutuhan ini sudah memiliki pemenang.")})
    move(need, NEED_TRANSITIONS, NeedStatus.AWARDED)
    order = PurchaseOrder.objects.create(
        number=_next_po_number(need), need=need, buyer=need.buyer, supplier=quote.supplier,
        total_amount=quote.total_amount)
    try:
        with transaction.atomic():
            Award.objects.bulk_create([
                Award(need=need, need_line=line, quote=quote, order=order, reason=reason.strip(),
                      awarded_by=by.user) for line in need.lines.all()])
    except IntegrityError as error:
        raise ValidationError({"__all__": _("Kebutuhan ini sudah memiliki pemenang.")}) from error
    _audit("need.award", need, by, {"quote": quote.pk, "supplier": quote.supplier_id,
                                    "order": order.number, "total": quote.total_amount,
                                    "reason": reason.strip()})
    notifications.award_decided(need=need, winner=quote.supplier)
    return order


def _require_party(order: PurchaseOrder, by: Membership, side: str) -> None:
    org_id = order.buyer_id if side == "buyer" else order.supplier.organisation_id
    if org_id != by.organisation_id:
        raise PermissionDenied


@transaction.atomic
def order_accept(*, order: PurchaseOrder, by: Membership) -> None:
    """The supplier accepts the purchase order."""
    _require_party(order, by, "supplier")
    move(order, ORDER_TRANSITIONS, OrderStatus.ACCEPTED, accepted_at=clock.now())
    _audit("order.accept", order, by)


@transaction.atomic
def delivery_confirm(
    *, order: PurchaseOrder, by: Membership, delivered_on: date,
    quantity_accepted: Decimal, quantity_rejected: Decimal = Decimal(0), note: str = "",
) -> Delivery:
    """The buyer confirms the hand-over (BAST) with accepted and rejected quantities.

    The order's payable amount becomes the accepted quantity at the quoted unit price, so
    an order with rejected items is paid in full for what was accepted.
    """
    _require_party(order, by, "buyer")
    award = order.awards.select_related("need_line").first()
    ordered = award.need_line.quantity
    errors: dict[str, str] = {}
    if quantity_accepted is None or quantity_accepted < 0:
        errors["quantity_accepted"] = _("Jumlah diterima tidak boleh negatif.")
    elif quantity_accepted > ordered:
        errors["quantity_accepted"] = _("Jumlah diterima melebihi jumlah pesanan (%(qty)s).") % {
            "qty": f"{ordered.normalize():f}"}
    if quantity_rejected is None or quantity_rejected < 0:
        errors["quantity_rejected"] = _("Jumlah ditolak tidak boleh negatif.")
    elif not errors and quantity_accepted + quantity_rejected <= 0:
        errors["quantity_accepted"] = _("Isi jumlah yang diterima atau ditolak.")
    if delivered_on is None or delivered_on > timezone.localdate(clock.now()):
        errors["delivered_on"] = _("Tanggal serah terima tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    unit_price = QuoteLine.objects.get(quote=award.quote, need_line=award.need_line).unit_price
    value = Decimal(unit_price) * Decimal(quantity_accepted)
    payable = min(order.total_amount, int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)))
    move(order, ORDER_TRANSITIONS, OrderStatus.DELIVERED, delivered_at=clock.now(),
         payable_amount=payable)
    if payable == 0:  # everything was rejected: nothing is owed, the order is settled
        move(order, ORDER_TRANSITIONS, OrderStatus.PAID, paid_at=clock.now())
    delivery = Delivery.objects.create(
        order=order, delivered_on=delivered_on, quantity_accepted=quantity_accepted,
        quantity_rejected=quantity_rejected, note=note, confirmed_by=by.user)
    _audit("order.deliver", order, by, {"accepted": str(quantity_accepted),
                                        "rejected": str(quantity_rejected), "payable": payable})
    return delivery


@transaction.atomic
def payment_record(
    *, order: PurchaseOrder, by: Membership, amount: int, paid_on: date, reference: str = "",
) -> Payment:
    """Record a (part) payment after BAST; the order becomes paid once the payable amount
    (what the BAST accepted) is covered. Racing payments can never overpay."""
    _require_party(order, by, "buyer")
    if order.status != OrderStatus.DELIVERED:
        raise ValidationError({"__all__": _("Pembayaran baru dapat dicatat setelah BAST dikonfirmasi.")})
    errors: dict[str, str] = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("Jumlah pembayaran harus lebih dari nol.")
    if paid_on is None or paid_on > timezone.localdate(clock.now()):
        errors["paid_on"] = _("Tanggal bayar tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    # One conditional UPDATE adds the payment only if it still fits: two payments recorded
    # at once can never together exceed the order total.
    fits = PurchaseOrder.objects.filter(
        pk=order.pk, status=OrderStatus.DELIVERED,
        paid_amount__lte=F("payable_amount") - amount,
    ).update(paid_amount=F("paid_amount") + amount)
    order.refresh_from_db(fields=["paid_amount", "payable_amount", "status"])
    if not fits:
        rest = order.payable_amount - order.paid_amount
        raise ValidationError({"amount": _("Melebihi sisa tagihan (%(rest)s).") % {
            "rest": format_idr_full(rest)}})
    payment = Payment.objects.create(order=order, amount=amount, paid_on=paid_on,
                                     reference=reference, recorded_by=by.user)
    if order.paid_amount == order.payable_amount:
        move(order, ORDER_TRANSITIONS, OrderStatus.PAID, paid_at=clock.now())
    _audit("order.payment", order, by, {"amount": amount, "paid_on": paid_on.isoformat()})
    return payment
