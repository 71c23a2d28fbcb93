"""Attach ``request.membership``: the organisation the signed-in user is acting for."""
from .selectors import membership_for_request


class CurrentOrganisationMiddleware:
    """The membership chosen in the session (``org_id``), else the user's first one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        if request.user.is_authenticated:
            request.membership = membership_for_request(
                request.user, request.session.get("org_id")
            )
        return self.get_response(request)
