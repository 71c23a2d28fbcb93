"""Directory exports: queue a CSV or XLSX of the suppliers the caller may see (the
directory's filters), poll it, download the file. Only the person who asked sees an export."""
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Router, Schema, Status

from rantai.suppliers.export_jobs import access_export, export_enqueue, export_file

from ..auth import acting, membership_of
from ..schemas import LocalDateTime, responses

router = Router(tags=["exports"])


class ExportIn(Schema):
    format: str = "csv"  # csv | xlsx
    query: str = ""
    province: str = ""
    regency: str = ""
    kbli: str = ""
    scale: str = ""
    certificate: str = ""
    process: str = ""
    verified: bool = False


class ExportOut(Schema):
    id: int
    status: str  # queued | running | done | failed
    format: str
    progress_done: int
    progress_total: int | None
    percent: int
    rows: int | None
    error: str
    created_at: LocalDateTime
    finished_at: LocalDateTime | None
    file_url: str | None


def _out(job) -> dict:
    ready = export_file(job) is not None
    return {
        "id": job.pk, "status": job.status, "format": job.payload["format"],
        "progress_done": job.progress_done, "progress_total": job.progress_total,
        "percent": job.percent, "rows": job.result.get("rows"), "error": job.error,
        "created_at": job.created_at, "finished_at": job.finished_at,
        "file_url": reverse("api-v1:export_file", args=[job.pk]) if ready else None,
    }


@router.post("", response=responses(ExportOut, 201))
def create_export(request, payload: ExportIn):
    """Queue an export (the background worker writes it). Filters are the directory's; NPWP
    is never exported, contact details only for agency staff."""
    filters = {k: v for k, v in payload.dict().items() if k != "format" and v}
    job = export_enqueue(membership=acting(request), filters=filters,
                         file_format=payload.format, language=get_language())
    return Status(201, _out(job))


@router.get("/{int:job_id}", response=responses(ExportOut))
def get_export(request, job_id: int):
    """Progress; ``file_url`` once the file is ready."""
    return _out(access_export(membership_of(request), job_id))


@router.get("/{int:job_id}/file", url_name="export_file",
            openapi_extra={"responses": {200: {"description": "CSV or XLSX",
                                               "content": {"text/csv": {}}}}})
def get_export_file(request, job_id: int):
    """The exported file (404 until the job is done, or after it was purged)."""
    path = export_file(access_export(membership_of(request), job_id))
    if path is None:
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)  # noqa: SIM115
