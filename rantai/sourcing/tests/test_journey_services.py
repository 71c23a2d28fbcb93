"""The whole chain through services: need → invitation → sealed quote → award → order →
BAST → payment → rating, with the audit chain intact at the end."""
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import after, make_buyer, make_need, make_sme
from rantai.core.audit import verify_chain
from rantai.development.services import rating_create
from rantai.sourcing import services
from rantai.sourcing.choices import NeedStatus, OrderStatus
from rantai.sourcing.selectors import quotes_for_buyer

pytestmark = pytest.mark.django_db


def test_need_to_paid_order():
    buyer = make_buyer()
    sme = make_sme()
    need = make_need(buyer)
    profile = sme.organisation.supplier_profile
    assert services.invitations_create(need=need, supplier_ids=[profile.pk], by=buyer) == 1
    line = need.lines.get()
    quote = services.quote_submit(need=need, by=sme, unit_prices={line.pk: 120_000},
                                  lead_time_days=30)
    assert quote.total_amount == 60_000_000
    sealed = quotes_for_buyer(need)
    assert sealed.sealed and sealed.count == 1 and sealed.quotes == []
    with after(8):
        opened = quotes_for_buyer(need)
        assert [q.pk for q in opened.quotes] == [quote.pk]
        order = services.award_create(need=need, quote=quote, by=buyer, reason="Harga terendah")
        need.refresh_from_db()
        assert need.status == NeedStatus.AWARDED
        services.order_accept(order=order, by=sme)
        services.delivery_confirm(order=order, by=buyer, delivered_on=date.today(),
                                  quantity_accepted=Decimal(500))
        services.payment_record(order=order, by=buyer, amount=20_000_000, paid_on=date.today())
        assert order.status == OrderStatus.DELIVERED
        services.payment_record(order=order, by=buyer, amount=40_000_000, paid_on=date.today())
        order.refresh_from_db()
        assert order.status == OrderStatus.PAID
        rating = rating_create(order=order, by=buyer, quality=5, timeliness=4, communication=5)
        assert rating.average == 4.7
    assert verify_chain() == []


def test_quote_after_deadline_refused_with_message():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer, days=1)
    services.invitations_create(need=need, supplier_ids=[sme.organisation.supplier_profile.pk],
                                by=buyer)
    with after(2), pytest.raises(ValidationError) as error:
        services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 1000},
                              lead_time_days=3)
    assert "Batas waktu penawaran sudah lewat" in str(error.value)
    assert not need.quotes.exists()


def test_absurd_quote_total_is_refused_not_crashed():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    services.invitations_create(need=need, supplier_ids=[sme.organisation.supplier_profile.pk],
                                by=buyer)
    line = need.lines.get()
    with pytest.raises(ValidationError) as error:
        services.quote_submit(need=need, by=sme, unit_prices={line.pk: 10**17}, lead_time_days=3)
    assert "terlalu besar" in error.value.message_dict[f"price_{line.pk}"][0]
    assert not need.quotes.exists()


def test_payment_beyond_the_total_is_refused_and_dates_are_local():
    from datetime import UTC, datetime

    from rantai.core import clock

    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    services.invitations_create(need=need, supplier_ids=[sme.organisation.supplier_profile.pk],
                                by=buyer)
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 10},
                                  lead_time_days=3)
    # 02:00 WIB on the 1st is still the 30th in UTC: "today" must be the local date
    local_morning = datetime(2031, 1, 1, 19, 0, tzinfo=UTC)  # 2 Jan 02:00 WIB
    with clock.frozen_at(local_morning):
        order = services.award_create(need=need, quote=quote, by=buyer, reason="ok")
        services.order_accept(order=order, by=sme)
        services.delivery_confirm(order=order, by=buyer, delivered_on=date(2031, 1, 2),
                                  quantity_accepted=Decimal(500))
        with pytest.raises(ValidationError) as error:
            services.payment_record(order=order, by=buyer, amount=5_001, paid_on=date(2031, 1, 2))
        assert "Melebihi sisa tagihan (Rp5.000)" in error.value.message_dict["amount"][0]
    order.refresh_from_db()
    assert order.paid_amount == 0 and not order.payments.exists()


def test_rejected_items_are_not_paid_for_and_the_order_still_closes():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)  # 500 buah
    services.invitations_create(need=need, supplier_ids=[sme.organisation.supplier_profile.pk],
                                by=buyer)
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 1_000},
                                  lead_time_days=3)
    with after(8):
        order = services.award_create(need=need, quote=quote, by=buyer, reason="ok")
        services.order_accept(order=order, by=sme)
        with pytest.raises(ValidationError) as error:
            services.delivery_confirm(order=order, by=buyer, delivered_on=date.today(),
                                      quantity_accepted=Decimal(501))
        assert "melebihi sisa pesanan" in error.value.message_dict["quantity_accepted"][0]
        services.delivery_confirm(order=order, by=buyer, delivered_on=date.today(),
                                  quantity_accepted=Decimal(480), quantity_rejected=Decimal(20))
        assert order.payable_amount == 480_000
        services.payment_record(order=order, by=buyer, amount=480_000, paid_on=date.today())
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.paid_amount == 480_000
