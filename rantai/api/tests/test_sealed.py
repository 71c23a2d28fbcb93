"""Rule 4: before the deadline no response reveals a quote amount to anyone but the
quoting SME — not to the buyer, not to a rival SME, not to an agency."""
import pytest

from conftest import after, make_agency, make_buyer, make_need, make_sme
from rantai.sourcing.services import invitations_create, quote_submit

from .helpers import token_client

pytestmark = pytest.mark.django_db

UNIT_PRICE = 123_457  # 500 pieces → 61 728 500
SECRETS = ("123457", "123.457", "123,457", "61728500", "61.728.500", "61,728,500")


def _reads(need_id: int, profile_id: int) -> list[tuple[str, str, dict | None]]:
    """Every endpoint a curious caller could try before the deadline."""
    n = need_id
    return [
        ("get", "/me", None), ("get", "/needs", None), ("get", f"/needs/{n}", None),
        ("get", f"/needs/{n}/quotes", None), ("get", f"/needs/{n}/my-quote", None),
        ("get", f"/needs/{n}/candidates", None), ("get", "/suppliers", None),
        ("get", f"/suppliers/{profile_id}", None), ("get", "/orders", None),
        ("get", "/insights/dashboard", None), ("get", "/openapi.json", None),
        ("post", f"/needs/{n}/award", {"quote": 1, "reason": "Intip"}),
        ("post", f"/needs/{n}/my-quote/withdraw", None),
    ]


def _leaks(body: bytes) -> list[str]:
    text = body.decode()
    return [secret for secret in SECRETS if secret in text]


@pytest.fixture
def sealed():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    need.is_open = True  # so a rival SME and the agency can read the need itself
    need.save()
    profile = sme.organisation.supplier_profile
    invitations_create(need=need, supplier_ids=[profile.pk], by=buyer)
    quote = quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: UNIT_PRICE},
                         lead_time_days=30)
    assert quote.total_amount == 61_728_500
    return {"buyer": buyer, "sme": sme, "need": need, "profile": profile, "quote": quote}


def test_nobody_but_the_quoting_sme_sees_an_amount_before_the_deadline(sealed):
    viewers = {"buyer": sealed["buyer"], "rival": make_sme("CV Pesaing"),
               "agency": make_agency()}
    reads = _reads(sealed["need"].pk, sealed["profile"].pk)
    for name, membership in viewers.items():
        client = token_client(membership)
        for method, path, payload in reads:
            response = getattr(client, method)(path, payload)
            assert response.status_code < 500, (name, path)
            assert _leaks(response.content) == [], (name, path)

    assert token_client(sealed["buyer"]).get(f"/needs/{sealed['need'].pk}/quotes").json() == {
        "sealed": True, "count": 1, "quotes": []}
    own = token_client(sealed["sme"]).get(f"/needs/{sealed['need'].pk}/my-quote")
    assert own.json()["total_amount"] == 61_728_500  # its own supplier always sees it


def test_the_buyer_compares_amounts_after_the_deadline_and_others_still_cannot(sealed):
    need_id = sealed["need"].pk
    with after(8):
        opened = token_client(sealed["buyer"]).get(f"/needs/{need_id}/quotes").json()
        assert opened["sealed"] is False
        assert opened["quotes"][0]["lines"][0]["unit_price"] == UNIT_PRICE
        for outsider in (make_sme("CV Pesaing"), make_agency()):
            quotes = token_client(outsider).get(f"/needs/{need_id}/quotes")
            assert quotes.status_code == 404 and _leaks(quotes.content) == []


def test_the_owners_estimate_is_the_buyers_alone():
    from conftest import make_agency, make_buyer, make_sme
    from rantai.sourcing.services import invitations_create, need_create

    from .helpers import need_payload, token_client

    buyer, sme = make_buyer(), make_sme()
    created = token_client(buyer).post("/needs", need_payload(estimated_value=750_000_000,
                                                               publish=True))
    need_id = created.json()["id"]
    assert created.json()["estimated_value"] == 750_000_000
    from rantai.sourcing.models import Need

    invitations_create(need=Need.objects.get(pk=need_id), by=buyer,
                       supplier_ids=[sme.organisation.supplier_profile.pk])
    for outsider in (sme, make_agency()):
        body = token_client(outsider).get(f"/needs/{need_id}").json()
        assert body["estimated_value"] is None
    assert need_create  # imported for the reader: the same service the API calls
