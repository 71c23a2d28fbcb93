"""Figures for agency officers."""
from ninja import Router

from rantai.accounts.choices import OrgKind
from rantai.insights.selectors import dashboard as dashboard_figures

from ..auth import acting
from ..schemas import DashboardOut, responses

router = Router(tags=["insights"])


@router.get("/dashboard", response=responses(DashboardOut))
def dashboard(request):
    """National figures, or one province's for an officer scoped to it (agencies only)."""
    return dashboard_figures(acting(request, kinds=[OrgKind.AGENCY]))
