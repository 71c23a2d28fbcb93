"""Two ways in: an organisation's API token, or the browser session with CSRF."""
import pytest
from django.test import Client

from conftest import make_buyer, make_sme
from rantai.accounts.models import ApiToken, Membership, User
from rantai.accounts.services import api_token_create, api_token_revoke

from .helpers import ApiClient, need_payload, token_client

pytestmark = pytest.mark.django_db


def test_token_acts_as_its_membership():
    buyer = make_buyer()
    response = token_client(buyer).get("/me")
    assert response.status_code == 200
    body = response.json()
    assert body["organisation"]["id"] == buyer.organisation_id
    assert body["user"]["email"] == buyer.user.email
    assert (body["kind"], body["role"], body["status"]) == ("buyer", "owner", "approved")
    assert ApiToken.objects.get(membership=buyer).last_used_at is not None


def test_revoked_unknown_or_missing_token_gets_401():
    buyer = make_buyer()
    token, key = api_token_create(membership=buyer, name="integrasi")
    api_token_revoke(token=token, by=buyer)
    for client in (ApiClient(key), ApiClient("rnt_unknown"), ApiClient()):
        response = client.get("/me")
        assert response.status_code == 401
        assert response.json()["detail"]
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_bad_token_is_refused_even_with_a_session():
    buyer = make_buyer()
    client = ApiClient("rnt_unknown")
    client.force_login(buyer.user)
    assert client.get("/me").status_code == 401


def test_session_works_and_enforces_csrf_on_writes():
    buyer = make_buyer()
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer.user)
    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["organisation"]["id"] == buyer.organisation_id

    refused = client.post("/api/v1/needs", need_payload(), content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]

    csrf = "a" * 32
    client.cookies["csrftoken"] = csrf
    created = client.post("/api/v1/needs", need_payload(), content_type="application/json",
                          headers={"X-CSRFToken": csrf})
    assert created.status_code == 201, created.content
    assert created.json()["buyer_id"] == buyer.organisation_id


def test_token_writes_need_no_csrf():
    response = token_client(make_buyer()).post("/needs", need_payload())
    assert response.status_code == 201


def test_session_without_organisation_sees_me_only():
    user = User.objects.create_user("tanpa.org@example.id", "rahasia-123", full_name="Tanpa")
    client = ApiClient()
    client.force_login(user)
    me = client.get("/me")
    assert me.status_code == 200 and me.json()["organisation"] is None
    assert client.get("/needs").status_code == 403


def test_session_acts_for_the_organisation_chosen_in_the_session():
    sme, buyer = make_sme(), make_buyer()
    Membership.objects.create(user=sme.user, organisation=buyer.organisation, role="staff")
    client = ApiClient()
    client.force_login(sme.user)
    assert client.get("/me").json()["kind"] == "sme"
    session = client.session
    session["org_id"] = buyer.organisation_id
    session.save()
    me = client.get("/me").json()
    assert (me["kind"], me["role"]) == ("buyer", "staff")
