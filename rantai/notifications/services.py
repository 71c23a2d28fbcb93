"""Tell an organisation something: an in-app notification plus an e-mail to its members.

Callers must never put a sealed quote amount in ``subject`` or ``body``.

Texts are written in every language the platform speaks, so that each reader sees their own
and not the language of whoever caused the notification: pass ``subject`` and ``body`` as
callables that build the text with ``gettext`` (a lambda around the usual
``_(msgid) % params``); ``notify`` calls them once per language. A plain string is stored
as given, the same for everyone.
"""
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from rantai.accounts.models import Membership, User
from rantai.core import clock

from .models import Notification

Text = str | Callable[[], str]


def _written(text: Text, language: str) -> str:
    if not callable(text):
        return text
    with translation.override(language):
        return str(text())


def notify(*, organisation_id: int, subject: Text, body: Text = "", url: str = "") -> Notification:
    """Store a notification for the organisation, written in each of ``settings.LANGUAGES``,
    and, after the surrounding transaction commits, e-mail every active member: in the
    platform's language, with the other languages below when they differ (members have no
    language of their own), and a link when ``url`` is a path."""
    texts = {code: [_written(subject, code)[:200], _written(body, code)]
             for code, _name in settings.LANGUAGES}
    first = settings.LANGUAGE_CODE
    notification = Notification.objects.create(
        organisation_id=organisation_id, subject=texts[first][0], body=texts[first][1],
        texts=texts, url=url)
    recipients = list(User.objects.filter(memberships__organisation_id=organisation_id,
                                          is_active=True).values_list("email", flat=True))
    if recipients:
        link = f"\n\n{settings.RANTAI_BASE_URL}{url}" if url else ""
        parts = [texts[first][1] + link]
        parts += [f"{s}\n\n{b}{link}" for code, (s, b) in texts.items()
                  if code != first and [s, b] != texts[first]]
        text = "\n\n————\n\n".join(parts)
        transaction.on_commit(lambda: send_mail(texts[first][0], text, None, recipients,
                                                fail_silently=True))
    return notification


def mark_read(*, by: Membership, notification_ids=None) -> int:
    """Mark the organisation's notifications read (all unread ones when ``notification_ids``
    is None); returns how many changed. Others' notifications are never touched."""
    unread = Notification.objects.filter(organisation_id=by.organisation_id, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=clock.now())
