"""Template filters used everywhere: rupiah, numbers, and times with their zone named."""
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from rantai.core.money import format_idr, format_idr_full
from rantai.core.numbers import number_text
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
def number(value):
    """A quantity or percentage in the active language: 1.000 · 2,5 (Indonesian), 1,000 · 2.5."""
    if value is None or value == "":
        return "—"
    return number_text(value)


def _zone() -> str:
    return abbreviation(str(timezone.get_current_timezone()))


@register.filter
def local_dt(value):
    """An aware datetime in the viewer's zone with the zone named: 24 Nov 2026 10.00 WIB."""
    if not value:
        return "—"
    return f"{date_format(timezone.localtime(value), 'j M Y H.i')} {_zone()}"


@register.filter
def local_date(value):
    """A date alone, written as local_dt writes it: 24 Nov 2026.

    A plain date (a forum's day, a delivery date) is shown as it is; an aware datetime is
    first moved to the viewer's zone, so the day is the one the viewer lives in."""
    if not value:
        return "—"
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return date_format(value, "j M Y")


@register.filter
def local_time(value):
    """The clock time of an aware datetime in the viewer's zone, zone named: 10.00 WIB.

    For lists under a heading that already gives the day (a forum's slots, an agenda)."""
    if not value:
        return "—"
    return f"{date_format(timezone.localtime(value), 'H.i')} {_zone()}"
