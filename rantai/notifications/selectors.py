"""Reading an organisation's notifications."""
from django.db.models import QuerySet

from rantai.accounts.models import Membership

from .models import Notification


def notifications_for(membership: Membership) -> QuerySet[Notification]:
    """The acting organisation's notifications, newest first."""
    return Notification.objects.filter(organisation_id=membership.organisation_id)


def unread_count(membership: Membership | None) -> int:
    if membership is None:
        return 0
    return notifications_for(membership).filter(read_at=None).count()
