"""``python manage.py verify_audit``: exit 1 if the audit chain was tampered with."""
from django.core.management.base import BaseCommand, CommandError

from rantai.core.audit import verify_chain
from rantai.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash-chained audit log (edited, deleted or reordered entries)."

    def handle(self, *args, **options):
        problems = verify_chain()
        if problems:
            for problem in problems[:50]:
                self.stderr.write(f"entry #{problem.seq}: {problem.reason}")
            raise CommandError(f"audit log FAILED verification: {len(problems)} problem(s)")
        self.stdout.write(f"audit log OK: {AuditEntry.objects.count()} entries verified")
