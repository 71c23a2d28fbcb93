"""MatchingIndex: the right SMEs for a need, in milliseconds, with reasons and gaps.

Stage one scores text BM25-style over a sparse inverted index (``postings.py``), with KBLI
and capability keys in the same pass; distance, capacity, past performance and coarse KBLI
levels are added for the candidates that can still reach the top. Long postings lists of
common words are skipped when their bounds prove they cannot change the best ``depth``
(exact MaxScore pruning, ``candidates.py``). Stage two re-ranks the best ``rerank_depth``
by their single best-fitting product. Hard filters (valid certificates, UMK reservation)
are applied before ranking and never relaxed; ``diversity`` > 0 then re-ranks for
inclusion (``fairness.py``). Reasons and gaps come from ``explain.py``, in Indonesian or
English (``language=``).
"""
import math
from array import array
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from . import candidates, explain, fairness, kbli, passing, resources, spelling
from .accumulate import Accumulator
from .lexicon import Lexicon, default_lexicon
from .postings import Postings
from .query import QueryTerms, expand
from .rows import KBLI_COLUMNS, RowStore
from .scoring import Scoring
from .structure import (
    UMK_MAX_CODE,
    Columns,
    Place,
    bonus,
    bonus_max,
    distance_km,
    haversine_km,
    is_umk,
    place_of,
    province_of,
    scale_code,
)
from .text import analyzer, words
from .types import Match, Need, SupplierDoc
from .weights import DEFAULT, Weights

_CAPABILITY = "\x00c:"  # index keys that are not words start with NUL
_OVERFLOW_BIT = 63  # certificates beyond the 63rd share this bit and are checked exactly
MERGE_MIN_POSTINGS = 200_000
MERGE_SHARE = 0.05  # merge the delta once it holds 5% of the main segment's postings
_DEFAULT_AVGDL = 12.0  # for an index built empty; a rebuild re-estimates it
_DEFAULT_PRODUCT_WORDS = 4.0  # mean words per product name, until a build measures it
_CHUNK = 100_000  # documents analysed and sorted together during a build
_PRODUCT_CACHE = 200_000  # analysed product names kept for the re-ranking stage
PRUNING = True  # False scans every list (the property tests compare both)
PRUNE_MIN_POSTINGS = 10_000  # lists up to this long are always scanned ...
PRUNE_SHARE = 64  # ... and up to this fraction of the rows
_MARGIN = 1e-3  # score slack for float32 sums: pruning decisions keep ties and near-ties

__all__ = ["MatchingIndex", "distance_km"]


class MatchingIndex:
    """Supplier documents, searchable by need; ``upsert``/``remove`` apply immediately.

    Determinism: equal scores are ordered by supplier id. Term weights (idf, document-length
    normalisation) change only at ``build`` and at an internal delta merge, so adding a
    supplier that shares nothing with a need never changes that need's results ("nothing":
    no word, stem or translation, and for a word the index has never seen, no word one edit
    away, spelled alike or sharing a long beginning or ending: those become the need's terms). The only
    state a search leaves behind is the exposure count of a ``diversity`` > 0 re-ranking.
    Not thread-safe: give each worker its own index or serialise access.
    """

    def __init__(self, weights: Weights = DEFAULT, lexicon: Lexicon | None = None) -> None:
        self._w = weights
        self._analyzer = analyzer()
        self._lexicon = lexicon or default_lexicon()
        self._term_ids: dict[str, int] = {}
        self._term_names: list[str] = []
        self._df = np.zeros(1024, dtype=np.int32)
        self._words: dict[str, tuple[int, int]] = {}  # word → ids of its stem and of itself (−1 if same)
        self._vocabulary = spelling.Vocabulary()  # the words seen, by spelling and affix
        self._postings = Postings()
        self._rows = RowStore()
        self._docs: list[SupplierDoc | None] = []  # by row; None once replaced or removed
        self._row_of: dict[str, int] = {}
        self._cert_bits: dict[str, int] = {}
        self._avgdl = _DEFAULT_AVGDL
        self._avg_product = _DEFAULT_PRODUCT_WORDS
        self._n_ref = weights.idf_floor_docs
        self._province_counts = np.zeros(100, dtype=np.int64)
        self._products: dict[str, tuple[dict[int, float], list[int], int]] = {}
        self._capabilities_seen: dict[str, frozenset[str]] = {}  # a small vocabulary in practice
        self._removed = 0  # rows removed since the last merge: the alive check can be skipped at 0
        self._acc: Accumulator | None = None  # scratch for ``_reachable``

    # -- building and keeping fresh ---------------------------------------------------

    @classmethod
    def build(cls, docs: Iterable[SupplierDoc], *, weights: Weights = DEFAULT,
              lexicon: Lexicon | None = None) -> "MatchingIndex":
        """An index over ``docs`` (a later duplicate id replaces an earlier one)."""
        index = cls(weights, lexicon)
        index._load(list({doc.id: doc for doc in docs}.values()))
        return index

    def __len__(self) -> int:
        return len(self._row_of)

    def upsert(self, doc: SupplierDoc) -> None:
        """Add or replace a document; searchable immediately, no rebuild."""
        self.remove(doc.id)
        tf, dl, keys = self._analyse(doc)
        row = self._rows.n
        self._rows.extend({name: [value] for name, value in self._row_values(doc).items()})
        self._docs.append(doc)
        self._row_of[doc.id] = row
        weights = {tid: self._bm25(f, dl) for tid, f in tf.items()} | dict.fromkeys(keys, 1.0)
        self._postings.add(row, weights)
        self._df[list(weights)] += 1
        self._count_province(doc, +1)
        if self._postings.delta_size > max(MERGE_MIN_POSTINGS, MERGE_SHARE * self._postings.main_size):
            self._merge()

    def remove(self, supplier_id: str) -> None:
        """Forget a document; a no-op for unknown ids."""
        row = self._row_of.pop(supplier_id, None)
        if row is None:
            return
        doc = self._docs[row]
        assert doc is not None
        self._docs[row] = None
        self._rows.alive[row] = False
        self._removed += 1
        tf, _, keys = self._analyse(doc)
        self._df[[*tf, *keys]] -= 1
        self._count_province(doc, -1)

    def _load(self, docs: list[SupplierDoc]) -> None:
        """Bulk build in chunks, so temporary memory stays a fraction of the index."""
        raw = [self._analyse_chunk(docs, start) for start in range(0, len(docs), _CHUNK)]
        self._docs = list(docs)
        self._row_of = {doc.id: row for row, doc in enumerate(docs)}
        n = len(docs)
        dl = np.concatenate([chunk[-1] for chunk in raw]) if raw else np.zeros(0, np.float32)
        self._avgdl = float(dl.mean()) if n and dl.mean() > 0 else _DEFAULT_AVGDL
        sample = [len(words(p)) for doc in docs[:20_000] for p in doc.products]
        self._avg_product = max(1.0, sum(sample) / len(sample)) if sample else _DEFAULT_PRODUCT_WORDS
        self._n_ref = max(self._w.idf_floor_docs, n)
        parts = []
        while raw:
            parts.append(self._chunk_postings(*raw.pop(0), dl))
        n_terms = len(self._term_ids)
        self._postings = Postings.assemble(parts, n_terms)
        for tids, _, _ in parts:
            self._df[:n_terms] += np.bincount(tids, minlength=n_terms).astype(np.int32)

    def _analyse_chunk(self, docs: list[SupplierDoc], start: int) -> tuple:
        tids, tfs, counts, dls = array("i"), array("f"), array("i"), array("f")
        key_tids, key_counts = array("i"), array("i")
        columns: dict[str, list] = {}
        for doc in docs[start:start + _CHUNK]:
            tf, dl, keys = self._analyse(doc)
            tids.extend(tf)
            tfs.extend(tf.values())
            counts.append(len(tf))
            dls.append(dl)
            key_tids.extend(keys)
            key_counts.append(len(keys))
            for name, value in self._row_values(doc).items():
                columns.setdefault(name, []).append(value)
            self._count_province(doc, +1)
        self._rows.extend(columns)
        return start, tids, tfs, counts, key_tids, key_counts, np.frombuffer(dls, dtype=np.float32)

    def _chunk_postings(self, start: int, tids: array, tfs: array, counts: array, key_tids: array,
                        key_counts: array, _chunk_dl: np.ndarray, dl: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One chunk's postings with BM25 weights, sorted by term id."""
        n = len(counts)
        text_rows = np.repeat(np.arange(start, start + n, dtype=np.int32), np.frombuffer(counts, np.int32))
        tf = np.frombuffer(tfs, dtype=np.float32)
        k1, b = self._w.k1, self._w.b
        weights = tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl[text_rows] / self._avgdl))
        key_rows = np.repeat(np.arange(start, start + n, dtype=np.int32), np.frombuffer(key_counts, np.int32))
        all_tids = np.concatenate((np.frombuffer(tids, np.int32), np.frombuffer(key_tids, np.int32)))
        all_rows = np.concatenate((text_rows, key_rows))
        all_weights = np.concatenate((weights.astype(np.float32), np.ones(len(key_rows), np.float32)))
        order = np.argsort(all_tids, kind="stable")
        return all_tids[order], all_rows[order], all_weights[order]

    def _merge(self) -> None:
        self._postings.merge(self._rows.alive[:self._rows.n], len(self._term_ids))
        self._removed = 0
        self._n_ref = max(self._w.idf_floor_docs, len(self._row_of))

    # -- analysis ---------------------------------------------------------------------

    def _tid(self, term: str) -> int:
        tid = self._term_ids.get(term)
        if tid is None:
            tid = self._term_ids[term] = len(self._term_names)
            self._term_names.append(term)
            if tid >= len(self._df):
                self._df = np.concatenate((self._df, np.zeros(len(self._df), dtype=np.int32)))
        return tid

    def _word_tids(self, word: str) -> tuple[int, int]:
        tids = self._words.get(word)
        if tids is None:
            stem = self._analyzer.stem(word)
            tids = self._words[word] = (self._tid(stem), -1 if stem == word else self._tid(word))
            self._vocabulary.add(word)
        return tids

    def _word_tid(self, word: str) -> int:
        return self._word_tids(word)[0]

    def _analyse(self, doc: SupplierDoc) -> tuple[dict[int, float], float, list[int]]:
        """Field-weighted term frequencies, weighted length, and KBLI/capability keys.

        Company names are indexed word for word, never stemmed; other fields by stem and,
        where it differs, also by the word as written (an exact form scores a little more).
        """
        w = self._w
        tf: dict[int, float] = {}
        dl = 0.0
        for word in words(doc.name):
            tid = self._tid(word)
            tf[tid] = tf.get(tid, 0.0) + w.name
            dl += w.name
        fields = [(p, w.products) for p in doc.products] + [(doc.description, w.description)]
        fields += [(c, w.capabilities) for c in doc.capabilities]
        for text, weight in fields:
            for word in words(text):
                tid, exact = self._word_tids(word)
                tf[tid] = tf.get(tid, 0.0) + weight
                dl += weight
                if exact >= 0:
                    tf[exact] = tf.get(exact, 0.0) + weight
        for product in doc.products:
            head = self._analyzer.head(product)
            if head is not None:
                tid = self._word_tid(head)
                tf[tid] = tf.get(tid, 0.0) + w.head
        keys = {self._tid(key) for code in doc.kbli for key in kbli.keys(code)}
        keys |= {self._tid(_CAPABILITY + t) for t in self._capability_terms(doc.capabilities)}
        return tf, dl, sorted(keys)

    def _capability_terms(self, capabilities: Iterable[str]) -> set[str]:
        """Terms of the capabilities, with their translations (casting ≡ pengecoran)."""
        out: set[str] = set()
        for capability in capabilities:
            known = self._capabilities_seen.get(capability)
            if known is None:
                terms = self._analyzer.terms(capability)
                found = set(terms).union(*(t.terms for t in self._lexicon.translate(terms)))
                known = self._capabilities_seen[capability] = frozenset(found)
            out |= known
        return out

    def _bm25(self, tf: float, dl: float) -> float:
        k1, b = self._w.k1, self._w.b
        return tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / self._avgdl))

    def _row_values(self, doc: SupplierDoc) -> dict[str, float | int | bool]:
        place = place_of(doc.regency_code, doc.latitude, doc.longitude)
        return {
            "alive": True, "scale": scale_code(doc.scale), "certs": self._cert_mask(doc.certifications),
            "latitude": place.latitude if place else math.nan,
            "longitude": place.longitude if place else math.nan,
            "capacity": math.nan if doc.monthly_capacity is None else doc.monthly_capacity,
            "rating": math.nan if doc.rating is None else doc.rating,
            "on_time": math.nan if doc.on_time_rate is None else doc.on_time_rate,
            "orders": doc.orders_completed, "province": province_of(doc.regency_code),
        } | dict(zip(KBLI_COLUMNS, kbli.coarse(doc.kbli) + [-1] * kbli.COARSE_SLOTS, strict=False))

    def _cert_mask(self, certs: Iterable[str]) -> int:
        mask = 0
        for cert in certs:
            bit = self._cert_bits.get(cert)
            if bit is None:
                bit = self._cert_bits[cert] = min(len(self._cert_bits), _OVERFLOW_BIT)
            mask |= 1 << bit
        return mask

    def _count_province(self, doc: SupplierDoc, delta: int) -> None:
        province = province_of(doc.regency_code)
        if 0 <= province < len(self._province_counts):
            self._province_counts[province] += delta

    # -- queries ----------------------------------------------------------------------

    def _frequency(self, word: str) -> int:
        """How often ``word`` is used: documents with its stem, plus one if attested."""
        count = 0
        for tid in (*self._words.get(word, ()), self._term_ids.get(word)):
            if tid is not None and tid >= 0:
                count = max(count, int(self._df[tid]))
        return count + self._analyzer.is_attested(word)

    def _idf(self, tid: int) -> float:
        df = int(self._df[tid])
        n = max(self._n_ref, df)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def _query(self, need: Need) -> tuple[Scoring, QueryTerms]:
        """Index keys with their multipliers (idf × expansion weight for words)."""
        terms = expand(need.text, self._analyzer, self._lexicon, self._w, self._frequency, self._vocabulary)
        scoring = Scoring()
        for group in terms.groups:
            best: dict[int, float] = {}
            for variant in group:
                tid = self._term_ids.get(variant.term)
                if tid is None or self._df[tid] <= 0:
                    continue
                idf = self._idf(tid)
                if variant.cap:  # a translation carries no more information than the word
                    idf = min(idf, max(self._term_idf(term) for term in variant.cap))
                best[tid] = max(best.get(tid, 0.0), variant.weight * idf)
            scoring.add_group(best)
        primaries = [self._term_ids.get(group[0].term) for group in terms.groups if group[0].weight >= 1.0]
        for a, b in zip(primaries, primaries[1:], strict=False):
            if a is not None and b is not None and self._df[a] > 0 and self._df[b] > 0:
                scoring.bigrams[(a, b)] = self._w.phrase * min(self._idf(a), self._idf(b))
        for key, weight in kbli.query_keys(need.kbli, self._w).items():
            scoring.add_group({self._tid(key): weight})
        for capability in need.capabilities:
            parts = self._analyzer.terms(capability)
            for part in parts:
                scoring.add_group({self._tid(_CAPABILITY + part): self._w.capability / len(parts)})
        return scoring, terms

    def _term_idf(self, term: str) -> float:
        tid = self._term_ids.get(term)
        return self._idf(tid) if tid is not None else math.log(1 + (self._n_ref + 0.5) / 0.5)

    def _scratch(self, name: str) -> np.ndarray:
        """A persistent zeroed float32 array over all rows; users leave it zeroed."""
        array = self.__dict__.get(name)
        if array is None or len(array) < self._rows.n:
            array = np.zeros(max(self._rows.n, 1024) * 5 // 4, dtype=np.float32)
            setattr(self, name, array)
        return array

    def _accumulator(self) -> Accumulator:
        """The per-row score scratch, sized to the index (grown as rows are added)."""
        if self._acc is None or len(self._acc) < self._rows.n:
            self._acc = Accumulator(max(self._rows.n, 1024) * 5 // 4)
        return self._acc

    def _scan(self, keys: dict[int, float], acc: Accumulator) -> Callable[[], None]:
        """Add the best of ``keys`` for each row into ``acc``; returns how to take it back."""
        if len(keys) == 1:  # one posting per row and key: nothing to aggregate
            (tid, m), = keys.items()
            acc.add_key(self._postings.get(tid), m)
            return lambda: acc.remove_key(self._postings.get(tid), m)
        rows, values = acc.add_group((self._postings.get(tid), m) for tid, m in keys.items())
        return lambda: acc.remove_values(rows, values)

    def _cert_filter(self, need: Need) -> tuple[int | None, bool]:
        """The certificate bits a row must hold (None: somebody must hold a certificate no
        indexed supplier has), and whether an exact check must follow (overflow bit)."""
        bits, exact = 0, False
        for cert in need.required_certifications:
            bit = self._cert_bits.get(cert)
            if bit is None:
                return None, False
            exact |= bit == _OVERFLOW_BIT
            bits |= 1 << bit
        return bits, exact

    @staticmethod
    def _eligible(doc: SupplierDoc, need: Need) -> bool:
        if need.umk_only and not is_umk(doc.scale):
            return False
        return need.required_certifications <= doc.certifications

    # -- public ranking ---------------------------------------------------------------

    def search(self, need: Need, k: int = 10, *, diversity: float = 0.0, language: str = "id") -> list[Match]:
        """Top ``k`` eligible suppliers, best first; ties broken by id for determinism.

        A supplier scores only if it shares a word (or a translation or correction of one),
        a KBLI group or a capability with the need. Hard filters (certifications, UMK
        reservation) are never violated. ``diversity`` in [0, 1] turns on inclusion-aware
        re-ranking among the best ``max(4k, 40)``; 0 keeps pure relevance. Reasons and
        gaps are in ``language``: "id" (default) or "en" (a tag such as "en-GB" counts as
        its language); anything else is a ValueError. The ranking does not depend on it.
        """
        return self._ranked(need, k, diversity=diversity, near_miss=False, language=explain.checked(language))

    def near_misses(self, need: Need, k: int = 10, *, language: str = "id") -> list[Match]:
        """The best ``k`` relevant suppliers that fail a hard filter, each with its gaps."""
        return self._ranked(need, k, diversity=0.0, near_miss=True, language=explain.checked(language))

    def rank_needs(self, doc: SupplierDoc, needs: Sequence[Need], k: int = 10, *, language: str = "id"
                   ) -> list[tuple[Need, Match]]:
        """The other direction: the ``k`` needs ``doc`` fits best, each with its Match.

        Scores use this index's term statistics and equal what ``search`` would give
        ``doc`` for each need; needs whose hard filters ``doc`` fails are left out.
        Reasons are in ``language`` ("id" or "en"), as for ``search``.
        """
        language = explain.checked(language)
        tf, dl, keys = self._analyse(doc)
        weights = {tid: self._bm25(f, dl) for tid, f in tf.items()} | dict.fromkeys(keys, 1.0)
        values = self._row_values(doc)
        cols = Columns(*(np.array([values[name]], dtype=np.float32)
                         for name in ("latitude", "longitude", "capacity", "rating", "on_time")))
        coarse = np.array([[values[name] for name in KBLI_COLUMNS]], dtype=np.int16)
        ranked = []
        for need in needs:
            if not self._eligible(doc, need):
                continue
            mult, terms = self._query(need)
            base = mult.score(weights)
            if base <= 0:
                continue
            base += self._w.product * self._best_product(doc, mult)
            delivery = place_of(need.regency_code, need.latitude, need.longitude)
            total = base + float(self._bonus(need, delivery, cols, coarse)[0])
            ranked.append((round(total, 6), need.id, need, mult, terms, delivery))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [(need, self._match(doc, score, need, mult, terms, delivery, near_miss=False,
                                   language=language))
                for score, _, need, mult, terms, delivery in ranked[:k]]

    def _ranked(self, need: Need, k: int, *, diversity: float, near_miss: bool, language: str
                ) -> list[Match]:
        if k <= 0:
            return []
        mult, terms = self._query(need)
        delivery = place_of(need.regency_code, need.latitude, need.longitude)
        pool = k if diversity <= 0 else max(4 * k, 40)
        depth = max(pool, self._w.rerank_depth)
        rows, total = self._reachable(candidates.units(self._postings, mult), need, delivery, depth,
                                      near_miss=near_miss)
        if len(rows) == 0:
            return []
        best = self._best(rows, total, depth)
        best = self._by_product(best, mult, pool)
        rows = np.array([r for r, _ in best], dtype=np.int64)
        totals = np.array([t for _, t in best])
        picks = range(min(k, len(best)))
        if diversity > 0:
            picks = fairness.rerank(totals, self._inclusion(rows), self._rows.province[rows],
                                    diversity, k, self._w)
            self._rows.shown[rows[picks]] += 1
        return [self._match(self._doc(int(rows[i])), float(totals[i]), need, mult, terms, delivery,
                            near_miss=near_miss, inclusion=diversity > 0, language=language) for i in picks]

    def _reachable(self, units: list[candidates.Unit], need: Need, delivery: Place | None, depth: int,
                   *, near_miss: bool) -> tuple[np.ndarray, np.ndarray]:
        """Eligible rows that may be among the best ``depth`` by total score, with their totals.

        Exact: the best ``depth`` of the result are the best ``depth`` of all eligible rows
        (``candidates.py``). Keys with short postings are scanned; the long lists of common
        words are only looked up for the rows found, as long as their bounds show that rows
        found through them alone cannot reach the best ``depth`` (MaxScore); otherwise the
        largest-bound ones are scanned too, down to a full scan.
        """
        high = bonus_max(self._w, need, delivery) + kbli.coarse_max(need.kbli, self._w)
        short = max(PRUNE_MIN_POSTINGS, self._rows.n // PRUNE_SHARE) if PRUNING else math.inf
        plan = candidates.Plan(self._postings, units, short)
        acc, scratch = self._accumulator(), self._scratch("_lookup")
        undo: dict[int, Callable[[], None]] = {}  # unit → how to take back what it added
        try:
            for attempt in (0, 1):
                for u in plan.take():  # a unit's scanned keys put their best value in ``acc``
                    if u in undo:
                        undo[u]()
                    undo[u] = self._scan(plan.scanned_keys(u), acc)
                found = acc.found()
                if attempt or not plan.unseen_bound():
                    break
                floor = self._floor(found, acc.scores[found], units, need, near_miss, delivery,
                                    depth, scratch)
                if plan.unseen_bound() + high < floor:
                    break  # rows not found score at most ``unseen_bound + high``: they cannot make it
                plan.widen(floor - high)  # scan the largest-bound keys until they cannot (floor stays valid)
            rows = self._eligible_rows(found.copy(), need, near_miss)  # ``found`` is scratch
            low = acc.scores[rows]
        finally:
            acc.clear()
        unseen = plan.unseen_bound()  # a found row's text score is at most ``low + unseen``
        floor = self._floor(rows, low, units, need, False, delivery, depth, scratch, checked=True)
        if unseen:
            rows = rows[low + unseen + high >= floor]
            base = candidates.exact(self._postings, units, rows, scratch)
        else:
            base = low
        keep = base + high >= floor  # the structure bonus costs per row: bound it before computing it
        rows, base = rows[keep], base[keep]
        bonus = self._bonus(need, delivery, self._rows.columns(rows), self._rows.kbli(rows))
        total = base + bonus
        if len(total) > depth:
            top = total >= np.partition(total, len(total) - depth)[len(total) - depth] - _MARGIN
            rows, base, bonus = rows[top], base[top], bonus[top]
        return rows, (base if unseen else candidates.exact(self._postings, units, rows, scratch)) + bonus

    def _floor(self, rows: np.ndarray, low: np.ndarray, units: list[candidates.Unit], need: Need,
               near_miss: bool, delivery: Place | None, depth: int, scratch: np.ndarray, *,
               checked: bool = False) -> float:
        """A lower bound of the ``depth``-th best total among eligible rows.

        Taken from the rows best by ``low`` (their text score or a lower bound of it), whose
        eligibility is checked here unless ``checked``, and whose text score is recomputed.
        """
        size = min(len(rows), (2 if checked else 8) * depth)
        if size < depth:
            return -math.inf
        best = np.flatnonzero(low >= np.partition(low, len(low) - size)[len(low) - size])  # ≥ size rows
        some = rows[best]
        if not checked:
            some = self._eligible_rows(some, need, near_miss)
            if len(some) < depth:
                return -math.inf
        total = candidates.exact(self._postings, units, some, scratch)
        total += self._bonus(need, delivery, self._rows.columns(some), self._rows.kbli(some))
        return float(np.partition(total, len(total) - depth)[len(total) - depth]) - _MARGIN

    def _eligible_rows(self, rows: np.ndarray, need: Need, near_miss: bool) -> np.ndarray:
        """The alive ``rows`` passing the hard filters (failing one, for near misses)."""
        alive = self._rows.alive if self._removed else None
        if not (near_miss or need.umk_only or need.required_certifications):
            return rows if alive is None else rows[alive[rows]]
        bits, exact = self._cert_filter(need)
        if bits is None:  # nobody holds a required certificate: everyone misses it
            return (rows if alive is None else rows[alive[rows]]) if near_miss else rows[:0]
        rows = passing.select(rows, alive=alive, scale=self._rows.scale,
                              scale_max=UMK_MAX_CODE if need.umk_only else passing.ANY_SCALE,
                              certs=self._rows.certs, bits=bits, passing=not near_miss)
        if exact:
            ok = np.array([self._eligible(self._doc(r), need) != near_miss for r in rows.tolist()],
                          dtype=bool)
            rows = rows[ok]
        return rows

    def _bonus(self, need: Need, delivery: Place | None, cols: Columns, coarse: np.ndarray) -> np.ndarray:
        """Structure points: distance, capacity, performance and the coarse KBLI levels."""
        return bonus(self._w, need, delivery, cols) + kbli.coarse_bonus(need.kbli, coarse, self._w)

    def _doc(self, row: int) -> SupplierDoc:
        doc = self._docs[row]
        assert doc is not None
        return doc

    def _best(self, rows: np.ndarray, total: np.ndarray, pool: int) -> list[tuple[int, float]]:
        """The best ``pool`` (row, score), ordered by score then supplier id."""
        chosen = np.arange(len(rows))
        if len(rows) > pool:
            cut = np.partition(total, len(total) - pool)[len(total) - pool]
            chosen = np.flatnonzero(total >= cut)
        items = [(round(float(total[i]), 6), self._doc(int(rows[i])).id, int(rows[i])) for i in chosen]
        items.sort(key=lambda item: (-item[0], item[1]))
        return [(row, score) for score, _, row in items[:pool]]

    def _by_product(self, best: list[tuple[int, float]], scoring: Scoring, pool: int
                    ) -> list[tuple[int, float]]:
        """Second stage: add each candidate's best single product score, keep ``pool``."""
        items = []
        for row, score in best:
            doc = self._doc(row)
            total = score + self._w.product * self._best_product(doc, scoring)
            items.append((round(total, 6), doc.id, row))
        items.sort(key=lambda item: (-item[0], item[1]))
        return [(row, score) for score, _, row in items[:pool]]

    def _best_product(self, doc: SupplierDoc, scoring: Scoring) -> float:
        """BM25 of the need against each product name alone (plus adjacent-word pairs).

        A catalogue is a set of products and a need asks for one: the product that fits
        best says more than words scattered over the whole profile.
        """
        k1, b, best = self._w.k1, self._w.b, 0.0
        for product in doc.products:
            tf, stems, length = self._product_terms(product)
            if scoring.keys.isdisjoint(tf):
                continue
            norm = k1 * (1 - b + b * length / self._avg_product)
            score = scoring.score({tid: f * (k1 + 1) / (f + norm)
                                   for tid, f in tf.items() if tid in scoring.keys})
            if scoring.bigrams:
                pairs = set(zip(stems, stems[1:], strict=False))
                score += sum(scoring.bigrams.get(pair, 0.0) for pair in pairs)
            best = max(best, score)
        return best

    def _product_terms(self, product: str) -> tuple[dict[int, float], list[int], int]:
        """Term frequencies (head word boosted), stem sequence and length of one product name."""
        cached = self._products.get(product)
        if cached is None:
            if len(self._products) >= _PRODUCT_CACHE:
                self._products.clear()
            tf: dict[int, float] = {}
            found = words(product)
            for word in found:
                for tid in self._word_tids(word):
                    if tid >= 0:
                        tf[tid] = tf.get(tid, 0.0) + 1.0
            head = self._analyzer.head(product)
            if head is not None:
                tid = self._word_tid(head)
                tf[tid] = tf.get(tid, 0.0) + self._w.head
            cached = self._products[product] = (tf, [self._word_tid(w) for w in found], len(found))
        return cached

    def _inclusion(self, rows: np.ndarray) -> np.ndarray:
        province = self._rows.province[rows].astype(np.int64)
        flags = fairness.underserved(self._province_counts, resources.province_population())
        under = (province >= 0) & flags[np.clip(province, 0, len(flags) - 1)]
        return fairness.inclusion(self._rows.scale[rows] == 0, self._rows.orders[rows] == 0, under,
                                  self._rows.shown[rows])

    # -- explanations -----------------------------------------------------------------

    def _match(self, doc: SupplierDoc, score: float, need: Need, mult: Scoring,
               terms: QueryTerms, delivery: Place | None, *, near_miss: bool,
               inclusion: bool = False, language: str = "id") -> Match:
        lang = language
        reasons = self._text_reasons(doc, mult.keys, terms, lang)
        relation = kbli.relation(need.kbli, doc.kbli, lang) if need.kbli else None
        reasons += [relation] if relation else []
        met, missing = self._capabilities(need, doc) if need.capabilities else ([], [])
        reasons += explain.capabilities(met, lang)
        reasons += explain.certificates(need.required_certifications & doc.certifications, lang)
        place = place_of(doc.regency_code, doc.latitude, doc.longitude)
        km = None
        if delivery and place:
            km = haversine_km(delivery.latitude, delivery.longitude, place.latitude, place.longitude)
        reasons += explain.distance(km, delivery, lang)
        reasons += explain.capacity(doc.monthly_capacity, need.quantity, lang)
        reasons += explain.performance(doc.rating, doc.on_time_rate, lang)
        if inclusion:
            under = fairness.underserved(self._province_counts, resources.province_population())
            province = province_of(doc.regency_code)
            reasons += explain.inclusion(doc.scale == "micro", doc.orders_completed == 0,
                                         0 <= province < len(under) and bool(under[province]), lang)
        umk_gap = need.umk_only and not is_umk(doc.scale)
        gaps = explain.gaps(need.required_certifications - doc.certifications,
                            doc.scale if umk_gap else None, doc.monthly_capacity, need.quantity, missing,
                            lang)
        return Match(doc.id, round(score, 6), tuple(reasons), tuple(gaps))

    def _text_reasons(self, doc: SupplierDoc, mult: set[int], terms: QueryTerms, language: str
                      ) -> list[str]:
        """Which products (or, failing that, which profile words) matched, and through what."""
        matched: set[int] = set()
        products = []
        for product in doc.products:
            hits = {tid for word in words(product) for tid in self._word_tids(word) if tid in mult}
            if hits:
                products.append(product)
                matched |= hits
        reasons = explain.products(products, language)
        if not products:
            seen = [w for w in words(doc.name) if self._term_ids.get(w) in mult]
            matched |= {self._term_ids[w] for w in seen}
            for word in words(f"{doc.description} {' '.join(doc.capabilities)}"):
                hits = set(self._word_tids(word)) & mult
                if hits:
                    seen.append(word)
                    matched |= hits
            reasons += explain.words(seen, language)
        names = {self._term_names[tid] for tid in matched}
        used = [e for e in terms.expansions if e.terms & names]
        return reasons + explain.expansions(used, language)

    def _capabilities(self, need: Need, doc: SupplierDoc) -> tuple[list[str], list[str]]:
        """Asked capabilities the supplier has, and those it lacks."""
        have = self._capability_terms(doc.capabilities)
        met, missing = [], []
        for capability in sorted(need.capabilities):
            (met if set(self._analyzer.terms(capability)) <= have else missing).append(capability)
        return met, missing

