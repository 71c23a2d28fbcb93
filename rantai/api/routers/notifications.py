"""The acting organisation's in-app notifications."""
from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from rantai.notifications.selectors import notifications_for
from rantai.notifications.services import mark_read

from ..auth import acting
from ..schemas import responses

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    """``subject`` and ``body`` in the request's language (``Accept-Language``)."""

    id: int
    subject: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.shown_subject

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.shown_body


class MarkReadIn(Schema):
    ids: list[int] | None = None


class MarkedOut(Schema):
    marked: int


@router.get("", response=responses(list[NotificationOut]))
@paginate(PageNumberPagination, page_size=25)
def list_notifications(request, unread: bool = False):
    """Newest first; `unread=true` for only those nobody in the organisation has read."""
    found = notifications_for(acting(request))
    return found.filter(read_at=None) if unread else found


@router.post("/read", response=responses(MarkedOut))
def read_notifications(request, payload: MarkReadIn):
    """Mark these notifications read (all unread ones when `ids` is omitted); ids of other
    organisations' notifications are ignored."""
    return {"marked": mark_read(by=acting(request), notification_ids=payload.ids)}
