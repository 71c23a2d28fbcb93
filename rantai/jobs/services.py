"""Writes to the job queue: enqueue, and the retention of finished jobs."""
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings

from rantai.core import clock

from .choices import FINISHED
from .models import Job


def job_enqueue(*, kind: str, payload: dict, created_by=None, organisation=None,
                progress_total: int | None = None) -> Job:
    """Queue a job of ``kind`` (a key of ``registry.HANDLERS``); a worker picks it up.

    Not audited by itself: the handler appends the one audit entry that describes what the
    job changed, in the transaction that finishes it.
    """
    return Job.objects.create(kind=kind, payload=payload, created_by=created_by,
                              organisation=organisation, progress_total=progress_total)


def job_files_dir(job_id: int) -> Path:
    """Where a job keeps the files it produces (e.g. an export); removed with the job."""
    path = Path(settings.MEDIA_ROOT) / "jobs" / str(job_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep_days() -> int:
    """How long finished jobs, their row issues and their files are kept
    (``JOBS_KEEP_DAYS``, default 30)."""
    return getattr(settings, "JOBS_KEEP_DAYS", 30)


def jobs_purge(*, older_than_days: int | None = None) -> int:
    """Delete jobs that finished (done or failed) more than ``older_than_days`` ago (default
    ``keep_days()``), with their row issues and files; returns how many. Queued and running
    jobs are never touched. The audit log keeps its record of what each job changed."""
    days = keep_days() if older_than_days is None else older_than_days
    cutoff = clock.now() - timedelta(days=days)
    old = list(Job.objects.filter(status__in=FINISHED, finished_at__lt=cutoff)
               .values_list("pk", flat=True))
    for start in range(0, len(old), 500):
        batch = old[start:start + 500]
        Job.objects.filter(pk__in=batch, status__in=FINISHED).delete()
        for job_id in batch:
            shutil.rmtree(Path(settings.MEDIA_ROOT) / "jobs" / str(job_id), ignore_errors=True)
    return len(old)
