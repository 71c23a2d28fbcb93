"""The journey through the pages (Django test client), sealing on pages, and refusals."""
from datetime import timedelta

import pytest
from django.urls import reverse

from conftest import after, make_buyer, make_need, make_sme
from rantai.core import clock
from rantai.sourcing.choices import OrderStatus
from rantai.sourcing.models import Need, PurchaseOrder, Quote

pytestmark = pytest.mark.django_db


def lines_data(*lines) -> dict:
    """POST data for the need form's line formset: (description, quantity, unit) per line."""
    data = {"lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "1", "lines-MAX_NUM_FORMS": "50"}
    for i, (description, quantity, unit) in enumerate(lines):
        data.update({f"lines-{i}-description": description, f"lines-{i}-quantity": quantity,
                     f"lines-{i}-unit": unit})
    return data


def login(client, membership):
    client.force_login(membership.user)
    return client


def test_buyer_posts_need_invites_and_awards_through_pages(client):
    buyer, sme = make_buyer(), make_sme()
    login(client, buyer)
    deadline = (clock.now() + timedelta(days=5)).astimezone().strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("sourcing:need-create"), {
        "title": "Blok rem besi cor", "description": "untuk kereta", "kbli_codes": "24310",
        **lines_data(("", "500", "buah")), "delivery_regency_code": "35.77",
        "mode": "invited", "reservation": "rule",
        "quote_deadline": deadline, "publish": "1"})
    need = Need.objects.get()
    assert response.status_code == 302 and need.status == "published"
    page = client.get(reverse("sourcing:need-detail", args=[need.pk])).content.decode()
    assert "candidates=1" in page  # the ranked list loads after the page (htmx)
    page = client.get(reverse("sourcing:need-detail", args=[need.pk]), {"candidates": "1"},
                      HTTP_HX_REQUEST="true").content.decode()
    profile = sme.organisation.supplier_profile
    assert profile.name in page and "KBLI" in page  # the candidate list with reasons
    client.post(reverse("sourcing:need-invite", args=[need.pk]), {"supplier": [profile.pk]})
    assert need.invitations.filter(supplier=profile).exists()

    login(client, sme)
    line = need.lines.get()
    client.post(reverse("sourcing:quote-submit", args=[need.pk]),
                {f"price_{line.pk}": "123457", "lead_time_days": "21"})
    assert Quote.objects.get().total_amount == 61_728_500
    assert "61.728.500" in client.get(reverse("sourcing:need-detail", args=[need.pk])).content.decode()

    login(client, buyer)
    page = client.get(reverse("sourcing:need-detail", args=[need.pk])).content.decode()
    assert "61.728.500" not in page and "123.457" not in page and "tersegel" in page
    with after(6):
        page = client.get(reverse("sourcing:need-detail", args=[need.pk])).content.decode()
        assert "61.728.500" in page
        client.post(reverse("sourcing:need-award", args=[need.pk]),
                    {"quote": Quote.objects.get().pk, "reason": "Harga dan mutu"})
        order = PurchaseOrder.objects.get()
        login(client, sme)
        client.post(reverse("sourcing:order-accept", args=[order.pk]))
        login(client, buyer)
        today = clock.now().date().isoformat()
        client.post(reverse("sourcing:order-deliver", args=[order.pk]),
                    {"delivered_on": today, "quantity_accepted": "500", "quantity_rejected": "0"})
        client.post(reverse("sourcing:order-pay", args=[order.pk]),
                    {"amount": str(order.total_amount), "paid_on": today})
        client.post(reverse("development:rate-order", args=[order.pk]),
                    {"quality": "5", "timeliness": "4", "communication": "5"})
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.rating.quality == 5


def test_bad_need_input_names_each_field(client):
    login(client, make_buyer())
    past = (clock.now() - timedelta(days=1)).astimezone().strftime("%Y-%m-%dT%H:%M")
    page = client.post(reverse("sourcing:need-create"), {
        "title": "X", "kbli_codes": "99999", **lines_data(("", "-3", "buah")),
        "mode": "invited", "reservation": "rule",
        "delivery_regency_code": "99.99", "quote_deadline": past}).content.decode()
    assert "Kode KBLI 2020 tidak dikenal: 99999" in page
    assert "Baris 1: jumlah harus lebih dari nol" in page
    assert "Kabupaten/kota tidak dikenal: 99.99" in page
    assert "Batas waktu penawaran harus di masa depan" in page
    assert not Need.objects.exists()


def test_quote_after_deadline_gets_a_clear_message(client):
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer, days=1)
    from rantai.sourcing.services import invitations_create

    invitations_create(need=need, supplier_ids=[sme.organisation.supplier_profile.pk], by=buyer)
    login(client, sme)
    with after(2):
        response = client.post(reverse("sourcing:quote-submit", args=[need.pk]),
                               {f"price_{need.lines.get().pk}": "1000", "lead_time_days": "3"})
    assert response.status_code == 422
    assert "Batas waktu penawaran sudah lewat" in response.content.decode()
    assert not Quote.objects.exists()


def test_second_award_is_refused():
    buyer, a, b = make_buyer(), make_sme(), make_sme("CV Kedua")
    need = make_need(buyer)
    from rantai.sourcing import services

    services.invitations_create(need=need, by=buyer, supplier_ids=[
        a.organisation.supplier_profile.pk, b.organisation.supplier_profile.pk])
    line = need.lines.get()
    qa = services.quote_submit(need=need, by=a, unit_prices={line.pk: 100}, lead_time_days=5)
    qb = services.quote_submit(need=need, by=b, unit_prices={line.pk: 90}, lead_time_days=5)
    from django.core.exceptions import ValidationError

    with after(8):
        services.award_create(need=need, quote=qa, by=buyer, reason="mutu")
        need_again = Need.objects.get(pk=need.pk)
        need_again.status = "published"  # a stale copy, as a second racing request would hold
        with pytest.raises(ValidationError):
            services.award_create(need=need_again, quote=qb, by=buyer, reason="harga")
    assert PurchaseOrder.objects.count() == 1


def test_sme_opportunities_are_open_needs_with_invitations_first(client):
    from rantai.sourcing.selectors import opportunities

    buyer, sme = make_buyer(), make_sme()
    profile = sme.organisation.supplier_profile
    from rantai.sourcing import services

    open_to_all = make_need(buyer, title="Terbuka untuk semua", days=2, publish=False)
    Need.objects.filter(pk=open_to_all.pk).update(is_open=True)
    services.need_publish(need=Need.objects.get(pk=open_to_all.pk), by=buyer)
    invited = make_need(buyer, title="Undangan khusus", days=5)
    closing = make_need(buyer, title="Segera ditutup", days=1)
    services.invitations_create(need=invited, by=buyer, supplier_ids=[profile.pk])
    services.invitations_create(need=closing, by=buyer, supplier_ids=[profile.pk])
    with after(1.5):  # "Segera ditutup" has passed its deadline
        listed = [(n.title, n.invited) for n in opportunities(sme)]
        assert listed == [("Undangan khusus", True), ("Terbuka untuk semua", False)]
        client.force_login(sme.user)
        body = client.get(reverse("sourcing:need-list")).content.decode()
        assert "Undangan khusus" in body and "Segera ditutup" not in body and "Diundang" in body


def test_need_form_takes_several_lines_with_a_drawing_and_skips_an_emptied_line(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, make_buyer())
    deadline = (clock.now() + timedelta(days=5)).astimezone().strftime("%Y-%m-%dT%H:%M")
    data = {"title": "Komponen bogie", "kbli_codes": "24310", "delivery_regency_code": "35.77",
            "quote_deadline": deadline, "mode": "open", "reservation": "no",
            "reservation_waiver_reason": "Butuh sertifikasi khusus",
            "required_certificates": ["sni"], "min_tkdn_percent": "25",
            **lines_data(("Blok rem", "100", "buah"), ("Pegas", "50", "buah"), ("", "", "")),
            "lines-0-specification": "FC250",
            "lines-0-attachment": SimpleUploadedFile("gambar.pdf", b"%PDF-1.4\n%%EOF\n")}
    response = client.post(reverse("sourcing:need-create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    need = Need.objects.get()
    assert [(ln.description, ln.quantity, ln.specification) for ln in need.lines.all()] == [
        ("Blok rem", 100, "FC250"), ("Pegas", 50, "")]
    assert need.lines.first().attachment.name.endswith(".pdf")
    assert (need.is_open, need.umk_reserved, need.reservation_waiver_reason,
            need.required_certificates, need.min_tkdn_percent) == (
        True, False, "Butuh sertifikasi khusus", ["sni"], 25)


def test_split_award_through_the_page(client):
    from decimal import Decimal

    from rantai.sourcing import services
    from rantai.sourcing.services import LineInput

    buyer = make_buyer()
    need = services.need_create(
        by=buyer, title="Komponen", description="", kbli_codes=["24310"],
        lines=[LineInput("Blok rem", Decimal(10), "buah"), LineInput("Pegas", Decimal(5), "buah")],
        delivery_regency_code="35.77", quote_deadline=clock.now() + timedelta(days=3),
        publish=True)
    a, b = make_sme("CV A"), make_sme("CV B")
    services.invitations_create(need=need, by=buyer, supplier_ids=[
        a.organisation.supplier_profile.pk, b.organisation.supplier_profile.pk])
    brake, spring = need.lines.all()
    qa = services.quote_submit(need=need, by=a, unit_prices={brake.pk: 100, spring.pk: 900},
                               lead_time_days=5)
    qb = services.quote_submit(need=need, by=b, unit_prices={brake.pk: 200, spring.pk: 300},
                               lead_time_days=5)
    login(client, buyer)
    with after(4):
        page = client.get(reverse("sourcing:need-detail", args=[need.pk]), {"sort": "lead"})
        assert 'id="side-by-side"' in page.content.decode()
        client.post(reverse("sourcing:need-award", args=[need.pk]), {
            f"line_{brake.pk}": qa.pk, f"line_{spring.pk}": qb.pk, "reason": "Per baris"})
    assert sorted(PurchaseOrder.objects.values_list("supplier__name", "total_amount")) == [
        ("CV A", 1000), ("CV B", 1500)]
