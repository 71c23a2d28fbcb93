"""Print or save the compliance ledger (per buyer: UMKM share against 40%, TKDN,
reservation overrides and breaches) joined with days from BAST to payment."""
import csv
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from rantai.sourcing.selectors import compliance_ledger, payment_days

COLUMNS = ["buyer_id", "buyer_name", "buyer_kind", "holding_name", "awarded_value", "umk_value",
           "umk_share", "micro_small_value", "micro_small_share", "meets_target", "paid_value",
           "micro_small_paid_value", "micro_small_paid_share",
           "tkdn_weighted", "overrides", "breaches", "days_median", "days_p90", "bast_paid",
           "bast_unpaid_overdue"]


class Command(BaseCommand):
    help = "Compliance ledger and days-to-pay per buyer, as CSV or JSON."

    def add_arguments(self, parser):
        parser.add_argument("--province", help="province code, e.g. 35 (needs delivered there)")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="file to write (default: stdout)")

    def handle(self, *args, **options):
        rows = compliance_ledger(province=options["province"])
        days = payment_days(buyer_ids=[r["buyer_id"] for r in rows])
        for row in rows:
            figures = days.get(row["buyer_id"], {})
            row.update(days_median=figures.get("median"), days_p90=figures.get("p90"),
                       bast_paid=figures.get("paid", 0),
                       bast_unpaid_overdue=figures.get("unpaid_overdue", 0))
        out = options["output"].open("w", newline="", encoding="utf-8") if options["output"] \
            else sys.stdout
        try:
            if options["format"] == "json":
                json.dump(rows, out, ensure_ascii=False, indent=1, default=str)
                out.write("\n")
            else:
                writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)
        finally:
            if options["output"]:
                out.close()
