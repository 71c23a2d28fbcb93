"""Rule 4, surface by surface: before the deadline no amount of a quote reaches anyone but
the quoting SME — pages, API, admin, exports, notifications and e-mails, logs, audit
payloads and search. Each test reads every place it names and looks for the amount in
every way it could be written."""
import json
import logging
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from conftest import make_agency, make_buyer, make_sme
from rantai.accounts.models import User
from rantai.api.tests.helpers import token_client
from rantai.core import clock
from rantai.core.models import AuditEntry
from rantai.notifications.models import Notification
from rantai.sourcing import services
from rantai.sourcing.services import LineInput

pytestmark = pytest.mark.django_db

UNIT_PRICE = 123_457          # × 500 = 61 728 500; PKP, PPN added: 6 790 135 → 68 518 635
SECRETS = ("123457", "123.457", "123,457", "61728500", "61.728.500", "61,728,500",
           "6790135", "6.790.135", "68518635", "68.518.635", "Rp61,7", "Rp68,5")


def _leaks(text: str | bytes, echo: str = "") -> list[str]:
    """The secrets found in ``text``; ``echo`` (a search term the page repeats back to
    whoever typed it) is taken out first."""
    text = text.decode() if isinstance(text, bytes) else text
    if echo:
        text = text.replace(echo, "")
    return [s for s in SECRETS if s in text]


@pytest.fixture
def sealed(caplog):
    """An open need with a sealed PKP quote, a clarification asked and answered and a
    change that asks for confirmation — every sealed-phase event, with logs captured."""
    caplog.set_level(logging.DEBUG)
    buyer, sme = make_buyer(), make_sme()
    need = services.need_create(
        by=buyer, title="Blok rem", description="", kbli_codes=["24310"],
        lines=[LineInput("Blok rem", Decimal(500), "buah")], delivery_regency_code="35.77",
        quote_deadline=clock.now() + timedelta(days=7), is_open=True, publish=True)
    profile = sme.organisation.supplier_profile
    services.invitations_create(need=need, by=buyer, supplier_ids=[profile.pk])
    line = need.lines.get()
    quote = services.quote_submit(need=need, by=sme, unit_prices={line.pk: UNIT_PRICE},
                                  lead_time_days=30, seller_pkp=True)
    assert (quote.total_amount, quote.ppn_amount) == (61_728_500, 6_790_135)
    question = services.clarification_ask(need=need, by=sme, question="Warna cat?")
    services.clarification_answer(clarification=question, by=buyer, answer="Hitam")
    services.need_amend(need=need, by=buyer, change_note="Jadwal kirim bergeser")
    services.quote_submit(need=need, by=sme, unit_prices={line.pk: UNIT_PRICE},
                          lead_time_days=30, seller_pkp=True)
    return {"buyer": buyer, "sme": sme, "need": need, "quote": quote, "profile": profile,
            "rival": make_sme("CV Pesaing"), "agency": make_agency(), "caplog": caplog}


def test_pages(client, sealed):
    need = sealed["need"]
    urls = [reverse("sourcing:need-detail", args=[need.pk]),
            reverse("sourcing:need-detail", args=[need.pk]) + "?sort=gross",
            reverse("sourcing:need-list"), reverse("sourcing:order-list"),
            reverse("notifications:list"), reverse("suppliers:detail", args=[sealed["profile"].pk]),
            reverse("accounts:home")]
    for who in ("buyer", "rival", "agency"):
        client.force_login(sealed[who].user)
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, (who, url)
            assert _leaks(response.content) == [], (who, url)
        partial = client.get(urls[0], {"candidates": "1"}, HTTP_HX_REQUEST="true")
        assert _leaks(partial.content) == []
    client.force_login(sealed["buyer"].user)
    assert client.get(reverse("sourcing:compliance")).status_code == 200
    client.force_login(sealed["sme"].user)
    assert "61.728.500" in client.get(urls[0]).content.decode()  # its own supplier sees it


def test_api(sealed):
    n, p = sealed["need"].pk, sealed["profile"].pk
    reads = ["/needs", f"/needs/{n}", f"/needs/{n}/quotes", f"/needs/{n}/comparison",
             f"/needs/{n}/my-quote", f"/needs/{n}/my-rank", f"/needs/{n}/clarifications",
             f"/needs/{n}/candidates", f"/suppliers/{p}", "/suppliers", "/orders",
             "/notifications", "/compliance/ledger", "/compliance/payment-days",
             "/insights/dashboard", "/opportunities", "/openapi.json"]
    for who in ("buyer", "rival", "agency"):
        client = token_client(sealed[who])
        for path in reads:
            response = client.get(path)
            assert response.status_code < 500, (who, path)
            assert _leaks(response.content) == [], (who, path)
    side = token_client(sealed["buyer"]).get(f"/needs/{n}/comparison").json()
    assert side == {"sealed": True, "count": 1, "sort": "base", "columns": []}


def test_admin(client, sealed):
    admin = User.objects.create_superuser(email="root@example.id", password="x", full_name="Root")
    client.force_login(admin)
    q, n = sealed["quote"].pk, sealed["need"].pk
    for url in ["/admin/sourcing/quote/", f"/admin/sourcing/quote/{q}/change/",
                f"/admin/sourcing/need/{n}/change/", "/admin/sourcing/need/",
                "/admin/sourcing/quote/?total_amount__gte=61728500",
                "/admin/sourcing/quote/?q=61728500", "/admin/core/auditentry/",
                "/admin/notifications/notification/"]:
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        assert _leaks(response.content, echo=url.partition("=")[2]) == [], url


def test_exports(sealed, tmp_path):
    call_command("export_suppliers", "--format", "csv", "--output", str(tmp_path / "s.csv"))
    call_command("export_ocds", "--output", str(tmp_path / "ocds.json"), "--no-validate")
    for path in tmp_path.iterdir():
        assert _leaks(path.read_bytes()) == [], path.name
    for who in ("buyer", "rival", "agency"):
        response = token_client(sealed[who]).get("/opendata/ocds")
        assert _leaks(response.content) == [], who


def test_notifications_and_emails(sealed):
    sent = [n.subject + n.body for n in Notification.objects.all()]
    assert len(sent) >= 4  # invitation, question, answer, change
    assert [_leaks(text) for text in sent] == [[] for _ in sent]
    assert all(_leaks(m.subject + m.body) == [] for m in mail.outbox)


def test_logs(client, sealed):
    client.force_login(sealed["buyer"].user)
    client.get(reverse("sourcing:need-detail", args=[sealed["need"].pk]))
    token_client(sealed["rival"]).get(f"/needs/{sealed['need'].pk}/quotes")
    assert _leaks(sealed["caplog"].text) == []


def test_audit_payloads(sealed):
    entries = list(AuditEntry.objects.all())
    assert any(e.action == "quote.submit" for e in entries)
    for entry in entries:
        text = json.dumps(entry.payload) + entry.actor_label + entry.object_id
        assert _leaks(text) == [], entry.action


def test_search(client, sealed):
    for who in ("buyer", "rival", "agency"):
        client.force_login(sealed[who].user)
        for term in ("123457", "61728500", "61.728.500"):
            page = client.get(reverse("suppliers:directory"), {"q": term})
            assert _leaks(page.content, echo=term) == [], (who, term)
            assert sealed["profile"].name not in page.content.decode()  # found by no amount
            api = token_client(sealed[who]).get("/matching/search", {"text": term})
            assert _leaks(api.content, echo=term) == [], (who, term)
