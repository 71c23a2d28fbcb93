"""The OCDS export: valid against the official 1.1 schema, NIB/scale on suppliers, nothing
sealed or private before its time, the same package from page, API and command."""
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import after, make_buyer, make_need, make_sme
from rantai.api.tests.helpers import token_client
from rantai.core import clock
from rantai.opendata import ocds
from rantai.opendata.validate import package_errors
from rantai.sourcing import services

pytestmark = pytest.mark.django_db


def _paid_order():
    buyer, sme = make_buyer(), make_sme(annual_sales=5_000_000_000)
    profile = sme.organisation.supplier_profile
    profile.npwp = "012345678901234"
    profile.contact_name = "Ibu Rahasia"
    profile.save()
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer, supplier_ids=[profile.pk])
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 1_234},
                                  lead_time_days=3)
    with after(8):
        order = services.award_create(need=need, quote=quote, by=buyer, reason="ok")
        services.order_accept(order=order, by=sme)
        services.delivery_confirm(order=order, by=buyer, delivered_on=clock.now().date(),
                                  quantity_accepted=Decimal(490), quantity_rejected=Decimal(10))
        services.payment_record(order=order, by=buyer, amount=604_660, paid_on=clock.now().date())
    return buyer, sme, need, order


def test_the_package_validates_and_carries_nib_scale_awards_and_payments():
    _buyer, sme, need, order = _paid_order()
    with after(9):
        package = ocds.build_package(base_url="https://rantai.example.id/")
    assert package_errors(package) == []
    (release,) = package["releases"]
    assert release["ocid"] == ocds.ocid_for(need)
    assert release["tag"] == ["tender", "award", "contract", "implementation"]
    supplier = next(p for p in release["parties"] if "supplier" in p["roles"])
    profile = sme.organisation.supplier_profile
    assert supplier["identifier"] == {"scheme": "ID-NIB", "id": profile.nib, "legalName": profile.name}
    assert supplier["details"]["scale"] == "sme"  # small by PP 7/2021 → OCDS "sme"
    assert supplier["details"]["indonesia"]["scale"] == "small"
    assert supplier["details"]["indonesia"]["kbli"] == ["24310"]
    assert release["awards"][0]["value"] == {"amount": 617_000, "currency": "IDR"}
    (contract,) = release["contracts"]
    assert contract["id"] == order.number and contract["status"] == "terminated"
    assert [t["value"]["amount"] for t in contract["implementation"]["transactions"]] == [604_660]
    text = json.dumps(package)
    assert "012345678901234" not in text and "Ibu Rahasia" not in text


def test_a_schema_violation_is_reported():
    _paid_order()
    with after(9):
        package = ocds.build_package(base_url="https://rantai.example.id/")
    package["releases"][0]["tag"] = ["quote"]
    del package["publisher"]
    errors = package_errors(package)
    assert any("publisher" in e for e in errors) and any("tag" in e for e in errors)


def test_nothing_about_quotes_appears_before_the_deadline():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[sme.organisation.supplier_profile.pk])
    services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 987_654},
                          lead_time_days=3)
    package = ocds.build_package(base_url="https://rantai.example.id/")
    assert package_errors(package) == []
    (release,) = package["releases"]
    assert "awards" not in release and "numberOfTenderers" not in release["tender"]
    text = json.dumps(package)
    assert "987654" not in text and "987_654" not in text
    assert sme.organisation.supplier_profile.nib not in text


def test_drafts_are_never_published():
    buyer = make_buyer()
    make_need(buyer, publish=False)
    assert ocds.needs_for_export().count() == 0


def test_since_keeps_only_processes_changed_from_that_day():
    _paid_order()
    assert ocds.needs_for_export(since=clock.now().date()).count() == 1
    assert ocds.needs_for_export(since=clock.now().date() + timedelta(days=30)).count() == 0


def test_command_writes_a_valid_file(tmp_path):
    _paid_order()
    target = tmp_path / "ocds.json"
    with after(9):
        call_command("export_ocds", "--output", str(target), "--since",
                     date.today().isoformat(), stdout=open(tmp_path / "out", "w"))
    package = json.loads(target.read_text(encoding="utf-8"))
    assert len(package["releases"]) == 1 and package_errors(package) == []


def test_public_page_streams_the_same_package(client):
    _paid_order()
    with after(9):
        response = client.get(reverse("opendata:ocds"))
        package = json.loads(b"".join(response.streaming_content))
    assert response.status_code == 200 and package_errors(package) == []
    assert client.get(reverse("opendata:index")).status_code == 200
    assert client.get(reverse("opendata:ocds") + "?since=kemarin").status_code == 400
    extension = client.get(reverse("opendata:extension"))
    assert json.loads(b"".join(extension.streaming_content))["compatibility"] == ["1.1"]


def test_api_serves_the_package_to_any_approved_member():
    _paid_order()
    with after(9):
        body = token_client(make_sme("CV Lain")).get("/opendata/ocds").json()
    assert len(body["releases"]) == 1 and package_errors(body) == []
