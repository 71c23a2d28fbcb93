"""Access to supplier profiles: the same 404 for missing and forbidden."""
from django.http import Http404

from rantai.accounts.choices import DECIDING_ROLES, OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency, require_membership

from .choices import ProfileStatus
from .models import SupplierProfile


def access_profile(membership: Membership | None, profile_id: int, action: str) -> SupplierProfile:
    """The profile if ``membership`` may ``view`` or ``change`` it, else Http404.

    View: a published profile by any approved organisation; a draft only by its own
    organisation or agency staff. Change: only its own organisation.
    """
    require_membership(membership)
    profile = (
        SupplierProfile.objects.select_related("regency__province", "organisation")
        .filter(pk=profile_id).first()
    )
    if profile is None:
        raise Http404
    own = profile.organisation_id == membership.organisation_id
    if action == "view" and (own or profile.status == ProfileStatus.PUBLISHED
                             or is_agency(membership)):
        return profile
    if action == "change" and own:
        return profile
    raise Http404


def may_publish(membership: Membership) -> bool:
    """An SME's owner or manager publishes its profile."""
    return (membership.organisation.kind == OrgKind.SME and membership.role in DECIDING_ROLES)


def may_see_private(membership: Membership | None, profile: SupplierProfile) -> bool:
    """NPWP and size figures: the SME itself and agency staff only."""
    return bool(membership) and (profile.organisation_id == membership.organisation_id
                                 or is_agency(membership))


def may_decide_for(membership: Membership | None, profile: SupplierProfile) -> bool:
    """Verification and claims: agency staff, a provincial officer only for SMEs in their
    province (the same scope as their queue)."""
    return (bool(membership) and is_agency(membership)
            and (not membership.province_id  # regency codes start with their province's: 35.73
                 or (profile.regency_id or "").partition(".")[0] == membership.province_id))
