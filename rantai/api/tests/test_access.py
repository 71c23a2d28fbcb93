"""Other organisations get 404 for what is not theirs; unapproved ones get 403."""
from datetime import timedelta

import pytest

from conftest import after, make_agency, make_buyer, make_need, make_sme
from rantai.core import clock
from rantai.sourcing.services import (
    award_create,
    delivery_confirm,
    invitations_create,
    order_accept,
    quote_submit,
)

from .helpers import need_payload, profile_payload, token_client

pytestmark = pytest.mark.django_db


def _quoted_need():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    invitations_create(need=need, supplier_ids=[sme.organisation.supplier_profile.pk], by=buyer)
    quote = quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 1000},
                         lead_time_days=5)
    return buyer, sme, need, quote


def test_another_buyer_cannot_see_or_change_a_need():
    _buyer, sme, need, quote = _quoted_need()
    other = token_client(make_buyer("PT KAI (Persero)"))
    n = need.pk
    attempts = [
        ("get", f"/needs/{n}", None),
        ("post", f"/needs/{n}/publish", None),
        ("get", f"/needs/{n}/candidates", None),
        ("post", f"/needs/{n}/invitations",
         {"supplier_ids": [sme.organisation.supplier_profile.pk]}),
        ("get", f"/needs/{n}/quotes", None),
        ("get", f"/needs/{n}/my-quote", None),
        ("post", f"/needs/{n}/award", {"quote": quote.pk, "reason": "Murah"}),
    ]
    with after(8):
        for method, path, payload in attempts:
            response = getattr(other, method)(path, payload)
            assert response.status_code == 404, (path, response.content)
    assert other.get("/needs").json()["count"] == 0
    need.refresh_from_db()
    assert need.status == "published" and not need.awards.exists()


def test_another_sme_cannot_see_or_change_a_quote():
    buyer, _sme, need, quote = _quoted_need()
    need.is_open = True
    need.save()
    rival = token_client(make_sme("CV Pesaing"))
    assert rival.get(f"/needs/{need.pk}").status_code == 200  # open: it may quote too
    for method, path in [("get", f"/needs/{need.pk}/my-quote"),
                         ("post", f"/needs/{need.pk}/my-quote/withdraw"),
                         ("get", f"/needs/{need.pk}/quotes")]:
        assert getattr(rival, method)(path).status_code == 404
    quote.refresh_from_db()
    assert quote.status == "submitted"


def test_a_draft_profile_is_visible_only_to_its_owner_and_agencies():
    draft = make_sme("CV Rahasia", publish=False)
    profile_id = draft.organisation.supplier_profile.pk
    for outsider in (make_buyer(), make_sme("CV Lain")):
        client = token_client(outsider)
        assert client.get(f"/suppliers/{profile_id}").status_code == 404
        names = [s["name"] for s in client.get("/suppliers").json()["items"]]
        assert "CV Rahasia" not in names
    assert token_client(draft).get(f"/suppliers/{profile_id}").status_code == 200
    assert token_client(make_agency()).get(f"/suppliers/{profile_id}").status_code == 200


def test_an_sme_only_ever_changes_its_own_profile():
    owner = make_sme("CV Pemilik")
    other = make_sme("CV Lain")
    token_client(other).put("/suppliers/me", profile_payload(nib="9120000000009"))
    owner.organisation.supplier_profile.refresh_from_db()
    assert owner.organisation.supplier_profile.name == "CV Pemilik"
    # An SME may not take another's NIB either.
    taken = token_client(other).put(
        "/suppliers/me", profile_payload(nib=owner.organisation.supplier_profile.nib))
    assert taken.status_code == 422 and "nib" in taken.json()["errors"]


def test_outsiders_cannot_see_or_touch_an_order():
    buyer, sme, need, quote = _quoted_need()
    with after(8):
        order = award_create(need=need, quote=quote, by=buyer, reason="Murah")
        outsider = token_client(make_buyer("PT Lain"))
        today = clock.now().date().isoformat()
        for method, path, payload in [
            ("get", f"/orders/{order.pk}", None),
            ("post", f"/orders/{order.pk}/accept", None),
            ("post", f"/orders/{order.pk}/deliveries",
             {"delivered_on": today, "quantity_accepted": "1"}),
            ("post", f"/orders/{order.pk}/payments", {"amount": 1, "paid_on": today}),
            ("post", f"/orders/{order.pk}/rating",
             {"quality": 1, "timeliness": 1, "communication": 1}),
        ]:
            assert getattr(outsider, method)(path, payload).status_code == 404, path
        # The parties still cannot do each other's part.
        assert token_client(buyer).post(f"/orders/{order.pk}/accept").status_code == 403
        order_accept(order=order, by=sme)
        delivery_confirm(order=order, by=buyer, delivered_on=clock.now().date(),
                         quantity_accepted=1)
        assert token_client(sme).post(f"/orders/{order.pk}/payments",
                                      {"amount": 1, "paid_on": today}).status_code == 403
        assert token_client(make_agency()).get(f"/orders/{order.pk}").status_code == 200


def test_wrong_kind_of_organisation_is_refused():
    sme, buyer = make_sme(), make_buyer()
    assert token_client(sme).post("/needs", need_payload()).status_code == 403
    assert token_client(buyer).get("/suppliers/me").status_code == 403
    assert token_client(buyer).get("/insights/dashboard").status_code == 403
    assert token_client(sme).get("/insights/dashboard").status_code == 403


def test_sme_staff_cannot_publish_the_profile():
    from rantai.accounts.models import Membership

    sme = make_sme(publish=False)
    Membership.objects.filter(pk=sme.pk).update(role="staff")
    sme.refresh_from_db()
    assert token_client(sme).post("/suppliers/me/publish").status_code == 403


def _every_operation(ids: dict) -> list[tuple[str, str, dict | None]]:
    """One call per API operation, with a valid body, so only permissions can refuse."""
    n, o, p, q = ids["need"], ids["order"], ids["profile"], ids["quote"]
    today = clock.now().date().isoformat()
    deadline = (clock.now() + timedelta(days=7)).isoformat()
    return [
        ("get", "/suppliers", None),
        ("get", f"/suppliers/{p}", None),
        ("get", "/suppliers/me", None),
        ("put", "/suppliers/me", profile_payload()),
        ("post", "/suppliers/me/publish", {"published": True}),
        ("get", f"/suppliers/{p}/private", None),
        ("put", "/suppliers/me/products/1", {"unit": "kg"}),
        ("post", "/suppliers/me/capabilities", {"process": "casting"}),
        ("delete", "/suppliers/me/capabilities/1", None),
        ("post", "/suppliers/me/certificates",
         {"kind": "sni", "number": "1", "issuer": "x", "valid_from": today}),
        ("delete", "/suppliers/me/certificates/1", None),
        ("post", "/suppliers/me/verification-request", None),
        ("post", f"/suppliers/{p}/verification", {"verified": True}),
        ("get", "/claims", None),
        ("post", "/claims", {"nib": "1234567890123", "evidence": "x"}),
        ("post", "/claims/1/decision", {"approve": True}),
        ("get", "/needs", None),
        ("post", "/needs", need_payload(quote_deadline=deadline)),
        ("get", f"/needs/{n}", None),
        ("post", f"/needs/{n}/publish", None),
        ("get", f"/needs/{n}/candidates", None),
        ("post", f"/needs/{n}/invitations", {"supplier_ids": [p]}),
        ("get", f"/needs/{n}/quotes", None),
        ("get", f"/needs/{n}/my-quote", None),
        ("put", f"/needs/{n}/my-quote",
         {"lines": [{"need_line_id": ids["line"], "unit_price": 10}], "lead_time_days": 1}),
        ("post", f"/needs/{n}/my-quote/withdraw", None),
        ("post", f"/needs/{n}/award", {"quote": q, "reason": "Murah"}),
        ("get", "/orders", None),
        ("get", f"/orders/{o}", None),
        ("post", f"/orders/{o}/accept", None),
        ("post", f"/orders/{o}/deliveries", {"delivered_on": today, "quantity_accepted": "1"}),
        ("post", f"/orders/{o}/payments", {"amount": 1, "paid_on": today}),
        ("post", f"/orders/{o}/rating", {"quality": 5, "timeliness": 5, "communication": 5}),
        ("get", "/insights/dashboard", None),
        ("get", "/taxonomy/kbli", None),
        ("get", "/taxonomy/regencies", None),
        ("upload", "/imports", ("pemasok.csv", b"nib,nama_usaha\n")),
        ("get", "/imports/1", None),
        ("get", "/imports/1/errors", None),
        ("post", "/exports", {"format": "csv"}),
        ("get", "/exports/1", None),
        ("get", "/exports/1/file", None),
        # -- issue 4: sourcing --
        ("post", f"/needs/{n}/amend", {"change_note": "x"}),
        ("get", f"/needs/{n}/clarifications", None),
        ("post", f"/needs/{n}/clarifications", {"question": "x"}),
        ("post", f"/needs/{n}/clarifications/1/answer", {"answer": "x"}),
        ("get", f"/needs/{n}/comparison", None),
        ("post", f"/needs/{n}/my-quote/confirm", None),
        ("get", f"/needs/{n}/my-rank", None),
        ("post", f"/needs/{n}/award-lines",
         {"lines": [{"need_line_id": ids["line"], "quote": q}], "reason": "x"}),
        ("post", f"/orders/{o}/deliveries/1/invoice", None),
        ("get", "/compliance/ledger", None),
        ("get", "/compliance/payment-days", None),
        # -- issue 5: matching --
        ("get", "/opportunities", None),
        ("get", "/matching/search", {"text": "blok rem"}),
        # -- issue 6: forums --
        ("get", "/forums", None),
        ("post", "/forums", {"title": "Forum", "date": today, "start": "09:00", "venue": "Jakarta"}),
        ("get", "/forums/1", None),
        ("post", "/forums/1/open", None),
        ("post", "/forums/1/buyers", {"buyer_id": 1, "tables": 2}),
        ("post", "/forums/1/needs", {"title": "Suku cadang"}),
        ("put", "/forums/1/registration", {"available_slots": None}),
        ("get", "/forums/1/suggestions", None),
        ("get", "/forums/1/requests", None),
        ("post", "/forums/1/requests", {"seat_id": 1, "priority": 3}),
        ("post", "/forums/1/requests/1/decision", {"accept": True}),
        ("post", "/forums/1/requests/1/cancel", None),
        ("post", "/forums/1/schedule-runs", {"everyone_meets": True}),
        ("get", "/forums/1/schedule-runs/1", None),
        ("post", "/forums/1/schedule-runs/1/publish", None),
        ("get", "/forums/1/agenda", None),
        ("post", "/forums/1/checkins", {"registration_id": 1}),
        ("post", "/forums/1/walk-ins", {"registration_id": 1, "seat_id": 1, "slot": 1}),
        ("post", "/forums/1/meetings/1/attendance", {"status": "held"}),
        ("put", "/forums/1/meetings/1/outcome", {"interest": "high", "next_step": "deal"}),
        ("post", "/forums/1/meetings/1/follow-ups", {"months": 3}),
        ("upload", "/forums/1/lists", ("permintaan.csv", b"nib,pembeli\n")),
        ("get", "/forums/1/report", None),
        # -- issue 7: development, monitoring, open data --
        ("post", f"/orders/{o}/feedback", {"category": "quality", "text": "retak"}),
        ("get", "/development/plans", None),
        ("get", "/development/plans/1", None),
        ("post", "/development/plans/1/assign", {"programme": 1, "mentor": 1}),
        ("post", "/development/plans/1/actions", {"description": "x", "due_on": today}),
        ("post", "/development/plans/1/actions/1/done", None),
        ("post", "/development/plans/1/recheck-request", None),
        ("post", "/development/plans/1/recheck", {"passed": True}),
        ("get", "/development/programmes", None),
        ("post", "/development/programmes",
         {"name": "x", "topic": "sni", "starts_on": today, "ends_on": today}),
        ("get", "/development/programmes/1", None),
        ("post", "/development/programmes/1/enrolments", {}),
        ("post", "/development/programmes/1/sessions", {"held_on": today, "title": "x"}),
        ("get", f"/development/suppliers/{p}/scorecard", None),
        ("get", "/development/buyers/scorecard", None),
        ("get", "/development/gaps", None),
        ("get", "/development/scale-ups", None),
        ("get", "/opendata/ocds", None),
        ("get", "/insights/overview", None),
        ("get", "/insights/drilldown", {"metric": "orders"}),
        ("get", "/insights/compliance", None),
        ("get", "/insights/regional", None),
        # -- notifications --
        ("get", "/notifications", None),
        ("post", "/notifications/read", {"ids": [1]}),
    ]


def test_unapproved_buyer_gets_403_on_everything_but_me():
    buyer, sme, need, quote = _quoted_need()
    with after(8):
        order = award_create(need=need, quote=quote, by=buyer, reason="Murah")
    ids = {"need": need.pk, "order": order.pk, "profile": sme.organisation.supplier_profile.pk,
           "quote": quote.pk, "line": need.lines.get().pk}
    pending = token_client(make_buyer("PT Baru", approved=False))

    me = pending.get("/me")
    assert me.status_code == 200 and me.json()["status"] == "pending"
    operations = _every_operation(ids)
    for method, path, payload in operations:
        response = (pending.upload(path, *payload) if method == "upload"
                    else getattr(pending, method)(path, payload))
        assert response.status_code == 403, (method, path, response.content)
        assert "persetujuan administrator" in response.json()["detail"]

    # Every documented operation is in the list above, so a new endpoint cannot slip by.
    documented = {
        (method, path.removeprefix("/api/v1"))
        for path, item in pending.get("/openapi.json").json()["paths"].items()
        for method in item
    }
    covered = {("post" if method == "upload" else method, _template(path))
               for method, path, _ in operations}
    assert documented - {("get", "/me")} == covered


def _template(path: str) -> str:
    """"/needs/12/quotes" → "/needs/{need_id}/quotes" as OpenAPI names it."""
    parts = path.split("/")
    names = {"needs": "need_id", "orders": "order_id", "suppliers": "profile_id",
             "products": "product_id", "capabilities": "capability_id",
             "certificates": "certificate_id", "claims": "claim_id", "imports": "job_id",
             "exports": "job_id", "plans": "plan_id", "actions": "action_id",
             "programmes": "programme_id", "forums": "event_id", "requests": "request_id",
             "schedule-runs": "run_id", "meetings": "meeting_id",
             "clarifications": "clarification_id", "deliveries": "delivery_id"}
    return "/".join(f"{{{names[parts[i - 1]]}}}" if part.isdigit() else part
                    for i, part in enumerate(parts))
