"""Writes for sourcing: need → invitation → sealed quote → award → order → BAST → payment.

Every service checks permissions and the transition table, runs in one transaction,
appends to the audit log and raises ``ValidationError`` keyed by field with a message in
the active language. Audit payloads never carry a quote amount before the deadline.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta
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
from rantai.core.numbers import number_text
from rantai.core.transitions import move
from rantai.core.uploads import document_problem
from rantai.suppliers.choices import CertificateKind, ProfileStatus
from rantai.suppliers.models import Product, SupplierProfile
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
from .eligibility import product_tkdn, quote_refusals, reservation_refusal
from .models import (
    Award,
    Clarification,
    Delivery,
    Invitation,
    Invoice,
    Need,
    NeedLine,
    Payment,
    PurchaseOrder,
    Quote,
    QuoteLine,
)
from .rules import change_extension_days, ppn_split, proportional, reservation_applies
from .selectors import line_progress


def _require_buyer(by: Membership, need: Need | None = None, *, decide: bool = False) -> None:
    if by.organisation.kind != OrgKind.BUYER or (need and need.buyer_id != by.organisation_id):
        raise PermissionDenied
    if decide and not can_decide(by):
        raise ValidationError({"__all__": _("Hanya manajer atau pemilik yang dapat melakukan ini.")})


def _audit(action: str, obj, by: Membership, payload: dict | None = None) -> None:
    audit_append(action=action, obj=obj, actor=by.user, organisation_id=by.organisation_id,
                 payload=payload)


@dataclass(frozen=True)
class LineInput:
    """One line of a need as entered: what, how many, unit, specification, drawing."""

    description: str
    quantity: Decimal | None
    unit: str
    specification: str = ""
    attachment: object = None  # an uploaded file, or None


def _line_errors(lines: list[LineInput]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not lines:
        errors["lines"] = _("Isi minimal satu baris barang/jasa.")
    for n, line in enumerate(lines, start=1):
        row = {"n": n}
        if not line.description.strip():
            errors[f"line_{n}_description"] = _("Baris %(n)d: nama barang/jasa wajib diisi.") % row
        if line.quantity is None or line.quantity <= 0:
            errors[f"line_{n}_quantity"] = _("Baris %(n)d: jumlah harus lebih dari nol.") % row
        if not line.unit.strip():
            errors[f"line_{n}_unit"] = _("Baris %(n)d: satuan wajib diisi.") % row
        if line.attachment and (problem := document_problem(line.attachment, drawings=True)):
            errors[f"line_{n}_attachment"] = _("Baris %(n)d: %(problem)s") % {**row, "problem": problem}
    return errors


def _requirement_errors(required_certificates, min_tkdn_percent) -> dict[str, str]:
    errors: dict[str, str] = {}
    unknown = sorted(set(required_certificates) - set(CertificateKind.values))
    if unknown:
        errors["required_certificates"] = _("Jenis sertifikat tidak dikenal: %(kinds)s") % {
            "kinds": ", ".join(unknown)}
    if min_tkdn_percent is not None and not (0 < min_tkdn_percent <= 100):
        errors["min_tkdn_percent"] = _("TKDN minimum harus antara 0 dan 100 persen.")
    return errors


def _reservation(by: Membership, estimated_value, umk_reserved, reason: str,
                 errors: dict[str, str]) -> bool:
    """Decide the need's reservation: the rule's default unless the buyer says otherwise;
    opening a need the rule reserves needs a written reason."""
    applies = reservation_applies(by.organisation.buyer_kind, estimated_value)
    reserved = applies if umk_reserved is None else bool(umk_reserved)
    if applies and not reserved and not reason.strip():
        errors["reservation_waiver_reason"] = _(
            "Paket ini dicadangkan untuk usaha kecil menurut aturan pembeli Anda; tuliskan "
            "alasan bila tidak dicadangkan (misalnya secara teknis di luar kemampuan UMK).")
    return reserved


@transaction.atomic
def need_create(
    *, by: Membership, title: str, description: str, kbli_codes: list[str],
    delivery_regency_code: str, quote_deadline: datetime,
    lines: list[LineInput] | None = None, quantity: Decimal | None = None, unit: str = "",
    delivery_date: date | None = None, estimated_value: int | None = None,
    is_open: bool = False, umk_reserved: bool | None = None, reservation_waiver_reason: str = "",
    required_certificates: list[str] = (), min_tkdn_percent: Decimal | None = None,
    publish: bool = False,
) -> Need:
    """Create a draft need with its lines (or, without ``lines``, one line from title,
    quantity and unit); publish it at once if asked (deciding roles only).

    The small-business reservation follows the buyer kind's rule unless ``umk_reserved``
    says otherwise; turning it off where the rule applies needs a reason (audited).
    """
    _require_buyer(by)
    one_line_form = lines is None
    if one_line_form:
        lines = [LineInput(description=title.strip()[:300], quantity=quantity, unit=unit)]
    kbli_codes = sorted({c.strip() for c in kbli_codes if c.strip()})
    required_certificates = sorted(set(required_certificates))
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Judul wajib diisi.")
    if one_line_form:  # the one-line form names its own fields
        if quantity is None or quantity <= 0:
            errors["quantity"] = _("Jumlah harus lebih dari nol.")
        if not unit.strip():
            errors["unit"] = _("Satuan wajib diisi.")
    else:
        errors.update(_line_errors(lines))
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
    errors.update(_requirement_errors(required_certificates, min_tkdn_percent))
    reserved = _reservation(by, estimated_value, umk_reserved, reservation_waiver_reason, errors)
    if errors:
        raise ValidationError(errors)
    waiver = "" if reserved else reservation_waiver_reason.strip()
    need = Need.objects.create(
        buyer=by.organisation, created_by=by.user, title=title.strip(), description=description,
        delivery_regency_id=delivery_regency_code, quote_deadline=quote_deadline,
        delivery_date=delivery_date, estimated_value=estimated_value, is_open=is_open,
        umk_reserved=reserved, reservation_waiver_reason=waiver,
        required_certificates=required_certificates, min_tkdn_percent=min_tkdn_percent,
    )
    need.kbli.set(kbli_codes)
    for line in lines:
        row = NeedLine(need=need, description=line.description.strip()[:300],
                       quantity=line.quantity, unit=line.unit.strip(),
                       specification=line.specification.strip())
        if line.attachment:
            row.attachment.save(line.attachment.name, line.attachment, save=False)
        row.save()
    _audit("need.create", need, by, {
        "kbli": kbli_codes, "lines": [{"description": ln.description, "quantity": str(ln.quantity),
                                       "unit": ln.unit} for ln in lines],
        "open": is_open, "umk_reserved": reserved, "waiver_reason": waiver,
        "required_certificates": required_certificates,
        "min_tkdn_percent": str(min_tkdn_percent) if min_tkdn_percent is not None else None})
    if publish:
        need_publish(need=need, by=by)
    elif not can_decide(by):
        notifications.draft_waiting(need=need, drafter=by.user)
    return need


@transaction.atomic
def need_publish(*, need: Need, by: Membership) -> None:
    """Publish a draft: SMEs can now be invited and quote.

    Two-person rule: staff only draft; publication is approved by an owner or manager of
    the buying organisation, recorded as ``approved_by`` beside the drafter.
    """
    _require_buyer(by, need, decide=True)
    if need.quote_deadline <= clock.now():
        raise ValidationError({"quote_deadline": _("Batas waktu penawaran sudah lewat; "
                                                   "ubah dulu sebelum menerbitkan.")})
    move(need, NEED_TRANSITIONS, NeedStatus.PUBLISHED, published_at=clock.now(),
         approved_by=by.user)
    _audit("need.publish", need, by, {"drafted_by": need.created_by_id, "approved_by": by.user_id})
    from rantai.matching.services import need_published  # late: matching imports sourcing

    transaction.on_commit(lambda: need_published(need))  # opportunity alerts to matching SMEs


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
                                                    status=ProfileStatus.PUBLISHED)
                     .select_related("organisation__parent"))
    if not suppliers:
        raise ValidationError({"supplier_ids": _("Pilih minimal satu pemasok yang terbit.")})
    # Inviting an SME the reservation keeps out would only lead to a refused quote.
    refused = [f"{s.name}: {reason}" for s in suppliers
               if (reason := reservation_refusal(need, s))]
    if refused:
        raise ValidationError({"supplier_ids": _("Tidak dapat diundang — %(reasons)s") % {
            "reasons": " ".join(refused)}})
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
    note: str = "", seller_pkp: bool = False, ppn_included: bool = False,
    products: dict[int, int | None] | None = None, validity_days: int | None = None,
    warranty: str = "", attachment=None, draft: bool = False,
) -> Quote:
    """Submit or revise the SME's sealed quote: one whole-rupiah unit price per need line,
    optionally the product offered per line (``products``: line id → product id).
    ``draft=True`` saves it unsent instead (checked like a quote, but eligibility is only
    enforced on submission; a submitted quote cannot go back to draft — withdraw it).

    Refused after the deadline, and refused with the reason when the SME is not eligible
    (reservation, required certificates valid today and covering the product, minimum
    TKDN). ``seller_pkp``/``ppn_included`` state the PPN basis; a non-PKP seller charges
    none. The audit entry records that a quote exists, never its amounts.
    """
    supplier = _quote_supplier(need, by)
    _check_quote_window(need)
    lines = list(need.lines.all())
    errors: dict[str, list[str] | str] = {}
    for line in lines:
        price = unit_prices.get(line.pk)
        if price is None or price <= 0:
            errors[f"price_{line.pk}"] = _("Harga satuan harus lebih dari nol (rupiah).")
    if lead_time_days is None or lead_time_days <= 0:
        errors["lead_time_days"] = _("Waktu pengerjaan harus lebih dari nol hari.")
    if validity_days is not None and validity_days <= 0:
        errors["validity_days"] = _("Masa berlaku harus lebih dari nol hari.")
    if ppn_included and not seller_pkp:
        errors["ppn_included"] = _("Pemasok non-PKP tidak memungut PPN; hapus centang "
                                   "'termasuk PPN' atau nyatakan Anda PKP.")
    chosen = {pk: pid for pk, pid in (products or {}).items() if pid}
    own = {p.pk: p for p in Product.objects.filter(supplier=supplier, pk__in=chosen.values())}
    for line_pk, product_id in chosen.items():
        if product_id not in own:
            errors[f"product_{line_pk}"] = _("Produk ini bukan milik usaha Anda.")
    line_products = {line.pk: own.get(chosen.get(line.pk)) for line in lines}
    today = timezone.localdate(clock.now())
    if not draft:
        for field, reasons in quote_refusals(need, supplier, line_products, today).items():
            errors.setdefault(field, reasons)
    if attachment and (problem := document_problem(attachment, drawings=True)):
        errors["attachment"] = problem
    if errors:
        raise ValidationError(errors)
    amounts = {line.pk: int((line.quantity * unit_prices[line.pk])
                            .quantize(Decimal("1"), rounding=ROUND_HALF_UP)) for line in lines}
    too_large = {f"price_{pk}": _("Nilai penawaran terlalu besar.")
                 for pk, amount in amounts.items() if amount > MAX_RUPIAH}
    total = sum(amounts.values())
    if too_large or total > MAX_RUPIAH:
        raise ValidationError(too_large or {"__all__": _("Nilai penawaran terlalu besar.")})
    base, ppn = ppn_split(total, seller_pkp=seller_pkp, ppn_included=ppn_included)
    if base + ppn > MAX_RUPIAH:
        raise ValidationError({"__all__": _("Nilai penawaran terlalu besar.")})
    fields = dict(total_amount=total, base_amount=base, ppn_amount=ppn, seller_pkp=seller_pkp,
                  ppn_included=ppn_included, lead_time_days=lead_time_days,
                  validity_days=validity_days, warranty=warranty.strip()[:200], note=note,
                  need_revision=need.revision)
    status = QuoteStatus.DRAFT if draft else QuoteStatus.SUBMITTED
    quote = Quote.objects.filter(need=need, supplier=supplier).first()
    if quote is None:
        try:
            with transaction.atomic():
                quote = Quote.objects.create(need=need, supplier=supplier, submitted_by=by.user,
                                             status=status, **fields)
        except IntegrityError as error:  # the same SME submitted from another tab first
            raise ValidationError({"__all__": _(
                "Penawaran Anda baru saja terkirim dari sesi lain. Muat ulang halaman.")}) from error
        action = "quote.draft" if draft else "quote.submit"
    else:
        if draft and quote.status == QuoteStatus.SUBMITTED:
            raise ValidationError({"__all__": _(
                "Penawaran Anda sudah terkirim: perbarui lalu kirim, atau tarik dulu.")})
        action = ("quote.draft" if draft else
                  "quote.revise" if quote.status == QuoteStatus.SUBMITTED else "quote.submit")
        move(quote, QUOTE_TRANSITIONS, status, submitted_at=clock.now(),
             submitted_by=by.user, **fields)
        quote.lines.all().delete()
    if attachment:
        quote.attachment.save(attachment.name, attachment, save=True)
    QuoteLine.objects.bulk_create([
        QuoteLine(quote=quote, need_line=line, unit_price=unit_prices[line.pk],
                  amount=amounts[line.pk], product=line_products[line.pk],
                  tkdn_percent=(product_tkdn(line_products[line.pk], today)
                                if line_products[line.pk] else None))
        for line in lines])
    _audit(action, quote, by, {"need": need.pk, "supplier": supplier.pk,
                               "need_revision": need.revision})
    return quote


@transaction.atomic
def quote_withdraw(*, quote: Quote, by: Membership) -> None:
    """Withdraw the SME's own quote before the deadline."""
    if quote.supplier.organisation_id != by.organisation_id:
        raise PermissionDenied
    _check_quote_window(quote.need)
    move(quote, QUOTE_TRANSITIONS, QuoteStatus.WITHDRAWN)
    _audit("quote.withdraw", quote, by, {"need": quote.need_id})


@transaction.atomic
def quote_confirm(*, quote: Quote, by: Membership) -> None:
    """The SME confirms its quote unchanged after the buyer changed the need."""
    if quote.supplier.organisation_id != by.organisation_id:
        raise PermissionDenied
    need = quote.need
    _check_quote_window(need)
    if quote.status != QuoteStatus.SUBMITTED:
        raise ValidationError({"__all__": _("Hanya penawaran yang terkirim dapat dikonfirmasi.")})
    # The SME's eligibility may have changed with the need (a new certificate required).
    products = {ql.need_line_id: ql.product for ql in quote.lines.select_related("product")}
    if refusals := quote_refusals(need, quote.supplier, products, timezone.localdate(clock.now())):
        raise ValidationError(refusals)
    Quote.objects.filter(pk=quote.pk).update(need_revision=need.revision)
    quote.need_revision = need.revision
    _audit("quote.confirm", quote, by, {"need": need.pk, "need_revision": need.revision})


# -- changes and clarifications --------------------------------------------------------

@transaction.atomic
def need_amend(
    *, need: Need, by: Membership, change_note: str, description: str | None = None,
    quote_deadline: datetime | None = None, delivery_date: date | None = None,
    line_changes: dict[int, dict] | None = None,
    required_certificates: list[str] | None = None, min_tkdn_percent=None,
) -> Need:
    """Change a published need before its deadline; ``change_note`` says what changed and
    is sent to every participant.

    When quotes exist, the need's revision goes up, the deadline moves to at least
    ``change_extension_days`` from now, and every quoting SME is asked to confirm or
    revise (a quote not confirmed cannot win). ``line_changes`` maps a line id to new
    ``quantity``/``specification``/``description``.
    """
    _require_buyer(by, need, decide=True)
    if need.status != NeedStatus.PUBLISHED or not need.quotes_sealed:
        raise ValidationError({"__all__": _("Hanya kebutuhan yang terbit dan belum lewat batas "
                                            "waktu yang dapat diubah.")})
    errors: dict[str, str] = {}
    if not change_note.strip():
        errors["change_note"] = _("Tuliskan apa yang berubah; catatan ini dikirim ke peserta.")
    if quote_deadline is not None and quote_deadline <= clock.now():
        errors["quote_deadline"] = _("Batas waktu penawaran harus di masa depan.")
    if required_certificates is not None or min_tkdn_percent is not None:
        errors.update(_requirement_errors(required_certificates or [], min_tkdn_percent))
    lines = {line.pk: line for line in need.lines.all()}
    for line_id, change in (line_changes or {}).items():
        if line_id not in lines:
            errors[f"line_{line_id}"] = _("Baris ini bukan bagian dari kebutuhan.")
        elif "quantity" in change and (change["quantity"] is None or change["quantity"] <= 0):
            errors[f"line_{line_id}_quantity"] = _("Jumlah harus lebih dari nol.")
    if errors:
        raise ValidationError(errors)
    updates: dict = {}
    if description is not None:
        updates["description"] = description
    if delivery_date is not None:
        updates["delivery_date"] = delivery_date
    if required_certificates is not None:
        updates["required_certificates"] = sorted(set(required_certificates))
    if min_tkdn_percent is not None:
        updates["min_tkdn_percent"] = min_tkdn_percent
    deadline = quote_deadline or need.quote_deadline
    quoting = list(need.quotes.filter(status=QuoteStatus.SUBMITTED).select_related("supplier"))
    if quoting:
        deadline = max(deadline, clock.now() + timedelta(days=change_extension_days()))
        updates["revision"] = need.revision + 1
    updates["quote_deadline"] = deadline
    # Conditional on the status and revision read above: a concurrent award or amendment
    # wins, this one is refused.
    changed = Need.objects.filter(pk=need.pk, status=NeedStatus.PUBLISHED,
                                  revision=need.revision).update(**updates)
    if changed != 1:
        raise ValidationError({"__all__": _("Data ini baru saja diubah oleh orang lain. "
                                            "Muat ulang halaman.")})
    for name, value in updates.items():
        setattr(need, name, value)
    for line_id, change in (line_changes or {}).items():
        line = lines[line_id]
        for field in ("quantity", "specification", "description"):
            if field in change:
                setattr(line, field, change[field])
        line.save()
    _audit("need.amend", need, by, {"note": change_note.strip(), "revision": need.revision,
                                    "quote_deadline": deadline.isoformat(),
                                    "quotes_to_confirm": len(quoting)})
    notifications.need_changed(need=need, note=change_note.strip(),
                               quoting=[q.supplier for q in quoting])
    return need


def _participant_org_ids(need: Need) -> set[int]:
    """SMEs taking part: invited, quoting, or having asked a question."""
    ids = set(need.invitations.values_list("supplier__organisation_id", flat=True))
    ids |= set(need.quotes.values_list("supplier__organisation_id", flat=True))
    ids |= set(need.clarifications.values_list("asked_by_id", flat=True))
    return ids


@transaction.atomic
def clarification_ask(*, need: Need, by: Membership, question: str) -> Clarification:
    """An SME that can see a published need asks a question before the deadline. The buyer
    is told a question arrived, never who asked."""
    if by.organisation.kind != OrgKind.SME:
        raise PermissionDenied
    if need.status != NeedStatus.PUBLISHED or not need.quotes_sealed:
        raise ValidationError({"__all__": _("Pertanyaan hanya dapat diajukan sebelum batas waktu.")})
    if not question.strip():
        raise ValidationError({"question": _("Tuliskan pertanyaan Anda.")})
    clarification = Clarification.objects.create(need=need, asked_by=by.organisation,
                                                 question=question.strip()[:2000])
    _audit("need.question", clarification, by, {"need": need.pk})
    notifications.question_asked(need=need)
    return clarification


@transaction.atomic
def clarification_answer(*, clarification: Clarification, by: Membership,
                         answer: str) -> Clarification:
    """The buyer answers; the question and answer are published to every participant,
    without the asker's name."""
    need = clarification.need
    _require_buyer(by, need)
    if not answer.strip():
        raise ValidationError({"answer": _("Tuliskan jawaban.")})
    if clarification.answered_at is not None:
        raise ValidationError({"__all__": _("Pertanyaan ini sudah dijawab.")})
    updated = Clarification.objects.filter(pk=clarification.pk, answered_at=None).update(
        answer=answer.strip(), answered_at=clock.now(), answered_by=by.user)
    if updated != 1:
        raise ValidationError({"__all__": _("Pertanyaan ini sudah dijawab.")})
    clarification.refresh_from_db()
    _audit("need.answer", clarification, by, {"need": need.pk})
    notifications.answer_published(need=need, org_ids=_participant_org_ids(need))
    return clarification


# -- award -------------------------------------------------------------------------------

def _next_po_number(need: Need, n: int) -> str:
    suffix = "" if n == 1 else f"-{n}"
    return f"PO-{timezone.localtime(clock.now()):%Y%m}-{need.pk:06d}{suffix}"


def _award_errors(need: Need, choice: dict[int, Quote], reason: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if need.quotes_sealed:
        errors["__all__"] = _("Penawaran masih tersegel sampai batas waktu.")
    elif need.status == NeedStatus.AWARDED:
        errors["__all__"] = _("Kebutuhan ini sudah memiliki pemenang.")
    if not choice:
        errors["quote"] = _("Pilih penawaran pemenang untuk minimal satu baris.")
    lines = {line.pk for line in need.lines.all()}
    for line_id, quote in choice.items():
        if (line_id not in lines or quote.need_id != need.pk
                or quote.status != QuoteStatus.SUBMITTED):
            errors["quote"] = _("Penawaran ini tidak dapat dipilih.")
        elif quote.need_revision < need.revision:
            errors["quote"] = _("%(supplier)s belum mengonfirmasi penawarannya setelah "
                                "kebutuhan diubah.") % {"supplier": quote.supplier.name}
        elif refusal := reservation_refusal(need, quote.supplier):
            errors["quote"] = refusal
    if not reason.strip():
        errors["reason"] = _("Tuliskan alasan pemenang.")
    return errors


@transaction.atomic
def award_lines(*, need: Need, choice: dict[int, Quote], by: Membership,
                reason: str) -> list[PurchaseOrder]:
    """Award need lines after the deadline — all to one quote, or split line by line —
    and issue one purchase order per winning supplier. Owners/managers only.

    Exactly one award per line: the need's conditional status move and the unique
    ``Award.need_line`` both refuse a second award, even from two racing managers. Losing
    SMEs are told their rank (by value before PPN), never another's amount.
    """
    _require_buyer(by, need, decide=True)
    if errors := _award_errors(need, choice, reason):
        raise ValidationError(errors)
    move(need, NEED_TRANSITIONS, NeedStatus.AWARDED)
    quote_lines = {(ql.quote_id, ql.need_line_id): ql
                   for ql in QuoteLine.objects.filter(quote__in={q.pk for q in choice.values()})}
    by_quote: dict[int, list[int]] = {}
    for line_id, quote in sorted(choice.items()):
        by_quote.setdefault(quote.pk, []).append(line_id)
    quotes = {q.pk: q for q in choice.values()}
    orders, awards = [], []
    for n, (quote_id, line_ids) in enumerate(sorted(by_quote.items()), start=1):
        quote = quotes[quote_id]
        stated = sum(quote_lines[(quote_id, pk)].amount for pk in line_ids)
        order = PurchaseOrder.objects.create(
            number=_next_po_number(need, n), need=need, buyer=need.buyer, supplier=quote.supplier,
            total_amount=proportional(quote.gross_amount, stated, quote.total_amount))
        orders.append(order)
        for pk in line_ids:
            ql = quote_lines[(quote_id, pk)]
            awards.append(Award(
                need=need, need_line_id=pk, quote=quote, order=order, reason=reason.strip(),
                awarded_by=by.user, supplier_scale=quote.supplier.scale,
                value=proportional(quote.base_amount, ql.amount, quote.total_amount),
                tkdn_percent=ql.tkdn_percent))
    try:
        with transaction.atomic():
            Award.objects.bulk_create(awards)
    except IntegrityError as error:
        raise ValidationError({"__all__": _("Kebutuhan ini sudah memiliki pemenang.")}) from error
    _audit("need.award", need, by, {
        "lines": {str(pk): q.pk for pk, q in sorted(choice.items())},
        "orders": [o.number for o in orders], "totals": [o.total_amount for o in orders],
        "reason": reason.strip(), "drafted_by": need.created_by_id})
    for order in orders:
        notifications.award_decided(need=need, winner=order.supplier, order=order)
    winners = {q.supplier_id for q in choice.values()}
    ranked = ranking(need)
    for rank, quote in enumerate(ranked, start=1):
        if quote.supplier_id not in winners:
            notifications.award_lost(need=need, supplier=quote.supplier, rank=rank,
                                     of=len(ranked))
    return orders


def ranking(need: Need) -> list[Quote]:
    """Submitted quotes in the comparison's order: value before PPN, then lead time."""
    return list(need.quotes.filter(status=QuoteStatus.SUBMITTED).select_related("supplier")
                .order_by("base_amount", "lead_time_days", "id"))


def award_create(*, need: Need, quote: Quote, by: Membership, reason: str) -> PurchaseOrder:
    """Award every line of ``need`` to ``quote`` (see ``award_lines``); returns the order."""
    return award_lines(need=need, choice={line.pk: quote for line in need.lines.all()}, by=by,
                       reason=reason)[0]


# -- order to cash -------------------------------------------------------------------------

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


def fully_delivered(order: PurchaseOrder) -> bool:
    """Every awarded line has been accounted for by BASTs (accepted plus rejected)."""
    return all(row["accepted"] + row["rejected"] >= row["ordered"]
               for row in line_progress(order).values())


def _settle_if_done(order: PurchaseOrder) -> None:
    order.refresh_from_db(fields=["paid_amount", "payable_amount", "status"])
    if (order.status == OrderStatus.DELIVERED and fully_delivered(order)
            and order.paid_amount == order.payable_amount):
        move(order, ORDER_TRANSITIONS, OrderStatus.PAID, paid_at=clock.now())


@transaction.atomic
def delivery_confirm(
    *, order: PurchaseOrder, by: Membership, delivered_on: date,
    quantity_accepted: Decimal, quantity_rejected: Decimal = Decimal(0), note: str = "",
    need_line_id: int | None = None,
) -> Delivery:
    """The buyer confirms a hand-over (BAST) of one order line — the whole quantity or a
    part — with accepted and rejected quantities and a quality note.

    The BAST's value is the accepted share of the line's value, so rejected items are
    never owed; the order's payable amount is the sum of its BASTs. Parts may follow until
    the line is accounted for.
    """
    _require_party(order, by, "buyer")
    if order.status not in (OrderStatus.ACCEPTED, OrderStatus.DELIVERED):
        raise ValidationError({"__all__": _("Serah terima hanya untuk pesanan yang sudah diterima "
                                            "pemasok dan belum lunas.")})
    progress = line_progress(order)
    if need_line_id is None and len(progress) == 1:
        need_line_id = next(iter(progress))
    row = progress.get(need_line_id)
    errors: dict[str, str] = {}
    if row is None:
        raise ValidationError({"need_line_id": _("Pilih barang/jasa dari pesanan ini.")})
    remaining = row["ordered"] - row["accepted"] - row["rejected"]
    if quantity_accepted is None or quantity_accepted < 0:
        errors["quantity_accepted"] = _("Jumlah diterima tidak boleh negatif.")
    if quantity_rejected is None or quantity_rejected < 0:
        errors["quantity_rejected"] = _("Jumlah ditolak tidak boleh negatif.")
    if not errors:
        if quantity_accepted + quantity_rejected > remaining:
            errors["quantity_accepted"] = _(
                "Jumlah diterima dan ditolak melebihi sisa pesanan (%(qty)s).") % {
                "qty": number_text(remaining)}
        elif quantity_accepted + quantity_rejected <= 0:
            errors["quantity_accepted"] = _("Isi jumlah yang diterima atau ditolak.")
    if delivered_on is None or delivered_on > timezone.localdate(clock.now()):
        errors["delivered_on"] = _("Tanggal serah terima tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    # Worked out on the running total so parts add up to the line's value exactly.
    accepted_after = row["accepted"] + quantity_accepted
    value = int((Decimal(row["gross"]) * accepted_after / row["ordered"])
                .quantize(Decimal("1"), rounding=ROUND_HALF_UP)) - row["value"]
    value = max(0, value)
    payable = (order.payable_amount or 0) + value
    move(order, ORDER_TRANSITIONS, OrderStatus.DELIVERED, delivered_at=clock.now(),
         payable_amount=min(payable, order.total_amount))
    delivery = Delivery.objects.create(
        order=order, need_line_id=need_line_id, delivered_on=delivered_on,
        quantity_accepted=quantity_accepted, quantity_rejected=quantity_rejected, note=note,
        value=value, confirmed_by=by.user)
    _audit("order.deliver", order, by, {"line": need_line_id, "accepted": str(quantity_accepted),
                                        "rejected": str(quantity_rejected), "value": value})
    _settle_if_done(order)  # everything rejected or already paid: nothing more is owed
    notifications.delivery_confirmed(order=order, delivery=delivery)
    return delivery


@transaction.atomic
def invoice_create(*, delivery: Delivery, by: Membership) -> Invoice:
    """The supplier invoices one confirmed BAST for its accepted value (once per BAST)."""
    order = PurchaseOrder.objects.select_related("supplier").get(pk=delivery.order_id)
    _require_party(order, by, "supplier")
    if delivery.value <= 0:
        raise ValidationError({"__all__": _("Tidak ada yang ditagih: semua barang pada BAST ini "
                                            "ditolak.")})
    number = f"INV-{order.number}-{order.deliveries.filter(pk__lte=delivery.pk).count()}"
    try:
        with transaction.atomic():
            invoice = Invoice.objects.create(number=number, order=order, delivery=delivery,
                                             amount=delivery.value, issued_by=by.user)
    except IntegrityError as error:
        raise ValidationError({"__all__": _("BAST ini sudah ditagih.")}) from error
    # Payments recorded before the invoice already settled part of the order: carry them.
    unassigned = (order.paid_amount
                  - sum(order.invoices.exclude(pk=invoice.pk).values_list("paid_amount", flat=True)))
    if unassigned > 0:
        _allocate(order, min(unassigned, invoice.amount), invoice)
        invoice.refresh_from_db()
    _audit("order.invoice", invoice, by, {"order": order.number, "amount": invoice.amount})
    notifications.invoice_sent(order=order, invoice=invoice)
    return invoice


def _allocate(order: PurchaseOrder, amount: int, invoice: Invoice | None) -> None:
    """Settle ``amount`` against ``invoice``, or against open invoices oldest first; each
    step is a conditional UPDATE so no invoice is ever overpaid."""
    targets = [invoice] if invoice else list(order.invoices.filter(paid_amount__lt=F("amount"))
                                             .order_by("issued_at", "id"))
    for target in targets:
        if amount <= 0:
            break
        target.refresh_from_db(fields=["amount", "paid_amount"])
        step = min(amount, target.amount - target.paid_amount)
        if step <= 0:
            continue
        Invoice.objects.filter(pk=target.pk, paid_amount__lte=F("amount") - step).update(
            paid_amount=F("paid_amount") + step)
        target.refresh_from_db(fields=["amount", "paid_amount"])
        if target.paid_amount == target.amount:
            Invoice.objects.filter(pk=target.pk, paid_at=None).update(paid_at=clock.now())
        amount -= step


@transaction.atomic
def payment_record(
    *, order: PurchaseOrder, by: Membership, amount: int, paid_on: date, reference: str = "",
    invoice: Invoice | None = None,
) -> Payment:
    """Record a (part) payment after BAST, against one invoice or (without one) against
    open invoices oldest first. The order becomes paid once every line is handed over
    and the payable amount is covered. Racing payments can never overpay."""
    _require_party(order, by, "buyer")
    if order.status == OrderStatus.PAID:
        raise ValidationError({"__all__": _("Pesanan ini sudah lunas.")})
    if order.status != OrderStatus.DELIVERED:
        raise ValidationError({"__all__": _("Pembayaran baru dapat dicatat setelah BAST dikonfirmasi.")})
    errors: dict[str, str] = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("Jumlah pembayaran harus lebih dari nol.")
    if paid_on is None or paid_on > timezone.localdate(clock.now()):
        errors["paid_on"] = _("Tanggal bayar tidak boleh di masa depan.")
    if invoice is not None and invoice.order_id != order.pk:
        errors["invoice"] = _("Tagihan ini bukan untuk pesanan ini.")
    elif invoice is not None and amount and amount > invoice.outstanding:
        errors["amount"] = _("Melebihi sisa tagihan (%(rest)s).") % {
            "rest": format_idr_full(invoice.outstanding)}
    if errors:
        raise ValidationError(errors)
    # One conditional UPDATE adds the payment only if it still fits: two payments recorded
    # at once can never together exceed what the BASTs made payable.
    fits = PurchaseOrder.objects.filter(
        pk=order.pk, status=OrderStatus.DELIVERED,
        paid_amount__lte=F("payable_amount") - amount,
    ).update(paid_amount=F("paid_amount") + amount)
    order.refresh_from_db(fields=["paid_amount", "payable_amount", "status"])
    if not fits:
        rest = order.payable_amount - order.paid_amount
        raise ValidationError({"amount": _("Melebihi sisa tagihan (%(rest)s).") % {
            "rest": format_idr_full(rest)}})
    payment = Payment.objects.create(order=order, invoice=invoice, amount=amount, paid_on=paid_on,
                                     reference=reference, recorded_by=by.user)
    _allocate(order, amount, invoice)
    _settle_if_done(order)
    _audit("order.payment", order, by, {"amount": amount, "paid_on": paid_on.isoformat(),
                                        "invoice": invoice.number if invoice else None})
    notifications.payment_recorded(order=order, payment=payment)
    return payment
