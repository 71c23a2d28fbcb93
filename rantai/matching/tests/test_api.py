"""The API's match list (with the page's filters), opportunities and free-text search."""
import pytest

from conftest import make_agency, make_buyer, make_sme
from rantai.api.tests.helpers import token_client

from .helpers import certify, need

pytestmark = pytest.mark.django_db


def test_candidates_with_filters_and_near_misses():
    buyer = make_buyer()
    make_sme("CV Madiun", regency="35.77")
    certify(make_sme("CV Aceh", regency="11.71"))
    n = need(buyer)
    api = token_client(buyer)
    names = [c["supplier"]["name"] for c in api.get(f"/needs/{n.pk}/candidates").json()]
    assert sorted(names) == ["CV Aceh", "CV Madiun"]
    body = api.get(f"/needs/{n.pk}/candidates", {"province": "11"}).json()
    assert [c["supplier"]["name"] for c in body] == ["CV Aceh"] and body[0]["reasons"]
    body = api.get(f"/needs/{n.pk}/candidates", {"certificate": "sni", "near_misses": "true"}).json()
    assert [(c["supplier"]["name"], c["eligible"]) for c in body] == [("CV Aceh", True),
                                                                     ("CV Madiun", False)]
    assert body[1]["gaps"] == ["butuh sertifikat SNI"]
    bad = api.get(f"/needs/{n.pk}/candidates", {"scale": "raksasa", "top": 0})
    assert bad.status_code == 422 and set(bad.json()["errors"]) == {"scale", "top"}


def test_only_the_needs_buyer_sees_its_candidates():
    buyer, sme = make_buyer(), make_sme()
    draft = need(buyer, publish=False)
    for outsider in (make_buyer("PT KAI (Persero)"), sme):
        assert token_client(outsider).get(f"/needs/{draft.pk}/candidates").status_code == 404
    assert token_client(buyer).get(f"/needs/{draft.pk}/candidates").status_code == 200


def test_opportunities_for_smes_only_and_only_visible_needs():
    buyer, other = make_buyer(), make_buyer("PT KAI (Persero)")
    sme = make_sme()
    open_need = need(buyer)
    need(other, title="Blok rem undangan", is_open=False)
    need(buyer, title="Blok rem draf", publish=False)
    body = token_client(sme).get("/opportunities").json()
    assert [item["need"]["title"] for item in body["items"]] == [open_need.title]
    assert body["items"][0]["reasons"] and body["items"][0]["eligible"]
    assert token_client(buyer).get("/opportunities").status_code == 403


def test_free_text_search_for_buyers_and_agencies():
    make_sme("CV Baja Kurnia")
    for who in (make_buyer(), make_agency()):
        body = token_client(who).get("/matching/search", {"text": "blok rem", "regency": "35.77"}).json()
        assert body[0]["supplier"]["name"] == "CV Baja Kurnia"
    assert token_client(make_sme("CV Lain")).get("/matching/search", {"text": "x"}).status_code == 403
    bad = token_client(make_buyer()).get("/matching/search", {"text": "x", "regency": "99.99"})
    assert bad.status_code == 422 and "regency" in bad.json()["errors"]
