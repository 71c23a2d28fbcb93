"""Top-k pruning (MaxScore over the postings) never changes a result."""
from contextlib import contextmanager

from hypothesis import given
from hypothesis import strategies as st

from rantai.engine.matching import MatchingIndex, Need, SupplierDoc, Weights, candidates
from rantai.engine.matching import index as index_module

from .test_properties import SETTINGS, corpora, doc, needs


@contextmanager
def pruning(enabled: bool):
    """Prune as hard as possible (every list counts as long, pruning always tried), or not at all."""
    saved = (index_module.PRUNING, index_module.PRUNE_MIN_POSTINGS, index_module.PRUNE_SHARE,
             candidates.HOPELESS)
    index_module.PRUNING, index_module.PRUNE_MIN_POSTINGS, index_module.PRUNE_SHARE = enabled, 0, 10**9
    candidates.HOPELESS = float("inf")
    try:
        yield
    finally:
        (index_module.PRUNING, index_module.PRUNE_MIN_POSTINGS, index_module.PRUNE_SHARE,
         candidates.HOPELESS) = saved


def both(search):
    with pruning(False):
        exhaustive = search()
    with pruning(True):
        pruned = search()
    return exhaustive, pruned


# depth = k, so pruning bites; without structure points the text bounds alone decide (tightest)
WEIGHTS = (Weights(rerank_depth=1),
           Weights(rerank_depth=1, distance=0, capacity=0, performance=0, kbli_section=0, kbli_2=0))


@SETTINGS
@given(corpora, st.lists(doc(), max_size=6), st.lists(st.integers(0, 30), max_size=4), needs,
       st.integers(1, 4), st.sampled_from(WEIGHTS))
def test_pruned_search_returns_what_an_exhaustive_one_does(docs, later, gone, need, k, weights):
    index = MatchingIndex.build(docs, weights=weights)
    for extra in later:  # postings in the delta segment too
        index.upsert(extra)
    for i in gone:
        index.remove(f"s{i}")
    exhaustive, pruned = both(lambda: index.search(need, k=k))
    assert pruned == exhaustive
    exhaustive, pruned = both(lambda: index.near_misses(need, k=k))
    assert pruned == exhaustive


def test_pruning_skips_a_common_word_and_keeps_the_order():
    common = [SupplierDoc(id=f"c{i:03d}", name="", products=(f"kain {'katun' if i % 7 else 'sutra'}",))
              for i in range(300)]
    index = MatchingIndex.build(common, weights=Weights(rerank_depth=1))
    need = Need("kain sutra")
    exhaustive, pruned = both(lambda: index.search(need, k=5))
    assert pruned == exhaustive
    assert all("sutra" in r for m in pruned for r in m.reasons[:1])
