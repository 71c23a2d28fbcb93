"""Ranking invariants under random profiles and needs (hypothesis)."""
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rantai.engine.matching import MatchingIndex, Need, SupplierDoc
from rantai.engine.matching.lexicon import default_lexicon
from rantai.engine.matching.text import analyzer

# Real, attested words, so no need word is ever "unknown" and sent to typo correction.
WORDS = ("besi", "baja", "kayu", "kain", "batik", "rem", "blok", "cor", "kemeja", "kopi", "gula", "kursi",
         "logam", "pipa", "tulis", "seragam", "bubuk", "jati", "ukir", "pengecoran")
# Words an unrelated supplier uses: none is a word above nor a translation of one.
OTHER = ("sepeda", "mainan", "payung", "gitar", "layang", "perahu", "boneka", "kelereng")
CERTS = ("SNI", "Halal", "ISO 9001")
SCALES = ("micro", "small", "medium", "large")
KBLI = ("24310", "24320", "13134", "31001", "10710")
REGENCIES = ("35.19", "35.77", "32.75", "33.72", "31.71", None)


def phrase(pool):
    return st.lists(st.sampled_from(pool), min_size=1, max_size=4).map(" ".join)


@st.composite
def doc(draw, n=None, pool=WORDS, kbli=True):
    n = st.integers(0, 10_000) if n is None else n
    return SupplierDoc(
        id=f"s{draw(n)}", name=draw(phrase(pool)), products=tuple(draw(st.lists(phrase(pool), max_size=3))),
        description=draw(st.one_of(st.just(""), phrase(pool))),
        kbli=tuple(draw(st.lists(st.sampled_from(KBLI), max_size=2))) if kbli else (),
        regency_code=draw(st.sampled_from(REGENCIES)),
        certifications=frozenset(draw(st.sets(st.sampled_from(CERTS)))),
        scale=draw(st.sampled_from(SCALES)),
        monthly_capacity=draw(st.one_of(st.none(), st.floats(0, 5000))),
        rating=draw(st.one_of(st.none(), st.floats(1, 5))),
    )


needs = st.builds(
    Need, text=phrase(WORDS), kbli=st.lists(st.sampled_from(KBLI), max_size=1).map(tuple),
    regency_code=st.sampled_from(REGENCIES),
    required_certifications=st.sets(st.sampled_from(CERTS)).map(frozenset),
    umk_only=st.booleans(), quantity=st.one_of(st.none(), st.sampled_from((100.0, 1000.0))),
)
corpora = st.lists(doc(), min_size=1, max_size=25, unique_by=lambda d: d.id)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_unrelated_words_share_nothing_with_the_vocabulary():
    lexicon, an = default_lexicon(), analyzer()
    related = {an.stem(w) for w in WORDS}
    related |= {term for w in WORDS for t in lexicon.translate([an.stem(w)]) for term in t.terms}
    assert not related & {an.stem(w) for w in OTHER}


@SETTINGS
@given(corpora, needs, st.floats(0, 1))
def test_hard_filters_are_never_violated(docs, need, diversity):
    index = MatchingIndex.build(docs)
    by_id = {d.id: d for d in docs}
    for match in index.search(need, k=10, diversity=diversity):
        doc = by_id[match.supplier_id]
        assert need.required_certifications <= doc.certifications
        assert not need.umk_only or doc.scale in ("micro", "small")
    for miss in index.near_misses(need, k=10):
        doc = by_id[miss.supplier_id]
        assert not need.required_certifications <= doc.certifications or (need.umk_only and doc.scale in
                                                                          ("medium", "large"))
        assert miss.gaps


@SETTINGS
@given(corpora, needs, doc(n=st.just(99_999), pool=OTHER, kbli=False))
def test_an_irrelevant_supplier_never_changes_the_results(docs, need, stranger):
    index = MatchingIndex.build(docs)
    before = index.search(need, k=10)
    index.upsert(stranger)
    assert index.search(need, k=10) == before


@SETTINGS
@given(corpora, needs, doc(n=st.just(99_999)))
def test_upsert_then_remove_restores_the_results(docs, need, newcomer):
    index = MatchingIndex.build(docs)
    before = index.search(need, k=10)
    index.upsert(newcomer)
    index.remove(newcomer.id)
    assert index.search(need, k=10) == before


@SETTINGS
@given(corpora, needs)
def test_results_are_ranked_and_both_directions_agree(docs, need):
    index = MatchingIndex.build(docs)
    matches = index.search(need, k=10)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    by_id = {d.id: d for d in docs}
    for match in matches[:3]:
        [(_, reverse)] = index.rank_needs(by_id[match.supplier_id], [need])
        assert abs(reverse.score - match.score) <= 1e-4 * max(1.0, abs(match.score))


@SETTINGS
@given(corpora, needs, doc(n=st.just(99_999)))
def test_an_upsert_is_found_at_once_and_a_remove_hides_it_at_once(docs, need, newcomer):
    index = MatchingIndex.build(docs)
    listed = replace(newcomer, products=(need.text,))  # shares every word with the need
    index.upsert(listed)
    eligible = need.required_certifications <= listed.certifications and (
        not need.umk_only or listed.scale in ("micro", "small"))
    found = {m.supplier_id for m in index.search(need, k=len(docs) + 1)}
    missed = {m.supplier_id for m in index.near_misses(need, k=len(docs) + 1)}
    assert (listed.id in found) == eligible and (listed.id in missed) != eligible
    index.remove(listed.id)
    assert listed.id not in {m.supplier_id for m in index.search(need, k=len(docs) + 1)}
    assert listed.id not in {m.supplier_id for m in index.near_misses(need, k=len(docs) + 1)}
