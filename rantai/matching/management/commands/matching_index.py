"""``python manage.py matching_index [--rebuild] [--check] [--prune]``: the operator's
handle on the per-process matching index.

* ``--check`` (default): build an index here, compare it with the database, print its size
  and build time (a health check; web processes keep their own indexes);
* ``--rebuild``: ask every running process to rebuild its index before its next search
  (after a change of engine weights or vocabulary, or a restore from backup);
* ``--prune``: delete change-log entries older than a week.
"""
import json
import resource
import time

from django.core.management.base import BaseCommand

from rantai.suppliers.models import SupplierProfile

from ...documents import indexable_q
from ...live import LiveIndex, prune_changes, request_rebuild


class Command(BaseCommand):
    help = "Check, rebuild (in every process) or prune the matching index."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true",
                            help="ask every running process to rebuild before its next search")
        parser.add_argument("--check", action="store_true", help="build here and compare (default)")
        parser.add_argument("--prune", action="store_true", help="delete old change-log entries")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        out: dict = {}
        if options["rebuild"]:
            request_rebuild()
            out["rebuild_requested"] = True
        if options["prune"]:
            out["pruned"] = prune_changes()
        if options["check"] or not (options["rebuild"] or options["prune"]):
            index = LiveIndex()
            started = time.perf_counter()
            size = index.rebuild()
            expected = SupplierProfile.objects.filter(indexable_q()).count()
            out.update({"profiles": size, "expected": expected, "in_step": size == expected,
                        "open_needs": len(index.open_needs()),
                        "build_s": round(time.perf_counter() - started, 3),
                        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)})
        if options["json"]:
            self.stdout.write(json.dumps(out))
            return
        for key, value in out.items():
            self.stdout.write(f"{key}: {value}")
