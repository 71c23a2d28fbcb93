"""``python manage.py verify_audit``: exit 1 if the audit chain was tampered with."""
from django.core.management.base import BaseCommand, CommandError

from rantai.core.audit import verify_chain
from rantai.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash-chained audit log (edited, deleted or reordered entries)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head", metavar="HASH",
            help="the head hash recorded earlier (printed by this command); catches entries "
                 "deleted from the end, which the links alone cannot show")

    def handle(self, *args, **options):
        problems = verify_chain()
        if problems:
            for problem in problems[:50]:
                self.stderr.write(f"entry #{problem.seq}: {problem.reason}")
            raise CommandError(f"audit log FAILED verification: {len(problems)} problem(s)")
        head = AuditEntry.objects.order_by("-seq").values_list("hash", flat=True).first()
        expected = options["expect_head"]
        if expected and not AuditEntry.objects.filter(hash=expected).exists():
            raise CommandError("audit log FAILED: the expected head entry is missing "
                               "(entries were removed from the end)")
        self.stdout.write(f"audit log OK: {AuditEntry.objects.count()} entries verified; "
                          f"head {head}")
