"""The per-process index is built once and then kept in step incrementally: edits, imports,
withdrawals and deletions show up in the very next search, without a rebuild."""
from decimal import Decimal

import pytest

from conftest import make_buyer, make_sme
from rantai.matching.live import live_index, request_rebuild
from rantai.matching.selectors import match_list
from rantai.suppliers.models import SupplierProfile
from rantai.suppliers.services import capability_add, product_update, profile_set_published

from .helpers import certify, need

pytestmark = pytest.mark.django_db


def _names(n, **kw):
    return [c.profile.name for c in match_list(n, **kw).candidates]


def test_edits_are_found_on_the_next_search_without_a_rebuild():
    buyer = make_buyer()
    first = make_sme("CV Pertama", products=("blok rem besi cor",))
    n = need(buyer)
    assert _names(n) == ["CV Pertama"]
    stats = live_index().stats
    assert stats.builds == 1

    second = make_sme("CV Kedua", products=("sepatu rem", "blok rem besi cor"))  # new profile
    assert sorted(_names(n)) == ["CV Kedua", "CV Pertama"]

    third = make_sme("CV Ketiga", products=("kemeja batik",), kbli=("14111",))
    assert "CV Ketiga" not in _names(n)
    profile = third.organisation.supplier_profile
    from rantai.suppliers.services import profile_save
    profile_save(by=third, name="CV Ketiga", legal_form="cv", nib=profile.nib, regency_code="35.77",
                 kbli_codes=["24310"], products=["blok rem besi cor kelabu"])  # an edit
    assert "CV Ketiga" in _names(n)

    profile_set_published(profile=first.organisation.supplier_profile, by=first, published=False)
    assert "CV Pertama" not in _names(n)  # withdrawn

    capability_add(by=second, profile=second.organisation.supplier_profile, process="casting",
                   material="besi cor kelabu")
    certify(second)  # a certificate changes no profile column: the change log carries it
    from rantai.matching.selectors import CandidateFilters
    assert _names(n, filters=CandidateFilters(certificate="sni")) == ["CV Kedua"]

    product = second.organisation.supplier_profile.products.get(name="blok rem besi cor")
    product_update(by=second, product=product, monthly_capacity=Decimal("900"))
    assert _names(n, filters=CandidateFilters(min_capacity=Decimal("800"))) == ["CV Kedua"]

    SupplierProfile.objects.filter(pk=second.organisation.supplier_profile.pk).delete()
    assert "CV Kedua" not in _names(n)  # deleted
    assert stats.builds == 1 and stats.upserts >= 4 and stats.removals >= 2


def test_a_bulk_import_style_update_is_found_without_a_rebuild():
    """Imports write rows with SQL and set ``updated_at``; claims flip ``claimed`` with a bare
    UPDATE. Both reach the index on the next search."""
    buyer = make_buyer()
    n = need(buyer)
    sme = make_sme("CV Impor", products=("kemeja batik",), kbli=("14111",))
    assert _names(n) == []
    from django.utils import timezone

    from rantai.suppliers.models import Product
    profile = sme.organisation.supplier_profile
    Product.objects.bulk_create([Product(supplier=profile, name="blok rem besi cor")])  # no signal
    SupplierProfile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())
    assert _names(n) == ["CV Impor"]
    SupplierProfile.objects.filter(pk=profile.pk).update(claimed=False)  # no updated_at
    assert _names(n) == []
    SupplierProfile.objects.filter(pk=profile.pk).update(claimed=True)
    assert _names(n) == ["CV Impor"]
    assert live_index().stats.builds == 1


def test_an_operator_rebuild_reaches_the_running_index():
    buyer = make_buyer()
    make_sme("CV Satu", products=("blok rem besi cor",))
    n = need(buyer)
    _names(n)
    request_rebuild()
    assert _names(n) == ["CV Satu"]
    assert live_index().stats.builds == 2


def test_open_needs_follow_publication_and_deadlines():
    from conftest import after

    buyer = make_buyer()
    draft = need(buyer, publish=False)
    assert draft.pk not in live_index().open_needs()
    from rantai.sourcing.services import need_publish
    need_publish(need=draft, by=buyer)
    assert draft.pk in live_index().open_needs()
    with after(8):
        assert draft.pk not in live_index().open_needs()


def test_an_amended_need_is_re_read_for_the_opportunities_page():
    """Amendments are conditional UPDATEs; the audit entry they leave names the need."""
    from rantai.matching.selectors import opportunities_for
    from rantai.sourcing.services import need_amend

    buyer, sme = make_buyer(), make_sme()
    n = need(buyer)
    assert [o.eligible for o in opportunities_for(sme)] == [True]
    need_amend(need=n, by=buyer, change_note="Wajib SNI", required_certificates=["sni"])
    [opportunity] = opportunities_for(sme)
    assert not opportunity.eligible and "butuh sertifikat SNI" in opportunity.gaps
    assert live_index().stats.builds == 1


def test_a_certificate_that_expires_leaves_the_filtered_list_without_a_write():
    from datetime import timedelta

    from conftest import after
    from rantai.core import clock
    from rantai.matching.selectors import CandidateFilters

    buyer, sme = make_buyer(), make_sme("CV Hampir Kedaluwarsa")
    certify(sme, valid_until=clock.now().date() + timedelta(days=2))
    n = need(buyer)
    sni = CandidateFilters(certificate="sni")
    assert _names(n, filters=sni) == ["CV Hampir Kedaluwarsa"]
    with after(4):
        assert _names(n, filters=sni) == []
    assert live_index().stats.builds == 1


def test_the_first_sync_after_a_build_reads_nothing_twice():
    buyer = make_buyer()
    for i in range(3):
        make_sme(f"CV Baru {i}", products=("blok rem besi cor",))
    n = need(buyer)
    assert len(_names(n)) == 3
    _names(n)
    assert live_index().stats.upserts == 0  # just built: the recent edits are already in
