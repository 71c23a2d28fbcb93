"""``python manage.py purge_jobs [--days N]``: delete finished jobs older than N days."""
from django.core.management.base import BaseCommand

from rantai.jobs.services import jobs_purge, keep_days


class Command(BaseCommand):
    help = "Delete finished background jobs (and their row issues and files) older than N days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help=f"keep jobs finished within this many days (default {keep_days()})")

    def handle(self, *args, **options):
        if options["days"] is not None and options["days"] < 0:
            self.stderr.write("--days must be 0 or more")
            raise SystemExit(2)
        removed = jobs_purge(older_than_days=options["days"])
        self.stdout.write(f"{removed} finished job(s) removed")
