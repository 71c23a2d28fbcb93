"""``python manage.py load_reference``: load KBLI 2020 and Kemendagri regions (idempotent)."""
from django.core.management.base import BaseCommand

from rantai.taxonomy.loaders import load_kbli, load_regions


class Command(BaseCommand):
    help = "Load the reference data shipped in rantai/taxonomy/data (safe to run again)."

    def handle(self, *args, **options):
        provinces, regencies = load_regions()
        kbli = load_kbli()
        self.stdout.write(
            f"reference data: {provinces} provinces, {regencies} regencies, {kbli} KBLI codes"
        )
