"""Dashboard figures: exact totals, paid value from payments, province scope."""
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import after, make_agency, make_buyer, make_need, make_sme
from rantai.insights.selectors import dashboard
from rantai.sourcing import services
from rantai.taxonomy.models import Province

pytestmark = pytest.mark.django_db


def _order(buyer, sme, *, price, paid=0, rejected=0):
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: price},
                                  lead_time_days=3)
    with after(8):
        order = services.award_create(need=need, quote=quote, by=buyer, reason="ok")
        services.order_accept(order=order, by=sme)
        services.delivery_confirm(order=order, by=buyer, delivered_on=date.today(),
                                  quantity_accepted=Decimal(500 - rejected),
                                  quantity_rejected=Decimal(rejected))
        if paid:
            services.payment_record(order=order, by=buyer, amount=paid, paid_on=date.today())
    return order


def test_figures_are_exact_and_paid_value_is_what_was_paid():
    buyer = make_buyer()
    east = make_sme("CV Timur", regency="35.77")  # Jawa Timur
    west = make_sme("CV Barat", regency="32.04")  # Jawa Barat
    _order(buyer, east, price=1_000, paid=200_000)  # 500 000 ordered, 200 000 paid so far
    _order(buyer, west, price=2_000, paid=990_000, rejected=5)  # 1 000 000, 990 000 payable
    national = dashboard(make_agency())
    assert (national.smes, national.awards) == (2, 2)
    assert national.order_value == 1_500_000
    assert national.paid_value == 1_190_000
    rows = {row["code"]: row for row in national.by_province}
    assert (rows["35"]["orders"], rows["35"]["order_value"]) == (1, 500_000)
    assert (rows["32"]["orders"], rows["32"]["order_value"]) == (1, 1_000_000)
    east_java = dashboard(make_agency("Disperindag Jatim",
                                      province=Province.objects.get(code="35")))
    assert east_java.scope == "Jawa Timur"
    assert (east_java.smes, east_java.order_value, east_java.paid_value) == (1, 500_000, 200_000)
    assert [row["code"] for row in east_java.by_province] == ["35"]


def test_a_fully_rejected_delivery_settles_the_order():
    buyer, sme = make_buyer(), make_sme()
    order = _order(buyer, sme, price=1_000, rejected=500)
    order.refresh_from_db()
    assert order.payable_amount == 0 and order.status == "paid"


def test_dashboard_page_shows_the_figures(client):
    buyer, sme = make_buyer(), make_sme()
    _order(buyer, sme, price=1_000, paid=500_000)
    client.force_login(make_agency().user)
    body = client.get(reverse("insights:dashboard")).content.decode()
    assert "Rp500.000" in body and "Jawa Timur" in body
