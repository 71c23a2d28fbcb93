"""``python manage.py seed_development_demo``: mentoring programmes, feedback and plans for
the demo (after ``seed_demo``; running it again adds nothing)."""
from django.core.management.base import BaseCommand

from rantai.development.demo import seed


class Command(BaseCommand):
    help = "Add development programmes, feedback and plans to the demo (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(str(seed()))
