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
