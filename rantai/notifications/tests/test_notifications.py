"""Notifications reach every member of one organisation, and only that organisation."""
import pytest
from django.core import mail
from django.utils import translation

from conftest import make_buyer, make_need, make_sme
from rantai.api.tests.helpers import token_client
from rantai.notifications.models import Notification
from rantai.notifications.services import notify
from rantai.sourcing.notifications import invitation_sent

pytestmark = pytest.mark.django_db


def test_notify_stores_it_and_emails_the_members_with_a_link(django_capture_on_commit_callbacks):
    sme = make_sme()
    with django_capture_on_commit_callbacks(execute=True):
        notify(organisation_id=sme.organisation_id, subject="Undangan penawaran: Blok rem",
               body="PT INKA mengundang Anda.", url="/pengadaan/kebutuhan/7/")
    stored = Notification.objects.get(organisation_id=sme.organisation_id)
    assert stored.subject == "Undangan penawaran: Blok rem" and stored.read_at is None
    assert [m.to for m in mail.outbox] == [[sme.user.email]]
    assert mail.outbox[0].body.endswith("http://127.0.0.1:8000/pengadaan/kebutuhan/7/")


def test_page_lists_unread_with_a_badge_and_opening_marks_read(client):
    sme = make_sme()
    notify(organisation_id=sme.organisation_id, subject="Kebutuhan baru cocok", url="/pemasok/")
    client.force_login(sme.user)
    page = client.get("/notifikasi/").content.decode()
    assert "Kebutuhan baru cocok" in page and "badge text-bg-warning" in page
    note = Notification.objects.get()
    response = client.get(f"/notifikasi/{note.pk}/")
    assert response.status_code == 302 and response["Location"] == "/pemasok/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert "badge text-bg-warning" not in client.get("/notifikasi/").content.decode()


def test_external_urls_are_never_followed(client):
    sme = make_sme()
    note = notify(organisation_id=sme.organisation_id, subject="x", url="https://evil.example/")
    client.force_login(sme.user)
    assert client.get(f"/notifikasi/{note.pk}/")["Location"] == "/notifikasi/"


def test_another_organisation_can_neither_see_nor_mark_them(client):
    owner, other = make_sme(), make_buyer()
    note = notify(organisation_id=owner.organisation_id, subject="Rahasia CV Baja")
    client.force_login(other.user)
    assert client.get(f"/notifikasi/{note.pk}/").status_code == 404
    assert "Rahasia CV Baja" not in client.get("/notifikasi/").content.decode()
    client.post("/notifikasi/dibaca/")
    api = token_client(other)
    assert api.get("/notifications").json()["count"] == 0
    assert api.post("/notifications/read", {"ids": [note.pk]}).json() == {"marked": 0}
    note.refresh_from_db()
    assert note.read_at is None


def test_api_lists_and_marks_read():
    sme = make_sme()
    first = notify(organisation_id=sme.organisation_id, subject="Satu")
    notify(organisation_id=sme.organisation_id, subject="Dua")
    api = token_client(sme)
    assert [n["subject"] for n in api.get("/notifications").json()["items"]] == ["Dua", "Satu"]
    assert api.post("/notifications/read", {"ids": [first.pk]}).json() == {"marked": 1}
    assert [n["subject"] for n in api.get("/notifications", {"unread": "true"}).json()["items"]] == ["Dua"]
    assert api.post("/notifications/read", {}).json() == {"marked": 1}


def test_each_reader_gets_the_notification_in_their_own_language(client, django_capture_on_commit_callbacks):
    """An English-speaking buyer invites an SME: the SME reads it in Indonesian by default,
    in English when it reads in English, and the e-mail carries both."""
    buyer, sme = make_buyer("PT INKA (Persero)"), make_sme()
    need = make_need(buyer, title="Blok rem")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        invitation_sent(need=need, supplier=sme.organisation.supplier_profile)
    note = Notification.objects.get(organisation_id=sme.organisation_id)
    assert note.subject == "Undangan penawaran: Blok rem"  # stored in the platform's language
    client.force_login(sme.user)
    assert "Undangan penawaran: Blok rem" in client.get("/notifikasi/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/notifikasi/").content.decode()
    assert "Invitation to quote: Blok rem" in english and "Undangan penawaran" not in english
    listed = token_client(sme, **{"Accept-Language": "en"}).get("/notifications").json()["items"]
    assert listed[0]["subject"] == "Invitation to quote: Blok rem"
    assert token_client(sme).get("/notifications").json()["items"][0]["subject"] == \
        "Undangan penawaran: Blok rem"
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Undangan penawaran: Blok rem"
    assert body.index("mengundang") < body.index("Invitation to quote: Blok rem")
