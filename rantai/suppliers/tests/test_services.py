import pytest
from django.core.exceptions import ValidationError

from conftest import make_sme
from rantai.core.models import AuditEntry
from rantai.suppliers.models import SupplierProfile
from rantai.suppliers.services import profile_save

pytestmark = pytest.mark.django_db

GOOD = {"name": "CV Maju", "legal_form": "cv", "nib": "1234567890123", "regency_code": "33.10",
        "kbli_codes": ["24310"], "products": ["blok rem"]}


def test_scale_is_computed_and_products_replaced(sme):
    profile = profile_save(by=sme, **{**GOOD, "nib": "9999999999999",
                                      "products": ["baut", "mur"], "annual_sales": 20_000_000_000})
    assert profile.scale == "medium"
    assert [p.name for p in profile.products.all()] == ["baut", "mur"]


@pytest.mark.parametrize("field,value,message", [
    ("nib", "12345", "NIB harus 13 digit"),
    ("nib", "12345678901ab", "NIB harus 13 digit"),
    ("kbli_codes", ["99999"], "KBLI 2020 tidak dikenal: 99999"),
    ("kbli_codes", [], "minimal satu kode KBLI"),
    ("regency_code", "99.99", "Kabupaten/kota tidak dikenal"),
    ("annual_sales", -1, "tidak boleh negatif"),
    ("products", [" "], "minimal satu produk"),
])
def test_bad_input_names_the_field_and_writes_nothing(field, value, message):
    from rantai.accounts.services import signup

    membership = signup(email="x@example.id", password="rahasia-123", full_name="X",
                        org_name="CV X", kind="sme", consent=True)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        profile_save(by=membership, **{**GOOD, field: value})
    assert message in " ".join(error.value.message_dict[field])
    assert not SupplierProfile.objects.filter(organisation=membership.organisation).exists()
    assert AuditEntry.objects.count() == before


def test_nib_is_unique_across_businesses():
    first = make_sme()
    nib = first.organisation.supplier_profile.nib
    second = make_sme("CV Lain")
    with pytest.raises(ValidationError) as error:
        profile_save(by=second, **{**GOOD, "nib": nib})
    assert "sudah terdaftar" in error.value.message_dict["nib"][0]


def test_english_messages(settings):
    from django.utils import translation

    membership = make_sme()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        profile_save(by=membership, **{**GOOD, "nib": "1"})
    assert "13 digits" in error.value.message_dict["nib"][0]


@pytest.mark.parametrize("field,value,message", [
    ("name", "  ", "Nama usaha wajib diisi"),
    ("legal_form", "firma", "Pilih bentuk usaha"),
])
def test_name_and_legal_form_are_checked(sme, field, value, message):
    with pytest.raises(ValidationError) as error:
        profile_save(by=sme, **{**GOOD, "nib": "5555555555555", field: value})
    assert message in error.value.message_dict[field][0]


def test_publishing_twice_is_a_clear_error_not_a_crash(sme):
    from rantai.suppliers.services import profile_set_published

    with pytest.raises(ValidationError):
        profile_set_published(profile=sme.organisation.supplier_profile, by=sme, published=True)
