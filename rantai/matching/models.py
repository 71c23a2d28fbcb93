"""What the matching adapter stores: a change log that keeps every process's index fresh,
and the alerts already sent (so an SME is never alerted twice for one need)."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rantai.core import clock


class IndexChange(models.Model):
    """A profile or need changed in a way its own ``updated_at`` does not show (a product,
    certificate, capability, rating, KBLI link or need line). Every process reads the log
    from the last id it saw and re-indexes those objects; old entries are pruned.

    Ids, not foreign keys: the entry must survive the object's deletion.
    """

    class Kind(models.TextChoices):
        SUPPLIER = "supplier", _("pemasok")
        NEED = "need", _("kebutuhan")
        REBUILD = "rebuild", _("bangun ulang indeks")  # an operator's request to every process

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # wall-clock time, not ``clock.now``: bookkeeping for pruning, not business time
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("perubahan indeks")
        verbose_name_plural = _("perubahan indeks")

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}"


class NeedAlert(models.Model):
    """An SME alerted to a newly published need. Unique per (need, supplier): the database
    refuses a second alert even if the hook runs twice."""

    need = models.ForeignKey("sourcing.Need", on_delete=models.CASCADE, related_name="+")
    supplier = models.ForeignKey("suppliers.SupplierProfile", on_delete=models.CASCADE,
                                 related_name="+")
    score = models.FloatField()
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("peringatan peluang")
        verbose_name_plural = _("peringatan peluang")
        constraints = [models.UniqueConstraint(fields=["need", "supplier"],
                                               name="one_alert_per_need_and_supplier")]

    def __str__(self) -> str:
        return f"Peringatan #{self.pk}"
