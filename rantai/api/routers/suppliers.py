"""SME supplier profiles: the directory buyers search, and an SME's own profile."""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from rantai.accounts.choices import OrgKind
from rantai.suppliers import services
from rantai.suppliers.models import Capability, Certificate, Product
from rantai.suppliers.permissions import access_profile, may_publish, may_see_private
from rantai.suppliers.selectors import profile_of, profiles_visible
from rantai.suppliers.services import profile_save, profile_set_published

from ..auth import acting, membership_of
from ..schemas import (
    CapabilityIn,
    CapabilityOut,
    CertificateIn,
    CertificateOut,
    OwnProfileOut,
    PrivateSupplierOut,
    ProductIn,
    ProductOut,
    ProfileIn,
    PublishIn,
    SupplierOut,
    SupplierSummaryOut,
    VerificationIn,
    responses,
)

router = Router(tags=["suppliers"])


@router.get("", response=responses(list[SupplierSummaryOut]))
@paginate(PageNumberPagination, page_size=20)
def list_suppliers(request, query: str = "", province: str = "", kbli: str = "",
                   regency: str = "", scale: str = "", certificate: str = "", process: str = "",
                   verified: bool = False):
    """Published profiles (plus the caller's own draft; agencies see drafts too).

    ``query``: every word must appear in the name, products, capabilities or description;
    ``province`` a two-digit province code, ``regency`` a ``xx.xx`` code, ``kbli`` a KBLI
    code prefix, ``scale`` micro/small/medium/large, ``certificate`` a certificate kind
    valid today (sni, halal, iso9001, tkdn_ik, bpom, pirt), ``process`` a process
    capability (casting, machining, …), ``verified`` only agency-verified profiles.
    """
    return profiles_visible(acting(request), query=query, province=province, kbli=kbli,
                            regency=regency, scale=scale, certificate=certificate,
                            process=process, verified=verified)


def _own_profile(membership):
    profile = profile_of(membership.organisation_id)
    if profile is None:
        raise Http404
    return profile


@router.get("/me", response=responses(OwnProfileOut))
def my_profile(request):
    """The calling SME's own profile, draft or published; 404 before it is first saved."""
    return _own_profile(acting(request, kinds=[OrgKind.SME]))


@router.put("/me", response=responses(OwnProfileOut))
def save_my_profile(request, payload: ProfileIn):
    """Create or replace the calling SME's profile; its status is kept."""
    membership = acting(request, kinds=[OrgKind.SME])
    profile_save(by=membership, **payload.model_dump())
    return _own_profile(membership)


@router.post("/me/publish", response=responses(OwnProfileOut))
def publish_my_profile(request, payload: PublishIn):
    """List the profile for buyers (``published: true``) or take it back to draft.

    The SME's owner or manager only.
    """
    membership = acting(request, kinds=[OrgKind.SME])
    if not may_publish(membership):
        raise PermissionDenied
    profile = _own_profile(membership)
    profile_set_published(profile=profile, by=membership, published=payload.published)
    return _own_profile(membership)


@router.get("/{int:profile_id}", response=responses(SupplierOut))
def get_supplier(request, profile_id: int):
    """One profile: a published one for any approved organisation, a draft only for its
    own organisation and agencies. 404 for missing and forbidden alike."""
    return access_profile(membership_of(request), profile_id, "view")


@router.get("/{int:profile_id}/private", response=responses(PrivateSupplierOut))
def get_supplier_private(request, profile_id: int):
    """NPWP, contact and size data: for the SME itself and agency staff only (404 for
    everyone else, as for a missing profile)."""
    membership = membership_of(request)
    profile = access_profile(membership, profile_id, "view")
    if not may_see_private(membership, profile):
        raise Http404
    return profile


@router.put("/me/products/{int:product_id}", response=responses(ProductOut))
def update_my_product(request, product_id: int, payload: ProductIn):
    """Fill in one of the SME's own products (capacity, prices, minimum order, lead time)."""
    membership = acting(request, kinds=[OrgKind.SME])
    product = get_object_or_404(Product, pk=product_id,
                                supplier__organisation_id=membership.organisation_id)
    return services.product_update(by=membership, product=product, **payload.model_dump())


@router.post("/me/capabilities", response=responses(CapabilityOut, 201))
def add_my_capability(request, payload: CapabilityIn):
    """Add a process capability (``process`` one of the documented codes)."""
    membership = acting(request, kinds=[OrgKind.SME])
    return 201, services.capability_add(by=membership, profile=_own_profile(membership),
                                        **payload.model_dump())


@router.delete("/me/capabilities/{int:capability_id}", response=responses(None, 204))
def remove_my_capability(request, capability_id: int):
    membership = acting(request, kinds=[OrgKind.SME])
    capability = get_object_or_404(
        Capability, pk=capability_id, supplier__organisation_id=membership.organisation_id)
    services.capability_remove(by=membership, capability=capability)
    return 204, None


@router.post("/me/certificates", response=responses(CertificateOut, 201))
def add_my_certificate(request, payload: CertificateIn):
    """Record a certificate and the products it covers (TKDN % per product). Upload the
    document on the page; the API records the data."""
    membership = acting(request, kinds=[OrgKind.SME])
    data = payload.model_dump()
    covers = {c["product_id"]: c["tkdn_percent"] for c in data.pop("covers")}
    return 201, services.certificate_add(by=membership, profile=_own_profile(membership),
                                         products=covers, **data)


@router.delete("/me/certificates/{int:certificate_id}", response=responses(None, 204))
def remove_my_certificate(request, certificate_id: int):
    membership = acting(request, kinds=[OrgKind.SME])
    certificate = get_object_or_404(
        Certificate, pk=certificate_id, supplier__organisation_id=membership.organisation_id)
    services.certificate_remove(by=membership, certificate=certificate)
    return 204, None


@router.post("/me/verification-request", response=responses(OwnProfileOut))
def request_verification(request):
    """Ask agency staff to verify the profile."""
    membership = acting(request, kinds=[OrgKind.SME])
    services.verification_request(by=membership, profile=_own_profile(membership))
    return _own_profile(membership)


@router.post("/{int:profile_id}/verification", response=responses(SupplierOut))
def decide_verification(request, profile_id: int, payload: VerificationIn):
    """Agency staff: verify a pending profile, or send it back with a note."""
    membership = acting(request, kinds=[OrgKind.AGENCY])
    profile = access_profile(membership, profile_id, "view")
    services.verification_decide(by=membership, profile=profile, verified=payload.verified,
                                 note=payload.note)
    return profile
