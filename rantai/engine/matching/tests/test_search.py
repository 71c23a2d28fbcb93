"""Examples of what buyers type and what they should get back, with reasons and gaps."""
from dataclasses import replace

import pytest

from rantai.engine.matching import MatchingIndex, Need, SupplierDoc, explain
from rantai.engine.matching import index as index_module

from .conftest import FOUNDRY, PROFILES


def ids(matches):
    return [m.supplier_id for m in matches]


def test_english_need_finds_indonesian_profile(index):
    assert "baja-kurnia" in ids(index.search(Need("brake block casting"), k=3))


def test_indonesian_need_finds_english_profile(index):
    assert "logam-madiun" in ids(index.search(Need("suku cadang bogie kereta"), k=3))


def test_typo_still_matches_and_is_explained(index):
    top = index.search(Need("pengecorn besi"), k=1)[0]
    assert top.supplier_id == "baja-kurnia"
    assert "ejaan: pengecorn → pengecoran" in top.reasons


def test_loanword_spelling_and_unknown_words_are_matched_and_explained():
    index = MatchingIndex.build([
        SupplierDoc(id="kimia", name="CV Kimia", products=("eter dan selulosa",)),
        SupplierDoc(id="ukur", name="UD Ukur", products=("refraktometer tangan",)),
        SupplierDoc(id="kopi", name="UD Kopi", products=("kopi bubuk",)),
    ])
    [chemist] = index.search(Need("ether"), k=5)
    assert chemist.supplier_id == "kimia"
    assert "ejaan: ether → eter" in chemist.reasons
    assert ids(index.search(Need("kopi"), k=5)) == ["kopi"]
    assert index.search(Need("eter"), k=1)[0].reasons == ("membuat eter dan selulosa",)  # written as indexed
    [meter] = index.search(Need("refraktrometr digital"), k=5)  # two edits away: no typo fix
    assert meter.supplier_id == "ukur"
    assert "kata mirip: refraktrometr → refraktometer" in meter.reasons


def test_indonesian_words_are_not_respelled():
    index = MatchingIndex.build([SupplierDoc(id="rantai", name="CV Rantai", products=("roller chain",)),
                                 SupplierDoc(id="tenun", name="UD Tenun", products=("kain tenun",))])
    assert ids(index.search(Need("kain"), k=5)) == ["tenun"]  # kain and chain share no spelling


def test_place_name_does_not_match_its_stem(index):
    assert ids(index.search(Need("Bekasi"), k=5)) == ["bekasi-jaya"]
    assert "bekasi-jaya" in ids(index.search(Need("barang bekas"), k=1))
    batik = index.search(Need("kemeja batik seragam"), k=1)
    assert ids(batik) == ["batik-sari"]


def test_reasons_are_indonesian_and_name_the_evidence(index):
    need = Need("brake block casting", kbli=("24310",), regency_code="35.77", quantity=500,
                required_certifications=frozenset({"SNI"}))
    [match] = index.search(need, k=1)
    assert match.supplier_id == "baja-kurnia"
    assert match.reasons[0] == "membuat blok rem besi cor, pengecoran besi cor kelabu"
    assert "padanan: brake block → blok rem" in match.reasons
    assert "KBLI sama (24310)" in match.reasons
    assert "SNI berlaku" in match.reasons
    assert "13 km dari Madiun" in match.reasons
    assert "kapasitas 800/bulan" in match.reasons
    assert "rating 4,6, 95% tepat waktu" in match.reasons
    assert match.gaps == ()


def test_near_misses_name_the_gap(index):
    need = Need("brake block casting", required_certifications=frozenset({"SNI"}), umk_only=True,
                quantity=500)
    assert "logam-madiun" not in ids(index.search(need, k=5))
    [miss] = [m for m in index.near_misses(need, k=5) if m.supplier_id == "logam-madiun"]
    assert "butuh sertifikat SNI" in miss.gaps
    assert "paket khusus usaha mikro/kecil; skala usaha tercatat menengah" in miss.gaps
    assert "kapasitas 300/bulan, kurang dari 500 yang diminta" in miss.gaps


def test_missing_capability_is_a_gap_not_a_filter(index):
    need = Need("blok rem", capabilities=frozenset({"pengelasan"}))
    [top] = index.search(need, k=1)
    assert "belum tercatat mampu: pengelasan" in top.gaps


def test_capability_in_either_language_counts(index):
    [top] = index.search(Need("blok rem", capabilities=frozenset({"casting"})), k=1)
    assert top.supplier_id == "baja-kurnia"
    assert "mampu: casting" in top.reasons


def test_kbli_alone_finds_a_supplier(index):
    assert ids(index.search(Need("", kbli=("24310",)), k=5)) == ["baja-kurnia", "logam-madiun"]


def test_reverse_direction_ranks_needs_for_a_supplier(index):
    needs = [Need("kursi rotan", id="a"), Need("blok rem kereta", id="b"), Need("grey cast iron", id="c"),
             Need("blok rem", id="d", required_certifications=frozenset({"ISO 9001"}))]
    ranked = index.rank_needs(FOUNDRY, needs, k=5)
    assert [need.id for need, _ in ranked] == ["b", "c"]
    forward = {m.supplier_id: m.score for m in index.search(needs[1], k=5)}
    assert ranked[0][1].score == pytest.approx(forward["baja-kurnia"], rel=1e-5)


def test_upsert_is_searchable_at_once_and_remove_forgets():
    index = MatchingIndex.build(PROFILES)
    welder = SupplierDoc(id="las-sby", name="Bengkel Surabaya", products=("pengelasan rangka baja",))
    index.upsert(welder)
    assert ids(index.search(Need("welding steel frame"), k=1)) == ["las-sby"]
    index.upsert(replace(welder, products=("kursi besi",)))
    assert "las-sby" not in ids(index.search(Need("welding"), k=5))
    index.remove("las-sby")
    assert "las-sby" not in ids(index.search(Need("kursi besi"), k=5))
    assert len(index) == len(PROFILES)


def test_delta_merge_keeps_results(monkeypatch):
    monkeypatch.setattr(index_module, "MERGE_MIN_POSTINGS", 0)
    built = MatchingIndex.build(PROFILES[:2])
    grown = MatchingIndex.build(PROFILES[:2])
    for doc in PROFILES[2:]:
        grown.upsert(doc)  # each upsert merges at once here
        built.upsert(doc)
    grown.remove("bekasi-jaya")
    built.remove("bekasi-jaya")
    for text in ("besi cor", "kursi kayu", "brake block"):
        assert grown.search(Need(text), k=5) == built.search(Need(text), k=5)


def test_diversity_keeps_filters_and_explains_inclusion(index):
    need = Need("besi", umk_only=True)
    plain = index.search(need, k=5)
    fair = index.search(need, k=5, diversity=1.0)
    assert set(ids(fair)) <= {"baja-kurnia", "batik-sari", "mebel-jepara"}
    assert index.search(need, k=5, diversity=0.0) == plain
    assert all(m.supplier_id != "bekasi-jaya" for m in fair)


def test_ties_are_broken_by_id():
    twins = [SupplierDoc(id=i, name="", products=("kopi bubuk",)) for i in ("b", "a", "c")]
    assert ids(MatchingIndex.build(twins).search(Need("kopi"), k=3)) == ["a", "b", "c"]


def test_reasons_and_gaps_in_english_on_request(index):
    need = Need("brake block casting", kbli=("24310",), regency_code="35.77", quantity=500,
                required_certifications=frozenset({"SNI"}))
    [match] = index.search(need, k=1, language="en")
    assert match.reasons[0] == "makes blok rem besi cor, pengecoran besi cor kelabu"
    assert "translation: brake block → blok rem" in match.reasons
    assert "same KBLI class (24310)" in match.reasons
    assert "valid SNI" in match.reasons
    assert "13 km from Madiun" in match.reasons
    assert "capacity 800/month" in match.reasons
    assert "rating 4.6, 95% on time" in match.reasons
    assert index.search(need, k=1)[0].reasons[0].startswith("membuat ")  # default stays Indonesian
    miss_need = replace(need, umk_only=True, kbli=())
    [miss] = [m for m in index.near_misses(miss_need, k=5, language="en") if m.supplier_id == "logam-madiun"]
    assert "needs SNI certificate" in miss.gaps
    assert "reserved for micro/small enterprises; recorded scale is medium" in miss.gaps
    assert "capacity 300/month, less than the 500 asked" in miss.gaps
    [(_, fit)] = index.rank_needs(FOUNDRY, [Need("blok rem", capabilities=frozenset({"pengelasan"}))],
                                  language="en")
    assert "not yet recorded as capable of: pengelasan" in fit.gaps


def test_same_ranking_in_both_languages_and_unknown_language_refused(index):
    need = Need("besi cor", regency_code="35.77")
    indonesian, english = index.search(need, k=5), index.search(need, k=5, language="en")
    assert [(m.supplier_id, m.score) for m in indonesian] == [(m.supplier_id, m.score) for m in english]
    assert (explain.number(1250.0, "en"), explain.number(4.6, "en")) == ("1,250", "4.6")
    assert (explain.number(1250.0), explain.number(4.6)) == ("1.250", "4,6")
    assert index.search(need, k=1, language="en-GB")[0].reasons == english[0].reasons
    with pytest.raises(ValueError, match="language"):
        index.search(need, language="fr")
