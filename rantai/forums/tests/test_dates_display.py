"""Dates and times on the forum pages: written the way the rest of the app writes them
(local_date, local_time, local_dt), in the viewer's time zone and language."""

import re
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rantai.forums import services
from rantai.forums.models import Registration
from rantai.forums.scheduling import schedule_enqueue, schedule_publish

from .helpers import make_event, make_organiser, register, run_jobs, seat_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """The test client's LocaleMiddleware leaves its language active in this thread."""
    yield
    translation.deactivate()


# 1 December 2026, three 20-minute slots from 09.00 WIB (02.00 UTC): 11.00, 11.20 and 11.40 WIT.
FORUM_DAY = date(2026, 12, 1)
SLOT_TIMES_WIT = ["11.00 WIT", "11.20 WIT", "11.40 WIT"]


def client_for(membership, *, zone: str = "Asia/Jayapura", language: str = "id") -> Client:
    """Signed in as a viewer in Papua (WIT), two hours ahead of the forum's WIB."""
    membership.user.timezone = zone
    membership.user.save(update_fields=["timezone"])
    client = Client(headers={"accept-language": language})
    client.force_login(membership.user)
    return client


@pytest.fixture
def forum():
    organiser = make_organiser()
    event, buyers = make_event(
        organiser, slots=3, buyers=(("PT INKA (Persero)", 1),), date=FORUM_DAY, title="Forum Akhir Tahun"
    )
    sme, registration = register(event, "CV Logam Merdeka")
    services.request_create(
        event=event,
        by=organiser,
        registration=registration,
        seat=seat_of(event, buyers["PT INKA (Persero)"]),
        priority=3,
    )
    run = schedule_enqueue(event=event, by=organiser, time_limit_s=5)
    run_jobs()
    run.refresh_from_db()
    schedule_publish(run=run, by=organiser)
    return event, organiser, sme, registration, run


def text_of(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_event_list_and_detail_show_the_day_and_slot_times_in_the_viewers_zone(forum):
    event, organiser, _sme, _registration, _run = forum
    client = client_for(organiser)
    listing = text_of(client.get(reverse("forums:list")))
    assert "1 Des 2026 · Kemenperin, Jakarta" in listing
    detail = text_of(client.get(reverse("forums:event", args=[event.pk])))
    assert "1 Des 2026 · Kemenperin, Jakarta · 3 sesi (11.00 WIT)" in detail
    slots = re.search(r'<ol class="small mb-0" id="slots">(.*?)</ol>', detail).group(1)
    assert re.findall(r"<li>(.*?)</li>", slots) == SLOT_TIMES_WIT
    # Nothing in Django's default formats, nor the forum's own zone.
    for page in (listing, detail):
        assert "Des." not in page and "Desember" not in page and "WIB" not in page


def test_agenda_meeting_and_checkin_use_the_same_filters(forum):
    event, organiser, sme, registration, run = forum
    meeting = run.meetings.get()
    slot_time = SLOT_TIMES_WIT[meeting.slot]

    agenda = text_of(client_for(sme).get(reverse("forums:agenda", args=[event.pk])))
    assert "Forum Akhir Tahun · 1 Des 2026 · Kemenperin, Jakarta" in agenda
    assert f'<td class="text-nowrap">{slot_time}</td>' in agenda

    page = text_of(client_for(organiser).get(reverse("forums:meeting", args=[event.pk, meeting.pk])))
    assert f"1 Des 2026 {slot_time} · Meja" in page

    # Checked in at 08.55 WIB: 10.55 in Papua.
    Registration.objects.filter(pk=registration.pk).update(
        checked_in_at=datetime(2026, 12, 1, 1, 55, tzinfo=UTC)
    )
    checkin = text_of(client_for(organiser).get(reverse("forums:checkin", args=[event.pk])))
    assert "hadir 1 Des 2026 10.55 WIT" in checkin


def test_english_month_names_and_a_wib_viewer(forum):
    event, organiser, _sme, _registration, _run = forum
    client = client_for(organiser, zone="Asia/Jakarta", language="en")
    detail = text_of(client.get(reverse("forums:event", args=[event.pk])))
    assert "1 Dec 2026 · Kemenperin, Jakarta · 3 slots (09.00 WIB)" in detail
    assert "Dec. 1, 2026" not in detail
