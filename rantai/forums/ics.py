"""A personal agenda as iCalendar (RFC 5545), in the event's own time zone.

Times are written as local times with ``TZID`` and a ``VTIMEZONE`` block (Indonesia has no
daylight saving: one STANDARD component with the fixed offset), so a phone in another zone
still shows the meeting at the right instant.
"""

from datetime import datetime

from rantai.core import clock
from rantai.core.timezones import abbreviation, zoneinfo

from .models import Event
from .selectors import AgendaItem


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        b = ch.encode()
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += b
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _local(value: datetime, zone: str) -> str:
    return value.astimezone(zoneinfo(zone)).strftime("%Y%m%dT%H%M%S")


def _offset(zone: str, on: datetime) -> str:
    offset = on.astimezone(zoneinfo(zone)).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def agenda_ics(event: Event, items: list[AgendaItem], *, owner: str, host: str = "rantai") -> str:
    """The calendar text for ``items`` (one VEVENT per meeting)."""
    zone = event.timezone
    first = items[0].slot.starts_at if items else clock.now()
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Rantai//Forum kemitraan//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(event.title + ' — ' + owner)}",
        f"X-WR-TIMEZONE:{zone}",
        "BEGIN:VTIMEZONE",
        f"TZID:{zone}",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{_offset(zone, first)}",
        f"TZOFFSETTO:{_offset(zone, first)}",
        f"TZNAME:{abbreviation(zone)}",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    place = "" if event.online else event.venue
    for item in items:
        m = item.meeting
        where = f"{place} · Meja {item.table_number}" if place else f"Meja {item.table_number}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:forum-{event.pk}-meeting-{m.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID={zone}:{_local(item.slot.starts_at, zone)}",
            f"DTEND;TZID={zone}:{_local(item.slot.ends_at, zone)}",
            f"SUMMARY:{_escape(item.other)}",
            f"LOCATION:{_escape(where)}",
            f"DESCRIPTION:{_escape(event.title)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
