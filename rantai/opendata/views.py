"""The open-data page and the OCDS download. Open data is public by design: no sign-in,
and the builder publishes only what may be public (see ``ocds.py``)."""
from datetime import date
from pathlib import Path

from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import ocds

EXTENSION_DIR = Path(__file__).resolve().parent / "extension"


def _since(request) -> tuple[date | None, str]:
    raw = request.GET.get("since", "").strip()
    if not raw:
        return None, ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return None, _("Tanggal 'sejak' harus berformat TTTT-BB-HH, mis. 2026-01-31.")


def opendata_page(request):
    """What is published, how, and the download form."""
    since, error = _since(request)
    count = ocds.needs_for_export(since=since).count()
    return render(request, "opendata/index.html", {
        "count": count, "since": request.GET.get("since", ""), "error": error,
        "prefix": ocds.ocid_prefix()})


def ocds_download(request):
    """The release package (``?since=YYYY-MM-DD`` for what changed since a day), streamed."""
    since, error = _since(request)
    if error:
        response = render(request, "opendata/index.html", {"error": error, "count": 0,
                                                           "prefix": ocds.ocid_prefix()})
        response.status_code = 400
        return response
    chunks = ocds.iter_package_json(base_url=request.build_absolute_uri("/"), since=since)
    response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    name = f"rantai-ocds-{since.isoformat()}.json" if since else "rantai-ocds.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def extension_file(request, name: str):
    """The Indonesian extension's ``extension.json`` and ``release-schema.json``."""
    return FileResponse(open(EXTENSION_DIR / name, "rb"), content_type="application/json")
