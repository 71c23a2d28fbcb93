"""Supplier ↔ need ranking. Public API: SupplierDoc, Need, Match, MatchingIndex.

Bilingual (Indonesian/English) BM25 over a sparse inverted index with exact top-k pruning,
with KBLI hierarchy, capabilities, capacity, distance and past performance beside the text;
hard filters for valid certificates and UMK reservation; reasons (Indonesian, or English
with ``language="en"``) and, for near misses, the gaps to close; optional inclusion-aware
re-ranking; and the reverse direction (``rank_needs``).
"""
from .index import MatchingIndex
from .types import Match, Need, SupplierDoc
from .weights import Weights

__all__ = ["Match", "MatchingIndex", "Need", "SupplierDoc", "Weights"]
