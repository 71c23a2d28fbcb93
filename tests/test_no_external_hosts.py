"""No page loads anything from another host: scripts, styles, fonts and docs are ours."""
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from conftest import after, make_agency, make_buyer, make_need, make_sme
from rantai.sourcing import services

pytestmark = pytest.mark.django_db

# Any URL with a scheme or protocol-relative host inside src/href/url()/@import.
EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I)


def _assert_local(body: str, where: str) -> None:
    found = [m.group(0) for m in EXTERNAL.finditer(body)]
    assert not found, f"{where} references an external host: {found[:3]}"


def _pages(client):
    buyer, sme, agency = make_buyer(), make_sme(), make_agency()
    need = make_need(buyer)
    services.invitations_create(need=need, supplier_ids=[sme.organisation.supplier_profile.pk],
                                by=buyer)
    quote = services.quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 10},
                                  lead_time_days=3)
    with after(8):
        order = services.award_create(need=need, quote=quote, by=buyer, reason="ok")
    public = ["core:landing", "core:privacy", "accounts:login", "accounts:signup",
              "accounts:password-reset"]
    yield None, [reverse(n) for n in public] + ["/api/v1/docs"]
    yield sme, [reverse("suppliers:home"), reverse("suppliers:profile-edit"),
                reverse("suppliers:directory"), reverse("accounts:settings"),
                reverse("sourcing:need-detail", args=[need.pk]),
                reverse("sourcing:order-detail", args=[order.pk])]
    yield buyer, [reverse("sourcing:need-list"), reverse("sourcing:need-create"),
                  reverse("sourcing:need-detail", args=[need.pk]),
                  reverse("sourcing:order-list"), reverse("sourcing:order-detail", args=[order.pk])]
    yield agency, [reverse("insights:dashboard")]


def test_pages_reference_no_external_host(client, django_user_model):
    for membership, urls in _pages(client):
        client.logout()
        if membership:
            client.force_login(membership.user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            _assert_local(response.content.decode(), url)
    admin = django_user_model.objects.create_superuser("root@example.id", "x")
    client.force_login(admin)
    _assert_local(client.get("/admin/").content.decode(), "/admin/")


@pytest.mark.parametrize("asset", ["vendor/bootstrap/css/bootstrap.min.css",
                                   "vendor/bootstrap/js/bootstrap.bundle.min.js",
                                   "vendor/chart.js/chart.umd.min.js", "rantai/app.css"])
def test_served_assets_exist_and_load_nothing_remote(asset):
    path = finders.find(asset)
    assert path, f"{asset} is not installed (run make assets)"
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//|@import\s+[\"']?(?:https?:)?//", text)
