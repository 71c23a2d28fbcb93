"""Reference data: KBLI 2020 and Kemendagri regions. Loaded by ``load_reference``."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kbli(models.Model):
    """One KBLI 2020 code at any of the five levels. ``section`` is the kategori letter."""

    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    level = models.CharField(_("tingkat"), max_length=20)
    digits = models.PositiveSmallIntegerField()
    section = models.CharField(_("kategori"), max_length=1, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    title = models.CharField(_("judul"), max_length=300)
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        verbose_name = "KBLI 2020"
        verbose_name_plural = "KBLI 2020"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class Province(models.Model):
    """A province by its two-digit Kemendagri code, with its centroid."""

    code = models.CharField(_("kode"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Regency(models.Model):
    """A kabupaten or kota by its Kemendagri code ``xx.xx``, with its centroid."""

    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="regencies")
    name = models.CharField(_("nama"), max_length=100)
    short_name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}, {self.province.name}" if self.province_id else self.name
