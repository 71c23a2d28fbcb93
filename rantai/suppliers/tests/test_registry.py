"""The registry: size history and scale, products, capabilities, certificates (valid
only), verification, claiming, completeness, the directory's filters and private data."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_agency, make_buyer, make_need, make_sme
from rantai.accounts.models import Membership, Organisation
from rantai.api.tests.helpers import token_client
from rantai.notifications.models import Notification
from rantai.sourcing import services as sourcing
from rantai.suppliers import services
from rantai.suppliers.models import SupplierProfile
from rantai.suppliers.selectors import profile_completeness, profiles_visible

pytestmark = pytest.mark.django_db


def _resave(member, **changes):
    profile = member.organisation.supplier_profile
    data = {"name": profile.name, "legal_form": profile.legal_form, "nib": profile.nib,
            "regency_code": profile.regency_id, "kbli_codes": ["24310"],
            "products": [p.name for p in profile.products.all()],
            "annual_sales": profile.annual_sales, "business_capital": profile.business_capital,
            "workforce": profile.workforce}
    return services.profile_save(by=member, **{**data, **changes})


def test_size_history_records_naik_kelas_once_per_change(sme):
    profile = sme.organisation.supplier_profile
    assert [r.scale for r in profile.size_records.all()] == ["micro"]
    _resave(sme, annual_sales=20_000_000_000, workforce=40)
    _resave(sme, annual_sales=20_000_000_000, workforce=40)  # same figures: no new record
    profile.refresh_from_db()
    assert profile.scale == "medium"
    assert [r.scale for r in profile.size_records.all()] == ["medium", "micro"]


def test_product_details_survive_a_profile_save(sme):
    product = sme.organisation.supplier_profile.products.get(name="blok rem")
    services.product_update(by=sme, product=product, monthly_capacity=Decimal(800), price_min=90_000,
                            price_max=120_000, unit="buah")
    _resave(sme, products=["blok rem", "sepatu rem"])
    product.refresh_from_db()
    assert product.monthly_capacity == 800
    names = sorted(sme.organisation.supplier_profile.products.values_list("name", flat=True))
    assert names == ["blok rem", "sepatu rem"]
    with pytest.raises(ValidationError) as error:
        services.product_update(by=sme, product=product, price_min=5, price_max=1)
    assert "price_max" in error.value.message_dict


def test_another_sme_cannot_touch_my_products_or_capabilities(client, sme):
    other = make_sme("CV Lain")
    product = sme.organisation.supplier_profile.products.first()
    with pytest.raises(PermissionDenied):
        services.product_update(by=other, product=product, unit="kg")
    capability = services.capability_add(by=sme, profile=sme.organisation.supplier_profile,
                                         process="casting", material="besi cor kelabu")
    client.force_login(other.user)
    assert client.get(reverse("suppliers:product-edit", args=[product.pk])).status_code == 404
    assert client.post(reverse("suppliers:capability-remove", args=[capability.pk])
                       ).status_code == 404
    assert sme.organisation.supplier_profile.capabilities.count() == 1


def test_capabilities_are_searchable_structured_data(sme, buyer):
    profile = sme.organisation.supplier_profile
    services.capability_add(by=sme, profile=profile, process="machining", material="baja",
                            tolerance_mm=Decimal("0.02"), notes="CNC turning")
    make_sme("CV Tanpa Mesin")
    assert list(profiles_visible(buyer, process="machining")) == [profile]
    assert list(profiles_visible(buyer, query="cnc turning")) == [profile]
    with pytest.raises(ValidationError) as error:
        services.capability_add(by=sme, profile=profile, process="teleportasi")
    assert "process" in error.value.message_dict


def _pdf(name="sni.pdf", content=b"%PDF-1.4 test"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_certificates_count_only_while_valid_and_carry_tkdn_per_product(sme, buyer, settings,
                                                                        tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = sme.organisation.supplier_profile
    brake = profile.products.get(name="blok rem")
    today = date.today()
    services.certificate_add(by=sme, profile=profile, kind="tkdn_ik", number="TKDN-1",
                             issuer="Kemenperin", valid_from=today - timedelta(days=30),
                             valid_until=today + timedelta(days=1000), document=_pdf(),
                             products={brake.pk: Decimal("62.5")})
    services.certificate_add(by=sme, profile=profile, kind="sni", number="SNI-OLD",
                             issuer="LSPro", valid_from=today - timedelta(days=800),
                             valid_until=today - timedelta(days=1))
    assert list(profiles_visible(buyer, certificate="tkdn_ik")) == [profile]
    assert list(profiles_visible(buyer, certificate="sni")) == []  # expired
    coverage = profile.certificates.get(kind="tkdn_ik").certificateproduct_set.get()
    assert coverage.product == brake and coverage.tkdn_percent == Decimal("62.5")


@pytest.mark.parametrize("kwargs,field", [
    ({"document": SimpleUploadedFile("sni.pdf", b"MZ\x90\x00 not a pdf")}, "document"),
    ({"valid_until": date(2020, 1, 1)}, "valid_until"),
    ({"number": " "}, "number"),
    ({"kind": "palsu"}, "kind"),
])
def test_bad_certificates_are_refused_by_field(sme, kwargs, field):
    profile = sme.organisation.supplier_profile
    data = {"kind": "sni", "number": "SNI-1", "issuer": "LSPro", "valid_from": date(2024, 1, 1),
            **kwargs}
    with pytest.raises(ValidationError) as error:
        services.certificate_add(by=sme, profile=profile, **data)
    assert field in error.value.message_dict
    assert not profile.certificates.exists()


def test_cannot_certify_another_smes_product(sme):
    other = make_sme("CV Lain")
    foreign = other.organisation.supplier_profile.products.first()
    with pytest.raises(ValidationError) as error:
        services.certificate_add(by=sme, profile=sme.organisation.supplier_profile, kind="sni",
                                 number="1", issuer="x", valid_from=date(2024, 1, 1),
                                 products={foreign.pk: None})
    assert "products" in error.value.message_dict


def test_verification_flow_and_reverification_after_identity_edit(sme, buyer):
    profile = sme.organisation.supplier_profile
    agency = make_agency()
    services.verification_request(by=sme, profile=profile)
    with pytest.raises(PermissionDenied):
        services.verification_decide(by=buyer, profile=profile, verified=True)
    with pytest.raises(ValidationError) as error:
        services.verification_decide(by=agency, profile=profile, verified=False)
    assert "note" in error.value.message_dict
    services.verification_decide(by=agency, profile=profile, verified=False,
                                 note="Foto produk belum ada")
    assert profile.verification == "needs_changes"
    services.verification_request(by=sme, profile=profile)
    services.verification_decide(by=agency, profile=profile, verified=True)
    assert list(profiles_visible(buyer, verified=True)) == [profile]
    _resave(sme, name="CV Baja Kurnia Baru")
    profile.refresh_from_db()
    assert profile.verification == "pending"


def test_agency_verifies_through_the_pages(client, sme):
    profile = sme.organisation.supplier_profile
    client.force_login(sme.user)
    client.post(reverse("suppliers:verification-request"))
    agency = make_agency()
    client.force_login(agency.user)
    assert profile.name in client.get(reverse("suppliers:verification")).content.decode()
    client.post(reverse("suppliers:verification-decide", args=[profile.pk]), {"verify": "1"})
    profile.refresh_from_db()
    assert profile.verification == "verified"


def test_a_provincial_officer_decides_only_in_their_province_and_the_sme_is_told(client, sme):
    profile = sme.organisation.supplier_profile  # in Kota Madiun, Jawa Timur (35)
    services.verification_request(by=sme, profile=profile)
    elsewhere, jatim = make_agency("Disperindag Jabar", province="32"), make_agency(province="35")
    with pytest.raises(PermissionDenied):
        services.verification_decide(by=elsewhere, profile=profile, verified=True)
    client.force_login(elsewhere.user)
    page = client.get(reverse("suppliers:detail", args=[profile.pk])).content.decode()
    assert "verification-decide" not in page and "Keputusan verifikasi" not in page
    answer = client.post(reverse("suppliers:verification-decide", args=[profile.pk]),
                         {"note": "x"})
    assert answer.status_code == 404
    api = token_client(elsewhere).post(f"/suppliers/{profile.pk}/verification",
                                       {"verified": True, "note": ""})
    assert api.status_code in (403, 404)
    profile.refresh_from_db()
    assert profile.verification == "pending"

    client.force_login(jatim.user)
    client.post(reverse("suppliers:verification-decide", args=[profile.pk]),
                {"note": "Alamat pabrik belum sama dengan NIB."})
    profile.refresh_from_db()
    assert profile.verification == "needs_changes"
    told = Notification.objects.get(organisation_id=sme.organisation_id)
    assert told.subject == "Profil Anda perlu diperbaiki"
    assert "Alamat pabrik belum sama dengan NIB." in told.body
    assert told.in_language("en")[0] == "Your profile needs changes"
    client.force_login(sme.user)
    home = client.get(reverse("suppliers:home")).content.decode()
    assert 'id="verification-note"' in home and "Alamat pabrik belum sama dengan NIB." in home


def _imported_profile(nib="3201000000001"):
    organisation = Organisation.objects.create(name="UD Impor", kind="sme", status="approved")
    return SupplierProfile.objects.create(
        organisation=organisation, name="UD Impor", legal_form="ud", nib=nib,
        regency_id="35.77", status="published", claimed=False)


def test_unclaimed_profiles_cannot_quote_until_claimed(client, django_user_model):
    profile = _imported_profile()
    profile.kbli.set(["24310"])
    claimant = django_user_model.objects.create_user("pemilik@example.id", "rahasia-123",
                                                     full_name="Pak Budi")
    with pytest.raises(ValidationError) as error:
        services.claim_request(user=claimant, nib="9999999999999", evidence="x")
    assert "nib" in error.value.message_dict
    claim = services.claim_request(user=claimant, nib=profile.nib,
                                   evidence="Nama pemilik di OSS: Budi")
    with pytest.raises(ValidationError):  # one pending claim per profile
        services.claim_request(user=claimant, nib=profile.nib, evidence="lagi")
    buyer = make_buyer()
    need = make_need(buyer)
    with pytest.raises(ValidationError):  # unclaimed profiles cannot be invited
        sourcing.invitations_create(need=need, supplier_ids=[profile.pk], by=buyer)
    with pytest.raises(PermissionDenied):
        services.claim_decide(by=buyer, claim=claim, approve=True)
    services.claim_decide(by=make_agency(), claim=claim, approve=True, note="cocok")
    profile.refresh_from_db()
    assert profile.claimed
    owner = Membership.objects.get(user=claimant, organisation=profile.organisation)
    assert owner.role == "owner"
    sourcing.invitations_create(need=need, supplier_ids=[profile.pk], by=buyer)
    owner = Membership.objects.select_related("organisation").get(pk=owner.pk)
    quote = sourcing.quote_submit(need=need, by=owner, unit_prices={need.lines.get().pk: 10},
                                  lead_time_days=2)
    assert quote.supplier == profile


def test_completeness_rises_as_the_owner_fills_the_checklist(sme):
    profile = sme.organisation.supplier_profile
    before = profile_completeness(profile)
    assert "capability" in [item.key for item in before.missing]
    services.capability_add(by=sme, profile=profile, process="casting")
    after = profile_completeness(profile)
    assert after.score > before.score
    assert "capability" not in [item.key for item in after.missing]


def test_npwp_is_seen_only_by_the_sme_and_agency_staff(client, sme):
    _resave(sme, npwp="01.234.567.8-901.000")
    profile = sme.organisation.supplier_profile
    url = reverse("suppliers:detail", args=[profile.pk])
    for member, visible in ((sme, True), (make_agency(), True), (make_buyer(), False),
                            (make_sme("CV Pesaing"), False)):
        client.force_login(member.user)
        assert ("012345678901000" in client.get(url).content.decode()) is visible


def test_directory_filters_combine_with_a_fixed_number_of_queries(client, buyer,
                                                                  django_assert_max_num_queries):
    for i in range(30):
        make_sme(f"CV Logam {i:02d}", products=("blok rem", f"produk {i}"))
    make_sme("UD Keripik", kbli=("10793",), products=("keripik singkong",), regency="33.10")
    client.force_login(buyer.user)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("suppliers:directory"), {"q": "blok rem", "scale": "micro",
                                                           "kbli": "243"})
    body = page.content.decode()
    assert "30 usaha" in body
    assert "UD Keripik" not in body
    page = client.get(reverse("suppliers:directory"), {"q": "keripik", "province": "33"})
    assert "UD Keripik" in page.content.decode() and "1 usaha" in page.content.decode()


def test_directory_filters_by_regency(client, buyer):
    make_sme("CV Klaten", regency="33.10")
    make_sme("CV Madiun", regency="35.77")
    client.force_login(buyer.user)
    body = client.get(reverse("suppliers:directory"), {"regency": "33.10"}).content.decode()
    assert "CV Klaten" in body and "CV Madiun" not in body
