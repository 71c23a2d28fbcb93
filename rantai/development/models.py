"""Buyer ratings of suppliers after delivery (scorecards and feedback come later)."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rantai.core import clock

_score = [MinValueValidator(1), MaxValueValidator(5)]


class Rating(models.Model):
    """One rating per purchase order, by the buyer, 1–5 on three criteria."""

    order = models.OneToOneField("sourcing.PurchaseOrder", on_delete=models.PROTECT,
                                 related_name="rating")
    supplier = models.ForeignKey("suppliers.SupplierProfile", on_delete=models.PROTECT,
                                 related_name="ratings")
    buyer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                              related_name="ratings_given")
    quality = models.PositiveSmallIntegerField(_("mutu"), validators=_score)
    timeliness = models.PositiveSmallIntegerField(_("ketepatan waktu"), validators=_score)
    communication = models.PositiveSmallIntegerField(_("komunikasi"), validators=_score)
    comment = models.TextField(_("komentar"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("penilaian")
        verbose_name_plural = _("penilaian")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quality__gte=1, quality__lte=5, timeliness__gte=1,
                                   timeliness__lte=5, communication__gte=1,
                                   communication__lte=5),
                name="rating_scores_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"Penilaian {self.order_id}"

    @property
    def average(self) -> float:
        return round((self.quality + self.timeliness + self.communication) / 3, 1)
