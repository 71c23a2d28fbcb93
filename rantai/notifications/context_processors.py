from .selectors import unread_count


def unread_notifications(request):
    """The badge on the bell in the navigation bar."""
    return {"unread_notifications": unread_count(getattr(request, "membership", None))}
