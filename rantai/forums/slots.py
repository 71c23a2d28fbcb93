"""Time slots from a start time, a length, a count and breaks; availability as text."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rantai.core.timezones import zoneinfo


@dataclass(frozen=True)
class SlotTimes:
    number: int
    starts_at: datetime  # aware, in the event's zone
    ends_at: datetime


def generate_slots(
    day: date, start: time, minutes: int, count: int, zone: str, breaks: dict[int, int] | None = None
) -> list[SlotTimes]:
    """``count`` slots of ``minutes`` from ``start`` on ``day`` in ``zone``; ``breaks`` maps
    "after this many slots" to a pause in minutes (e.g. {8: 60} for lunch after slot 8)."""
    breaks = breaks or {}
    at = datetime.combine(day, start, tzinfo=zoneinfo(zone))
    out = []
    for number in range(count):
        if number in breaks:
            at += timedelta(minutes=breaks[number])
        out.append(SlotTimes(number, at, at + timedelta(minutes=minutes)))
        at += timedelta(minutes=minutes)
    return out


def parse_breaks(text: str) -> dict[int, int]:
    """ "8:60, 12:15" → {8: 60, 12: 15}; ValueError on anything else."""
    out: dict[int, int] = {}
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        after, _, minutes = part.partition(":")
        if not (after.strip().isdigit() and minutes.strip().isdigit()):
            raise ValueError(part)
        out[int(after)] = int(minutes)
    return out


def parse_slot_list(text: str, count: int) -> list[int] | None:
    """Slots as people type them, numbered from 1: "1-8, 10" → [0..7, 9]; empty → None
    (every slot). ValueError names the part that is not a slot of 1..count."""
    text = (text or "").strip()
    if not text or text in ("*", "semua", "all"):
        return None
    chosen: set[int] = set()
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        low, dash, high = part.partition("-")
        if not low.strip().isdigit() or (dash and not high.strip().isdigit()):
            raise ValueError(part)
        first, last = int(low), int(high) if dash else int(low)
        if not 1 <= first <= last <= count:
            raise ValueError(part)
        chosen.update(range(first - 1, last))
    return sorted(chosen)


def format_slot_list(slots: list[int] | None) -> str:
    """The inverse of ``parse_slot_list``: [0, 1, 2, 9] → "1-3, 10"; None → ""."""
    if slots is None:
        return ""
    parts, run = [], []
    for s in sorted(slots):
        if run and s == run[-1] + 1:
            run.append(s)
            continue
        if run:
            parts.append(_run_text(run))
        run = [s]
    if run:
        parts.append(_run_text(run))
    return ", ".join(parts)


def _run_text(run: list[int]) -> str:
    return f"{run[0] + 1}" if len(run) == 1 else f"{run[0] + 1}-{run[-1] + 1}"
