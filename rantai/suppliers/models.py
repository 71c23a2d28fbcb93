"""SME supplier profiles and their products."""
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import CertificateKind, LegalForm, Process, ProfileStatus, Scale, Verification

nib_validator = RegexValidator(r"^\d{13}$", _("NIB harus 13 digit angka."))
npwp_validator = RegexValidator(r"^\d{15,16}$", _("NPWP harus 15 atau 16 digit angka."))


class SupplierProfile(models.Model):
    """An SME's business profile. A draft is visible only to its own organisation (and
    agency staff); a published profile is listed for buyers. ``scale`` is derived from
    sales/capital by PP 7/2021 whenever they are saved."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="supplier_profile"
    )
    name = models.CharField(_("nama usaha"), max_length=200)
    legal_form = models.CharField(_("bentuk usaha"), max_length=20, choices=LegalForm.choices)
    nib = models.CharField(_("NIB"), max_length=13, unique=True, validators=[nib_validator])
    regency = models.ForeignKey(
        "taxonomy.Regency", on_delete=models.PROTECT, verbose_name=_("kabupaten/kota")
    )
    kbli = models.ManyToManyField("taxonomy.Kbli", verbose_name=_("KBLI 2020"))
    description = models.TextField(_("deskripsi usaha"), blank=True)
    annual_sales = models.BigIntegerField(_("hasil penjualan tahunan (Rp)"), null=True, blank=True)
    business_capital = models.BigIntegerField(_("modal usaha (Rp)"), null=True, blank=True)
    scale = models.CharField(_("skala usaha"), max_length=10, choices=Scale.choices,
                             default=Scale.MICRO)
    scale_rule = models.CharField(max_length=20, blank=True)  # a key of scale.RULE_LABELS
    status = models.CharField(_("status"), max_length=20, choices=ProfileStatus.choices,
                              default=ProfileStatus.DRAFT)
    # Visible only to the SME itself and agency staff (never to buyers, never exported).
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True, validators=[npwp_validator])
    address = models.TextField(_("alamat"), blank=True)
    contact_name = models.CharField(_("nama kontak"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telepon/WhatsApp"), max_length=30, blank=True)
    contact_email = models.EmailField(_("email kontak"), blank=True)
    workforce = models.PositiveIntegerField(_("jumlah tenaga kerja"), null=True, blank=True)
    verification = models.CharField(_("verifikasi"), max_length=20, choices=Verification.choices,
                                    default=Verification.UNVERIFIED)
    verification_note = models.TextField(_("catatan verifikasi"), blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    # An agency import creates the profile unclaimed; its real owner claims it (by NIB plus
    # a check an agency confirms) before anyone can quote with it.
    claimed = models.BooleanField(_("sudah diklaim pemiliknya"), default=True)
    # Lower-cased name, products, capabilities and description: one indexed column that the
    # directory filters on, so a search never joins products per row.
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)  # matching syncs by it

    class Meta:
        verbose_name = _("profil pemasok")
        verbose_name_plural = _("profil pemasok")
        indexes = [models.Index(fields=["status", "regency"]),
                   models.Index(fields=["status", "scale"]),
                   models.Index(fields=["verification"])]

    def __str__(self) -> str:
        return self.name

    @property
    def scale_rule_label(self) -> str:
        """Which PP 7/2021 figure decided the scale, in the viewer's language."""
        from .scale import RULE_LABELS

        return str(RULE_LABELS.get(self.scale_rule, ""))


class SizeRecord(models.Model):
    """A dated statement of the business's size: the history behind ``scale`` ("naik
    kelas" is counted from it). The newest record decides the profile's scale."""

    supplier = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                 related_name="size_records")
    as_of = models.DateField(_("per tanggal"))
    annual_sales = models.BigIntegerField(_("hasil penjualan tahunan (Rp)"), null=True,
                                          blank=True)
    business_capital = models.BigIntegerField(_("modal usaha (Rp)"), null=True, blank=True)
    workforce = models.PositiveIntegerField(_("tenaga kerja"), null=True, blank=True)
    scale = models.CharField(max_length=10, choices=Scale.choices)
    scale_rule = models.CharField(max_length=20)

    class Meta:
        ordering = ["-as_of", "-id"]
        verbose_name = _("riwayat skala usaha")
        verbose_name_plural = _("riwayat skala usaha")

    def __str__(self) -> str:
        return f"{self.supplier_id} {self.as_of}: {self.scale}"


class Product(models.Model):
    """A product or service the SME offers, with what a buyer needs to plan an order."""

    supplier = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                 related_name="products")
    name = models.CharField(_("nama produk"), max_length=200)
    description = models.TextField(_("deskripsi"), blank=True)
    unit = models.CharField(_("satuan"), max_length=30, blank=True)
    price_min = models.BigIntegerField(_("harga terendah (Rp)"), null=True, blank=True)
    price_max = models.BigIntegerField(_("harga tertinggi (Rp)"), null=True, blank=True)
    minimum_order = models.DecimalField(_("pesanan minimum"), max_digits=14, decimal_places=3,
                                        null=True, blank=True)
    monthly_capacity = models.DecimalField(_("kapasitas per bulan"), max_digits=14,
                                           decimal_places=3, null=True, blank=True)
    lead_time_days = models.PositiveIntegerField(_("waktu pengerjaan (hari)"), null=True,
                                                 blank=True)
    photo = models.ImageField(_("foto"), upload_to="products/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Capability(models.Model):
    """A process the SME can run, as structured data buyers filter on: casting of grey iron
    up to 250 kg, CNC turning to ±0.02 mm, a halal-certified kitchen."""

    supplier = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                 related_name="capabilities")
    process = models.CharField(_("proses"), max_length=30, choices=Process.choices)
    material = models.CharField(_("bahan"), max_length=100, blank=True,
                                help_text=_("mis. besi cor kelabu, besi cor nodular, aluminium"))
    max_part_weight_kg = models.DecimalField(_("berat benda maks. (kg)"), max_digits=10,
                                             decimal_places=2, null=True, blank=True)
    tolerance_mm = models.DecimalField(_("toleransi (mm)"), max_digits=8, decimal_places=3,
                                       null=True, blank=True)
    notes = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        ordering = ["process", "id"]
        verbose_name = _("kemampuan proses")
        verbose_name_plural = _("kemampuan proses")
        indexes = [models.Index(fields=["process"])]

    def __str__(self) -> str:
        return f"{self.get_process_display()} {self.material}".strip()


class Certificate(models.Model):
    """A certificate (SNI, Halal, ISO 9001, TKDN-IK, BPOM/P-IRT, …) with its validity and the
    products it covers. TKDN is a percentage per product, kept on the coverage rows."""

    supplier = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                 related_name="certificates")
    kind = models.CharField(_("jenis"), max_length=20, choices=CertificateKind.choices)
    number = models.CharField(_("nomor"), max_length=100)
    issuer = models.CharField(_("penerbit"), max_length=200)
    valid_from = models.DateField(_("berlaku sejak"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    document = models.FileField(_("dokumen"), upload_to="certificates/%Y/%m/", blank=True)
    products = models.ManyToManyField(Product, through="CertificateProduct", blank=True,
                                      verbose_name=_("produk yang dicakup"))

    class Meta:
        ordering = ["kind", "-valid_until"]
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        indexes = [models.Index(fields=["kind", "valid_until"])]
        constraints = [models.CheckConstraint(
            condition=models.Q(valid_until__isnull=True)
            | models.Q(valid_until__gte=models.F("valid_from")),
            name="certificate_valid_range")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, day) -> bool:
        """Valid on ``day``: started, and not yet expired (no end date: no expiry)."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class CertificateProduct(models.Model):
    """A product a certificate covers; for TKDN-IK, the product's TKDN percentage."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    tkdn_percent = models.DecimalField(_("TKDN (%)"), max_digits=5, decimal_places=2, null=True,
                                       blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certificate", "product"], name="one_coverage"),
            models.CheckConstraint(condition=models.Q(tkdn_percent__isnull=True)
                                   | models.Q(tkdn_percent__gte=0, tkdn_percent__lte=100),
                                   name="tkdn_percent_range"),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id}→{self.product_id}"


class ClaimRequest(models.Model):
    """A person's request to take over an unclaimed (imported) profile. Agency staff
    confirm the evidence (e.g. the OSS owner name or a call to the registered phone)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu konfirmasi")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")

    supplier = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                 related_name="claims")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="claims")
    evidence = models.TextField(_("bukti kepemilikan"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey("accounts.User", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decision_note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("klaim profil")
        verbose_name_plural = _("klaim profil")
        constraints = [models.UniqueConstraint(
            fields=["supplier"], condition=models.Q(status="pending"),
            name="one_pending_claim_per_profile")]

    def __str__(self) -> str:
        return f"Klaim {self.supplier_id} oleh {self.user_id}"
