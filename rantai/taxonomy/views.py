"""Searchable pickers: HTMX endpoints that return <option> lists for a datalist."""
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import kbli_search, regency_search


@require_GET
def kbli_options(request):
    """Public reference data: options for the KBLI picker (``?q=`` code or words)."""
    return render(request, "taxonomy/options.html", {
        "options": [(k.code, f"{k.code} — {k.title}") for k in kbli_search(request.GET.get("q", ""))]
    })


@require_GET
def regency_options(request):
    """Public reference data: options for the regency picker."""
    return render(request, "taxonomy/options.html", {
        "options": [(r.code, f"{r.code} — {r} ") for r in regency_search(request.GET.get("q", ""))]
    })
