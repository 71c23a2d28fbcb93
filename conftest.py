"""Shared test fixtures: reference data once per session, and organisations built through
the real services (so tests exercise the same code paths as users)."""
from datetime import timedelta
from decimal import Decimal

import pytest

from rantai.accounts.choices import OrgStatus, Role
from rantai.accounts.models import Membership, Organisation
from rantai.accounts.services import signup
from rantai.core import clock
from rantai.suppliers.services import profile_save, profile_set_published
from rantai.taxonomy.loaders import load_kbli, load_regions


def pytest_collection_modifyitems(items):
    # Browser tests are slow; run them last so a broken unit shows up first.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_regions()
        load_kbli()


@pytest.fixture
def reference_data(db):
    """Reference data for tests whose database is flushed (transactional/live server)."""
    load_regions()
    load_kbli()


_counter = iter(range(1, 10**6))


def make_sme(name: str = "CV Baja Kurnia", *, kbli=("24310",), regency="35.77",
             products=("pengecoran besi cor kelabu", "blok rem"), publish=True,
             annual_sales=1_500_000_000) -> Membership:
    """An SME owner membership with a (published) profile."""
    n = next(_counter)
    membership = signup(email=f"sme{n}@example.id", password="rahasia-123", full_name=f"Pemilik {n}",
                        org_name=name, kind="sme", consent=True)
    profile = profile_save(by=membership, name=name, legal_form="cv", nib=f"{n:013d}",
                           regency_code=regency, kbli_codes=list(kbli), products=list(products),
                           annual_sales=annual_sales)
    if publish:
        profile_set_published(profile=profile, by=membership, published=True)
    return membership


def make_buyer(name: str = "PT PLN (Persero)", *, approved=True, role=Role.OWNER,
               buyer_kind="bumn") -> Membership:
    """A buyer membership (approved unless told otherwise)."""
    n = next(_counter)
    membership = signup(email=f"buyer{n}@example.id", password="rahasia-123",
                        full_name=f"Pejabat {n}", org_name=name, kind="buyer",
                        buyer_kind=buyer_kind, consent=True)
    if approved:
        Organisation.objects.filter(pk=membership.organisation_id).update(status=OrgStatus.APPROVED)
        membership.organisation.refresh_from_db()
    if role != Role.OWNER:
        Membership.objects.filter(pk=membership.pk).update(role=role)
        membership.refresh_from_db()
    return membership


def make_agency(name: str = "Kementerian Perindustrian", *, province=None) -> Membership:
    n = next(_counter)
    membership = signup(email=f"agency{n}@example.id", password="rahasia-123",
                        full_name=f"Petugas {n}", org_name=name, kind="agency", consent=True)
    Organisation.objects.filter(pk=membership.organisation_id).update(status=OrgStatus.APPROVED)
    Membership.objects.filter(pk=membership.pk).update(province=province)
    membership.refresh_from_db()
    return membership


def make_need(buyer: Membership, *, title="Blok rem besi cor untuk kereta", kbli=("24310",),
              quantity=Decimal("500"), unit="buah", regency="35.77", days=7, publish=True):
    from rantai.sourcing.services import need_create

    return need_create(by=buyer, title=title, description="Sesuai gambar teknik INKA",
                       kbli_codes=list(kbli), quantity=quantity, unit=unit,
                       delivery_regency_code=regency,
                       quote_deadline=clock.now() + timedelta(days=days), publish=publish)


def after(days: float):
    """A context manager: the clock ``days`` from now (e.g. past a quote deadline)."""
    return clock.frozen_at(clock.now() + timedelta(days=days))


@pytest.fixture
def sme(db):
    return make_sme()


@pytest.fixture
def buyer(db):
    return make_buyer()


@pytest.fixture
def agency(db):
    return make_agency()
