"""Quote drafts: the SME's alone until submitted — not counted, not compared, not awardable;
eligibility is enforced on submission; a submitted quote never falls back to draft."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import after, make_buyer, make_need, make_sme
from rantai.api.tests.helpers import token_client
from rantai.core.models import AuditEntry
from rantai.sourcing import selectors, services
from rantai.sourcing.models import Quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer, supplier_ids=[sme.organisation.supplier_profile.pk])
    return buyer, sme, need


def test_a_draft_is_not_counted_compared_or_awardable_until_submitted(invited):
    buyer, sme, need = invited
    line = need.lines.get()
    draft = services.quote_submit(need=need, by=sme, unit_prices={line.pk: 1000}, lead_time_days=5,
                                  draft=True)
    assert draft.status == "draft" and selectors.quote_count(need) == 0
    assert AuditEntry.objects.filter(action="quote.draft").count() == 1
    with after(8):
        comparison = selectors.quotes_for_buyer(need)
        assert not comparison.sealed and comparison.quotes == [] and comparison.count == 0
        with pytest.raises(ValidationError):
            services.award_create(need=need, quote=draft, by=buyer, reason="Murah")
    submitted = services.quote_submit(need=need, by=sme, unit_prices={line.pk: 900}, lead_time_days=5)
    assert (submitted.pk, submitted.status, submitted.total_amount) == (draft.pk, "submitted", 450_000)
    assert selectors.quote_count(need) == 1
    with pytest.raises(ValidationError) as error:  # no way back to draft
        services.quote_submit(need=need, by=sme, unit_prices={line.pk: 800}, lead_time_days=5, draft=True)
    assert "__all__" in error.value.message_dict
    assert Quote.objects.get().total_amount == 450_000


def test_an_ineligible_sme_may_draft_but_not_submit(invited):
    buyer, _sme, need = invited
    large = make_sme("PT Besar", annual_sales=60_000_000_000)
    need.is_open = True  # any SME may quote; the reservation still refuses a large one
    need.save(update_fields=["is_open"])
    line = need.lines.get()
    services.quote_submit(need=need, by=large, unit_prices={line.pk: 1000}, lead_time_days=5, draft=True)
    with pytest.raises(ValidationError):
        services.quote_submit(need=need, by=large, unit_prices={line.pk: 1000}, lead_time_days=5)
    assert Quote.objects.get().status == "draft"


def test_drafts_through_the_page_and_the_api(client, invited):
    _buyer, sme, need = invited
    line = need.lines.get()
    client.force_login(sme.user)
    url = reverse("sourcing:quote-submit", args=[need.pk])
    response = client.post(url, {f"price_{line.pk}": "1.000", "lead_time_days": "7", "draft": "1"},
                           follow=True)
    assert "belum terkirim" in response.content.decode()
    assert Quote.objects.get().status == "draft"
    api = token_client(sme)
    body = {"lines": [{"need_line_id": line.pk, "unit_price": 1200}], "lead_time_days": 7}
    assert api.put(f"/needs/{need.pk}/my-quote", {**body, "draft": True}).json()["status"] == "draft"
    assert api.put(f"/needs/{need.pk}/my-quote", body).json()["status"] == "submitted"
    assert Quote.objects.get().total_amount == 1200 * int(Decimal(line.quantity))
