"""The queue: exclusive claims by conditional UPDATE, stale and dead claimants taken over,
a stalled worker unable to commit after losing its job, failures and graceful stops."""
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from rantai.accounts.models import Organisation
from rantai.jobs.models import Job
from rantai.jobs.progress import ProgressBar
from rantai.jobs.services import job_enqueue
from rantai.jobs.worker import JobFailed, JobLost, claim, run_job, run_pending, worker_name

pytestmark = pytest.mark.django_db
HERE = "rantai.jobs.tests.test_worker"


def handler_ok(ctx):
    with transaction.atomic():
        ctx.save(done=1, total=1, checkpoint={"n": 1})
    return {"ok": True}


def handler_user_error(ctx):
    raise JobFailed("Berkas rusak.")


def handler_bug(ctx):
    raise ZeroDivisionError


def handler_stops(ctx):
    with transaction.atomic():
        ctx.save(done=1, total=3, checkpoint={"rows_done": 1})
    assert ctx.stop_requested()
    from rantai.jobs.worker import JobInterrupted

    raise JobInterrupted


@pytest.fixture(autouse=True)
def handlers(settings):
    settings.JOB_HANDLERS = {name: f"{HERE}.handler_{name}"
                             for name in ("ok", "user_error", "bug", "stops")}


def test_a_job_is_claimed_by_exactly_one_worker():
    job = job_enqueue(kind="ok", payload={})
    first = claim()
    assert first is not None and first[0].pk == job.pk and first[0].status == "running"
    assert claim() is None  # already taken, heartbeat fresh
    job.refresh_from_db()
    assert job.claim == first[1] and job.worker == worker_name() and job.attempts == 1


def test_a_stale_job_is_taken_over_and_the_old_worker_cannot_commit(settings):
    job = job_enqueue(kind="ok", payload={})
    old_job, old_token = claim()
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    new_job, new_token = claim()
    assert new_job.pk == job.pk and new_token != old_token and new_job.attempts == 2
    from rantai.jobs.worker import JobContext

    stalled = JobContext(old_job, old_token)
    organisations = Organisation.objects.count()
    with pytest.raises(JobLost), transaction.atomic():
        Organisation.objects.create(name="tulisan yang harus batal", kind="sme")
        stalled.save(done=5, checkpoint={"rows_done": 5})
    assert Organisation.objects.count() == organisations  # rolled back with the checkpoint
    job.refresh_from_db()
    assert job.progress_done == 0 and job.claim == new_token


def test_a_job_held_by_a_dead_local_process_is_claimable_at_once():
    job = job_enqueue(kind="ok", payload={})
    claim()
    host = worker_name().rsplit(":", 1)[0]
    Job.objects.filter(pk=job.pk).update(worker=f"{host}:999999999")  # no such pid
    assert claim()[0].pk == job.pk


def test_results_failures_and_graceful_stops():
    done = job_enqueue(kind="ok", payload={})
    user_error = job_enqueue(kind="user_error", payload={})
    bug = job_enqueue(kind="bug", payload={})
    assert run_pending() == 3
    for job in (done, user_error, bug):
        job.refresh_from_db()
    assert (done.status, done.result, done.progress_done, done.percent) == (
        "done", {"ok": True}, 1, 100)
    assert (user_error.status, user_error.error) == ("failed", "Berkas rusak.")
    assert bug.status == "failed" and "kesalahan tak terduga" in bug.error
    stops = job_enqueue(kind="stops", payload={})
    job = run_job(*claim(), should_stop=lambda: True)
    assert (job.pk, job.status, job.claim, job.checkpoint) == (
        stops.pk, "queued", "", {"rows_done": 1})


def test_run_worker_once_drains_the_queue():
    job = job_enqueue(kind="ok", payload={})
    err = io.StringIO()
    call_command("run_worker", "--once", stderr=err)
    job.refresh_from_db()
    assert job.status == "done" and f"#{job.pk} ok: done" in err.getvalue()


def test_progress_bar_on_a_log_prints_every_tenth():
    out = io.StringIO()
    bar = ProgressBar("impor", stream=out)
    for done in range(0, 1001, 50):
        bar.update(done, 1000)
    bar.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 11 and lines[-1].startswith("impor [" + "#" * 30 + "] 100% 1.000/1.000")
