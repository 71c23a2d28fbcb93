"""Tell an organisation something: an in-app notification plus an e-mail to its members.

Callers must never put a sealed quote amount in ``subject`` or ``body``.
"""
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from rantai.accounts.models import Membership, User
from rantai.core import clock

from .models import Notification


def notify(*, organisation_id: int, subject: str, body: str = "", url: str = "") -> Notification:
    """Store a notification for the organisation and, after the surrounding transaction
    commits, e-mail every active member (with a link when ``url`` is a path)."""
    notification = Notification.objects.create(organisation_id=organisation_id, subject=subject,
                                               body=body, url=url)
    recipients = list(User.objects.filter(memberships__organisation_id=organisation_id,
                                          is_active=True).values_list("email", flat=True))
    if recipients:
        text = f"{body}\n\n{settings.RANTAI_BASE_URL}{url}" if url else body
        transaction.on_commit(lambda: send_mail(subject, text, None, recipients,
                                                fail_silently=True))
    return notification


def mark_read(*, by: Membership, notification_ids=None) -> int:
    """Mark the organisation's notifications read (all unread ones when ``notification_ids``
    is None); returns how many changed. Others' notifications are never touched."""
    unread = Notification.objects.filter(organisation_id=by.organisation_id, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=clock.now())
