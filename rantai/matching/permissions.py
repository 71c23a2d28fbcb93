"""Who may see a match list: the buying organisation of the need, nobody else (the same
404 for a missing need and someone else's, SMEs included). SMEs see only their own
opportunities: the needs sourcing lets them see."""
from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.accounts.permissions import require_membership
from rantai.sourcing.models import Need
from rantai.sourcing.permissions import CHANGE, access_need


def access_match_list(membership: Membership | None, need_id: int) -> Need:
    """The need if ``membership`` belongs to its buyer (any status, drafts included: a
    buyer may look at the short list before publishing), else Http404."""
    return access_need(membership, need_id, CHANGE)


def require_sme(membership: Membership | None) -> Membership:
    """An approved SME membership (opportunities are an SME's page), else PermissionDenied."""
    return require_membership(membership, kinds=[OrgKind.SME])
