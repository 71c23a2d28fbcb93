"""A small in-memory index: exact, deterministic, good enough for thousands of SMEs."""
import math
from collections import Counter
from collections.abc import Iterable

from .text import tokens
from .types import Match, Need, SupplierDoc

UMK = frozenset({"micro", "small"})
KBLI_WEIGHTS = ((5, 3.0, "KBLI sama"), (4, 2.0, "KBLI satu subgolongan"),
                (2, 1.0, "KBLI satu golongan pokok"))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


class MatchingIndex:
    """Supplier documents by id, with document frequencies for IDF weighting."""

    def __init__(self) -> None:
        self._docs: dict[str, SupplierDoc] = {}
        self._terms: dict[str, frozenset[str]] = {}
        self._df: Counter[str] = Counter()

    @classmethod
    def build(cls, docs: Iterable[SupplierDoc]) -> "MatchingIndex":
        index = cls()
        for doc in docs:
            index.upsert(doc)
        return index

    def __len__(self) -> int:
        return len(self._docs)

    def upsert(self, doc: SupplierDoc) -> None:
        """Add or replace a document; searchable immediately."""
        self.remove(doc.id)
        terms = frozenset(tokens(" ".join((doc.name, doc.description, *doc.products))))
        self._docs[doc.id] = doc
        self._terms[doc.id] = terms
        self._df.update(terms)

    def remove(self, supplier_id: str) -> None:
        """Forget a document; a no-op for unknown ids."""
        if supplier_id not in self._docs:
            return
        self._df.subtract(self._terms.pop(supplier_id))
        del self._docs[supplier_id]

    def _idf(self, term: str) -> float:
        n = len(self._docs)
        return math.log(1 + (n - self._df[term] + 0.5) / (self._df[term] + 0.5))

    def _eligible(self, doc: SupplierDoc, need: Need) -> bool:
        if need.umk_only and doc.scale not in UMK:
            return False
        return need.required_certifications <= doc.certifications

    def search(self, need: Need, k: int = 10) -> list[Match]:
        """Top ``k`` eligible suppliers, best first; ties broken by id for determinism.

        A supplier scores only if it shares a word or a KBLI group with the need. Hard
        filters (certifications, UMK reservation) are never violated.
        """
        query = set(tokens(need.text))
        results: list[Match] = []
        for doc_id, doc in self._docs.items():
            if not self._eligible(doc, need):
                continue
            shared = query & self._terms[doc_id]
            score = sum(self._idf(t) for t in shared)
            reasons: list[str] = []
            if shared:
                reasons.append("kata cocok: " + ", ".join(sorted(shared)[:5]))
            kbli_score, kbli_reason = _kbli_affinity(need.kbli, doc.kbli)
            if score == 0 and kbli_score == 0:
                continue
            score += kbli_score
            if kbli_reason:
                reasons.append(kbli_reason)
            if None not in (need.latitude, need.longitude, doc.latitude, doc.longitude):
                km = distance_km(need.latitude, need.longitude, doc.latitude, doc.longitude)
                score += 1.0 / (1.0 + km / 100.0)
                reasons.append(f"{km:,.0f} km dari lokasi pengiriman".replace(",", "."))
            results.append(Match(doc_id, round(score, 6), tuple(reasons)))
        results.sort(key=lambda m: (-m.score, m.supplier_id))
        return results[:k]


def _kbli_affinity(need_codes: tuple[str, ...], doc_codes: tuple[str, ...]) -> tuple[float, str]:
    """The strongest KBLI relation between the two code sets: same 5, 4 or 2 digits."""
    for digits, weight, label in KBLI_WEIGHTS:
        prefixes = {c[:digits] for c in need_codes if len(c) >= digits}
        if any(c[:digits] in prefixes for c in doc_codes):
            return weight, label
    return 0.0, ""
