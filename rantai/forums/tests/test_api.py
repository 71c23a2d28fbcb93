"""The forum API: the same services, and each party sees only its own."""

import pytest

from rantai.api.tests.helpers import token_client
from rantai.forums.models import MeetingRequest

from .helpers import make_event, make_organiser, register, run_jobs, seat_of
from .test_schedule import published_event

pytestmark = pytest.mark.django_db


def test_the_core_path_through_the_api():
    organiser = make_organiser()
    client = token_client(organiser)
    created = client.post(
        "/forums",
        {
            "title": "Forum Kemitraan 2026",
            "date": "2026-11-24",
            "start": "09:00",
            "slot_count": 3,
            "venue": "Jakarta",
            "breaks": {"2": 30},
        },
    )
    assert created.status_code == 201, created.content
    event_id = created.json()["id"]
    assert [s["starts_at"][11:16] for s in created.json()["slots"]] == ["09:00", "09:20", "10:10"]
    from conftest import make_buyer, make_sme

    inka = make_buyer("PT INKA (Persero)")
    assert (
        client.post(
            f"/forums/{event_id}/buyers",
            {"buyer_id": inka.organisation_id, "tables": 1, "available_slots": [1, 2]},
        ).status_code
        == 200
    )
    assert client.post(f"/forums/{event_id}/open").json()["status"] == "open"
    assert (
        token_client(inka)
        .post(f"/forums/{event_id}/needs", {"title": "Pengecoran blok rem besi cor", "kbli_codes": ["24310"]})
        .status_code
        == 201
    )
    sme = make_sme()
    sme_client = token_client(sme)
    registered = sme_client.put(f"/forums/{event_id}/registration", {"available_slots": [2, 3]})
    assert registered.status_code == 200 and registered.json()["available_slots"] == [2, 3]
    suggestions = sme_client.get(f"/forums/{event_id}/suggestions").json()
    assert suggestions[0]["buyer"] == "PT INKA (Persero)" and suggestions[0]["reasons"]
    seat_id = suggestions[0]["seat_id"]
    asked = sme_client.post(f"/forums/{event_id}/requests", {"seat_id": seat_id, "priority": 3})
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    decided = token_client(inka).post(
        f"/forums/{event_id}/requests/{asked.json()['id']}/decision", {"accept": True}
    )
    assert decided.json()["status"] == "accepted"
    run = client.post(f"/forums/{event_id}/schedule-runs", {"everyone_meets": True, "time_limit_s": 3})
    assert run.status_code == 201 and run.json()["status"] == "queued"
    run_jobs()
    run_id = run.json()["id"]
    done = client.get(f"/forums/{event_id}/schedule-runs/{run_id}").json()
    assert done["status"] == "done" and done["result"]["smes_without"] == 0
    assert client.post(f"/forums/{event_id}/schedule-runs/{run_id}/publish").json()["status"] == "published"
    agenda = sme_client.get(f"/forums/{event_id}/agenda").json()
    assert [(a["slot"], a["table"], a["buyer"]) for a in agenda] == [(2, 1, "PT INKA (Persero)")]
    registration_id = registered.json()["id"]
    assert client.post(f"/forums/{event_id}/checkins", {"registration_id": registration_id}).json()[
        "checked_in_at"
    ]
    meeting_id = agenda[0]["meeting_id"]
    outcome = token_client(inka).put(
        f"/forums/{event_id}/meetings/{meeting_id}/outcome",
        {
            "interest": "high",
            "next_step": "rfq",
            "potential_value": 120_000_000,
            "rfq_quantity": "200",
            "rfq_unit": "buah",
            "products": "Blok rem",
        },
    )
    assert outcome.status_code == 200, outcome.content
    assert outcome.json()["need_id"]
    report = client.get(f"/forums/{event_id}/report").json()
    assert report["total"] == 120_000_000 and report["ledger"][0]["potential"] == 120_000_000


def test_outsiders_get_404_for_every_forum_object():
    event, organiser, buyers, smes = published_event(smes=2)
    inka = buyers["PT INKA (Persero)"]
    (sme, registration), (rival, _rival_registration) = smes
    request = MeetingRequest.objects.filter(registration=registration).first()
    meeting = event.runs.get().meetings.filter(registration=registration).first()
    e, r, m, run = event.pk, request.pk, meeting.pk, event.runs.get().pk
    other = token_client(make_organiser("Penyelenggara Lain"))
    for method, path, payload in [
        ("get", f"/forums/{e}", None),
        ("post", f"/forums/{e}/open", None),
        ("post", f"/forums/{e}/buyers", {"buyer_id": inka.organisation_id, "tables": 9}),
        ("get", f"/forums/{e}/requests", None),
        ("post", f"/forums/{e}/schedule-runs", {}),
        ("get", f"/forums/{e}/schedule-runs/{run}", None),
        ("post", f"/forums/{e}/checkins", {"registration_id": registration.pk}),
        ("get", f"/forums/{e}/report", None),
        ("get", f"/forums/{e}/agenda", None),
    ]:
        assert getattr(other, method)(path, payload).status_code == 404, path
    assert other.get("/forums").json() == []
    # Another SME sees the event but not this SME's request, meeting or agenda.
    rival_client = token_client(rival)
    assert all(
        x["registration_id"] != registration.pk for x in rival_client.get(f"/forums/{e}/requests").json()
    )
    assert rival_client.post(f"/forums/{e}/requests/{r}/cancel").status_code == 404
    assert (
        rival_client.put(
            f"/forums/{e}/meetings/{m}/outcome", {"interest": "high", "next_step": "deal"}
        ).status_code
        == 404
    )
    assert all(
        a["supplier"] != registration.supplier.name for a in rival_client.get(f"/forums/{e}/agenda").json()
    )
    assert rival_client.get(f"/forums/{e}/agenda", {"registration_id": registration.pk}).json() == [
        a for a in rival_client.get(f"/forums/{e}/agenda").json()
    ]
    # Another buyer of the same forum cannot answer INKA's requests.
    pindad = buyers["PT Pindad (Persero)"]
    inka_request = MeetingRequest.objects.filter(seat=seat_of(event, inka)).first()
    assert (
        token_client(pindad)
        .post(f"/forums/{e}/requests/{inka_request.pk}/decision", {"accept": False})
        .status_code
        == 404
    )
    assert token_client(sme).get(f"/forums/{e}/report").status_code == 404


def test_import_through_the_api_reports_rows():
    organiser = make_organiser()
    event, _buyers = make_event(organiser)
    _sme, registration = register(event)
    body = f"nib,pembeli,prioritas\n{registration.supplier.nib},PT Tidak Ada,3\n".encode()
    answer = token_client(organiser).upload(f"/forums/{event.pk}/lists", "p.csv", body)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {
        "written": 0,
        "problems": [{"row": 2, "column": "pembeli", "reason": "'PT Tidak Ada' bukan pembeli di forum ini."}],
    }
