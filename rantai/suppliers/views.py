"""Supplier pages: the SME's home, profile and its parts (products, capabilities,
certificates, size history), the directory, a profile page, verification and claims."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import org_required
from rantai.core import clock
from rantai.core.feedback import run_and_report
from rantai.core.forms import add_service_errors
from rantai.development.selectors import supplier_rating_summary
from rantai.matching.selectors import engine_language, opportunities_for
from rantai.sourcing.selectors import orders_visible
from rantai.taxonomy.models import Province

from . import services
from .forms import (
    CapabilityForm,
    CertificateForm,
    ClaimForm,
    DirectoryFilterForm,
    ProductForm,
    ProfileForm,
    VerificationForm,
)
from .models import Capability, Certificate, ClaimRequest, Product
from .permissions import access_profile, may_decide_for, may_publish, may_see_private
from .selectors import (
    claims_pending,
    profile_completeness,
    profile_of,
    profiles_visible,
    verification_queue,
)


def _own_profile_or_404(membership):
    profile = profile_of(membership.organisation_id)
    if profile is None:
        raise Http404
    return profile


@org_required(OrgKind.SME)
def home(request):
    """The SME's start page: profile state and checklist, its best opportunities (the top
    of *Peluang untuk Anda*: the same needs in the same order, invitations pinned first),
    orders."""
    profile = profile_of(request.membership.organisation_id)
    found = sorted(opportunities_for(request.membership, language=engine_language()),
                   key=lambda o: not o.invited)
    return render(request, "suppliers/home.html", {
        "profile": profile,
        "completeness": profile_completeness(profile) if profile else None,
        "opportunities": found[:HOME_OPPORTUNITIES], "opportunities_total": len(found),
        "orders": orders_visible(request.membership)[:10],
    })


HOME_OPPORTUNITIES = 5

_PROFILE_FIELDS = ("name", "legal_form", "nib", "regency_id", "description", "annual_sales",
                   "business_capital", "npwp", "address", "contact_name", "contact_phone",
                   "contact_email", "workforce")


def _initial(profile) -> dict:
    if profile is None:
        return {}
    initial = {f: getattr(profile, f) for f in _PROFILE_FIELDS}
    initial["regency_code"] = initial.pop("regency_id")
    initial["kbli_codes"] = ", ".join(k.code for k in profile.kbli.all())
    initial["products"] = "\n".join(p.name for p in profile.products.all())
    return initial


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
            return redirect("suppliers:manage")
    return render(request, "suppliers/profile_form.html", {"form": form, "profile": profile})


@require_POST
@org_required(OrgKind.SME)
def profile_unpublish(request):
    profile = profile_of(request.membership.organisation_id)
    if profile and profile.status == "published" and may_publish(request.membership):
        services.profile_set_published(profile=profile, by=request.membership, published=False)
        messages.info(request, _("Profil dikembalikan menjadi draf."))
    return redirect("suppliers:profile-edit")


@org_required(OrgKind.SME)
def manage(request):
    """The owner's workspace: checklist, products, capabilities, certificates, size history
    and verification, each with its own small form."""
    profile = profile_of(request.membership.organisation_id)
    if profile is None:
        return redirect("suppliers:profile-edit")
    products = list(profile.products.all())
    return render(request, "suppliers/manage.html", {
        "profile": profile, "completeness": profile_completeness(profile),
        "products": products, "capabilities": profile.capabilities.all(),
        "certificates": profile.certificates.prefetch_related("certificateproduct_set__product"),
        "size_records": profile.size_records.all()[:10],
        "capability_form": CapabilityForm(), "certificate_form": CertificateForm(products=products),
        "today": timezone.localdate(clock.now()),
    })


@org_required(OrgKind.SME)
def product_edit(request, product_id: int):
    product = get_object_or_404(Product, pk=product_id,
                                supplier__organisation_id=request.membership.organisation_id)
    fields = ("description", "unit", "price_min", "price_max", "minimum_order",
              "monthly_capacity", "lead_time_days")
    form = ProductForm(request.POST or None, request.FILES or None,
                       initial={f: getattr(product, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(by=request.membership, product=product, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Produk disimpan."))
            return redirect("suppliers:manage")
    return render(request, "suppliers/product_form.html", {"form": form, "product": product})


@require_POST
@org_required(OrgKind.SME)
def capability_add(request):
    profile = _own_profile_or_404(request.membership)
    form = CapabilityForm(request.POST)

    def add():
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        services.capability_add(by=request.membership, profile=profile, **form.cleaned_data)

    run_and_report(request, add, _("Kemampuan proses ditambahkan."))
    return redirect("suppliers:manage")


@require_POST
@org_required(OrgKind.SME)
def capability_remove(request, capability_id: int):
    capability = get_object_or_404(
        Capability, pk=capability_id, supplier__organisation_id=request.membership.organisation_id)
    services.capability_remove(by=request.membership, capability=capability)
    return redirect("suppliers:manage")


@require_POST
@org_required(OrgKind.SME)
def certificate_add(request):
    profile = _own_profile_or_404(request.membership)
    form = CertificateForm(request.POST, request.FILES, products=profile.products.all())

    def add():
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        data = form.cleaned_data
        services.certificate_add(
            by=request.membership, profile=profile, kind=data["kind"], number=data["number"],
            issuer=data["issuer"], valid_from=data["valid_from"], valid_until=data["valid_until"],
            document=data["document"], products=form.coverage())

    run_and_report(request, add, _("Sertifikat ditambahkan."))
    return redirect("suppliers:manage")


@require_POST
@org_required(OrgKind.SME)
def certificate_remove(request, certificate_id: int):
    certificate = get_object_or_404(
        Certificate, pk=certificate_id,
        supplier__organisation_id=request.membership.organisation_id)
    services.certificate_remove(by=request.membership, certificate=certificate)
    return redirect("suppliers:manage")


@require_POST
@org_required(OrgKind.SME)
def verification_request(request):
    profile = _own_profile_or_404(request.membership)
    run_and_report(
        request, lambda: services.verification_request(by=request.membership, profile=profile),
        _("Permintaan verifikasi dikirim ke petugas instansi."))
    return redirect("suppliers:manage")


@org_required()
def directory(request):
    """Suppliers buyers and agencies can search; HTMX gets only the table."""
    filters = DirectoryFilterForm(request.GET)
    page = Paginator(profiles_visible(request.membership, **filters.filters()), 25).get_page(
        request.GET.get("page"))
    template = "suppliers/_directory_table.html" if request.htmx else "suppliers/directory.html"
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, template, {
        "page": page, "f": filters, "querystring": query.urlencode(),
        "provinces": Province.objects.all(),
    })


@org_required()
def detail(request, profile_id: int):
    profile = access_profile(request.membership, profile_id, "view")
    private = may_see_private(request.membership, profile)
    own = profile.organisation_id == request.membership.organisation_id
    return render(request, "suppliers/detail.html", {
        "profile": profile, "kbli": profile.kbli.all(), "products": profile.products.all(),
        "capabilities": profile.capabilities.all(),
        "certificates": profile.certificates.prefetch_related("certificateproduct_set__product"),
        "rating": supplier_rating_summary(profile), "own": own, "private": private,
        "size_records": profile.size_records.all()[:10] if private else [],
        "verification_form": VerificationForm() if may_decide_for(request.membership, profile)
        else None,
        "today": timezone.localdate(clock.now()),
    })


@org_required(OrgKind.AGENCY)
def verification_list(request):
    return render(request, "suppliers/verification_list.html", {
        "profiles": verification_queue(request.membership)[:200],
        "claims": claims_pending(request.membership)[:200],
    })


@require_POST
@org_required(OrgKind.AGENCY)
def verification_decide(request, profile_id: int):
    profile = access_profile(request.membership, profile_id, "view")
    form = VerificationForm(request.POST)
    form.is_valid()
    try:
        verified = "verify" in request.POST
        services.verification_decide(by=request.membership, profile=profile, verified=verified,
                                     note=form.cleaned_data.get("note", ""))
        messages.success(request, (_("%(name)s terverifikasi.") if verified else
                                   _("%(name)s dikembalikan untuk diperbaiki.")) % {"name": profile.name})
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("suppliers:detail", profile.pk)
    return redirect("suppliers:verification")


@require_POST
@org_required(OrgKind.AGENCY)
def claim_decide(request, claim_id: int):
    claim = get_object_or_404(claims_pending(request.membership), pk=claim_id)
    run_and_report(request, lambda: services.claim_decide(
        by=request.membership, claim=claim, approve="approve" in request.POST,
        note=request.POST.get("note", "")), _("Keputusan klaim disimpan."))
    return redirect("suppliers:verification")


@login_required
def claim(request):
    """Anyone signed in may ask to take over an imported (unclaimed) profile by its NIB."""
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_request(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Klaim dikirim. Petugas instansi akan memeriksa bukti "
                                        "Anda; setelah disetujui, profil muncul di akun Anda."))
            return redirect("accounts:home")
    mine = ClaimRequest.objects.filter(user=request.user).select_related("supplier")
    return render(request, "suppliers/claim.html", {"form": form, "claims": mine})
