"""Job statuses and the moves between them."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


# running -> running: a worker reclaims a job whose previous worker stopped beating.
# running -> queued: a worker asked to stop hands its job back for the next one.
JOB_TRANSITIONS = {
    JobStatus.QUEUED: {JobStatus.RUNNING},
    JobStatus.RUNNING: {JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.DONE, JobStatus.FAILED},
    JobStatus.DONE: set(),
    JobStatus.FAILED: set(),
}

FINISHED = {JobStatus.DONE, JobStatus.FAILED}
