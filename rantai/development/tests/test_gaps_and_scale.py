"""Gap detection (who to train next) and scale-up counting ("naik kelas")."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_agency, make_buyer, make_sme
from rantai.core import clock
from rantai.development.gaps import detect_gaps, gaps_by_topic
from rantai.development.selectors import scale_up_counts, scale_ups
from rantai.sourcing.services import need_create
from rantai.suppliers.models import Certificate, Product, SizeRecord
from rantai.taxonomy.models import Province

pytestmark = pytest.mark.django_db


def _sni(sme):
    Certificate.objects.create(supplier=sme.organisation.supplier_profile, kind="sni", number="1",
                               issuer="LSPro", valid_from=date(2020, 1, 1))


def _capacity(sme, units):
    Product.objects.filter(supplier=sme.organisation.supplier_profile).update(
        monthly_capacity=Decimal(units))


def _need(buyer):
    return need_create(by=buyer, title="Blok rem besi cor kelabu", description="pengecoran",
                       kbli_codes=["24310"], quantity=Decimal(500), unit="buah",
                       delivery_regency_code="35.77", quote_deadline=clock.now() + timedelta(days=7),
                       required_certificates=["sni"], publish=True)


def test_one_certificate_or_one_capacity_step_away_grouped_by_programme(client):
    buyer = make_buyer()
    no_sni = make_sme("CV Tanpa SNI", regency="35.77")
    _capacity(no_sni, 800)
    short = make_sme("CV Kapasitas Kecil", regency="32.04")
    _sni(short)
    _capacity(short, 300)  # 300 of 500: one step
    far = make_sme("CV Jauh Sekali", regency="32.04")
    _sni(far)
    _capacity(far, 100)  # 100 of 500: more than one step
    ready = make_sme("CV Siap", regency="35.77")
    _sni(ready)
    _capacity(ready, 900)
    need = _need(buyer)
    groups = {g["topic"]: [row["supplier"].name for row in g["smes"]]
              for g in gaps_by_topic(detect_gaps(make_agency()))}
    assert groups == {"sni": ["CV Tanpa SNI"], "capacity": ["CV Kapasitas Kecil"]}
    east = make_agency("Disperindag Jatim", province=Province.objects.get(code="35"))
    assert {g.supplier.name for g in detect_gaps(east)} == {"CV Tanpa SNI"}
    client.force_login(east.user)
    body = client.get(reverse("development:gaps")).content.decode()
    assert "CV Tanpa SNI" in body and need.title in body and "CV Kapasitas Kecil" not in body


def test_scale_ups_count_moves_to_a_higher_band_only():
    up, down = make_sme("CV Naik", regency="35.77"), make_sme("CV Turun", regency="32.04")
    for sme, steps in ((up, ["micro", "micro", "small", "medium"]), (down, ["small", "micro"])):
        profile = sme.organisation.supplier_profile
        profile.size_records.all().delete()
        for year, scale in enumerate(steps, start=2021):
            SizeRecord.objects.create(supplier=profile, as_of=date(year, 6, 30), scale=scale,
                                      scale_rule="sales")
    moves = scale_ups()
    assert [(m["supplier"].name, m["from"], m["to"]) for m in moves] == [
        ("CV Naik", "small", "medium"), ("CV Naik", "micro", "small")]
    counts = scale_up_counts(moves)
    assert counts["smes"] == 1 and counts["by_year"] == {2023: 1, 2024: 1}
    assert scale_ups(province_id="32") == []
    assert len(scale_ups(since=date(2024, 1, 1))) == 1


def test_gap_and_scale_pages_are_for_agencies_only(client):
    client.force_login(make_sme().user)
    assert client.get(reverse("development:gaps")).status_code == 403
    assert client.get(reverse("development:scale-ups")).status_code == 403
    client.force_login(make_agency().user)
    assert client.get(reverse("development:scale-ups")).status_code == 200
