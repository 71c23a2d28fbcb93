"""``python manage.py import_suppliers FILE [--agency-email E]``: import a CSV/XLSX now.

Runs the same job as the web upload, in this process, with a progress bar on stderr (no
upload size limit: the file is local and chosen by an operator). If an
earlier run of the same file (same SHA-256) was killed, it resumes that job from its last
committed chunk instead of starting again. Rejected rows are written to ``--errors``
(default ``<FILE>.kesalahan.csv``). Exit status 1 if the file could not be imported.
"""
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.jobs.choices import JobStatus
from rantai.jobs.models import Job
from rantai.jobs.progress import ProgressBar
from rantai.jobs.worker import claim, run_job
from rantai.suppliers.imports.report import error_report_lines
from rantai.suppliers.imports.runner import IMPORT_KIND
from rantai.suppliers.imports.selectors import import_counts
from rantai.suppliers.imports.services import file_sha256, import_enqueue


class Command(BaseCommand):
    help = "Import supplier profiles from a CSV or XLSX file (see docs/import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency-email", default="",
                            help="act as this agency officer (their province scope applies)")
        parser.add_argument("--errors", type=Path, default=None,
                            help="where to write rejected rows (default FILE.kesalahan.csv)")
        parser.add_argument("--language", default="id", choices=["id", "en"])
        parser.add_argument("--chunk-rows", type=int, default=None)
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        translation.activate(options["language"])
        membership = self._membership(options["agency_email"])
        claimed = self._resume(path, membership)
        if claimed is None:
            try:
                job = import_enqueue(membership=membership, source=path, filename=path.name,
                                     language=options["language"], via="cli",
                                     chunk_rows=options["chunk_rows"], size_limit=False)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            claimed = claim(job_id=job.pk)
            if claimed is None:  # a running worker took it first; it will do the work
                raise CommandError(f"import #{job.pk} was taken by a running worker")
        else:
            self.stderr.write(f"melanjutkan impor #{claimed[0].pk} dari baris data ke-"
                              f"{claimed[0].progress_done + 1}")
        bar = None if options["quiet"] else ProgressBar(f"impor #{claimed[0].pk}",
                                                        stream=self.stderr._out)
        job = run_job(*claimed, on_progress=bar.update if bar else None)
        if bar:
            bar.close()
        if job.status != JobStatus.DONE:
            raise CommandError(job.error or job.status)
        counts = import_counts(job)
        self.stdout.write(
            "total {total}: baru {imported}, diperbarui {updated}, tidak berubah {unchanged}, "
            "ditolak {rejected}".format(**counts))
        if counts["rejected"]:
            target = options["errors"] or path.with_name(path.name + ".kesalahan.csv")
            with open(target, "w", encoding="utf-8", newline="") as out:
                out.writelines(error_report_lines(job))
            self.stdout.write(f"laporan kesalahan: {target}")

    def _membership(self, email: str) -> Membership | None:
        if not email:
            return None
        membership = (Membership.objects.select_related("organisation", "user")
                      .filter(user__email=email.strip().lower(),
                              organisation__kind=OrgKind.AGENCY).first())
        if membership is None or not membership.organisation.is_approved:
            raise CommandError(f"{email}: not an officer of an approved agency")
        return membership

    def _resume(self, path: Path, membership: Membership | None):
        """The claimed unfinished import of this same file, if one was interrupted."""
        unfinished = Job.objects.filter(
            kind=IMPORT_KIND, payload__sha256=file_sha256(path),
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            organisation_id=membership.organisation_id if membership else None,
        ).order_by("-created_at").first()
        if unfinished is None:
            return None
        claimed = claim(job_id=unfinished.pk)
        if claimed is None:
            raise CommandError(f"import #{unfinished.pk} of this file is running elsewhere; "
                               "wait for it or stop that process")
        return claimed
