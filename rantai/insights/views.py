"""The agency dashboard."""

from django.shortcuts import render

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import org_required

from .selectors import dashboard


@org_required(OrgKind.AGENCY)
def dashboard_page(request):
    """National figures (or the officer's province) with charts by province and sector."""
    data = dashboard(request.membership)
    provinces = [p for p in data.by_province if p["smes"] or p["orders"]]
    chart = {
        "provinces": [p["name"] for p in provinces],
        "smes": [p["smes"] for p in provinces],
        "order_value": [p["order_value"] for p in provinces],
        "sections": [f'{s["code"]} {s["title"][:28]}' for s in data.by_section],
        "section_smes": [s["smes"] for s in data.by_section],
        "section_needs": [s["needs"] for s in data.by_section],
    }
    return render(request, "insights/dashboard.html", {
        "data": data, "provinces": provinces, "chart": chart})
