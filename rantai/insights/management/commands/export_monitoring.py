"""``python manage.py export_monitoring --metric registered|verified|in_chain|orders|paid|
compliance|regional --format csv|xlsx --output FILE [--province 35] [--section C]
[--scale small] [--cluster energi] [--month 2026-05]``: the list behind a dashboard
figure, for an operator (no NPWP, contacts or addresses)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rantai.insights import exports, monitoring
from rantai.insights.figures import parse_filters
from rantai.suppliers.exports import csv_lines, write_xlsx


class Command(BaseCommand):
    help = "Export the list behind a monitoring figure to CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--metric", required=True,
                            choices=[*monitoring.METRICS, "compliance", "regional"])
        parser.add_argument("--format", choices=["csv", "xlsx"], required=True)
        parser.add_argument("--output", type=Path, required=True)
        for name in ("province", "section", "scale", "cluster", "month"):
            parser.add_argument(f"--{name}", default="")

    def handle(self, *args, **options):
        filters = parse_filters(options)
        metric = options["metric"]
        if metric in monitoring.SME_METRICS:
            header, rows = exports.SME_HEADER, exports.sme_rows(monitoring.smes(filters, metric))
        elif metric in monitoring.ORDER_METRICS:
            header, rows = exports.ORDER_HEADER, exports.order_rows(monitoring.orders(filters, metric))
        elif metric == "compliance":
            header, rows = exports.COMPLIANCE_HEADER, exports.compliance_rows(monitoring.compliance(filters))
        elif metric == "regional":
            header, rows = exports.REGIONAL_HEADER, exports.regional_rows(monitoring.regional_demand(filters))
        else:  # pragma: no cover - argparse refuses it first
            raise CommandError(metric)
        if options["format"] == "csv":
            count = 0

            def counted(rows):
                nonlocal count
                for row in rows:
                    count += 1
                    yield row

            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                for block in csv_lines(header, counted(rows)):
                    out.write(block)
        else:
            count = write_xlsx(header, rows, options["output"], title=metric)
        self.stdout.write(f"{count} baris → {options['output']}")
