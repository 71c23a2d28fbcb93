"""Reads over supplier profiles, always scoped to what the caller may see."""
from django.db.models import Q, QuerySet

from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency

from .choices import ProfileStatus
from .models import SupplierProfile


def profile_of(organisation_id: int) -> SupplierProfile | None:
    return (
        SupplierProfile.objects.select_related("regency__province")
        .prefetch_related("kbli", "products").filter(organisation_id=organisation_id).first()
    )


def profiles_visible(membership: Membership, *, query: str = "", province: str = "",
                     kbli: str = "") -> QuerySet[SupplierProfile]:
    """Published profiles, plus the caller's own draft; agency staff see drafts too."""
    profiles = SupplierProfile.objects.select_related("regency__province")
    if not is_agency(membership):
        profiles = profiles.filter(
            Q(status=ProfileStatus.PUBLISHED) | Q(organisation_id=membership.organisation_id)
        )
    if query:
        profiles = profiles.filter(
            Q(name__icontains=query) | Q(products__name__icontains=query)
            | Q(description__icontains=query)
        ).distinct()
    if province:
        profiles = profiles.filter(regency__province_id=province)
    if kbli:
        profiles = profiles.filter(kbli__code__startswith=kbli).distinct()
    return profiles.order_by("name", "id")
