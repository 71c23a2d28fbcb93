"""Deliveries in parts, invoices per BAST, partial payments, days from BAST to payment per
buyer, and the compliance ledger."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import after, make_agency, make_buyer, make_need, make_sme
from rantai.api.tests.helpers import token_client
from rantai.core import clock
from rantai.sourcing import selectors, services
from rantai.sourcing.choices import OrderStatus
from rantai.sourcing.models import Award, Need, PurchaseOrder

from .test_decisions import _two_line_need

pytestmark = pytest.mark.django_db


def _order(buyer, sme, need=None, prices=None):
    need = need or make_need(buyer, quantity=Decimal(100))
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    lines = list(need.lines.all())
    prices = prices or [10_000] * len(lines)
    quote = services.quote_submit(need=need, by=sme, lead_time_days=5, unit_prices={
        ln.pk: p for ln, p in zip(lines, prices, strict=True)})
    with after(8):
        order = services.award_create(need=need, quote=quote, by=buyer, reason="Termurah")
    services.order_accept(order=order, by=sme)
    return order


def test_parts_invoiced_per_bast_and_paid_in_parts_close_the_order():
    buyer, sme = make_buyer(), make_sme()
    need = _two_line_need(buyer)
    order = _order(buyer, sme, need, [10_000, 20_000])  # 1 000 000 + 1 000 000
    brake, spring = need.lines.all()
    day = clock.now().date()
    first = services.delivery_confirm(order=order, by=buyer, delivered_on=day, need_line_id=brake.pk,
                                      quantity_accepted=Decimal(40))
    assert first.value == 400_000
    with pytest.raises(ValidationError) as error:
        services.delivery_confirm(order=order, by=buyer, delivered_on=day, need_line_id=brake.pk,
                                  quantity_accepted=Decimal(61))
    assert "melebihi sisa pesanan (60)" in error.value.message_dict["quantity_accepted"][0]
    invoice = services.invoice_create(delivery=first, by=sme)
    assert (invoice.number, invoice.amount) == (f"INV-{order.number}-1", 400_000)
    with pytest.raises(ValidationError):
        services.invoice_create(delivery=first, by=sme)  # once per BAST
    services.payment_record(order=order, by=buyer, amount=150_000, paid_on=day, invoice=invoice)
    invoice.refresh_from_db()
    assert (invoice.paid_amount, invoice.paid_at) == (150_000, None)
    second = services.delivery_confirm(order=order, by=buyer, delivered_on=day,
                                       need_line_id=brake.pk, quantity_accepted=Decimal(55),
                                       quantity_rejected=Decimal(5))
    third = services.delivery_confirm(order=order, by=buyer, delivered_on=day,
                                      need_line_id=spring.pk, quantity_accepted=Decimal(50))
    assert (second.value, third.value) == (550_000, 1_000_000)
    second_invoice = services.invoice_create(delivery=second, by=sme)
    services.payment_record(order=order, by=buyer, amount=800_000, paid_on=day)  # oldest first
    invoice.refresh_from_db()
    second_invoice.refresh_from_db()
    assert (invoice.outstanding, second_invoice.outstanding) == (0, 0)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED and order.payable_amount == 1_950_000
    services.payment_record(order=order, by=buyer, amount=1_000_000, paid_on=day)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID  # every line accounted for and every part paid
    late = services.invoice_create(delivery=third, by=sme)  # invoiced after paying: carried
    assert late.outstanding == 0


def test_only_the_supplier_invoices_and_only_its_own_order(client):
    buyer, sme = make_buyer(), make_sme()
    order = _order(buyer, sme)
    delivery = services.delivery_confirm(order=order, by=buyer, delivered_on=clock.now().date(),
                                         quantity_accepted=Decimal(10))
    rival = make_sme("CV Lain")
    client.force_login(rival.user)
    url = reverse("sourcing:invoice-create", args=[order.pk, delivery.pk])
    assert client.post(url).status_code == 404
    assert token_client(rival).post(f"/orders/{order.pk}/deliveries/{delivery.pk}/invoice"
                                    ).status_code == 404
    client.force_login(sme.user)
    client.post(url)
    assert order.invoices.count() == 1


def test_payment_days_per_buyer_from_bast_to_the_payment_that_settles_it():
    buyer, sme = make_buyer(), make_sme()
    slow = make_buyer("PT Lambat")
    today = clock.now().date()
    for days in (10, 20, 50):
        order = _order(buyer, sme)
        bast = today - timedelta(days=days + 5)
        services.delivery_confirm(order=order, by=buyer, delivered_on=bast,
                                  quantity_accepted=Decimal(100))
        services.payment_record(order=order, by=buyer, amount=400_000, paid_on=bast)
        services.payment_record(order=order, by=buyer, amount=600_000,
                                paid_on=bast + timedelta(days=days))
    unpaid = _order(slow, sme)
    services.delivery_confirm(order=unpaid, by=slow, delivered_on=today - timedelta(days=45),
                              quantity_accepted=Decimal(100))
    figures = selectors.payment_days()
    assert figures[buyer.organisation_id] == {"median": 20.0, "p90": 44.0, "paid": 3,
                                              "unpaid_overdue": 0}
    assert figures[slow.organisation_id] == {"median": None, "p90": None, "paid": 0,
                                             "unpaid_overdue": 1}
    assert set(selectors.payment_days(buyer_ids=[slow.organisation_id])) == {slow.organisation_id}


def test_compliance_ledger_counts_umkm_share_tkdn_overrides_and_breaches():
    from rantai.suppliers.services import certificate_add

    buyer = make_buyer()
    small = make_sme("CV Kecil")
    large = make_sme("PT Besar", annual_sales=60_000_000_000)
    profile = small.organisation.supplier_profile
    product = profile.products.first()
    certificate_add(by=small, profile=profile, kind="tkdn_ik", number="T-1", issuer="Kemenperin",
                    valid_from=date(2020, 1, 1), products={product.pk: Decimal(50)})
    need = make_need(buyer, quantity=Decimal(100))
    services.invitations_create(need=need, by=buyer, supplier_ids=[profile.pk])
    line = need.lines.get()
    quote = services.quote_submit(need=need, by=small, unit_prices={line.pk: 30_000},
                                  lead_time_days=5, products={line.pk: product.pk})
    waived = services.need_create(
        by=buyer, title="Lokomotif", description="", kbli_codes=["24310"], quantity=Decimal(1),
        unit="unit", delivery_regency_code="35.77", estimated_value=9_000_000_000,
        quote_deadline=clock.now() + timedelta(days=7), umk_reserved=False,
        reservation_waiver_reason="Di luar kemampuan teknis UMK", publish=True)
    legacy = services.need_create(
        by=buyer, title="Rel", description="", kbli_codes=["24310"], quantity=Decimal(1),
        unit="unit", delivery_regency_code="35.77", estimated_value=1_000_000_000,
        quote_deadline=clock.now() + timedelta(days=7), umk_reserved=False,
        reservation_waiver_reason="sementara", publish=True)
    Need.objects.filter(pk=legacy.pk).update(reservation_waiver_reason="")  # a pre-rule row
    quotes = []
    for other in (waived, legacy):
        services.invitations_create(need=other, by=buyer,
                                    supplier_ids=[large.organisation.supplier_profile.pk])
        quotes.append(services.quote_submit(need=other, by=large, lead_time_days=5,
                                            unit_prices={other.lines.get().pk: 3_500_000}))
    with after(8):
        services.award_create(need=need, quote=quote, by=buyer, reason="x")
        for other, q in zip((waived, legacy), quotes, strict=True):
            legacy.refresh_from_db()
            services.award_create(need=other, quote=q, by=buyer, reason="x")
    [row] = [r for r in selectors.compliance_ledger() if r["buyer_id"] == buyer.organisation_id]
    assert (row["awarded_value"], row["umk_value"]) == (10_000_000, 3_000_000)
    assert row["umk_share"] == pytest.approx(0.3) and not row["meets_target"]
    assert row["micro_small_share"] == pytest.approx(0.3)  # the micro supplier's 3 of 10
    assert row["micro_small_paid_share"] is None  # nothing paid yet
    assert row["tkdn_weighted"] == pytest.approx(15.0)  # 50% on 3 of 10 million
    assert row["overrides"] == 1 and row["override_needs"][0]["reason"] == (
        "Di luar kemampuan teknis UMK")
    assert row["breaches"] == 1 and row["breach_needs"][0]["title"] == "Rel"
    assert Award.objects.get(need=need).supplier_scale == "micro"
    assert selectors.compliance_ledger(province="11") == []  # nothing delivered in Aceh
    # Paid value is measured too: 3 million paid to the micro supplier, 1 million to PT Besar.
    PurchaseOrder.objects.filter(need=need).update(paid_amount=3_000_000)
    PurchaseOrder.objects.filter(need=waived).update(paid_amount=1_000_000)
    [row] = [r for r in selectors.compliance_ledger() if r["buyer_id"] == buyer.organisation_id]
    assert row["paid_value"] == 4_000_000 and row["micro_small_paid_share"] == pytest.approx(0.75)


def test_compliance_page_and_api_show_a_buyer_only_its_own_row(client):
    buyer, other, sme = make_buyer(), make_buyer("PT Lain"), make_sme()
    _order(buyer, sme)
    _order(other, sme)
    client.force_login(buyer.user)
    page = client.get(reverse("sourcing:compliance")).content.decode()
    assert buyer.organisation.name in page and "PT Lain" not in page
    rows = token_client(buyer).get("/compliance/ledger").json()
    assert [r["buyer_id"] for r in rows] == [buyer.organisation_id]
    days = token_client(buyer).get("/compliance/payment-days").json()
    assert {d["buyer_id"] for d in days} == {buyer.organisation_id}
    agency_rows = token_client(make_agency()).get("/compliance/ledger").json()
    assert {r["buyer_id"] for r in agency_rows} == {buyer.organisation_id, other.organisation_id}
    assert token_client(sme).get("/compliance/ledger").status_code == 403
    client.force_login(sme.user)
    assert client.get(reverse("sourcing:compliance")).status_code in (302, 403)


def test_compliance_ledger_command_writes_csv_and_json(tmp_path):
    import json

    from django.core.management import call_command

    buyer, sme = make_buyer(), make_sme()
    order = _order(buyer, sme)
    services.delivery_confirm(order=order, by=buyer, delivered_on=clock.now().date(),
                              quantity_accepted=Decimal(100))
    call_command("compliance_ledger", "--format", "json", "--output", str(tmp_path / "l.json"))
    [row] = json.loads((tmp_path / "l.json").read_text())
    assert (row["buyer_id"], row["awarded_value"], row["bast_paid"]) == (
        buyer.organisation_id, 1_000_000, 0)
    call_command("compliance_ledger", "--output", str(tmp_path / "l.csv"))
    assert (tmp_path / "l.csv").read_text().splitlines()[0].startswith("buyer_id,buyer_name")
