"""``python manage.py export_ocds --output FILE.json [--since YYYY-MM-DD] [--base-url URL]
[--no-validate]``: the OCDS 1.1 release package of every published need (or those changed
since a day), written release by release, then checked against the official schema."""
import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rantai.opendata import ocds
from rantai.opendata.validate import package_errors


class Command(BaseCommand):
    help = "Export needs, awards, contracts and payments as an OCDS 1.1 release package."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, required=True)
        parser.add_argument("--since", type=date.fromisoformat, default=None,
                            help="only processes with a change on or after this day (YYYY-MM-DD)")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000/",
                            help="the site's public address, used in the package URIs")
        parser.add_argument("--no-validate", action="store_true",
                            help="skip the schema check (very large exports)")

    def handle(self, *args, **options):
        with open(options["output"], "w", encoding="utf-8") as out:
            for chunk in ocds.iter_package_json(base_url=options["base_url"], since=options["since"]):
                out.write(chunk)
        with open(options["output"], encoding="utf-8") as written:
            package = json.load(written)
        count = len(package["releases"])
        if not options["no_validate"]:
            errors = package_errors(package)
            if count and errors:
                raise CommandError("OCDS schema errors:\n" + "\n".join(errors))
        self.stdout.write(f"{count} rilis → {options['output']}")
        if not count:
            self.stderr.write("Tidak ada rilis: paket OCDS kosong (skema meminta minimal satu rilis).")
