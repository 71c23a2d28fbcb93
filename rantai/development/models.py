"""Supplier development: buyer ratings after delivery, structured feedback, development
plans with actions and a re-check, and agency mentoring programmes with attendance."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rantai.core import clock

from .choices import (
    EnrolmentStatus,
    FeedbackCategory,
    FeedbackSource,
    PlanStatus,
    ProgrammeStatus,
    ProgrammeTopic,
)

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
    # Added later than the first three, so older ratings have none.
    documents = models.PositiveSmallIntegerField(_("kelengkapan dokumen"), validators=_score,
                                                 null=True, blank=True)
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
        scores = [self.quality, self.timeliness, self.communication]
        scores += [self.documents] if self.documents else []
        return round(sum(scores) / len(scores), 1)


class Feedback(models.Model):
    """Structured feedback from a buyer to an SME, from a rejection at hand-over, a low
    rating or a forum outcome "not yet — quality". It may open a development plan."""

    supplier = models.ForeignKey("suppliers.SupplierProfile", on_delete=models.PROTECT,
                                 related_name="feedback")
    buyer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                              related_name="feedback_given")
    order = models.ForeignKey("sourcing.PurchaseOrder", on_delete=models.PROTECT, null=True,
                              blank=True, related_name="feedback")
    source = models.CharField(_("sumber"), max_length=20, choices=FeedbackSource.choices)
    # The forum outcome (or other record) this came from, for the caller's own reference.
    source_ref = models.CharField(max_length=100, blank=True)
    category = models.CharField(_("kategori"), max_length=20, choices=FeedbackCategory.choices)
    text = models.TextField(_("masukan"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("masukan pembeli")
        verbose_name_plural = _("masukan pembeli")
        indexes = [models.Index(fields=["supplier", "created_at"])]

    def __str__(self) -> str:
        return f"Masukan #{self.pk}"


class Programme(models.Model):
    """A mentoring programme (pembinaan/pendampingan) run by an agency: SNI or halal
    certification support, TKDN-IK application, production quality, digital readiness."""

    agency = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                               related_name="programmes")
    name = models.CharField(_("nama program"), max_length=200)
    topic = models.CharField(_("topik"), max_length=20, choices=ProgrammeTopic.choices)
    description = models.TextField(_("uraian"), blank=True)
    province = models.ForeignKey("taxonomy.Province", on_delete=models.PROTECT, null=True,
                                 blank=True, verbose_name=_("provinsi"))
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    capacity = models.PositiveIntegerField(_("kuota peserta"), default=30)
    status = models.CharField(_("status"), max_length=20, choices=ProgrammeStatus.choices,
                              default=ProgrammeStatus.OPEN)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("program pendampingan")
        verbose_name_plural = _("program pendampingan")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="programme_dates_in_order")]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    """An SME in a programme, until it completes (or withdraws)."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="enrolments")
    supplier = models.ForeignKey("suppliers.SupplierProfile", on_delete=models.PROTECT,
                                 related_name="enrolments")
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.ENROLLED)
    enrolled_at = models.DateTimeField(default=clock.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("peserta program")
        verbose_name_plural = _("peserta program")
        constraints = [models.UniqueConstraint(fields=["programme", "supplier"],
                                               name="one_enrolment_per_programme")]

    def __str__(self) -> str:
        return f"Peserta {self.supplier_id} @ {self.programme_id}"


class ProgrammeSession(models.Model):
    """One meeting of a programme (a class, a factory visit); attendance is kept per SME."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("tanggal"))
    title = models.CharField(_("materi"), max_length=200)
    attendees = models.ManyToManyField(Enrolment, blank=True, related_name="attended",
                                       verbose_name=_("hadir"))

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("pertemuan program")
        verbose_name_plural = _("pertemuan program")

    def __str__(self) -> str:
        return f"{self.programme_id} {self.held_on}"


class DevelopmentPlan(models.Model):
    """What an SME will change after feedback: goals, actions with due dates, a mentor from
    an agency programme, and a re-check by the buyer who gave the feedback."""

    supplier = models.ForeignKey("suppliers.SupplierProfile", on_delete=models.PROTECT,
                                 related_name="development_plans")
    feedback = models.OneToOneField(Feedback, on_delete=models.PROTECT, related_name="plan")
    buyer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT,
                              related_name="plans_to_recheck")
    goals = models.TextField(_("sasaran"))
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="plans", verbose_name=_("program pendampingan"))
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                               blank=True, related_name="mentored_plans",
                               verbose_name=_("pendamping"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices,
                              default=PlanStatus.OPEN)
    recheck_note = models.TextField(_("catatan pemeriksaan ulang"), blank=True)
    rechecked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("rencana pengembangan")
        verbose_name_plural = _("rencana pengembangan")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"Rencana #{self.pk}"


class PlanAction(models.Model):
    """One step of a plan with its due date; done when its SME or mentor says so."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("tindakan"), max_length=300)
    due_on = models.DateField(_("tenggat"))
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("tindakan rencana")
        verbose_name_plural = _("tindakan rencana")

    def __str__(self) -> str:
        return self.description
