"""Another organisation can neither see nor change what is not its own, on the pages and
API operations added for line items, clarifications, changes, split awards, attachments
and invoices."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import after, make_agency, make_buyer, make_sme
from rantai.api.tests.helpers import token_client
from rantai.core import clock
from rantai.sourcing import services
from rantai.sourcing.services import LineInput

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def setup():
    buyer, sme = make_buyer(), make_sme()
    need = services.need_create(
        by=buyer, title="Blok rem", description="", kbli_codes=["24310"],
        lines=[LineInput("Blok rem", Decimal(10), "buah", "FC250",
                         SimpleUploadedFile("gambar.pdf", PDF, "application/pdf"))],
        delivery_regency_code="35.77", quote_deadline=clock.now() + timedelta(days=7),
        publish=True)
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    line = need.lines.get()
    quote = services.quote_submit(need=need, by=sme, unit_prices={line.pk: 1000},
                                  lead_time_days=3,
                                  attachment=SimpleUploadedFile("rincian.pdf", PDF))
    question = services.clarification_ask(need=need, by=sme, question="Warna?")
    return {"buyer": buyer, "sme": sme, "need": need, "line": line, "quote": quote,
            "question": question, "other_buyer": make_buyer("PT Lain"),
            "rival": make_sme("CV Pesaing")}


def test_other_buyer_gets_404_on_every_page_that_changes_a_need(client, setup):
    need, n = setup["need"], setup["need"].pk
    client.force_login(setup["other_buyer"].user)
    for name, args, data in [
        ("need-amend", [n], {"change_note": "x"}),
        ("need-award", [n], {"quote": setup["quote"].pk, "reason": "x"}),
        ("need-award", [n], {f"line_{setup['line'].pk}": setup["quote"].pk, "reason": "x"}),
        ("question-answer", [n, setup["question"].pk], {"answer": "x"}),
    ]:
        assert client.post(reverse(f"sourcing:{name}", args=args), data).status_code == 404
    assert client.get(reverse("sourcing:line-attachment", args=[n, setup["line"].pk])
                      ).status_code == 404
    need.refresh_from_db()
    setup["question"].refresh_from_db()
    assert need.revision == 1 and setup["question"].answer == ""


def test_attachments_follow_who_may_see_the_need_and_the_seal(client, setup):
    n, line, quote = setup["need"].pk, setup["line"], setup["quote"]
    drawing = reverse("sourcing:line-attachment", args=[n, line.pk])
    quote_file = reverse("sourcing:quote-attachment", args=[n, quote.pk])
    client.force_login(setup["sme"].user)
    assert client.get(drawing).status_code == 200
    assert client.get(quote_file).status_code == 200  # its own
    client.force_login(setup["rival"].user)  # not invited to an invited-only need
    assert client.get(drawing).status_code == 404
    client.force_login(setup["buyer"].user)
    assert client.get(quote_file).status_code == 404  # sealed
    with after(8):
        assert client.get(quote_file).status_code == 200


def test_sme_pages_refuse_what_is_not_theirs(client, setup):
    n = setup["need"].pk
    client.force_login(setup["rival"].user)
    assert client.post(reverse("sourcing:quote-confirm", args=[n])).status_code == 404
    assert client.post(reverse("sourcing:question-ask", args=[n]),
                       {"question": "x"}).status_code == 404
    assert setup["need"].clarifications.count() == 1


def test_api_operations_refuse_other_organisations(setup):
    n = setup["need"].pk
    other = token_client(setup["other_buyer"])
    for method, path, payload in [
        ("post", f"/needs/{n}/amend", {"change_note": "x"}),
        ("get", f"/needs/{n}/comparison", None),
        ("post", f"/needs/{n}/clarifications/{setup['question'].pk}/answer", {"answer": "x"}),
        ("post", f"/needs/{n}/award-lines",
         {"lines": [{"need_line_id": setup["line"].pk, "quote": setup["quote"].pk}],
          "reason": "x"}),
        ("get", f"/needs/{n}/clarifications", None),
    ]:
        assert getattr(other, method)(path, payload).status_code == 404, path
    rival = token_client(setup["rival"])
    assert rival.post(f"/needs/{n}/my-quote/confirm").status_code == 404
    assert rival.get(f"/needs/{n}/my-rank").status_code == 404
    # The invited SME sees only answered questions, never who asked.
    own = token_client(setup["sme"]).get(f"/needs/{n}/clarifications").json()
    assert own == []
    services.clarification_answer(clarification=setup["question"], by=setup["buyer"],
                                  answer="Hitam")
    answered = token_client(setup["sme"]).get(f"/needs/{n}/clarifications").json()
    assert [(c["question"], c["answer"]) for c in answered] == [("Warna?", "Hitam")]
    assert "asked_by" not in answered[0]
    assert token_client(make_agency()).post(f"/needs/{n}/clarifications",
                                            {"question": "x"}).status_code in (403, 404)


def test_the_api_carries_a_need_through_split_award_to_invoice(setup):
    buyer = token_client(setup["buyer"])
    created = buyer.post("/needs", {
        "title": "Komponen", "kbli_codes": ["24310"], "delivery_regency_code": "35.77",
        "quote_deadline": (clock.now() + timedelta(days=5)).isoformat(), "publish": True,
        "estimated_value": 20_000_000_000, "required_certificates": [],
        "lines": [{"description": "Blok rem", "quantity": "10", "unit": "buah"},
                  {"description": "Pegas", "quantity": "5", "unit": "buah",
                   "specification": "baja pegas"}]})
    assert created.status_code == 201, created.content
    need = created.json()
    assert need["umk_reserved"] is False and len(need["lines"]) == 2  # above Rp15 billion
    ids = [line["id"] for line in need["lines"]]
    sme, rival = setup["sme"], setup["rival"]
    assert buyer.post(f"/needs/{need['id']}/invitations", {"supplier_ids": [
        sme.organisation.supplier_profile.pk, rival.organisation.supplier_profile.pk]}
    ).json() == {"created": 2}
    quotes = {}
    for who, prices in ((sme, (100, 900)), (rival, (200, 300))):
        response = token_client(who).put(f"/needs/{need['id']}/my-quote", {
            "lines": [{"need_line_id": i, "unit_price": p} for i, p in zip(ids, prices, strict=True)],
            "lead_time_days": 5, "seller_pkp": True})
        assert response.status_code == 200, response.content
        assert response.json()["ppn_amount"] == response.json()["base_amount"] * 11 // 100
        quotes[who.pk] = response.json()["id"]
    with after(6):
        side = buyer.get(f"/needs/{need['id']}/comparison").json()
        assert [c["quote_id"] for c in side["columns"]] == [quotes[rival.pk], quotes[sme.pk]]
        orders = buyer.post(f"/needs/{need['id']}/award-lines", {
            "lines": [{"need_line_id": ids[0], "quote": quotes[sme.pk]},
                      {"need_line_id": ids[1], "quote": quotes[rival.pk]}],
            "reason": "Termurah per baris"})
        assert orders.status_code == 201, orders.content
        assert sorted(o["total_amount"] for o in orders.json()) == [1110, 1665]
        assert token_client(sme).get(f"/needs/{need['id']}/my-rank").json() == {
            "rank": 2, "of": 2}
        order = next(o for o in orders.json() if o["supplier_id"] ==
                     sme.organisation.supplier_profile.pk)
        assert token_client(sme).post(f"/orders/{order['id']}/accept").status_code == 200
        today = clock.now().date().isoformat()
        bast = buyer.post(f"/orders/{order['id']}/deliveries",
                          {"delivered_on": today, "quantity_accepted": "4"})
        assert bast.status_code == 201 and bast.json()["value"] == 444
        invoice = token_client(sme).post(
            f"/orders/{order['id']}/deliveries/{bast.json()['id']}/invoice")
        assert invoice.status_code == 201 and invoice.json()["amount"] == 444
        paid = buyer.post(f"/orders/{order['id']}/payments",
                          {"amount": 444, "paid_on": today, "invoice_id": invoice.json()["id"]})
        assert paid.status_code == 201 and paid.json()["invoice_id"] == invoice.json()["id"]
        full = buyer.get(f"/orders/{order['id']}").json()
        assert full["invoices"][0]["paid_amount"] == 444 and full["status"] == "delivered"
