"""Needs (RFQs), invitations, sealed quotes, awards, purchase orders, BAST and payments.

Awards are per need line (unique on ``need_line``): a need may be won whole by one quote or
split line by line between suppliers, one purchase order per winning supplier.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rantai.core import clock

from .choices import NeedStatus, OrderStatus, QuoteStatus


class Need(models.Model):
    """A buyer's procurement need. Quotes are sealed until ``quote_deadline``."""

    buyer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                              related_name="needs", verbose_name=_("pembeli"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    title = models.CharField(_("judul kebutuhan"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    kbli = models.ManyToManyField("taxonomy.Kbli", verbose_name=_("KBLI 2020"))
    delivery_regency = models.ForeignKey("taxonomy.Regency", on_delete=models.PROTECT,
                                         verbose_name=_("lokasi pengiriman"))
    delivery_date = models.DateField(_("tanggal pengiriman"), null=True, blank=True)
    quote_deadline = models.DateTimeField(_("batas waktu penawaran"))
    estimated_value = models.BigIntegerField(_("perkiraan nilai (HPS, Rp)"), null=True,
                                             blank=True)
    is_open = models.BooleanField(_("terbuka untuk semua UMKM"), default=False)
    umk_reserved = models.BooleanField(_("dicadangkan untuk usaha kecil"), default=False)
    # Why a need the reservation rule covers was opened to everyone (audited; required).
    reservation_waiver_reason = models.TextField(_("alasan tidak dicadangkan"), blank=True)
    required_certificates = models.JSONField(_("sertifikat wajib"), default=list, blank=True)
    min_tkdn_percent = models.DecimalField(_("TKDN minimum (%)"), max_digits=5, decimal_places=2,
                                           null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices,
                              default=NeedStatus.DRAFT)
    # Raised each time a published need changes; quotes made on an older one must be
    # confirmed or revised by their supplier.
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=clock.now)
    published_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("kebutuhan")
        verbose_name_plural = _("kebutuhan")
        indexes = [models.Index(fields=["buyer", "status"]),
                   models.Index(fields=["status", "quote_deadline"])]

    def __str__(self) -> str:
        return self.title

    @property
    def quotes_sealed(self) -> bool:
        """True until the deadline: amounts are visible only to their supplier."""
        return clock.now() < self.quote_deadline


class NeedLine(models.Model):
    """One item of a need: what, how many, in which unit, to which specification (with an
    optional drawing or document)."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("barang/jasa"), max_length=300)
    quantity = models.DecimalField(_("jumlah"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("satuan"), max_length=30)
    specification = models.TextField(_("spesifikasi"), blank=True)
    attachment = models.FileField(_("gambar/lampiran"), upload_to="needs/%Y/%m/", blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gt=0),
                                              name="need_line_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.description} ({self.quantity} {self.unit})"


class Invitation(models.Model):
    """A buyer's invitation to one SME to quote on a need."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="invitations")
    supplier = models.ForeignKey("suppliers.SupplierProfile", on_delete=models.CASCADE,
                                 related_name="invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "supplier"],
                                               name="one_invitation_per_supplier")]

    def __str__(self) -> str:
        return f"Undangan #{self.pk}"


class Quote(models.Model):
    """An SME's sealed quote. Amounts (``total_amount`` and line prices) must never be shown
    to anyone but the quoting SME before the need's deadline."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="quotes")
    supplier = models.ForeignKey("suppliers.SupplierProfile", on_delete=models.PROTECT,
                                 related_name="quotes")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    status = models.CharField(max_length=20, choices=QuoteStatus.choices,
                              default=QuoteStatus.SUBMITTED)
    total_amount = models.BigIntegerField(_("total (Rp)"))
    # PPN basis: what the SME stated, and both sides of the tax worked out from it, so
    # every quote is compared on the same basis (``base_amount``, before PPN).
    seller_pkp = models.BooleanField(_("pemasok PKP"), default=False)
    ppn_included = models.BooleanField(_("harga termasuk PPN"), default=False)
    base_amount = models.BigIntegerField(_("nilai sebelum PPN (Rp)"), default=0)
    ppn_amount = models.BigIntegerField(_("PPN (Rp)"), default=0)
    lead_time_days = models.PositiveIntegerField(_("waktu pengerjaan (hari)"))
    validity_days = models.PositiveIntegerField(_("masa berlaku (hari)"), null=True, blank=True)
    warranty = models.CharField(_("garansi"), max_length=200, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    attachment = models.FileField(_("lampiran"), upload_to="quotes/%Y/%m/", blank=True)
    need_revision = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "supplier"],
                                               name="one_quote_per_supplier")]

    def __str__(self) -> str:  # never the amount: this string may reach logs and the admin
        return f"Penawaran #{self.pk}"

    @property
    def gross_amount(self) -> int:
        """What the buyer pays in all: the base plus PPN."""
        return self.base_amount + self.ppn_amount

    @property
    def needs_confirmation(self) -> bool:
        """The need changed after this quote was made; its supplier must confirm or revise."""
        return self.need_revision < self.need.revision


class QuoteLine(models.Model):
    """The price of one need line in a quote, in whole rupiah."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    need_line = models.ForeignKey(NeedLine, on_delete=models.PROTECT, related_name="+")
    unit_price = models.BigIntegerField(_("harga satuan (Rp)"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    product = models.ForeignKey("suppliers.Product", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("produk"))
    # The product's TKDN at submission (from a valid TKDN-IK certificate), kept as a fact.
    tkdn_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quote", "need_line"], name="one_price_per_line"),
            models.CheckConstraint(condition=models.Q(unit_price__gt=0),
                                   name="quote_line_price_positive"),
        ]

    def __str__(self) -> str:  # never the price: sealed until the deadline
        return f"Baris penawaran #{self.pk}"


class PurchaseOrder(models.Model):
    """The order created by an award; carried through acceptance, BAST and payment."""

    number = models.CharField(_("nomor PO"), max_length=30, unique=True)
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                              related_name="orders_placed")
    supplier = models.ForeignKey("suppliers.SupplierProfile", on_delete=models.PROTECT,
                                 related_name="orders")
    total_amount = models.BigIntegerField(_("nilai (Rp)"))
    payable_amount = models.BigIntegerField(_("harus dibayar (Rp)"), null=True, blank=True,
                                            help_text=_("Nilai barang yang diterima, dari BAST."))
    paid_amount = models.BigIntegerField(_("sudah dibayar (Rp)"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=OrderStatus.choices,
                              default=OrderStatus.ISSUED)
    created_at = models.DateTimeField(default=clock.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pesanan (PO)")
        verbose_name_plural = _("pesanan (PO)")
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(paid_amount__gte=0, paid_amount__lte=models.F("total_amount")),
                name="order_paid_within_total"),
            models.CheckConstraint(
                condition=models.Q(payable_amount__isnull=True)
                | models.Q(payable_amount__gte=0, payable_amount__lte=models.F("total_amount")),
                name="order_payable_within_total"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def amount_due(self) -> int:
        """What the buyer owes in all: the BAST's payable amount once confirmed, else the
        order value."""
        return self.total_amount if self.payable_amount is None else self.payable_amount


class Award(models.Model):
    """The decision that one quote wins one need line. Unique per line: the database
    refuses a second award even when two managers press the button at once."""

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="awards")
    need_line = models.OneToOneField(NeedLine, on_delete=models.PROTECT, related_name="award")
    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="awards")
    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="awards")
    reason = models.TextField(_("alasan"))
    awarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    awarded_at = models.DateTimeField(default=clock.now)
    # Facts at award time for the compliance ledger: the line's value before PPN, the
    # supplier's scale then, and the quoted product's TKDN.
    value = models.BigIntegerField(default=0)
    supplier_scale = models.CharField(max_length=10, blank=True)
    tkdn_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    def __str__(self) -> str:
        return f"Pemenang baris #{self.need_line_id}"


class Delivery(models.Model):
    """An electronic hand-over record (BAST) confirmed by the buyer, for one line of the
    order; deliveries may come in parts. ``value`` is what the accepted part is worth."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT,
                              related_name="deliveries")
    need_line = models.ForeignKey(NeedLine, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("barang/jasa"))
    value = models.BigIntegerField(_("nilai diterima (Rp)"), default=0)
    delivered_on = models.DateField(_("tanggal serah terima"))
    quantity_accepted = models.DecimalField(_("jumlah diterima"), max_digits=14,
                                            decimal_places=3)
    quantity_rejected = models.DecimalField(_("jumlah ditolak"), max_digits=14,
                                            decimal_places=3, default=0)
    note = models.TextField(_("catatan mutu"), blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    confirmed_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = "BAST"
        verbose_name_plural = "BAST"

    def __str__(self) -> str:
        return f"BAST {self.order_id} {self.delivered_on}"


class Payment(models.Model):
    """A payment the buyer made against an order (payments may come in parts)."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="payments")
    invoice = models.ForeignKey("Invoice", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="payments", verbose_name=_("tagihan"))
    amount = models.BigIntegerField(_("jumlah dibayar (Rp)"))
    paid_on = models.DateField(_("tanggal bayar"))
    reference = models.CharField(_("referensi"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("pembayaran")
        verbose_name_plural = _("pembayaran")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0),
                                              name="payment_amount_positive")]

    def __str__(self) -> str:
        return f"Pembayaran {self.order_id} {self.paid_on}"


class Invoice(models.Model):
    """The SME's invoice for one confirmed BAST; payments (also partial) settle it."""

    number = models.CharField(_("nomor tagihan"), max_length=40, unique=True)
    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="invoices")
    delivery = models.OneToOneField(Delivery, on_delete=models.PROTECT, related_name="invoice")
    amount = models.BigIntegerField(_("jumlah tagihan (Rp)"))
    paid_amount = models.BigIntegerField(_("sudah dibayar (Rp)"), default=0)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    issued_at = models.DateTimeField(default=clock.now)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tagihan")
        verbose_name_plural = _("tagihan")
        constraints = [models.CheckConstraint(
            condition=models.Q(paid_amount__gte=0, paid_amount__lte=models.F("amount")),
            name="invoice_paid_within_amount")]

    def __str__(self) -> str:
        return self.number

    @property
    def outstanding(self) -> int:
        return self.amount - self.paid_amount


class Clarification(models.Model):
    """An SME's question on a need and the buyer's answer. Answers are published to every
    participant; who asked is shown to no one (the buyer included), so no bidder is
    singled out."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="clarifications")
    # Kept only so the asker can find its own questions; never rendered to anyone else.
    asked_by = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                                 related_name="+")
    question = models.TextField(_("pertanyaan"))
    answer = models.TextField(_("jawaban"), blank=True)
    asked_at = models.DateTimeField(default=clock.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("klarifikasi")
        verbose_name_plural = _("klarifikasi")

    def __str__(self) -> str:
        return f"Klarifikasi #{self.pk}"
