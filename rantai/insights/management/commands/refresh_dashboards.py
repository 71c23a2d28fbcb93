"""``python manage.py refresh_dashboards [--every SECONDS] [--full-every SECONDS]``:
rebuild the monitoring figures once (everything), or keep them fresh: every N seconds the
months whose orders changed since the last refresh recorded in the database, and
everything every ``--full-every`` seconds (a safety net; daily by default — at 10 million
orders on PostgreSQL a full rebuild takes ~100 s, a changed-months pass ~9 s). Run it
beside the web processes at scale, with ``INSIGHTS_REFRESH_ON_READ = False``."""
import time

from django.core.management.base import BaseCommand

from rantai.insights.figures import ORDER_FIGURES, refresh_changed_figures, refresh_order_figures
from rantai.insights.models import FigureState


class Command(BaseCommand):
    help = "Rebuild the monitoring dashboards' pre-aggregated figures."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0,
                            help="repeat every N seconds until stopped (0: once, in full)")
        parser.add_argument("--full-every", type=float, default=86400,
                            help="in the loop, rebuild everything this often (seconds)")

    def handle(self, *args, **options):
        if not options["every"]:
            self._report(refresh_order_figures, "semua")
            return
        next_full = time.monotonic()  # a full pass first unless figures already exist
        if FigureState.objects.filter(name=ORDER_FIGURES).exists():
            next_full += options["full_every"]
        while True:
            started = time.monotonic()
            if started >= next_full:
                self._report(refresh_order_figures, "semua")
                next_full = started + options["full_every"]
            else:
                since = FigureState.objects.get(name=ORDER_FIGURES).refreshed_at
                self._report(lambda since=since: refresh_changed_figures(since), "bulan berubah")
            time.sleep(max(0.0, options["every"] - (time.monotonic() - started)))

    def _report(self, refresh, kind: str) -> None:
        started = time.monotonic()
        rows = refresh()
        self.stdout.write(f"{rows} baris angka ({kind}) dalam {time.monotonic() - started:.1f} s")
