"""Who may act, and as which organisation.

Every page and API endpoint resolves the caller's ``Membership`` (user + organisation +
role) and checks it here. Object-level helpers in each app's ``permissions.py`` build on
``require_membership`` and answer 404 for both "missing" and "forbidden".
"""
from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from .choices import DECIDING_ROLES, OrgKind
from .models import Membership


class OrganisationNotApproved(PermissionDenied):
    """The organisation exists but an administrator has not approved it yet."""


def require_membership(
    membership: Membership | None, *, kinds: Iterable[str] = (), roles: Iterable[str] = ()
) -> Membership:
    """Return ``membership`` if it is approved and of an allowed kind and role.

    Raises OrganisationNotApproved for an organisation still waiting, PermissionDenied for
    anything else. Platform staff get no implicit access here: they use the admin.
    """
    if membership is None:
        raise PermissionDenied
    if not membership.organisation.is_approved:
        raise OrganisationNotApproved
    if kinds and membership.organisation.kind not in set(kinds):
        raise PermissionDenied
    if roles and membership.role not in set(roles):
        raise PermissionDenied
    return membership


def can_decide(membership: Membership) -> bool:
    """Owners and managers approve publication and award; staff only draft."""
    return membership.role in DECIDING_ROLES


def is_agency(membership: Membership | None) -> bool:
    return bool(
        membership
        and membership.organisation.is_approved
        and membership.organisation.kind == OrgKind.AGENCY
    )


def org_required(*kinds: str, roles: Iterable[str] = ()):
    """View decorator: signed in, with an approved organisation of one of ``kinds``.

    An unapproved organisation is sent to the waiting page and can do nothing else.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.membership is None:
                return redirect("accounts:home")
            try:
                require_membership(request.membership, kinds=kinds, roles=roles)
            except OrganisationNotApproved:
                return redirect("accounts:pending")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
