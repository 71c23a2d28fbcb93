"""Orders carried through the real sourcing services, for development tests."""
from datetime import date, timedelta
from decimal import Decimal

from conftest import after, make_need
from rantai.core import clock
from rantai.sourcing import services


def delivered_order(buyer, sme, *, price=1_000, rejected=0, late_days=0, pay_after_days=None,
                    quantity=500):
    """An order of ``quantity`` units, handed over ``late_days`` after the promised date
    (acceptance + 3 days' lead time) with ``rejected`` units refused, and paid in full
    ``pay_after_days`` after the BAST (None: unpaid)."""
    need = make_need(buyer, quantity=Decimal(quantity))
    profile = sme.organisation.supplier_profile
    services.invitations_create(need=need, by=buyer, supplier_ids=[profile.pk])
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: price},
                                  lead_time_days=3)
    with after(8):
        order = services.award_create(need=need, quote=quote, by=buyer, reason="ok")
        services.order_accept(order=order, by=sme)
    with after(8 + 3 + late_days):
        bast_day = clock.now().date()
        services.delivery_confirm(order=order, by=buyer, delivered_on=bast_day,
                                  quantity_accepted=Decimal(quantity - rejected),
                                  quantity_rejected=Decimal(rejected))
    if pay_after_days is not None:
        with after(8 + 3 + late_days + pay_after_days):
            order.refresh_from_db()
            if order.amount_due - order.paid_amount > 0:
                services.payment_record(order=order, by=buyer, amount=order.amount_due - order.paid_amount,
                                        paid_on=bast_day + timedelta(days=pay_after_days))
    order.refresh_from_db()
    return order


def today() -> date:
    return clock.now().date()
