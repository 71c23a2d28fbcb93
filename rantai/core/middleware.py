"""Activate the viewer's time zone (WIB/WITA/WIT) for every request."""
from django.utils import timezone

from .timezones import ZONES


class ViewerTimezoneMiddleware:
    """Use the signed-in user's zone, else WIB."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = getattr(request.user, "timezone", "")
        timezone.activate(zone if zone in ZONES else "Asia/Jakarta")
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
