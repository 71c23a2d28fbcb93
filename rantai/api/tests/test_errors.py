"""Bad input answers 422 naming the field, in the caller's language, and stores nothing."""
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from conftest import make_buyer, make_need, make_sme
from rantai.core import clock
from rantai.sourcing.models import Need, Quote
from rantai.sourcing.services import invitations_create
from rantai.suppliers.models import SupplierProfile

from .helpers import need_payload, profile_payload, token_client

pytestmark = pytest.mark.django_db

EN_MO = settings.BASE_DIR / "rantai" / "locale" / "en" / "LC_MESSAGES" / "django.mo"


@dataclass(frozen=True)
class Case:
    who: str  # "sme" or "buyer"
    method: str
    path: str  # formatted with need_id
    payload: dict
    field: str  # formatted with line_id
    msgid: str  # the Indonesian source text
    params: dict = field(default_factory=dict)


def _quote(price) -> dict:
    return {"lines": [{"need_line_id": "{line_id}", "unit_price": price}], "lead_time_days": 5}


PAST = (clock.now() - timedelta(days=1)).isoformat()
CASES = {
    "nib not 13 digits": Case("sme", "put", "/suppliers/me", profile_payload(nib="123"), "nib",
                              "NIB harus 13 digit angka."),
    "profile unknown kbli": Case("sme", "put", "/suppliers/me",
                                 profile_payload(kbli_codes=["99999"]), "kbli_codes",
                                 "Kode KBLI 2020 tidak dikenal: %(codes)s", {"codes": "99999"}),
    "profile unknown regency": Case("sme", "put", "/suppliers/me",
                                    profile_payload(regency_code="99.99"), "regency_code",
                                    "Kabupaten/kota tidak dikenal: %(code)s. Pilih dari daftar.",
                                    {"code": "99.99"}),
    "need unknown kbli": Case("buyer", "post", "/needs", need_payload(kbli_codes=["99999"]),
                              "kbli_codes", "Kode KBLI 2020 tidak dikenal: %(codes)s",
                              {"codes": "99999"}),
    "need unknown regency": Case("buyer", "post", "/needs",
                                 need_payload(delivery_regency_code="99.99"),
                                 "delivery_regency_code",
                                 "Kabupaten/kota tidak dikenal: %(code)s. Pilih dari daftar.",
                                 {"code": "99.99"}),
    "quantity zero": Case("buyer", "post", "/needs", need_payload(quantity="0"), "quantity",
                          "Jumlah harus lebih dari nol."),
    "quantity negative": Case("buyer", "post", "/needs", need_payload(quantity="-5"),
                              "quantity", "Jumlah harus lebih dari nol."),
    "past deadline": Case("buyer", "post", "/needs", need_payload(quote_deadline=PAST),
                          "quote_deadline", "Batas waktu penawaran harus di masa depan."),
    "price zero": Case("sme", "put", "/needs/{need_id}/my-quote", _quote(0), "price_{line_id}",
                       "Harga satuan harus lebih dari nol (rupiah)."),
    "price negative": Case("sme", "put", "/needs/{need_id}/my-quote", _quote(-100),
                           "price_{line_id}", "Harga satuan harus lebih dari nol (rupiah)."),
    # Caught by the request schema before any service runs: same shape, same languages.
    "quantity not a number": Case("buyer", "post", "/needs", need_payload(quantity="banyak"),
                                  "quantity",
                                  "Harus angka, paling banyak 11 digit bulat dan 3 desimal."),
    "title too long": Case("buyer", "post", "/needs", need_payload(title="x" * 201), "title",
                           "Terlalu panjang: paling banyak %(max)d karakter.", {"max": 200}),
    "price beyond the database": Case("sme", "put", "/needs/{need_id}/my-quote", _quote(2**63),
                                      "lines.0.unit_price",
                                      "Angka di luar batas yang diizinkan."),
    "title missing": Case("buyer", "post", "/needs",
                          {k: v for k, v in need_payload().items() if k != "title"}, "title",
                          "Wajib diisi."),
    "deadline without offset": Case("buyer", "post", "/needs",
                                    need_payload(quote_deadline="2031-01-01T17:00:00"),
                                    "quote_deadline",
                                    "Sertakan zona waktu, misalnya 2025-07-01T17:00:00+07:00."),
}


@pytest.fixture
def world():
    buyer, sme = make_buyer(), make_sme()
    need = make_need(buyer)
    invitations_create(need=need, supplier_ids=[sme.organisation.supplier_profile.pk], by=buyer)
    return {"buyer": buyer, "sme": sme, "need_id": need.pk, "line_id": need.lines.get().pk}


def _fill(value, ids):
    """``value`` with "{need_id}"/"{line_id}" placeholders replaced (ids stay ints)."""
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if value == "{line_id}":
        return ids["line_id"]
    return value.format(**ids) if isinstance(value, str) else value


def _stored():
    return (Need.objects.count(), Quote.objects.count(),
            list(SupplierProfile.objects.values_list("nib", "regency_id", "updated_at")))


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("name", CASES)
def test_bad_input_names_the_field_in_the_callers_language(world, name, language):
    case = CASES[name]
    ids = {"need_id": world["need_id"], "line_id": world["line_id"]}
    headers = {"Accept-Language": language} if language != "id" else {}
    client = token_client(world[case.who], **headers)
    before = _stored()

    response = getattr(client, case.method)(_fill(case.path, ids), _fill(case.payload, ids))

    assert response.status_code == 422, response.content
    body = response.json()
    field_name = _fill(case.field, ids)
    assert field_name in body["errors"]
    assert field_name in body["detail"]
    with translation.override(language):
        expected = gettext(case.msgid) % case.params if case.params else gettext(case.msgid)
    if language == "id":
        assert expected == (case.msgid % case.params if case.params else case.msgid)
    assert body["errors"][field_name] == [expected]
    assert _stored() == before


def test_several_bad_fields_are_reported_together():
    response = token_client(make_buyer()).post(
        "/needs", need_payload(quantity="0", unit=" ", kbli_codes=["99999"]))
    assert response.status_code == 422
    assert {"quantity", "unit", "kbli_codes"} <= set(response.json()["errors"])


def test_staff_may_not_publish_and_is_told_why():
    buyer = make_buyer(role="staff")
    created = token_client(buyer).post("/needs", need_payload(publish=True))
    assert created.status_code == 422
    assert created.json()["detail"] == "Hanya manajer atau pemilik yang dapat melakukan ini."
    assert not Need.objects.exists()


def test_republishing_a_published_profile_is_a_clear_422():
    response = token_client(make_sme()).post("/suppliers/me/publish", {"published": True})
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"]


@pytest.mark.skipif(not EN_MO.exists(), reason="the English catalogue is not compiled yet")
def test_english_messages_are_really_english():
    client = token_client(make_sme(), **{"Accept-Language": "en"})
    body = client.put("/suppliers/me", profile_payload(nib="1")).json()
    assert body["errors"]["nib"] != ["NIB harus 13 digit angka."]
    assert body["detail"] != "Periksa isian berikut: nib."
