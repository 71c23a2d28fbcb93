"""Forum pages for each party, and 404 for everyone else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import make_buyer, make_sme
from rantai.forums.models import Event, MeetingRequest, Registration

from .helpers import make_event, make_organiser, register, run_jobs, seat_of
from .test_schedule import published_event

pytestmark = pytest.mark.django_db


def client_for(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def test_organiser_creates_an_event_and_adds_a_buyer_in_the_browser():
    organiser = make_organiser()
    client = client_for(organiser)
    answer = client.post(
        reverse("forums:create"),
        {
            "title": "Forum Kemitraan IKM",
            "date": "2026-11-24",
            "timezone": "Asia/Jakarta",
            "venue": "Jakarta",
            "start": "09:00",
            "slot_minutes": "20",
            "slot_count": "16",
            "breaks": "8:60",
        },
    )
    event = Event.objects.get()
    assert answer.status_code == 302 and event.slots.count() == 16
    bad = client.post(
        reverse("forums:create"),
        {
            "title": "",
            "date": "2026-11-24",
            "timezone": "Asia/Jakarta",
            "start": "09:00",
            "slot_minutes": "20",
            "slot_count": "0",
            "breaks": "x",
        },
    )
    assert bad.status_code == 200 and Event.objects.count() == 1
    inka = make_buyer("PT INKA (Persero)")
    client.post(
        reverse("forums:seat-add", args=[event.pk]),
        {"buyer_id": inka.organisation_id, "tables": "4", "available_slots": "1-8", "location": "Hall A"},
    )
    seat = event.seats.get()
    assert seat.tables == 4 and seat.available_slots == list(range(8))
    client.post(reverse("forums:open", args=[event.pk]))
    page = client.get(reverse("forums:event", args=[event.pk])).content.decode()
    assert "PT INKA (Persero)" in page and "1, 2, 3, 4" in page  # floor table numbers


def test_sme_registers_sees_suggestions_and_requests_then_buyer_accepts():
    organiser = make_organiser()
    event, buyers = make_event(organiser)
    inka = buyers["PT INKA (Persero)"]
    client_for(inka).post(
        reverse("forums:need-add", args=[event.pk]),
        {"title": "Pengecoran blok rem besi cor", "kbli_codes": "24310"},
    )
    sme = make_sme()
    sme_client = client_for(sme)
    sme_client.post(reverse("forums:register", args=[event.pk]), {"available_slots": ""})
    page = sme_client.get(reverse("forums:event", args=[event.pk])).content.decode()
    assert 'id="suggestions"' in page and "Pengecoran blok rem besi cor" in page
    sme_client.post(
        reverse("forums:request-create", args=[event.pk]),
        {"target": seat_of(event, inka).pk, "priority": "3"},
    )
    request = MeetingRequest.objects.get()
    assert request.priority == 3 and request.status == "pending"
    buyer_page = client_for(inka).get(reverse("forums:event", args=[event.pk])).content.decode()
    assert "CV Baja Kurnia" in buyer_page
    client_for(inka).post(reverse("forums:request-decide", args=[event.pk, request.pk]), {"accept": "1"})
    request.refresh_from_db()
    assert request.status == "accepted"


def test_another_organiser_and_outsiders_get_404_on_every_page():
    event, organiser, buyers, smes = published_event(smes=2)
    meeting = event.runs.get().meetings.filter(registration=smes[0][1]).first()
    run = event.runs.get()
    other = client_for(make_organiser("Lain"))
    pages = [
        reverse("forums:event", args=[event.pk]),
        reverse("forums:report", args=[event.pk]),
        reverse("forums:checkin", args=[event.pk]),
        reverse("forums:run", args=[event.pk, run.pk]),
        reverse("forums:import", args=[event.pk]),
        reverse("forums:export", args=[event.pk, "umkm", "csv"]),
        reverse("forums:agenda", args=[event.pk]),
        reverse("forums:meeting", args=[event.pk, meeting.pk]),
    ]
    for url in pages:
        assert other.get(url).status_code == 404, url
    rival = client_for(smes[1][0])
    assert rival.get(reverse("forums:meeting", args=[event.pk, meeting.pk])).status_code == 404
    assert rival.get(reverse("forums:report", args=[event.pk])).status_code in (302, 403, 404)
    assert other.post(reverse("forums:run-publish", args=[event.pk, run.pk])).status_code == 404


def test_agenda_page_print_and_ics_download():
    event, organiser, buyers, smes = published_event()
    sme_client = client_for(smes[0][0])
    page = sme_client.get(reverse("forums:agenda", args=[event.pk]))
    assert page.status_code == 200 and 'id="agenda"' in page.content.decode()
    ics = sme_client.get(reverse("forums:agenda-ics", args=[event.pk]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    organiser_view = (
        client_for(organiser)
        .get(reverse("forums:agenda", args=[event.pk]), {"umkm": smes[0][1].pk})
        .content.decode()
    )
    assert smes[0][1].supplier.name in organiser_view
    inka = buyers["PT INKA (Persero)"]
    buyer_agenda = client_for(inka).get(reverse("forums:agenda", args=[event.pk])).content.decode()
    assert "Catat hasil" in buyer_agenda
    floor = client_for(inka).get(reverse("forums:floor", args=[event.pk])).content.decode()
    assert "PT Pindad (Persero)" in floor


def test_schedule_from_the_page_shows_progress_then_figures_and_publishes():
    from .test_schedule import requested_event

    event, organiser, buyers, smes = requested_event()
    client = client_for(organiser)
    answer = client.post(
        reverse("forums:schedule", args=[event.pk]),
        {"mode": "solve", "everyone_meets": "on", "time_limit_s": "3"},
    )
    run = event.runs.get()
    assert answer.url == reverse("forums:run", args=[event.pk, run.pk])
    partial = client.get(answer.url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" in partial and "progress" in partial
    run_jobs()
    page = client.get(answer.url).content.decode()
    assert 'id="comparison"' in page and 'id="publish"' in page and "hx-trigger" not in page
    client.post(reverse("forums:run-publish", args=[event.pk, run.pk]))
    run.refresh_from_db()
    assert run.status == "published"


def test_checkin_walk_in_and_outcome_pages():
    event, organiser, buyers, smes = published_event(slots=3, smes=2)
    client = client_for(organiser)
    registration = smes[0][1]
    client.post(reverse("forums:checkin", args=[event.pk]), {"registration": registration.pk, "arrived": "1"})
    assert Registration.objects.get(pk=registration.pk).checked_in_at is not None
    walker, walker_registration = register(event, "CV Datang")
    pindad = seat_of(event, buyers["PT Pindad (Persero)"])
    run = event.runs.get()
    slot = next(s for s in range(3) if run.meetings.filter(seat=pindad, slot=s).count() < 2)
    client.post(
        reverse("forums:walk-in", args=[event.pk]),
        {"registration": walker_registration.pk, "seat": pindad.pk, "slot": slot},
    )
    assert run.meetings.filter(walk_in=True, registration=walker_registration).exists()
    inka = buyers["PT INKA (Persero)"]
    meeting = run.meetings.filter(seat__organisation_id=inka.organisation_id).first()
    url = reverse("forums:meeting", args=[event.pk, meeting.pk])
    bad = client_for(inka).post(
        url,
        {
            "outcome": "1",
            "interest": "high",
            "next_step": "rfq",
            "potential_value": "10.000.000",
            "rfq_unit": "",
        },
    )
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode()
    client_for(inka).post(
        url,
        {
            "outcome": "1",
            "interest": "high",
            "next_step": "rfq",
            "potential_value": "10.000.000",
            "rfq_quantity": "100",
            "rfq_unit": "buah",
            "rfq_deadline_days": "14",
        },
    )
    meeting.refresh_from_db()
    assert meeting.outcome.potential_value == 10_000_000 and meeting.outcome.need_id
    other = run.meetings.exclude(pk=meeting.pk).exclude(walk_in=True).first()
    page = client.get(reverse("forums:meeting", args=[event.pk, other.pk])).content.decode()
    assert "UMKM tidak hadir" in page  # the organiser may mark attendance too
    client.post(reverse("forums:attendance", args=[event.pk, other.pk]), {"status": "no_show"})
    other.refresh_from_db()
    assert other.attendance == "no_show"
    report = client.get(reverse("forums:report", args=[event.pk])).content.decode()
    assert "Rp10" in report and 'id="ledger"' in report
    pending = run.meetings.filter(attendance="scheduled").count()
    assert f"1 tidak hadir · {pending} belum dicatat" in report  # held + these add up to all meetings


def test_import_page_lists_row_errors_and_export_downloads():
    organiser = make_organiser()
    event, _ = make_event(organiser)
    client = client_for(organiser)
    upload = SimpleUploadedFile("umkm.csv", b"nib,sesi_tersedia\n123,1-2\n")
    page = client.post(reverse("forums:import", args=[event.pk]), {"kind": "umkm", "file": upload})
    text = page.content.decode()
    assert 'id="import-problems"' in text and "<td>2</td><td>nib</td>" in text
    _sme, _registration = register(event)
    csv = client.get(reverse("forums:export", args=[event.pk, "umkm", "csv"]))
    assert csv.status_code == 200 and b"CV Baja Kurnia" in csv.content
    xlsx = client.get(reverse("forums:export", args=[event.pk, "permintaan", "xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_a_buyer_links_its_own_sourcing_need_to_the_forum():
    from conftest import make_need

    organiser = make_organiser()
    event, buyers = make_event(organiser)
    inka = buyers["PT INKA (Persero)"]
    need = make_need(inka)
    other_need = make_need(make_buyer("PT Lain"))
    client = client_for(inka)
    assert need.title in client.get(reverse("forums:event", args=[event.pk])).content.decode()
    client.post(reverse("forums:need-add", args=[event.pk]), {"title": "Blok rem", "need_id": other_need.pk})
    assert not event.seats.get().needs.exists()  # not its own: refused
    client.post(reverse("forums:need-add", args=[event.pk]), {"title": "Blok rem", "need_id": need.pk})
    assert event.seats.get().needs.get().need_id == need.pk


def test_an_organiser_starts_on_the_forum_list():
    organiser = make_organiser()
    response = client_for(organiser).get(reverse("accounts:home"))
    assert response.status_code == 302 and response.url == reverse("forums:list")
