"""Writes to the job queue."""
from .models import Job


def job_enqueue(*, kind: str, payload: dict, created_by=None, organisation=None,
                progress_total: int | None = None) -> Job:
    """Queue a job of ``kind`` (a key of ``registry.HANDLERS``); a worker picks it up.

    Not audited by itself: the handler appends the one audit entry that describes what the
    job changed, in the transaction that finishes it.
    """
    return Job.objects.create(kind=kind, payload=payload, created_by=created_by,
                              organisation=organisation, progress_total=progress_total)
