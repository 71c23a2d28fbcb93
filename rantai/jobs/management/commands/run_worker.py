"""``python manage.py run_worker [--once]``: run queued background jobs.

Without ``--once`` it polls the queue until stopped (Ctrl+C / SIGTERM finish the current
chunk and hand the job back to the queue). With ``--once`` it runs what is claimable now and
exits — handy for cron and for resuming a job after a crash. Once an hour (and at start) it
removes jobs finished more than ``JOBS_KEEP_DAYS`` ago (``jobs_purge``).
"""
import signal
import time

from django.core.management.base import BaseCommand

from rantai.jobs.progress import ProgressBar
from rantai.jobs.services import jobs_purge
from rantai.jobs.worker import claim, run_job

PURGE_EVERY_S = 3600


class Command(BaseCommand):
    help = "Run queued background jobs (imports, …); --once exits when the queue is empty."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true",
                            help="run the jobs claimable now, then exit")
        parser.add_argument("--poll", type=float, default=1.0,
                            help="seconds between queue polls (default 1)")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        stopping = {"yes": False}

        def stop(signum, frame):
            stopping["yes"] = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        purged_at = None
        while not stopping["yes"]:
            if purged_at is None or time.monotonic() - purged_at > PURGE_EVERY_S:
                jobs_purge()
                purged_at = time.monotonic()
            claimed = claim()
            if claimed is None:
                if options["once"]:
                    break
                time.sleep(options["poll"])
                continue
            job, token = claimed
            bar = None if options["quiet"] else ProgressBar(f"#{job.pk} {job.kind}",
                                                            stream=self.stderr._out)
            job = run_job(job, token, on_progress=bar.update if bar else None,
                          should_stop=lambda: stopping["yes"])
            if bar:
                bar.close()
            self.stderr.write(f"#{job.pk} {job.kind}: {job.status}"
                              + (f" — {job.error}" if job.error else ""))
