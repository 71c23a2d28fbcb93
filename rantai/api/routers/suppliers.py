"""SME supplier profiles: the directory buyers search, and an SME's own profile."""
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from rantai.accounts.choices import OrgKind
from rantai.suppliers.permissions import access_profile, may_publish
from rantai.suppliers.selectors import profile_of, profiles_visible
from rantai.suppliers.services import profile_save, profile_set_published

from ..auth import acting, membership_of
from ..schemas import (
    OwnProfileOut,
    ProfileIn,
    PublishIn,
    SupplierOut,
    SupplierSummaryOut,
    responses,
)

router = Router(tags=["suppliers"])


@router.get("", response=responses(list[SupplierSummaryOut]))
@paginate(PageNumberPagination, page_size=20)
def list_suppliers(request, query: str = "", province: str = "", kbli: str = ""):
    """Published profiles (plus the caller's own draft; agencies see drafts too).

    ``province`` is a two-digit province code, ``kbli`` a KBLI code prefix.
    """
    return profiles_visible(acting(request), query=query, province=province, kbli=kbli)


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
