"""Supplier ↔ need ranking. Public API: SupplierDoc, Need, Match, MatchingIndex.

This first version ranks by word overlap (TF-IDF weighted), KBLI hierarchy and distance,
with hard filters for required certifications and UMK reservation. The API is stable;
the internals are meant to be replaced by the full engine.
"""
from .index import MatchingIndex
from .types import Match, Need, SupplierDoc

__all__ = ["Match", "MatchingIndex", "Need", "SupplierDoc"]
