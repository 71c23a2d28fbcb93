"""Directory exports as background jobs: any size, with progress, downloaded when ready.

The web page streams CSV directly but builds XLSX here (a workbook cannot be streamed), and
the API builds both here. The job re-runs the directory's query as the person who asked
(``profiles_visible`` with their membership and filters), so it exports exactly what they
may see; if they lose access meanwhile the job fails instead of exporting. The file lives in
the job's folder until the job is purged (``JOBS_KEEP_DAYS``).
"""
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency, require_membership
from rantai.core import clock
from rantai.jobs.models import Job
from rantai.jobs.services import job_enqueue, job_files_dir
from rantai.jobs.worker import JobContext, JobFailed

from . import exports
from .selectors import profiles_visible

EXPORT_KIND = "supplier.export"
FORMATS = ("csv", "xlsx")
PROGRESS_EVERY = 1000


def export_enqueue(*, membership: Membership, filters: dict, file_format: str,
                   language: str) -> Job:
    """Queue an export of the directory rows ``membership`` may see, narrowed by
    ``filters`` (keyword arguments of ``profiles_visible``), as ``file_format``."""
    require_membership(membership)
    if file_format not in FORMATS:
        raise ValidationError({"format": _("Pilih format csv atau xlsx.")})
    try:
        profiles_visible(membership, **filters)
    except TypeError as error:
        raise ValidationError({"filters": _("Saringan tidak dikenal.")}) from error
    return job_enqueue(kind=EXPORT_KIND, created_by=membership.user,
                       organisation=membership.organisation,
                       payload={"membership": membership.pk, "filters": filters,
                                "format": file_format, "language": language})


def access_export(membership: Membership | None, job_id: int) -> Job:
    """The export job ``job_id`` if ``membership``'s user started it for this organisation
    (an agency export holds private columns, so not even colleagues get it); else Http404."""
    require_membership(membership)
    job = Job.objects.filter(pk=job_id, kind=EXPORT_KIND, organisation_id=membership.organisation_id,
                             created_by_id=membership.user_id).first()
    if job is None:
        raise Http404
    return job


def exports_of(membership: Membership):
    """The caller's recent exports for this organisation, newest first."""
    return Job.objects.filter(kind=EXPORT_KIND, organisation_id=membership.organisation_id,
                              created_by_id=membership.user_id).order_by("-created_at", "-id")


def export_file(job: Job) -> Path | None:
    """The finished file of a done export job, or None (not done, or purged)."""
    name = job.result.get("filename")
    if job.status != "done" or not name:
        return None
    path = job_files_dir(job.pk) / name
    return path if path.exists() else None


def run_export(ctx: JobContext) -> dict:
    """The ``supplier.export`` handler: write the file, then finish with its name and size.

    Not resumable row by row: after a crash the rerun writes the file again from the start
    (an export changes nothing, so a rerun is harmless)."""
    payload = ctx.payload
    membership = (Membership.objects.select_related("organisation", "user")
                  .filter(pk=payload["membership"], user__is_active=True).first())
    try:
        require_membership(membership)
    except PermissionDenied as error:
        raise JobFailed(_("Akses Anda ke direktori sudah tidak berlaku; ekspor dibatalkan.")) from error
    private = is_agency(membership)
    profiles = profiles_visible(membership, **payload["filters"])
    total = profiles.count()
    ctx.save(done=0, total=total)
    stamp = timezone.localdate(clock.now()).strftime("%Y%m%d")
    name = f"pemasok-{stamp}.{payload['format']}"
    folder = job_files_dir(ctx.job.pk)
    partial = folder / f"{name}.part"
    header = exports.export_columns(private=private)
    rows = exports.export_rows(profiles, private=private)

    counted = _Counted(rows, lambda done: ctx.save(done=min(done, total)))
    if payload["format"] == "csv":
        with open(partial, "w", encoding="utf-8", newline="") as target:
            target.writelines(exports.csv_lines(header, counted))
    else:
        exports.write_xlsx(header, counted, partial)
    partial.replace(folder / name)
    with transaction.atomic():
        ctx.finish({"filename": name, "rows": counted.rows, "bytes": (folder / name).stat().st_size})
    return ctx.job.result


class _Counted:
    """Iterate ``rows``, counting them and reporting progress every PROGRESS_EVERY rows."""

    def __init__(self, rows, progress):
        self._rows, self._progress, self.rows = rows, progress, 0

    def __iter__(self):
        for row in self._rows:
            yield row
            self.rows += 1
            if self.rows % PROGRESS_EVERY == 0:
                self._progress(self.rows)
