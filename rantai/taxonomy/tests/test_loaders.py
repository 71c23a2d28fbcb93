import pytest

from rantai.taxonomy.loaders import load_kbli, load_regions
from rantai.taxonomy.models import Kbli, Province, Regency
from rantai.taxonomy.selectors import kbli_codes_missing, kbli_search, regency_search

pytestmark = pytest.mark.django_db


def test_reference_data_is_complete():
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Kbli.objects.count() == 2712
    assert Kbli.objects.filter(digits=5).count() == 1791
    bandung = Regency.objects.get(code="32.04")
    assert bandung.name == "Kabupaten Bandung" and bandung.province.name == "Jawa Barat"
    assert bandung.latitude and bandung.longitude


def test_loading_twice_adds_nothing_and_restores_edits():
    Kbli.objects.filter(code="24310").update(title="diubah")
    counts = (Province.objects.count(), Regency.objects.count(), Kbli.objects.count())
    load_regions()
    load_kbli()
    assert (Province.objects.count(), Regency.objects.count(), Kbli.objects.count()) == counts
    assert Kbli.objects.get(code="24310").title != "diubah"


def test_kbli_hierarchy_links_every_level():
    code = Kbli.objects.get(code="24310")
    chain = []
    while code:
        chain.append(code.code)
        code = code.parent
    assert chain == ["24310", "2431", "243", "24", "C"]


def test_pickers_search_codes_and_words():
    assert "24310" in [k.code for k in kbli_search("pengecoran besi")]
    assert [k.code for k in kbli_search("2431")] == ["24310"]
    assert "33.10" in [r.code for r in regency_search("Klaten")]
    assert kbli_codes_missing(["24310", "99999", "C"]) == ["99999", "C"]


def test_picker_endpoints_return_options(client):
    page = client.get("/rujukan/kbli/", {"q": "pengecoran"})
    assert page.status_code == 200 and 'value="24310"' in page.content.decode()
    page = client.get("/rujukan/wilayah/", {"q": "Klaten"})
    assert 'value="33.10"' in page.content.decode()


def test_typed_regency_names_resolve_only_when_unambiguous():
    from rantai.taxonomy.selectors import regency_code_from_input

    assert regency_code_from_input("33.10") == "33.10"
    assert regency_code_from_input("klaten") == "33.10"
    assert regency_code_from_input("33.10 — Kabupaten Klaten, Jawa Tengah") == "33.10"
    assert regency_code_from_input("Madiun") == "Madiun"  # Kabupaten and Kota Madiun
    assert regency_code_from_input("Kota Madiun") == "35.77"
