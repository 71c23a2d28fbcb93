"""Pages for bulk import (agency staff) and export (any approved organisation).

Import: upload → the file is checked and stored, a job is queued (the worker runs it) →
the job page polls a progress partial every second until the job is done, then shows the
counts and the error report link. Export: the directory's filters, as CSV (streamed) or
XLSX (built by a background job with progress, then downloaded; see ``export_jobs``).
"""
import inspect

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import is_agency, org_required
from rantai.core.forms import add_service_errors
from rantai.taxonomy.models import Province

from . import exports
from .export_jobs import access_export, export_enqueue, export_file, exports_of
from .imports import conf
from .imports import messages as msg
from .imports.forms import UploadForm
from .imports.permissions import access_import
from .imports.report import error_report_lines, report_filename
from .imports.selectors import import_counts, imports_of
from .imports.services import import_enqueue
from .imports.templates import template_csv as build_template_csv
from .imports.templates import template_xlsx as build_template_xlsx
from .selectors import profiles_visible

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_http_methods(["GET", "POST"])
@org_required(OrgKind.AGENCY)
def import_home(request):
    """The upload form and the organisation's recent imports."""
    form = UploadForm()
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > conf.max_upload_bytes() + 1024 * 1024:
            # Refuse before Django reads (and spools) the whole body.
            form.add_error("file", msg.TOO_LARGE % {"max": filesizeformat(conf.max_upload_bytes())})
        else:
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    job = import_enqueue(membership=request.membership, source=upload,
                                         filename=upload.name, language=get_language(),
                                         via="web")
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    return redirect("supplier-imports:detail", job.pk)
    return render(request, "suppliers/imports/home.html", {
        "form": form, "jobs": imports_of(request.membership)[:20],
        "max_size": filesizeformat(conf.max_upload_bytes()),
    })


@org_required(OrgKind.AGENCY)
def import_detail(request, job_id: int):
    """One import: progress while it runs (htmx polls the partial), then the counts."""
    job = access_import(request.membership, job_id)
    context = {"job": job, "counts": import_counts(job)}
    if request.htmx:
        return render(request, "suppliers/imports/_progress.html", context)
    return render(request, "suppliers/imports/detail.html", context)


@org_required(OrgKind.AGENCY)
def import_errors(request, job_id: int):
    """The rejected rows as CSV (see ``imports.report``)."""
    job = access_import(request.membership, job_id)
    response = StreamingHttpResponse((line.encode("utf-8") for line in error_report_lines(job)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(job)}"'
    return response


@org_required()
def template_csv(request):
    response = HttpResponse(build_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="templat-pemasok.csv"'
    return response


@org_required()
def template_xlsx(request):
    response = HttpResponse(build_template_xlsx(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="templat-pemasok.xlsx"'
    return response


def _directory_filters(request) -> dict:
    """The directory's filters from the query string, passed to ``profiles_visible`` by
    name (``q`` is its ``query``; text and yes/no filters), so filters added there later
    work here unchanged."""
    filters: dict = {}
    for name, parameter in inspect.signature(profiles_visible).parameters.items():
        value = request.GET.get("q" if name == "query" else name, "").strip()
        if parameter.kind is not parameter.KEYWORD_ONLY or not value:
            continue
        if isinstance(parameter.default, bool):
            filters[name] = value.lower() in ("1", "true", "on", "ya")
        elif isinstance(parameter.default, str):
            filters[name] = value
    return filters


@org_required()
def export(request):
    """Without ``format``: the export form and the caller's recent exports. ``format=csv``
    streams CSV at once; ``format=xlsx`` queues a job and shows its progress page. Any
    approved organisation, over what it may see in the directory."""
    kind = request.GET.get("format", "")
    filters = _directory_filters(request)
    if kind == "xlsx":
        job = export_enqueue(membership=request.membership, filters=filters, file_format="xlsx",
                             language=get_language())
        return redirect("supplier-imports:export-detail", job.pk)
    if kind != "csv":
        return render(request, "suppliers/imports/export.html", {
            "filters": filters, "q": filters.get("query", ""),
            "provinces": Province.objects.all(), "jobs": exports_of(request.membership)[:10],
        })
    private = is_agency(request.membership)
    profiles = profiles_visible(request.membership, **filters)
    header = exports.export_columns(private=private)
    rows = exports.export_rows(profiles, private=private)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response = StreamingHttpResponse(
        (block.encode("utf-8") for block in exports.csv_lines(header, rows)),
        content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pemasok-{stamp}.csv"'
    return response


@org_required()
def export_detail(request, job_id: int):
    """An export's progress (htmx polls the partial), then its download button."""
    job = access_export(request.membership, job_id)
    context = {"job": job, "ready": export_file(job) is not None}
    if request.htmx:
        return render(request, "suppliers/imports/_export_progress.html", context)
    return render(request, "suppliers/imports/export_detail.html", context)


@org_required()
def export_download(request, job_id: int):
    path = export_file(access_export(request.membership, job_id))
    if path is None:
        raise Http404
    content_type = XLSX_TYPE if path.suffix == ".xlsx" else "text/csv; charset=utf-8"
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name,  # noqa: SIM115
                        content_type=content_type)
