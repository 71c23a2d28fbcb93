"""Matching pages: the buyer's match list on a need (filters, reasons, near misses, one-click
invite) and the SME's "Peluang untuk Anda". One view serves the full page and the htmx
partial; permissions come from ``permissions.py``, invitations from sourcing's service."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import org_required
from rantai.sourcing.choices import NeedStatus

from .forms import CandidateFilterForm
from .permissions import access_match_list, require_sme
from .selectors import engine_language, match_list, opportunities_for, own_profile
from .services import invite_candidate

OPPORTUNITIES_PER_PAGE = 10


def _match_context(request, need) -> dict:
    form = CandidateFilterForm(request.GET or None)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "need": need, "form": form, "result": match_list(need, form.filters(), language=engine_language()),
        "can_invite": need.status == NeedStatus.PUBLISHED and need.quotes_sealed,
        "querystring": query.urlencode(),
    }


@org_required(OrgKind.BUYER)
def need_matches(request, need_id: int):
    """The match list: a partial for the need page's lazy load and the filter form, a full
    page otherwise (it works without JavaScript)."""
    need = access_match_list(request.membership, need_id)
    context = _match_context(request, need)
    template = "matching/_candidates.html" if request.htmx else "matching/need_matches.html"
    return render(request, template, context)


@require_POST
@org_required(OrgKind.BUYER)
def candidate_invite(request, need_id: int):
    """One click: invite one SME from the list (sourcing's ``invitations_create``)."""
    need = access_match_list(request.membership, need_id)
    # "invite" is the row's one-click button; "supplier" a single checkbox or API-like post
    supplier = request.POST.get("invite") or request.POST.get("supplier", "")
    try:
        if not supplier.isdigit():
            raise ValidationError({"supplier": _("Pilih UMKM yang akan diundang.")})
        created = invite_candidate(need=need, supplier_id=int(supplier), by=request.membership)
        notice, ok = (_("Undangan terkirim.") if created else _("UMKM ini sudah diundang.")), True
    except ValidationError as error:
        notice, ok = " ".join(error.messages), False
    if request.htmx:
        context = _match_context(request, need) | {"notice": notice, "notice_ok": ok}
        return render(request, "matching/_candidates.html", context)
    (messages.success if ok else messages.error)(request, notice)
    return redirect("sourcing:need-detail", need.pk)


@org_required(OrgKind.SME)
def opportunities(request):
    """Published needs ranked for this SME, with reasons; those it cannot quote for yet with
    the gaps to close."""
    membership = require_sme(request.membership)
    items = opportunities_for(membership, language=engine_language())
    page = Paginator(items, OPPORTUNITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "matching/opportunities.html", {
        "page": page, "profile": own_profile(membership), "total": len(items)})
