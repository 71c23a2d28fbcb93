"""Claim queued (or abandoned) jobs and run them.

Claiming is one conditional UPDATE (``WHERE status = … AND claim = <old token>``), so two
workers can never both win a job, on SQLite or PostgreSQL. A running job whose heartbeat is
older than ``settings.JOBS_STALE_AFTER`` seconds (default 60) is considered abandoned (its
worker was killed) and may be claimed again; the handler then resumes from its checkpoint.
Every checkpoint is itself conditional on the claim token, so a worker that stalled and lost
its job cannot commit anything more (``JobLost`` rolls its transaction back). A job held by
a process of this machine that no longer exists (``kill -9``, a crash) is claimable at once,
without waiting for its heartbeat to go stale.
"""
import logging
import os
import secrets
import socket
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .choices import JobStatus
from .models import Job
from .registry import handler_for

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int | None], None]


class JobLost(Exception):
    """Another worker holds this job now; this run must stop without committing."""


class JobInterrupted(Exception):
    """The worker was asked to stop between two checkpoints; the job goes back to the queue."""


class JobFailed(Exception):
    """A failure the person who started the job should read (already translated)."""


def stale_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "JOBS_STALE_AFTER", 60))


def _claimable() -> Q:
    stale = timezone.now() - stale_after()
    return (Q(status=JobStatus.QUEUED)
            | Q(status=JobStatus.RUNNING, heartbeat_at__lt=stale)
            | Q(status=JobStatus.RUNNING, heartbeat_at__isnull=True))


def worker_name() -> str:
    return f"{socket.gethostname()[:80]}:{os.getpid()}"


def _alive(pid: int) -> bool:
    """Is process ``pid`` of this machine still running? A zombie (killed, not yet reaped
    by its parent) is not."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:  # no /proc (not Linux): ask the kernel
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _release_dead_local() -> None:
    """Make running jobs whose claimant was a now-dead process on this host claimable."""
    host = worker_name().rsplit(":", 1)[0]
    running = Job.objects.filter(status=JobStatus.RUNNING, worker__startswith=f"{host}:",
                                 heartbeat_at__isnull=False).values_list("pk", "claim", "worker")
    for pk, token, worker in running:
        pid = worker.rsplit(":", 1)[1]
        if pid.isdigit() and not _alive(int(pid)):
            Job.objects.filter(pk=pk, claim=token, status=JobStatus.RUNNING).update(
                heartbeat_at=None)


def claim(*, job_id: int | None = None, kinds: list[str] | None = None) -> tuple[Job, str] | None:
    """Take the oldest claimable job (or job ``job_id`` if claimable): ``(job, token)``.

    None when there is nothing to take (or another worker won every race we tried).
    """
    _release_dead_local()
    for _attempt in range(10):
        candidates = Job.objects.filter(_claimable())
        if job_id is not None:
            candidates = candidates.filter(pk=job_id)
        if kinds:
            candidates = candidates.filter(kind__in=kinds)
        found = candidates.order_by("created_at", "id").values("pk", "status", "claim").first()
        if found is None:
            return None
        token = secrets.token_hex(16)
        now = timezone.now()
        won = (Job.objects.filter(_claimable(), pk=found["pk"], status=found["status"],
                                  claim=found["claim"])
               .update(status=JobStatus.RUNNING, claim=token, heartbeat_at=now, worker=worker_name(),
                       started_at=Coalesce(F("started_at"), Value(now)),
                       attempts=F("attempts") + 1))
        if won:
            return Job.objects.get(pk=found["pk"]), token
    return None


class JobContext:
    """What a handler sees: the job, its checkpoint, and the conditional writes that keep a
    claimed job consistent."""

    BEAT_EVERY_S = 5.0

    def __init__(self, job: Job, token: str, *, on_progress: ProgressCallback | None = None,
                 should_stop: Callable[[], bool] | None = None):
        self.job = job
        self.token = token
        self.finished = False
        self._on_progress = on_progress
        self._should_stop = should_stop or (lambda: False)
        self._last_beat = timezone.now()

    @property
    def payload(self) -> dict:
        return self.job.payload

    @property
    def checkpoint(self) -> dict:
        return self.job.checkpoint

    def _mine(self):
        return Job.objects.filter(pk=self.job.pk, claim=self.token, status=JobStatus.RUNNING)

    def save(self, *, done: int, total: int | None = None, checkpoint: dict | None = None) -> None:
        """Record progress (and the resume state) — call it inside the transaction that did
        the work it describes. Raises JobLost (rolling that work back) if we lost the job."""
        now = timezone.now()
        fields = {"progress_done": done, "heartbeat_at": now}
        if total is not None:
            fields["progress_total"] = total
            self.job.progress_total = total
        if checkpoint is not None:
            fields["checkpoint"] = checkpoint
            self.job.checkpoint = checkpoint
        if self._mine().update(**fields) != 1:
            raise JobLost(self.job.pk)
        self.job.progress_done = done
        self._last_beat = now
        if self._on_progress:
            self._on_progress(done, self.job.progress_total)

    def beat(self) -> None:
        """Tell other workers we are alive (throttled); for long steps between checkpoints."""
        now = timezone.now()
        if (now - self._last_beat).total_seconds() < self.BEAT_EVERY_S:
            return
        if self._mine().update(heartbeat_at=now) != 1:
            raise JobLost(self.job.pk)
        self._last_beat = now

    def stop_requested(self) -> bool:
        return self._should_stop()

    def finish(self, result: dict | None = None) -> None:
        """Mark the job done with ``result`` — inside the handler's last transaction."""
        now = timezone.now()
        fields = {"status": JobStatus.DONE, "finished_at": now, "heartbeat_at": now,
                  "result": result or {}}
        if self.job.progress_total is not None:
            fields["progress_done"] = self.job.progress_total
        if self._mine().update(**fields) != 1:
            raise JobLost(self.job.pk)
        for name, value in fields.items():
            setattr(self.job, name, value)
        self.finished = True


def _fail(ctx: JobContext, message: str) -> None:
    now = timezone.now()
    ctx._mine().update(status=JobStatus.FAILED, error=message, finished_at=now, heartbeat_at=now)


def run_job(job: Job, token: str, *, on_progress: ProgressCallback | None = None,
            should_stop: Callable[[], bool] | None = None) -> Job:
    """Run a claimed job to the end (done or failed), or until asked to stop (queued again).

    The handler runs in the language of the person who queued the job
    (``payload["language"]``), so the messages it stores read in their language.
    """
    ctx = JobContext(job, token, on_progress=on_progress, should_stop=should_stop)
    language = job.payload.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            result = handler_for(job.kind)(ctx)
            if not ctx.finished:
                with transaction.atomic():
                    ctx.finish(result)
        except JobInterrupted:
            ctx._mine().update(status=JobStatus.QUEUED, claim="", heartbeat_at=None)
        except JobLost:
            logger.warning("job %s was taken over by another worker; this run stops", job.pk)
        except JobFailed as error:
            _fail(ctx, str(error))
        except Exception:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            _fail(ctx, _("Terjadi kesalahan tak terduga; rinciannya ada di log server."))
    job.refresh_from_db()
    return job


def run_pending(*, on_progress: ProgressCallback | None = None,
                should_stop: Callable[[], bool] | None = None,
                kinds: list[str] | None = None) -> int:
    """Run claimable jobs one after another until none is left (or a stop is requested);
    the number run. Tests call this to run queued jobs inline."""
    count = 0
    stop = should_stop or (lambda: False)
    while not stop():
        claimed = claim(kinds=kinds)
        if claimed is None:
            break
        run_job(*claimed, on_progress=on_progress, should_stop=should_stop)
        count += 1
    return count
