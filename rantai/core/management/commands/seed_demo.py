"""``python manage.py seed_demo``: build the demo once (idempotent, deterministic).

Every demo user's password is ``rantai-demo``; see ``python manage.py demo_logins``.
Demo data only: never run this against a production database.
"""
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from rantai.core.demo import DEFAULT_SMES, DEMO_PASSWORD
from rantai.core.demo.forums import ForumWriter
from rantai.core.demo.generate import build_plan
from rantai.core.demo.organisations import ADMIN_EMAIL
from rantai.core.demo.summary import summary
from rantai.core.demo.writer import anchor_for, demo_exists
from rantai.development.demo import seed as seed_development
from rantai.jobs.worker import run_pending
from rantai.taxonomy.models import Kbli, Regency


class Command(BaseCommand):
    help = (f"Build the demo data (SMEs, BUMN buyers, agencies and a replayed year of "
            f"procurement) unless it exists. Demo password: {DEMO_PASSWORD!r}.")

    def add_arguments(self, parser):
        parser.add_argument("--smes", type=int, default=DEFAULT_SMES,
                            help=f"how many SMEs to create (default {DEFAULT_SMES})")

    def handle(self, *args, smes: int, **options):
        if demo_exists():
            self.stdout.write(f"demo already present ({ADMIN_EMAIL} exists): nothing to do")
            return
        if not (Regency.objects.exists() and Kbli.objects.exists()):
            raise CommandError("reference data missing: run `python manage.py load_reference`")
        started = time.monotonic()
        plan = build_plan(smes=smes)
        # Demo addresses are fictitious: the replayed invitations and awards must not be
        # mailed, whatever EMAIL_BACKEND is configured.
        with (override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
              translation.override(settings.LANGUAGE_CODE)):
            with transaction.atomic():
                ForumWriter(plan, anchor_for(timezone.now())).run()  # the Writer, with forums
                seed_development()  # programmes, feedback and development plans
            # The matching alerts the replayed publications queued on commit: run them here,
            # so they become in-app notifications and are never mailed by the worker.
            run_pending(kinds=["matching.need_alerts"])
        counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in summary().items())
        self.stdout.write(f"demo built in {time.monotonic() - started:.1f} s: {counts}")
        self.stdout.write("logins: python manage.py demo_logins "
                          f"(password for every demo user: {DEMO_PASSWORD!r})")
