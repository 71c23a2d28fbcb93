"""The order page offers the buyer the payment form only when an invoice is open; before
that it says payment waits for the supplier's invoice on a BAST, and the supplier is told
to issue it. Other organisations do not see the page; the API refuses a payment that has
nothing to settle."""
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_agency, make_buyer, make_sme
from rantai.api.tests.helpers import token_client
from rantai.core import clock
from rantai.sourcing import services
from rantai.sourcing.choices import OrderStatus

from .test_order_to_cash import _order
from .test_views import login

pytestmark = pytest.mark.django_db

AWAITS_INVOICE = "Pembayaran dapat dicatat setelah pemasok menerbitkan tagihan atas BAST."
INVOICE_NEEDED = "Terbitkan tagihan atas setiap BAST agar pembeli dapat mencatat pembayaran."


@pytest.fixture
def parties():
    buyer, sme = make_buyer(), make_sme()
    return buyer, sme, _order(buyer, sme)  # accepted, 100 × Rp10.000, no BAST yet


def _bast(order, buyer, accepted: int):
    return services.delivery_confirm(order=order, by=buyer, delivered_on=clock.now().date(),
                                     quantity_accepted=Decimal(accepted))


def _page(client, membership, order) -> str:
    response = login(client, membership).get(reverse("sourcing:order-detail", args=[order.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _has_payment_form(page: str, order) -> bool:
    return f'action="{reverse("sourcing:order-pay", args=[order.pk])}"' in page


def test_without_an_invoice_the_buyer_gets_no_form_but_is_told_what_comes_next(client, parties):
    buyer, sme, order = parties
    page = _page(client, buyer, order)  # accepted, nothing handed over: no hint either
    assert not _has_payment_form(page, order) and AWAITS_INVOICE not in page
    _bast(order, buyer, 40)
    page = _page(client, buyer, order)
    assert not _has_payment_form(page, order)
    assert AWAITS_INVOICE in page and "Catat pembayaran" not in page
    assert INVOICE_NEEDED not in page  # the supplier's hint is for the supplier

    page = _page(client, sme, order)
    assert INVOICE_NEEDED in page and "Terbitkan tagihan" in page
    assert not _has_payment_form(page, order) and AWAITS_INVOICE not in page


def test_an_open_invoice_brings_the_form_and_a_settled_one_takes_it_away(client, parties):
    buyer, sme, order = parties
    invoice = services.invoice_create(delivery=_bast(order, buyer, 40), by=sme)
    page = _page(client, buyer, order)
    assert _has_payment_form(page, order) and invoice.number in page
    assert AWAITS_INVOICE not in page
    assert INVOICE_NEEDED not in _page(client, sme, order)

    services.payment_record(order=order, by=buyer, amount=invoice.amount,
                            paid_on=clock.now().date(), invoice=invoice)
    invoice.refresh_from_db()
    assert invoice.outstanding == 0
    page = _page(client, buyer, order)  # every invoice paid, nothing more handed over
    assert not _has_payment_form(page, order) and AWAITS_INVOICE not in page

    _bast(order, buyer, 60)  # the rest arrives: owed, but not invoiced yet
    page = _page(client, buyer, order)
    assert not _has_payment_form(page, order) and AWAITS_INVOICE in page
    rest = services.invoice_create(delivery=order.deliveries.latest("id"), by=sme)
    assert _has_payment_form(_page(client, buyer, order), order)

    services.payment_record(order=order, by=buyer, amount=rest.amount,
                            paid_on=clock.now().date())
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    page = _page(client, buyer, order)
    assert not _has_payment_form(page, order) and AWAITS_INVOICE not in page


def test_only_the_buyer_gets_the_form_and_other_organisations_not_the_page(client, parties):
    buyer, sme, order = parties
    services.invoice_create(delivery=_bast(order, buyer, 40), by=sme)
    assert _has_payment_form(_page(client, buyer, order), order)
    assert not _has_payment_form(_page(client, sme, order), order)
    page = _page(client, make_agency(), order)  # agency staff see the order, view only
    assert not _has_payment_form(page, order) and AWAITS_INVOICE not in page
    url = reverse("sourcing:order-detail", args=[order.pk])
    for outsider in (make_buyer("PT Lain"), make_sme("CV Pesaing")):
        assert login(client, outsider).get(url).status_code == 404


def test_the_api_refuses_a_payment_with_nothing_to_settle(parties):
    buyer, sme, order = parties
    api = token_client(buyer)
    today = clock.now().date().isoformat()
    early = api.post(f"/orders/{order.pk}/payments", {"amount": 100_000, "paid_on": today})
    assert early.status_code == 422
    assert early.json()["detail"] == "Pembayaran baru dapat dicatat setelah BAST dikonfirmasi."

    invoice = services.invoice_create(delivery=_bast(order, buyer, 100), by=sme)
    assert api.post(f"/orders/{order.pk}/payments",
                    {"amount": invoice.amount, "paid_on": today,
                     "invoice_id": invoice.pk}).status_code == 201
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    late = api.post(f"/orders/{order.pk}/payments", {"amount": 1, "paid_on": today})
    assert late.status_code == 422 and late.json()["detail"] == "Pesanan ini sudah lunas."
    assert order.payments.count() == 1


def test_the_form_offers_what_is_invoiced_not_what_is_merely_handed_over(client, parties):
    buyer, sme, order = parties
    invoice = services.invoice_create(delivery=_bast(order, buyer, 40), by=sme)
    _bast(order, buyer, 30)  # handed over, not invoiced yet
    page = _page(client, buyer, order)
    amount = page.partition('name="amount"')[2].partition(">")[0]
    assert f'value="{invoice.amount}"' in amount.replace(".", "")
