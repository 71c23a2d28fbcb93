"""Monitoring figures: the pre-aggregated table equals the naive count, every figure's
drill-down list has exactly that many rows, exports, the map, province scope."""
import io
import re
from itertools import pairwise

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import make_agency, make_buyer, make_sme
from rantai.accounts.models import Organisation
from rantai.development.tests.helpers import delivered_order
from rantai.insights import figures, monitoring
from rantai.insights.figures import Filters
from rantai.suppliers.models import SupplierProfile
from rantai.taxonomy.models import Province

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def always_fresh(settings):
    settings.INSIGHTS_MAX_STALE_SECONDS = 0


def _world():
    pln = make_buyer("PT PLN (Persero)")
    Organisation.objects.filter(pk=pln.organisation_id).update(bumn_cluster="energi")
    unit = make_buyer("PLN UID Jawa Timur")
    Organisation.objects.filter(pk=unit.organisation_id).update(parent_id=pln.organisation_id)
    east = make_sme("CV Timur", regency="35.77")
    west = make_sme("CV Barat", regency="32.04", annual_sales=5_000_000_000)
    make_sme("CV Belum Bertransaksi", regency="32.04")
    SupplierProfile.objects.filter(pk=west.organisation.supplier_profile.pk).update(verification="verified")
    delivered_order(pln, east, price=1_000, pay_after_days=5)  # paid 500 000
    delivered_order(unit, west, price=2_000, pay_after_days=10)  # paid 1 000 000, cluster via parent
    delivered_order(make_buyer("PT Swasta Besar", buyer_kind="large_business"), west, price=3_000)
    return pln, east, west


def test_figures_equal_the_naive_counts_for_every_slice():
    _world()
    figures.refresh_order_figures()
    slices = [Filters(), Filters(province="35"), Filters(province="32"), Filters(cluster="energi"),
              Filters(scale="small"), Filters(section="C")]
    for f in slices:
        assert figures.order_totals(f) == figures.naive_order_totals(f), f
        for by in figures.DIMENSIONS:
            assert figures.order_breakdown(f, by) == figures.naive_order_breakdown(f, by), (f, by)
    everything = figures.order_totals(Filters())
    assert everything == {"orders": 3, "value": 3_000_000, "paid_orders": 2, "paid_value": 1_500_000}
    assert figures.order_totals(Filters(cluster="energi"))["orders"] == 2  # the unit inherits


def test_every_figure_drills_down_to_a_list_of_that_size():
    _world()
    data = monitoring.overview(Filters())
    assert data.sme_counts == {"registered": 3, "verified": 1, "in_chain": 2}
    assert monitoring.orders(Filters(), "orders").count() == data.orders["orders"] == 3
    assert monitoring.orders(Filters(), "paid").count() == data.orders["paid_orders"] == 2
    for row in data.by_province:
        f = Filters(province=row["key"])
        assert monitoring.smes(f, "registered").count() == row["registered"]
        assert monitoring.smes(f, "in_chain").count() == row["in_chain"]
        assert monitoring.orders(f, "orders").count() == row["orders"]
    assert [r["key"] for r in data.by_cluster if r["key"]] == ["energi"]


def test_a_provincial_officer_sees_only_their_province_whatever_the_url(client):
    _world()
    officer = make_agency("Disperindag Jatim", province=Province.objects.get(code="35"))
    client.force_login(officer.user)
    body = client.get(reverse("insights:dashboard") + "?province=32").content.decode()
    assert 'id="stat-smes">1<' in body and "CV Barat" not in body
    listing = client.get(reverse("insights:drilldown", args=["registered"]) + "?province=32")
    assert "CV Timur" in listing.content.decode() and "CV Barat" not in listing.content.decode()


def test_exports_carry_the_same_rows_and_no_private_data(client):
    _, east, west = _world()
    SupplierProfile.objects.filter(pk=east.organisation.supplier_profile.pk).update(
        npwp="012345678901234", contact_phone="08123456789")
    client.force_login(make_agency().user)
    url = reverse("insights:drilldown", args=["in_chain"])
    text = b"".join(client.get(url + "?format=csv").streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("nib,nama_usaha") and len(lines) == 3
    assert "012345678901234" not in text and "08123456789" not in text
    response = client.get(reverse("insights:drilldown", args=["orders"]) + "?format=xlsx&province=32")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 2 and {r[3] for r in rows[1:]} == {"CV Barat"}


def test_dashboard_page_has_a_map_charts_and_links(client):
    _world()
    client.force_login(make_agency().user)
    body = client.get(reverse("insights:dashboard")).content.decode()
    assert 'id="province-map"' in body and 'data-province="35"' in body and 'data-province="32"' in body
    assert reverse("insights:drilldown", args=["orders"]) in body
    assert "Rp1,5 juta" in body or "Rp1.500.000" in body
    assert client.get(reverse("insights:drilldown", args=["nope"])).status_code == 404
    assert client.get(reverse("insights:compliance")).status_code == 200
    assert client.get(reverse("insights:regional")).status_code == 200


def test_non_agencies_cannot_open_monitoring(client):
    _world()
    for member in (make_sme("CV Lain"), make_buyer("PT KAI (Persero)")):
        client.force_login(member.user)
        for url in (reverse("insights:dashboard"), reverse("insights:drilldown", args=["orders"]),
                    reverse("insights:compliance"), reverse("insights:regional")):
            assert client.get(url).status_code == 403, url


def test_the_figures_are_never_staler_than_allowed(settings):
    pln, east, _west = _world()
    settings.INSIGHTS_MAX_STALE_SECONDS = 60
    assert monitoring.overview(Filters()).orders["orders"] == 3
    delivered_order(pln, east)
    assert monitoring.overview(Filters()).orders["orders"] == 3  # within 60 s: the table
    settings.INSIGHTS_MAX_STALE_SECONDS = 0
    assert monitoring.overview(Filters()).orders["orders"] == 4


def test_regional_demand_matches_local_supply():
    _world()
    rows = {r["code"]: r for r in monitoring.regional_demand(Filters())}
    assert rows["35"]["needs"] == 3  # every test need is delivered to Madiun (35)
    assert rows["35"]["smes_in_demanded_sections"] == 1 and rows["32"]["smes"] == 2


def test_api_and_command_serve_the_same_figures(tmp_path):
    from django.core.management import call_command

    from rantai.api.tests.helpers import token_client

    _world()
    officer = token_client(make_agency("Disperindag Jabar", province=Province.objects.get(code="32")))
    body = officer.get("/insights/overview?province=35").json()
    assert body["filters"] == {"province": "32"} and body["orders"]["orders"] == 2
    drill = officer.get("/insights/drilldown?metric=orders").json()
    assert drill["count"] == 2 and {i["name"] for i in drill["items"]} == {"CV Barat"}
    assert officer.get("/insights/drilldown?metric=nope").status_code == 404
    assert token_client(make_sme("CV Lain")).get("/insights/overview").status_code == 403
    target = tmp_path / "smes.csv"
    call_command("export_monitoring", "--metric", "registered", "--format", "csv", "--output",
                 str(target), "--province", "32", stdout=io.StringIO())
    assert len(target.read_text(encoding="utf-8-sig").strip().splitlines()) == 1 + 2
    out = io.StringIO()
    call_command("refresh_dashboards", stdout=out)
    assert "baris" in out.getvalue()


def test_refreshing_only_the_changed_months_gives_the_full_answer():
    from rantai.core import clock

    pln, east, west = _world()
    figures.refresh_order_figures()
    since = clock.now()
    unpaid = delivered_order(pln, west, price=4_000)  # a new order, then paid
    from rantai.sourcing.services import payment_record

    payment_record(order=unpaid, by=pln, amount=unpaid.amount_due, paid_on=clock.now().date())
    written = figures.refresh_changed_figures(since)
    assert written > 0
    for f in (Filters(), Filters(province="32"), Filters(cluster="energi")):
        assert figures.order_totals(f) == figures.naive_order_totals(f)
        assert figures.order_breakdown(f, "month") == figures.naive_order_breakdown(f, "month")
    from datetime import timedelta

    later = clock.now() + timedelta(days=365)  # the test orders sit up to weeks ahead
    assert figures.refresh_changed_figures(later) == 0  # nothing new: nothing rewritten


@given(st.lists(st.tuples(st.integers(2020, 2027), st.integers(1, 12), st.integers(1, 50)),
                unique_by=lambda t: (t[0], t[1]), max_size=12))
def test_month_series_has_every_month_once_in_order_and_keeps_the_figures(months):
    rows = [{"key": f"{y:04d}-{m:02d}", "orders": n, "value": n, "paid_orders": n, "paid_value": n}
            for y, m, n in months]
    series = monitoring.month_series(rows)
    if not rows:
        assert series == []
        return
    keys = [r["key"] for r in series]
    assert keys[0] == min(r["key"] for r in rows) and keys[-1] == max(r["key"] for r in rows)
    for a, b in pairwise(keys):  # consecutive calendar months
        (ya, ma), (yb, mb) = map(int, a.split("-")), map(int, b.split("-"))
        assert (yb, mb) == ((ya + 1, 1) if ma == 12 else (ya, ma + 1))
    by_key = {r["key"]: r for r in series}
    assert all(by_key[r["key"]] == r for r in rows)
    assert sum(r["orders"] for r in series) == sum(r["orders"] for r in rows)


def test_the_chart_labels_months_in_the_page_language(client):
    _world()
    client.force_login(make_agency().user)
    data = client.get(reverse("insights:dashboard")).context["chart"]
    assert data["months"] and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", m) for m in data["months"])
