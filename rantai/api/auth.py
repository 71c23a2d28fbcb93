"""Who is calling: a browser session or an organisation's API token.

Both methods end in a ``Membership``; ``membership_of(request)`` gives it to endpoints,
which then check it with the apps' permission helpers.
"""
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from rantai.accounts.models import Membership
from rantai.accounts.permissions import require_membership
from rantai.accounts.services import api_token_authenticate
from rantai.core.timezones import ZONES


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer rnt_…``: acts as the membership the token was issued for."""

    def authenticate(self, request: HttpRequest, token: str) -> Membership:
        membership = api_token_authenticate(token)
        if membership is None:
            # A bad token is an error even when a session cookie is also present: the
            # client asked to act as the token, so falling back to the session would hide
            # the mistake.
            raise AuthenticationError()
        # The timezone middleware only knows session users; answer in the token owner's zone.
        if membership.user.timezone in ZONES:
            timezone.activate(membership.user.timezone)
        return membership


class SessionAuth(NinjaSessionAuth):
    """The Django session cookie, with Django's CSRF check on unsafe methods."""

    def __call__(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None  # not ours: the caller gets 401, not a CSRF error
        if self.csrf and check_csrf(request):
            raise HttpError(403, _("Pemeriksaan CSRF gagal: kirim header X-CSRFToken."))
        return request.user


def membership_of(request: HttpRequest) -> Membership | None:
    """The membership the caller acts as: the token's, else the one the session chose
    (``CurrentOrganisationMiddleware``). None for a user without an organisation."""
    if isinstance(getattr(request, "auth", None), Membership):
        return request.auth
    return getattr(request, "membership", None)


def acting(request: HttpRequest, *, kinds=(), roles=()) -> Membership:
    """The caller's membership, approved and of an allowed kind and role.

    Raises OrganisationNotApproved or PermissionDenied (see ``require_membership``).
    """
    return require_membership(membership_of(request), kinds=kinds, roles=roles)
