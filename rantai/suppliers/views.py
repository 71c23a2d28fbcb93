"""Supplier pages: the SME's home and profile, the directory and a profile page."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import org_required
from rantai.core.forms import add_service_errors
from rantai.development.selectors import supplier_rating_summary
from rantai.sourcing.selectors import needs_visible, orders_visible
from rantai.taxonomy.models import Province

from . import services
from .forms import ProfileForm
from .permissions import access_profile, may_publish
from .selectors import profile_of, profiles_visible


@org_required(OrgKind.SME)
def home(request):
    """The SME's start page: profile state, needs it may quote on, its orders."""
    profile = profile_of(request.membership.organisation_id)
    return render(request, "suppliers/home.html", {
        "profile": profile,
        "needs": needs_visible(request.membership)[:10],
        "orders": orders_visible(request.membership)[:10],
    })


def _initial(profile) -> dict:
    if profile is None:
        return {}
    return {
        "name": profile.name, "legal_form": profile.legal_form, "nib": profile.nib,
        "kbli_codes": ", ".join(k.code for k in profile.kbli.all()),
        "regency_code": profile.regency_id,
        "products": "\n".join(p.name for p in profile.products.all()),
        "description": profile.description, "annual_sales": profile.annual_sales,
        "business_capital": profile.business_capital,
    }


@org_required(OrgKind.SME)
def profile_edit(request):
    """Create or edit the SME's own profile; 'save and publish' lists it for buyers."""
    membership = request.membership
    profile = profile_of(membership.organisation_id)
    form = ProfileForm(request.POST or None, initial=_initial(profile))
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_save(by=membership, **form.cleaned_data)
            if "publish" in request.POST and profile.status == "draft" and may_publish(membership):
                services.profile_set_published(profile=profile, by=membership, published=True)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Profil usaha disimpan."))
            return redirect("suppliers:detail", profile.pk)
    return render(request, "suppliers/profile_form.html", {"form": form, "profile": profile})


@require_POST
@org_required(OrgKind.SME)
def profile_unpublish(request):
    profile = profile_of(request.membership.organisation_id)
    if profile and profile.status == "published" and may_publish(request.membership):
        services.profile_set_published(profile=profile, by=request.membership, published=False)
        messages.info(request, _("Profil dikembalikan menjadi draf."))
    return redirect("suppliers:profile-edit")


@org_required()
def directory(request):
    """Published SMEs (search by words, province, KBLI prefix); HTMX gets only the table."""
    query, province, kbli = (request.GET.get(k, "").strip() for k in ("q", "province", "kbli"))
    page = Paginator(profiles_visible(request.membership, query=query, province=province,
                                      kbli=kbli), 25).get_page(request.GET.get("page"))
    template = "suppliers/_directory_table.html" if request.htmx else "suppliers/directory.html"
    return render(request, template, {
        "page": page, "q": query, "province": province, "kbli": kbli,
        "provinces": Province.objects.all(),
    })


@org_required()
def detail(request, profile_id: int):
    profile = access_profile(request.membership, profile_id, "view")
    return render(request, "suppliers/detail.html", {
        "profile": profile,
        "kbli": profile.kbli.all(),
        "products": profile.products.all(),
        "rating": supplier_rating_summary(profile),
        "own": profile.organisation_id == request.membership.organisation_id,
    })
