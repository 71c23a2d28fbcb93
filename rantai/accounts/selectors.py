"""Reads about users and organisations."""
from django.db.models import QuerySet

from .models import Membership, User


def membership_for_request(user: User, org_id: int | None) -> Membership | None:
    """The user's membership in ``org_id`` if they have one, else their first membership."""
    memberships = Membership.objects.select_related("organisation", "province").filter(user=user)
    if org_id:
        chosen = memberships.filter(organisation_id=org_id).first()
        if chosen:
            return chosen
    return memberships.order_by("id").first()


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's memberships, oldest first, with their organisations."""
    return Membership.objects.select_related("organisation").filter(user=user).order_by("id")


def user_data_export(user: User) -> dict:
    """Everything we hold about the person (UU PDP 27/2022 right of access), as JSON data."""
    return {
        "user": {
            "email": user.email,
            "full_name": user.full_name,
            "timezone": user.timezone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "privacy_consent_at": (
                user.privacy_consent_at.isoformat() if user.privacy_consent_at else None
            ),
        },
        "memberships": [
            {
                "organisation": m.organisation.name,
                "kind": m.organisation.kind,
                "role": m.role,
            }
            for m in memberships_of(user)
        ],
    }
