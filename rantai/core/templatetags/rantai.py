"""Template filters used everywhere: rupiah and times with their zone named."""
from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from rantai.core.money import format_idr, format_idr_full
from rantai.core.timezones import abbreviation

register = template.Library()


@register.filter
def idr(amount):
    """Rp224,8 miliar (short form)."""
    if amount is None or amount == "":
        return "—"
    return format_idr(int(amount), (get_language() or "id")[:2])


@register.filter
def idr_full(amount):
    """Rp1.250.000 (every digit)."""
    if amount is None or amount == "":
        return "—"
    return format_idr_full(int(amount))


@register.filter
def local_dt(value):
    """An aware datetime in the viewer's zone with the zone named: 24 Nov 2026 10.00 WIB."""
    if not value:
        return "—"
    local = timezone.localtime(value)
    zone = abbreviation(str(timezone.get_current_timezone()))
    return f"{date_format(local, 'j M Y H.i')} {zone}"
