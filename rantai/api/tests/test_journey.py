"""The whole chain through the API: need → publish → candidates → invitation → sealed
quote → comparison after the deadline → award → acceptance → BAST → payment → rating."""
from decimal import Decimal

import pytest

from conftest import after, make_buyer, make_sme
from rantai.core import clock
from rantai.core.audit import verify_chain

from .helpers import need_payload, token_client

pytestmark = pytest.mark.django_db


def test_need_to_rated_paid_order():
    buyer, sme = make_buyer(), make_sme()
    profile_id = sme.organisation.supplier_profile.pk
    as_buyer, as_sme = token_client(buyer), token_client(sme)

    created = as_buyer.post("/needs", need_payload())
    assert created.status_code == 201, created.content
    need = created.json()
    assert need["status"] == "draft" and need["quotes_sealed"] is True
    assert need["kbli"] == ["24310"] and need["lines"][0]["quantity"] == "500.000"
    assert need["quote_deadline"].endswith("+07:00")  # WIB, the buyer's zone
    need_id, line_id = need["id"], need["lines"][0]["id"]

    published = as_buyer.post(f"/needs/{need_id}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"

    candidates = as_buyer.get(f"/needs/{need_id}/candidates").json()
    assert profile_id in [c["supplier"]["id"] for c in candidates]
    assert all(c["reasons"] for c in candidates)

    invited = as_buyer.post(f"/needs/{need_id}/invitations", {"supplier_ids": [profile_id]})
    assert invited.json() == {"created": 1}
    assert [n["id"] for n in as_sme.get("/needs").json()["items"]] == [need_id]

    quote = as_sme.put(f"/needs/{need_id}/my-quote", {
        "lines": [{"need_line_id": line_id, "unit_price": 120_000}], "lead_time_days": 30})
    assert quote.status_code == 200, quote.content
    assert quote.json()["total_amount"] == 60_000_000
    assert as_sme.get(f"/needs/{need_id}/my-quote").json()["lines"] == [
        {"need_line_id": line_id, "unit_price": 120_000, "amount": 60_000_000,
         "product_id": None, "tkdn_percent": None}]

    assert as_buyer.get(f"/needs/{need_id}/quotes").json() == {
        "sealed": True, "count": 1, "quotes": []}
    early = as_buyer.post(f"/needs/{need_id}/award",
                          {"quote": quote.json()["id"], "reason": "Harga terendah"})
    assert early.status_code == 422 and "tersegel" in early.json()["detail"]

    with after(8):
        comparison = as_buyer.get(f"/needs/{need_id}/quotes").json()
        assert comparison["sealed"] is False
        assert [(q["supplier_id"], q["total_amount"]) for q in comparison["quotes"]] == [
            (profile_id, 60_000_000)]

        awarded = as_buyer.post(f"/needs/{need_id}/award",
                                {"quote": comparison["quotes"][0]["id"],
                                 "reason": "Harga terendah"})
        assert awarded.status_code == 201, awarded.content
        order = awarded.json()
        assert (order["status"], order["total_amount"]) == ("issued", 60_000_000)

        again = as_buyer.post(f"/needs/{need_id}/award",
                              {"quote": comparison["quotes"][0]["id"], "reason": "Lagi"})
        assert again.status_code == 422
        assert again.json()["detail"] == "Kebutuhan ini sudah memiliki pemenang."
        assert again.json()["errors"] == {"__all__": ["Kebutuhan ini sudah memiliki pemenang."]}

        order_id = order["id"]
        assert as_sme.post(f"/orders/{order_id}/accept").json()["status"] == "accepted"
        today = clock.now().date().isoformat()
        delivery = as_buyer.post(f"/orders/{order_id}/deliveries",
                                 {"delivered_on": today, "quantity_accepted": "500"})
        assert delivery.status_code == 201, delivery.content
        assert Decimal(delivery.json()["quantity_accepted"]) == 500

        part = as_buyer.post(f"/orders/{order_id}/payments",
                             {"amount": 20_000_000, "paid_on": today, "reference": "TRF-1"})
        assert part.status_code == 201
        too_much = as_buyer.post(f"/orders/{order_id}/payments",
                                 {"amount": 50_000_000, "paid_on": today})
        assert too_much.status_code == 422 and "amount" in too_much.json()["errors"]
        assert as_buyer.post(f"/orders/{order_id}/payments",
                             {"amount": 40_000_000, "paid_on": today}).status_code == 201

        rating = as_buyer.post(f"/orders/{order_id}/rating",
                               {"quality": 5, "timeliness": 4, "communication": 5})
        assert rating.status_code == 201 and rating.json()["average"] == 4.7

        final = as_sme.get(f"/orders/{order_id}").json()
        assert (final["status"], final["paid_amount"]) == ("paid", 60_000_000)
        assert len(final["deliveries"]) == 1 and len(final["payments"]) == 2
        assert final["rating"]["quality"] == 5
        assert [o["id"] for o in as_buyer.get("/orders").json()["items"]] == [order_id]
    assert verify_chain() == []


def test_sme_revises_and_withdraws_its_quote():
    buyer, sme = make_buyer(), make_sme()
    as_buyer, as_sme = token_client(buyer), token_client(sme)
    need = as_buyer.post("/needs", need_payload(is_open=True, publish=True)).json()
    line_id = need["lines"][0]["id"]
    path = f"/needs/{need['id']}/my-quote"
    assert as_sme.get(path).status_code == 404
    as_sme.put(path, {"lines": [{"need_line_id": line_id, "unit_price": 1000}],
                      "lead_time_days": 5})
    revised = as_sme.put(path, {"lines": [{"need_line_id": line_id, "unit_price": 900}],
                                "lead_time_days": 4, "note": "Diskon"})
    assert (revised.json()["total_amount"], revised.json()["note"]) == (450_000, "Diskon")
    withdrawn = as_sme.post(f"{path}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert as_buyer.get(f"/needs/{need['id']}/quotes").json()["count"] == 0


def test_supplier_profile_save_publish_and_search():
    sme = make_sme("CV Lama", publish=False)
    as_sme = token_client(sme)
    saved = as_sme.put("/suppliers/me", {
        "name": "CV Logam Jaya", "legal_form": "cv", "nib": "9120000000001",
        "regency_code": "35.77", "kbli_codes": ["24310"], "products": ["besi cor"],
        "annual_sales": 900_000_000})
    assert saved.status_code == 200, saved.content
    assert (saved.json()["status"], saved.json()["scale"]) == ("draft", "micro")
    as_buyer = token_client(make_buyer())
    assert as_buyer.get("/suppliers", {"query": "Logam"}).json()["count"] == 0

    published = as_sme.post("/suppliers/me/publish", {"published": True})
    assert published.json()["status"] == "published"
    found = as_buyer.get("/suppliers", {"query": "logam", "province": "35", "kbli": "243"})
    assert [s["name"] for s in found.json()["items"]] == ["CV Logam Jaya"]
    detail = as_buyer.get(f"/suppliers/{saved.json()['id']}").json()
    assert detail["products"] == ["besi cor"] and "annual_sales" not in detail
    assert as_buyer.get("/suppliers", {"province": "31"}).json()["count"] == 0


def test_taxonomy_search_and_agency_dashboard():
    from conftest import make_agency

    as_buyer = token_client(make_buyer())
    kbli = as_buyer.get("/taxonomy/kbli", {"q": "24310"}).json()
    assert [k["code"] for k in kbli] == ["24310"]
    regencies = as_buyer.get("/taxonomy/regencies", {"q": "35.77"}).json()
    assert regencies[0]["code"] == "35.77" and regencies[0]["province_code"] == "35"

    make_sme()
    board = token_client(make_agency()).get("/insights/dashboard")
    assert board.status_code == 200
    assert board.json()["smes"] >= 1 and board.json()["scope"] == "Nasional"
