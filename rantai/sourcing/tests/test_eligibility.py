"""Who may quote, and the reasons given when not: the small-business reservation per buyer
kind, required certificates valid at submission and covering the product, minimum TKDN."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from conftest import make_buyer, make_need, make_sme
from rantai.accounts.models import Organisation
from rantai.core import clock
from rantai.core.models import AuditEntry
from rantai.sourcing import services
from rantai.suppliers.services import certificate_add

pytestmark = pytest.mark.django_db

MEDIUM_SALES, LARGE_SALES = 20_000_000_000, 60_000_000_000


def _invite(need, buyer, *smes):
    services.invitations_create(need=need, by=buyer,
                                supplier_ids=[s.organisation.supplier_profile.pk for s in smes])


def _quote(need, sme, **extra):
    prices = {line.pk: 1000 for line in need.lines.all()}
    return services.quote_submit(need=need, by=sme, unit_prices=prices, lead_time_days=5, **extra)


def _refusal(need, sme, **extra) -> dict:
    with pytest.raises(ValidationError) as error:
        _quote(need, sme, **extra)
    assert not need.quotes.filter(supplier__organisation=sme.organisation).exists()
    return error.value.message_dict


def test_bumn_need_under_15_billion_is_reserved_for_umkm_and_refuses_a_large_sme():
    buyer = make_buyer(buyer_kind="bumn")
    need = _open(make_need(buyer))  # no estimate: presumed small, so reserved
    assert need.umk_reserved
    large, medium = make_sme("PT Besar", annual_sales=LARGE_SALES), make_sme(
        "CV Menengah", annual_sales=MEDIUM_SALES)
    reasons = _refusal(need, large)["__all__"]
    assert "dicadangkan untuk usaha mikro, kecil dan menengah" in reasons[0]
    assert "Besar" in reasons[0]
    assert _quote(need, medium).pk  # medium enterprises are UMKM for BUMN buyers


def _open(need):
    need.is_open = True  # open needs take quotes without an invitation
    need.save()
    return need


def test_government_reservation_is_micro_and_small_only():
    buyer = make_buyer("Dinas PU", buyer_kind="government")
    need = _open(make_need(buyer))
    medium, small = make_sme("CV Menengah", annual_sales=MEDIUM_SALES), make_sme("CV Kecil")
    assert "usaha mikro, kecil dan koperasi" in _refusal(need, medium)["__all__"][0]
    assert _quote(need, small).pk


def test_refusal_is_in_the_users_language():
    buyer = make_buyer(buyer_kind="government")
    need = _open(make_need(buyer))
    medium = make_sme("CV Menengah", annual_sales=MEDIUM_SALES)
    with translation.override("en"):
        reason = _refusal(need, medium)["__all__"][0]
    assert "reserved for micro and small enterprises and cooperatives" in reason


def test_a_bumn_subsidiary_sme_is_excluded_from_a_bumn_reservation():
    buyer = make_buyer(buyer_kind="bumn")
    owned = make_sme("CV Anak BUMN")
    Organisation.objects.filter(pk=owned.organisation_id).update(parent=buyer.organisation)
    owned.organisation.refresh_from_db()
    need = _open(make_need(buyer))
    assert "anak perusahaan BUMN" in _refusal(need, owned)["__all__"][0]


def _need(buyer, **fields):
    return services.need_create(
        by=buyer, title="Blok rem", description="", kbli_codes=["24310"], quantity=Decimal(10),
        unit="buah", delivery_regency_code="35.77",
        quote_deadline=clock.now() + timedelta(days=7), publish=True, **fields)


def test_above_the_threshold_there_is_no_reservation_and_turning_it_off_needs_a_reason():
    buyer = make_buyer(buyer_kind="bumn")
    big = _need(buyer, estimated_value=16_000_000_000)
    assert not big.umk_reserved
    with pytest.raises(ValidationError) as error:
        _need(buyer, estimated_value=2_000_000_000, umk_reserved=False)
    assert "tuliskan alasan" in error.value.message_dict["reservation_waiver_reason"][0]
    waived = _need(buyer, estimated_value=2_000_000_000, umk_reserved=False,
                   reservation_waiver_reason="Perlu sertifikasi perkeretaapian internasional")
    assert not waived.umk_reserved
    entry = AuditEntry.objects.filter(action="need.create", object_id=str(waived.pk)).get()
    assert entry.payload["waiver_reason"] == "Perlu sertifikasi perkeretaapian internasional"
    assert not _need(make_buyer("PT Swasta", buyer_kind="large_business")).umk_reserved


def test_required_certificate_must_be_valid_at_submission_and_cover_the_product():
    buyer = make_buyer()
    need = _need(buyer, required_certificates=["sni"])
    sme = make_sme()
    profile = sme.organisation.supplier_profile
    _invite(need, buyer, sme)
    line = need.lines.get()
    assert "Sertifikat SNI" in _refusal(need, sme)[f"product_{line.pk}"][0]

    today = clock.now().date()
    product = profile.products.first()
    certificate_add(by=sme, profile=profile, kind="sni", number="SNI-1", issuer="LSPro",
                    valid_from=today - timedelta(days=400), valid_until=today - timedelta(days=1),
                    products={product.pk: None})
    _refusal(need, sme, products={line.pk: product.pk})  # expired yesterday

    certificate_add(by=sme, profile=profile, kind="sni", number="SNI-2", issuer="LSPro",
                    valid_from=today - timedelta(days=10), products={product.pk: None})
    _refusal(need, sme)  # valid, but it covers a product the quote does not name
    assert _quote(need, sme, products={line.pk: product.pk}).pk


def test_minimum_tkdn_is_checked_per_product_and_kept_on_the_quote():
    buyer = make_buyer()
    need = _need(buyer, min_tkdn_percent=Decimal(40))
    sme = make_sme()
    profile = sme.organisation.supplier_profile
    low, high = profile.products.all()[:2]
    today = clock.now().date()
    certificate_add(by=sme, profile=profile, kind="tkdn_ik", number="TKDN-1", issuer="Kemenperin",
                    valid_from=today - timedelta(days=30), valid_until=today + timedelta(days=1000),
                    products={low.pk: Decimal("30"), high.pk: Decimal("45.5")})
    _invite(need, buyer, sme)
    line = need.lines.get()
    assert "Pilih produk dengan sertifikat TKDN-IK" in _refusal(need, sme)[f"product_{line.pk}"][0]
    below = _refusal(need, sme, products={line.pk: low.pk})[f"product_{line.pk}"][0]
    assert "TKDN produk 30% di bawah minimum 40%" in below
    quote = _quote(need, sme, products={line.pk: high.pk})
    assert quote.lines.get().tkdn_percent == Decimal("45.5")


def test_a_quote_cannot_name_another_smes_product():
    buyer = make_buyer()
    need = make_need(buyer)
    sme, other = make_sme(), make_sme("CV Lain")
    _invite(need, buyer, sme)
    foreign = other.organisation.supplier_profile.products.first()
    line = need.lines.get()
    assert "bukan milik usaha Anda" in _refusal(
        need, sme, products={line.pk: foreign.pk})[f"product_{line.pk}"][0]


def test_an_sme_the_reservation_keeps_out_cannot_be_invited():
    buyer = make_buyer(buyer_kind="government")
    need = make_need(buyer)
    medium = make_sme("CV Menengah", annual_sales=MEDIUM_SALES)
    with pytest.raises(ValidationError) as error:
        _invite(need, buyer, medium)
    assert "CV Menengah: Kebutuhan ini dicadangkan" in error.value.message_dict["supplier_ids"][0]
    assert not need.invitations.exists()
