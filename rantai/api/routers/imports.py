"""Bulk supplier imports for agency integrations: upload a CSV/XLSX, poll the job, fetch the
rejected rows. Only the agency organisation that started an import sees it (404 for any
other). The rows are processed by the background worker (``manage.py run_worker``)."""
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from rantai.suppliers.imports.permissions import access_import
from rantai.suppliers.imports.report import error_report_lines, report_filename
from rantai.suppliers.imports.selectors import import_counts
from rantai.suppliers.imports.services import import_enqueue

from ..auth import acting, membership_of
from ..schemas import LocalDateTime, responses

router = Router(tags=["imports"])


class ImportCountsOut(Schema):
    total: int
    imported: int
    updated: int
    unchanged: int
    rejected: int


class ImportOut(Schema):
    id: int
    status: str  # queued | running | done | failed
    filename: str
    created_at: LocalDateTime
    finished_at: LocalDateTime | None
    progress_done: int
    progress_total: int | None
    percent: int
    counts: ImportCountsOut
    error: str
    errors_url: str


def _out(job) -> dict:
    return {
        "id": job.pk, "status": job.status, "filename": job.payload.get("filename", ""),
        "created_at": job.created_at, "finished_at": job.finished_at,
        "progress_done": job.progress_done, "progress_total": job.progress_total,
        "percent": job.percent, "counts": import_counts(job), "error": job.error,
        "errors_url": reverse("api-v1:import_errors", args=[job.pk]),
    }


@router.post("", response=responses(ImportOut, 201))
def create_import(request, file: File[UploadedFile]):
    """Queue an import of a CSV or XLSX file (multipart field ``file``); agencies only.

    The file is checked by content (type, size, zip bomb) before it is queued: a bad file
    answers 422 with ``errors.file``. Poll ``GET /imports/{id}`` for progress."""
    membership = acting(request)
    job = import_enqueue(membership=membership, source=file, filename=file.name or "",
                         language=get_language(), via="api")
    return Status(201, _out(job))


@router.get("/{int:job_id}", response=responses(ImportOut))
def get_import(request, job_id: int):
    """Progress and counts (total = imported + updated + unchanged + rejected)."""
    return _out(access_import(membership_of(request), job_id))


@router.get("/{int:job_id}/errors", url_name="import_errors",
            openapi_extra={"responses": {200: {"description": "CSV",
                                               "content": {"text/csv": {}}}}})
def get_import_errors(request, job_id: int):
    """The rejected rows as CSV: the uploaded columns plus ``baris``, ``kolom``, ``alasan``."""
    job = access_import(membership_of(request), job_id)
    response = StreamingHttpResponse((line.encode("utf-8") for line in error_report_lines(job)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(job)}"'
    return response
