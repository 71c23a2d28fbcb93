"""Who am I: the caller and the organisation they act for."""
from ninja import Router

from ..auth import membership_of
from ..schemas import MeOut, responses

router = Router(tags=["accounts"])


@router.get("/me", response=responses(MeOut))
def me(request):
    """The caller, their current organisation, role, kind and status.

    The one endpoint that answers while the organisation awaits approval, so a client can
    tell the user why everything else is refused.
    """
    membership = membership_of(request)
    if membership is None:  # a signed-in user without an organisation
        return {"user": request.user, "organisation": None, "role": None, "kind": None,
                "status": None, "province_code": None}
    organisation = membership.organisation
    return {"user": membership.user, "organisation": organisation, "role": membership.role,
            "kind": organisation.kind, "status": organisation.status,
            "province_code": membership.province_id}
