"""Needs (RFQs), invitations, sealed quotes, awards, purchase orders, BAST and payments.

Awards are per need line (unique on ``need_line``), so a later split award per line needs
no rewrite: today a need's award covers all its lines with one quote.
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
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices,
                              default=NeedStatus.DRAFT)
    created_at = models.DateTimeField(default=clock.now)
    published_at = models.DateTimeField(null=True, blank=True)

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
    """One item of a need: what, how many, in which unit."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("barang/jasa"), max_length=300)
    quantity = models.DecimalField(_("jumlah"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("satuan"), max_length=30)

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
    lead_time_days = models.PositiveIntegerField(_("waktu pengerjaan (hari)"))
    note = models.TextField(_("catatan"), blank=True)
    submitted_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["need", "supplier"],
                                               name="one_quote_per_supplier")]

    def __str__(self) -> str:  # never the amount: this string may reach logs and the admin
        return f"Penawaran #{self.pk}"


class QuoteLine(models.Model):
    """The price of one need line in a quote, in whole rupiah."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    need_line = models.ForeignKey(NeedLine, on_delete=models.PROTECT, related_name="+")
    unit_price = models.BigIntegerField(_("harga satuan (Rp)"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))

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

    def __str__(self) -> str:
        return f"Pemenang baris #{self.need_line_id}"


class Delivery(models.Model):
    """An electronic hand-over record (BAST) confirmed by the buyer."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT,
                              related_name="deliveries")
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
