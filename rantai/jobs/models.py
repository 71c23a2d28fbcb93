"""The job queue and the row-level problems a job reports."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import FINISHED, JobStatus


class Job(models.Model):
    """One unit of background work of a registered ``kind`` (see ``registry``).

    ``payload`` is the input and never changes. ``checkpoint`` is the handler's resume state,
    written in the same transaction as the work it describes, so after a crash the next
    worker continues from the last committed checkpoint. ``claim`` is the token of the
    worker run holding the job: every checkpoint is a conditional UPDATE on it, so a worker
    that lost its claim (it stalled and another took over) can no longer commit anything.
    """

    kind = models.CharField(_("jenis"), max_length=50)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices,
                              default=JobStatus.QUEUED)
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    payload = models.JSONField(default=dict)
    checkpoint = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    error = models.TextField(_("kesalahan"), blank=True)
    progress_done = models.PositiveBigIntegerField(default=0)
    progress_total = models.PositiveBigIntegerField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    claim = models.CharField(max_length=32, blank=True)
    worker = models.CharField(max_length=100, blank=True)  # "host:pid" of the claimant
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan latar belakang")
        verbose_name_plural = _("pekerjaan latar belakang")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "heartbeat_at"]),
                   models.Index(fields=["organisation", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        """0–100 for a progress bar; 100 once finished."""
        if self.finished:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(100 * self.progress_done / self.progress_total))


class JobIssue(models.Model):
    """A row a job could not process (e.g. an import's rejected row): where, which
    columns, why (in the language of the person who started the job), and the row's
    original values so the row can be corrected and submitted again."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="issues")
    row = models.PositiveBigIntegerField(_("baris"))
    columns = models.CharField(_("kolom"), max_length=300)
    reasons = models.TextField(_("alasan"))
    values = models.JSONField(default=list)

    class Meta:
        ordering = ["job", "row", "id"]
        verbose_name = _("masalah baris")
        verbose_name_plural = _("masalah baris")
        indexes = [models.Index(fields=["job", "row"])]

    def __str__(self) -> str:
        return f"#{self.job_id} baris {self.row}: {self.columns}"
