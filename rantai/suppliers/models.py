"""SME supplier profiles and their products."""
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import LegalForm, ProfileStatus, Scale

nib_validator = RegexValidator(r"^\d{13}$", _("NIB harus 13 digit angka."))


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil pemasok")
        verbose_name_plural = _("profil pemasok")
        indexes = [models.Index(fields=["status", "regency"])]

    def __str__(self) -> str:
        return self.name

    @property
    def scale_rule_label(self) -> str:
        """Which PP 7/2021 figure decided the scale, in the viewer's language."""
        from .scale import RULE_LABELS

        return str(RULE_LABELS.get(self.scale_rule, ""))


class Product(models.Model):
    """A product or service the SME offers."""

    supplier = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE,
                                 related_name="products")
    name = models.CharField(_("nama produk"), max_length=200)
    description = models.TextField(_("deskripsi"), blank=True)
    unit = models.CharField(_("satuan"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
