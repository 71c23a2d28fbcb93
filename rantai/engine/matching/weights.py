"""Ranking weights in one place: BM25 parameters, field and expansion weights, structure.

Scores are in BM25 units: one rare query word matched in a product name is worth about
3–6 points; the structural bonuses are sized against that.
"""
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Weights:
    k1: float = 1.2
    b: float = 0.75
    # field weights on term frequency
    name: float = 0.5
    products: float = 1.0
    capabilities: float = 1.0
    description: float = 0.5
    head: float = 1.0  # added for the head word of a product name (Indonesian: the first)
    query_head: float = 1.5  # multiplies the need's head word
    product: float = 1.0  # the best single product's own BM25, added in the re-ranking stage
    phrase: float = 1.0  # × idf, for two need words adjacent in a product name too
    rerank_depth: int = 40  # first-stage candidates re-ranked with per-product scores
    # query expansion: the weight of an added term relative to a word the buyer typed
    surface: float = 0.3  # the unstemmed word, which is how company names are indexed
    translation: float = 0.8
    pivot: float = 0.6  # a synonym through the other language
    typo: float = 0.8
    spelling: float = 0.8  # the same word spelled another way (ether → eter)
    similar: float = 0.5  # a word sharing a long beginning or ending, for a word nobody wrote
    typo_original: float = 0.5  # an unknown word keeps some weight of its own
    # structure
    kbli_section: float = 0.5  # same KBLI kategori (A–U); the levels below add up
    kbli_2: float = 0.5  # + same golongan pokok
    kbli_4: float = 1.0  # + same subgolongan
    kbli_5: float = 1.0  # + same kelompok: 3.0 in all
    capability: float = 1.5  # all of one asked capability present
    distance: float = 1.5  # at 0 km; half at 100 km
    capacity: float = 1.0  # +1 when capacity covers the quantity, down to −1 at none
    performance: float = 1.0  # rating and on-time share, ±0.5 each at the extremes
    # inclusion-aware re-ranking (``diversity`` > 0)
    inclusion_share: float = 0.7  # of the fairness term; the rest rewards a new province
    fair_floor: float = 0.6  # only candidates within this share of the top score get a boost
    idf_floor_docs: int = 10_000  # idf is computed as if the index had at least this many


DEFAULT = Weights()
