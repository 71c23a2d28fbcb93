"""Claims: taking over a profile an agency imported, confirmed by agency staff."""
from django.shortcuts import get_object_or_404
from ninja import Router

from rantai.accounts.choices import OrgKind
from rantai.accounts.permissions import is_agency
from rantai.suppliers import services
from rantai.suppliers.models import ClaimRequest
from rantai.suppliers.selectors import claims_pending

from ..auth import acting
from ..schemas import ClaimDecisionIn, ClaimIn, ClaimOut, responses

router = Router(tags=["claims"])


@router.post("", response=responses(ClaimOut, 201))
def create_claim(request, payload: ClaimIn):
    """Ask to take over the unclaimed profile with this NIB; agency staff confirm it."""
    membership = acting(request)
    return 201, services.claim_request(user=membership.user, nib=payload.nib,
                                       evidence=payload.evidence)


@router.get("", response=responses(list[ClaimOut]))
def list_claims(request):
    """Agency staff: claims waiting for a decision (their province for provincial
    officers). Everyone else: their own claims."""
    membership = acting(request)
    if is_agency(membership):
        return list(claims_pending(membership))
    return list(ClaimRequest.objects.filter(user=membership.user).select_related("supplier"))


@router.post("/{int:claim_id}/decision", response=responses(ClaimOut))
def decide_claim(request, claim_id: int, payload: ClaimDecisionIn):
    """Agency staff approve (the claimant becomes the owner) or reject a claim."""
    membership = acting(request, kinds=[OrgKind.AGENCY])
    claim = get_object_or_404(claims_pending(membership), pk=claim_id)
    services.claim_decide(by=membership, claim=claim, approve=payload.approve, note=payload.note)
    claim.refresh_from_db()
    return claim
