"""Two managers press "award" at the same moment: exactly one award, one order, and the
audit chain does not fork. Real threads with their own connections, on SQLite or
PostgreSQL (whichever DATABASE_URL selects)."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from conftest import after, make_buyer, make_need, make_sme
from rantai.accounts.models import Membership
from rantai.core.audit import verify_chain
from rantai.sourcing import services
from rantai.sourcing.models import Award, Need, PurchaseOrder, Quote

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 8


def test_racing_awards_yield_exactly_one_winner(reference_data):
    buyer, smes = make_buyer(), [make_sme(f"CV Pemasok {i}") for i in range(3)]
    need = make_need(buyer)
    services.invitations_create(
        need=need, by=buyer, supplier_ids=[s.organisation.supplier_profile.pk for s in smes])
    line = need.lines.get()
    quotes = [services.quote_submit(need=need, by=s, unit_prices={line.pk: 1000 + i},
                                    lead_time_days=5) for i, s in enumerate(smes)]
    barrier = threading.Barrier(WORKERS)
    outcomes: list[str] = []

    def award(worker: int) -> None:
        try:
            me = Membership.objects.select_related("organisation", "user").get(pk=buyer.pk)
            stale = Need.objects.get(pk=need.pk)  # every worker read it while still open
            quote = Quote.objects.get(pk=quotes[worker % len(quotes)].pk)
            barrier.wait()
            with after(8):
                services.award_create(need=stale, quote=quote, by=me, reason=f"pekerja {worker}")
            outcomes.append("won")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=award, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * (WORKERS - 1) + ["won"]
    assert Award.objects.filter(need=need).count() == 1
    assert PurchaseOrder.objects.filter(need=need).count() == 1
    assert verify_chain() == []


def test_racing_payments_never_exceed_the_order_total(reference_data):
    from datetime import date
    from decimal import Decimal

    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 100},
                                  lead_time_days=5)  # total Rp50.000
    with after(8):
        order = services.award_create(need=need, quote=quote, by=buyer, reason="satu")
        services.order_accept(order=order, by=sme)
        services.delivery_confirm(order=order, by=buyer, delivered_on=date.today(),
                                  quantity_accepted=Decimal(500))
    barrier = threading.Barrier(WORKERS)
    outcomes: list[str] = []

    def pay(worker: int) -> None:
        try:
            me = Membership.objects.select_related("organisation", "user").get(pk=buyer.pk)
            stale = PurchaseOrder.objects.select_related("supplier").get(pk=order.pk)
            barrier.wait()
            with after(9):
                services.payment_record(order=stale, by=me, amount=20_000, paid_on=date.today())
            outcomes.append("paid")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    order.refresh_from_db()
    assert outcomes.count("paid") == 2  # 2 × 20.000 fits in 50.000; a third would not
    assert order.paid_amount == 40_000 == sum(p.amount for p in order.payments.all())
    assert verify_chain() == []
