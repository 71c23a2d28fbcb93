"""``python manage.py export_suppliers --format csv|xlsx --output FILE [--province 35]
[--kbli 10]``: every profile (drafts too, contacts included — an operator's export; NPWP
never), constant memory, with a progress bar on stderr."""
from pathlib import Path

from django.core.management.base import BaseCommand

from rantai.jobs.progress import ProgressBar
from rantai.suppliers import exports


class Command(BaseCommand):
    help = "Export supplier profiles to CSV or XLSX (NPWP is never exported)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx"], required=True)
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--province", default="", help="two-digit province code")
        parser.add_argument("--kbli", default="", help="KBLI code prefix")
        parser.add_argument("--rows-per-sheet", type=int, default=None,
                            help="XLSX: data rows per sheet (default 1,048,575)")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        profiles = exports.operator_profiles(province=options["province"], kbli=options["kbli"])
        total = profiles.count()
        bar = None if options["quiet"] else ProgressBar("ekspor", stream=self.stderr._out)
        header = exports.export_columns(private=True)
        rows = exports.export_rows(profiles, private=True)

        def counted(rows):
            for done, row in enumerate(rows, start=1):
                if bar and (done % 1000 == 0 or done == total):
                    bar.update(done, total)
                yield row

        if options["format"] == "csv":
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                for block in exports.csv_lines(header, counted(rows)):
                    out.write(block)
        else:
            exports.write_xlsx(header, counted(rows), options["output"],
                               per_sheet=options["rows_per_sheet"])
        if bar:
            bar.close()
        self.stdout.write(f"{total} profil → {options['output']}")
