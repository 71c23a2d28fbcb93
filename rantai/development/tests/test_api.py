"""The development API: the same loop as the pages, and 404 for other organisations."""
from datetime import timedelta

import pytest

from conftest import make_agency, make_buyer, make_sme
from rantai.api.tests.helpers import token_client

from .helpers import delivered_order, today

pytestmark = pytest.mark.django_db


def test_the_loop_through_the_api_and_outsiders_get_404():
    buyer, sme, agency = make_buyer(), make_sme(), make_agency()
    order = delivered_order(buyer, sme, rejected=25)
    b, s, a = token_client(buyer), token_client(sme), token_client(agency)
    assert b.post(f"/orders/{order.pk}/rating", {"quality": 2, "timeliness": 3, "communication": 4,
                                                 "documents": 2}).status_code == 201
    response = b.post(f"/orders/{order.pk}/feedback", {"category": "quality", "text": "25 retak"})
    assert response.status_code == 201, response.content
    plan = response.json()
    assert plan["source"] == "rejection" and plan["status"] == "open"
    pid = plan["id"]

    outsiders = [token_client(make_sme("CV Lain")), token_client(make_buyer("PT KAI (Persero)"))]
    for outsider in outsiders:
        assert outsider.get(f"/development/plans/{pid}").status_code == 404
        assert outsider.post(f"/development/plans/{pid}/actions",
                             {"description": "x", "due_on": today().isoformat()}).status_code == 404
        assert outsider.post(f"/development/plans/{pid}/recheck", {"passed": True}).status_code in (403, 404)
        assert outsider.get("/development/plans").json() == []

    programme = a.post("/development/programmes", {
        "name": "Mutu pengecoran", "topic": "quality", "starts_on": today().isoformat(),
        "ends_on": (today() + timedelta(days=30)).isoformat()}).json()
    assert a.post(f"/development/plans/{pid}/assign",
                  {"programme": programme["id"], "mentor": agency.user_id}).json()["status"] == "in_progress"
    action = s.post(f"/development/plans/{pid}/actions",
                    {"description": "Kalibrasi tungku", "due_on": today().isoformat()}).json()
    s.post(f"/development/plans/{pid}/actions/{action['id']}/done")
    assert s.post(f"/development/plans/{pid}/recheck-request").json()["status"] == "recheck"
    assert b.post(f"/development/plans/{pid}/recheck", {"passed": True}).json()["status"] == "passed"

    card = b.get(f"/development/suppliers/{order.supplier_id}/scorecard").json()
    assert card["orders"] == 1 and card["rejected_pct"] == 5.0
    assert s.get("/development/programmes").json()[0]["enrolled"] == 1


def test_missing_fields_are_named():
    agency = token_client(make_agency())
    response = agency.post("/development/programmes", {"name": "", "topic": "sni"})
    assert response.status_code == 422
    assert {"name", "starts_on", "ends_on"} <= set(response.json()["errors"])


def test_gaps_and_scale_ups_are_for_agencies():
    sme = token_client(make_sme())
    assert sme.get("/development/gaps").status_code == 403
    assert sme.get("/development/scale-ups").status_code == 403
    assert token_client(make_agency()).get("/development/scale-ups").json() == []
