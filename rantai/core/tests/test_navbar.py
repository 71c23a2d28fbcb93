"""The top navigation: one line from 1200px (Bootstrap's xl), the hamburger below; compact
account items on desktop without losing a link or an accessible name.

How it looks is checked in a browser (1280x800 and 390x844); this keeps the markup honest."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import make_agency
from rantai.forums.tests.helpers import make_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """The test client's LocaleMiddleware leaves its language active in this thread."""
    yield
    translation.deactivate()


def navbar(membership, language: str = "id") -> str:
    client = Client(headers={"accept-language": language})
    client.force_login(membership.user)
    page = client.get(reverse("accounts:home"), follow=True)
    assert page.status_code == 200
    return re.search(r'<nav class="navbar.*?</nav>', page.content.decode(), re.S).group(0)


def test_the_agency_officer_keeps_every_link_and_the_menu_collapses_below_xl():
    officer = make_agency()
    nav = navbar(officer)
    assert 'class="navbar navbar-expand-xl' in nav and 'class="navbar-toggler"' in nav
    for name in (
        "accounts:home",
        "insights:dashboard",
        "suppliers:verification",
        "supplier-imports:home",
        "sourcing:compliance",
        "sourcing:order-list",
        "development:home",
        "suppliers:directory",
        "forums:list",
        "notifications:list",
        "accounts:settings",
    ):
        assert f'href="{reverse(name)}"' in nav, name
    assert ">Keluar</button>" in nav
    # On desktop the bell and EN stand in for the words, which stay for screen readers.
    assert '<span class="nav-label">Notifikasi</span>' in nav
    assert '<span class="nav-label">English</span>' in nav
    assert '<span class="d-none d-xl-inline" aria-hidden="true">EN</span>' in nav


def test_a_long_organisation_name_is_cut_short_on_screen_but_kept_whole_in_the_title():
    organiser = make_organiser("Sekretariat Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar")
    nav = navbar(organiser, "en")
    whole = f"{organiser.user.full_name} · Sekretariat Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar"
    settings = reverse("accounts:settings")
    assert f'class="btn btn-sm btn-light nav-account" href="{settings}" title="{whole}">{whole}</a>' in nav
    assert ">Log out</button>" in nav and '<span class="nav-label">Bahasa Indonesia</span>' in nav


def test_the_logo_leads_home_when_logged_in_and_to_the_landing_page_otherwise():
    nav = navbar(make_agency())
    assert f'class="navbar-brand fw-bold" href="{reverse("accounts:home")}"' in nav
    public = Client().get(reverse("core:landing")).content.decode()
    assert f'class="navbar-brand fw-bold" href="{reverse("core:landing")}"' in public

