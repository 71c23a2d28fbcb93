"""``python manage.py demo_logins``: the demo logins, their password and what to try."""
from django.core.management.base import BaseCommand

from rantai.core.demo.logins import render
from rantai.core.demo.writer import demo_exists


class Command(BaseCommand):
    help = "Print the demo logins (role, email, password, what to try)."

    def handle(self, *args, **options):
        self.stdout.write(render())
        if not demo_exists():
            self.stdout.write("\n(the demo is not built yet: python manage.py seed_demo)")
