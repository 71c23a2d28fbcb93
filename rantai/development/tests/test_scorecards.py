"""Both scorecards: plain supplier figures with a month trend that never scores an empty
month; buyers' days from BAST to payment per unit and per BUMN group."""
import pytest
from django.urls import reverse

from conftest import after, make_buyer, make_sme
from rantai.accounts.models import Organisation
from rantai.development.selectors import buyer_scorecards, supplier_scorecard

from .helpers import delivered_order

pytestmark = pytest.mark.django_db


def test_supplier_figures_are_plain_and_exact():
    buyer, sme = make_buyer(), make_sme()
    delivered_order(buyer, sme)  # on time, nothing rejected
    delivered_order(buyer, sme, rejected=100, late_days=2)  # late, 100 of 500 rejected
    card = supplier_scorecard(sme.organisation.supplier_profile)
    assert (card.orders, card.late_orders) == (2, 1)
    assert card.on_time_pct == 50.0
    assert card.rejected_pct == 10.0  # 100 of 1000 units


def test_a_month_without_orders_gets_no_score():
    buyer, sme = make_buyer(), make_sme()
    delivered_order(buyer, sme)
    with after(62):  # two months later
        delivered_order(buyer, sme, late_days=1)
        card = supplier_scorecard(sme.organisation.supplier_profile)
    assert len(card.months) >= 3
    empty = [m for m in card.months if m.orders == 0]
    assert empty and all(m.on_time_pct is None and m.rejected_pct is None for m in empty)
    assert card.months[0].on_time_pct == 100.0 and card.months[-1].on_time_pct == 0.0


def test_buyer_days_to_pay_per_unit_and_group():
    holding = make_buyer("PT Kereta Api Indonesia (Persero)")
    unit = make_buyer("KAI Daop 8 Surabaya")
    Organisation.objects.filter(pk=unit.organisation_id).update(parent_id=holding.organisation_id)
    sme = make_sme()
    delivered_order(holding, sme, pay_after_days=10)
    delivered_order(unit, sme, pay_after_days=40)
    delivered_order(unit, sme, pay_after_days=60)
    rows = {(r.organisation.name, r.is_group): r for r in buyer_scorecards()}
    assert rows[("KAI Daop 8 Surabaya", False)].median == 50.0
    assert rows[("PT Kereta Api Indonesia (Persero)", False)].median == 10.0
    group = rows[("PT Kereta Api Indonesia (Persero)", True)]
    assert (group.median, group.paid) == (40.0, 3)


def test_scorecard_pages(client):
    buyer, sme = make_buyer(), make_sme()
    delivered_order(buyer, sme, pay_after_days=5)
    client.force_login(make_sme("CV Lain").user)
    body = client.get(reverse("development:buyer-scorecards")).content.decode()
    assert "PT PLN (Persero)" in body
    body = client.get(reverse("development:supplier-scorecard",
                              args=[sme.organisation.supplier_profile.pk])).content.decode()
    assert "100.0%" in body or "100,0%" in body
    assert 'id="scale-history"' not in body  # size history is private to the SME and agencies
