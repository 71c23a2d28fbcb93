"""Matching quality on a labelled evaluation built from real public data (KBKI 2012 goods).

    .venv/bin/python bench/matching_quality.py [--split test|dev] [--data ../shared/data]

KBKI (BPS) lists 20,809 commodity names grouped into 4,141 commodity groups (7 digits)
inside 1,501 subclasses (5 digits). For every group with at least two names, one name
(two for groups of eight or more) becomes a buyer's need and the others become products
of synthetic SMEs (one to three each, sometimes with one product of another group). An
SME is relevant to a need with grade 2 when it lists a product of the need's group and
grade 1 when it lists one of the same subclass. Names, companies and attributes come from
a fixed seed.

Kept apart: the engine's vocabularies (stem attestation, the bilingual lexicon) come from
KBLI 2020, KBKI 2013 services and HS 2022, never from these KBKI goods names; weights were
only ever tried on the ``dev`` split (30% of subclasses); the default report is ``test``.

Runs, all in this process: the engine and plain BM25 (bm25s, same texts, same stopwords,
no stemming) on clean needs, on needs with one typo, and with structure (synthetic KBLI
codes that follow the KBKI hierarchy for 70% of SMEs, required SNI certificates and UMK
reservation as hard filters; bm25s is post-filtered). Then the engine's inclusion-aware
re-ranking at several ``diversity`` values: nDCG@10 and how evenly top-10 exposure is
spread (Gini over all SMEs; share of slots to micro, new and under-served-province SMEs).
Prints one JSON line.
"""
import argparse
import csv
import json
import math
import random
import re
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bm25s  # noqa: E402
import numpy as np  # noqa: E402

from rantai.engine.matching import MatchingIndex, Need, SupplierDoc  # noqa: E402
from rantai.engine.matching.resources import DATA, province_population, regencies  # noqa: E402
from rantai.engine.matching.text import STOPWORDS  # noqa: E402

SEED = 7
K = 10
DEV_SHARE = 3  # of 10 subclasses
FILLERS = ("Melayani pesanan partai besar dan eceran.", "Produk berkualitas, harga bersaing.",
           "Siap memasok kebutuhan BUMN.", "Usaha keluarga sejak 2005.", "")
NAME_WORDS = ("Jaya", "Makmur", "Sentosa", "Abadi", "Karya", "Mandiri", "Sejahtera", "Berkah", "Sumber",
              "Rejeki", "Mulia", "Utama", "Sinar", "Cahaya", "Maju", "Bersama", "Lestari", "Tunas")


@dataclass(frozen=True)
class Case:
    need: Need
    grades: dict[str, int]  # supplier id → grade (absent = 0)
    split: str


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    j = rng.randrange(1, len(words[i]) - 1)
    w = words[i]
    words[i] = w[:j] + w[j + 1:] if rng.random() < 0.5 else w[:j] + rng.choice("aeiounrst") + w[j + 1:]
    return " ".join(words)


def load_groups(data: Path) -> dict[str, list[str]]:
    path = data / "kbki_2012_2013" / "kbki_2012_barang.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["level"] == "komoditas"]
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        groups[r["parent_kode"]].append(r["judul"].strip())
    return {code: names for code, names in sorted(groups.items()) if len(names) >= 2}


def _kbli_for(subclass: str, group: str, codes: list[str]) -> str:
    """A real KBLI 5-digit code chosen by hash, so the KBLI tree follows the KBKI tree."""
    fours = sorted({c[:4] for c in codes})
    four = fours[zlib.crc32(subclass.encode()) % len(fours)]
    fives = [c for c in codes if c.startswith(four)]
    return fives[zlib.crc32(group.encode()) % len(fives)]


def world(data: Path) -> tuple[list[SupplierDoc], list[Case], list[Case]]:
    """SMEs, clean cases and typo cases (same needs with one typo)."""
    rng = random.Random(SEED)
    groups = load_groups(data)
    with (DATA / "kbli2020.csv").open(encoding="utf-8", newline="") as f:
        kbli_codes = [r["kode"] for r in csv.DictReader(f)
                      if r["level"] == "kelompok" and "10" <= r["kode"][:2] <= "33"]
    places = sorted(regencies().values(), key=lambda r: r.code)
    people = [province_population().get(r.province, 1) for r in places]
    all_names = [(code, n) for code, names in groups.items() for n in names]
    docs: list[SupplierDoc] = []
    holdings: dict[str, set[str]] = defaultdict(set)  # supplier → groups of its products
    queries: list[tuple[str, str]] = []
    for code, names in groups.items():
        names = names[:]
        rng.shuffle(names)
        n_queries = 2 if len(names) >= 8 else 1
        queries += [(code, q) for q in names[:n_queries]]
        rest = names[n_queries:]
        kbli = _kbli_for(code[:5], code, kbli_codes)
        while rest:
            take = rest[:rng.randint(1, 3)]
            rest = rest[len(take):]
            products = list(take)
            sid = f"s{len(docs)}"
            holdings[sid].add(code)
            if rng.random() < 0.3:
                other_code, other = rng.choice(all_names)
                products.append(other)
                holdings[sid].add(other_code)
            place = rng.choices(places, people)[0]
            docs.append(SupplierDoc(
                id=sid, name=" ".join((rng.choice(("CV", "UD", "PT")), *rng.sample(NAME_WORDS, 2))),
                products=tuple(products), description=rng.choice(FILLERS),
                kbli=(kbli if rng.random() < 0.7 else rng.choice(kbli_codes),),
                regency_code=place.code,
                certifications=frozenset({"SNI"}) if rng.random() < 0.4 else frozenset(),
                scale=rng.choices(("micro", "small", "medium", "large"), (0.6, 0.25, 0.12, 0.03))[0],
                orders_completed=0 if rng.random() < 0.4 else rng.randint(1, 30),
            ))
    by_group: dict[str, set[str]] = defaultdict(set)
    by_subclass: dict[str, set[str]] = defaultdict(set)
    for sid, codes in holdings.items():
        for code in codes:
            by_group[code].add(sid)
            by_subclass[code[:5]].add(sid)
    clean, typo = [], []
    for code, text in queries:
        grades = dict.fromkeys(by_subclass[code[:5]], 1) | dict.fromkeys(by_group[code], 2)
        if not any(g == 2 for g in grades.values()):
            continue
        split = "dev" if zlib.crc32(code[:5].encode()) % 10 < DEV_SHARE else "test"
        kbli = _kbli_for(code[:5], code, kbli_codes)
        need = Need(text=text, kbli=(kbli,))
        clean.append(Case(need, grades, split))
        typo.append(Case(Need(text=_typo(rng, text), kbli=(kbli,)), grades, split))
    return docs, clean, typo


def with_filters(cases: list[Case], docs: dict[str, SupplierDoc], seed: int = SEED) -> list[Case]:
    """The same needs, some requiring SNI or reserved for UMK; ineligible SMEs grade 0."""
    rng = random.Random(seed)
    out = []
    for case in cases:
        certs = frozenset({"SNI"}) if rng.random() < 0.3 else frozenset()
        umk = rng.random() < 0.3
        need = Need(text=case.need.text, kbli=case.need.kbli, required_certifications=certs, umk_only=umk)
        grades = {sid: g for sid, g in case.grades.items() if _eligible(docs[sid], need)}
        if any(g == 2 for g in grades.values()):
            out.append(Case(need, grades, case.split))
    return out


def _eligible(doc: SupplierDoc, need: Need) -> bool:
    if need.umk_only and doc.scale not in ("micro", "small"):
        return False
    return need.required_certifications <= doc.certifications


# -- metrics -----------------------------------------------------------------------------

def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    dcg = sum((2 ** grades.get(s, 0) - 1) / math.log2(i + 2) for i, s in enumerate(ranked[:K]))
    ideal = sorted(grades.values(), reverse=True)[:K]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int]) -> float:
    relevant = {s for s, g in grades.items() if g == 2}
    return len(relevant & set(ranked[:K])) / min(K, len(relevant))


def rr(ranked: list[str], grades: dict[str, int]) -> float:
    return next((1 / (i + 1) for i, s in enumerate(ranked) if grades.get(s) == 2), 0.0)


def evaluate(rank: Callable[[Need], list[str]], cases: list[Case]) -> tuple[dict[str, float], Counter]:
    totals = {"ndcg@10": 0.0, "recall@10": 0.0, "mrr": 0.0}
    exposure: Counter = Counter()
    for case in cases:
        ranked = rank(case.need)
        exposure.update(ranked[:K])
        totals["ndcg@10"] += ndcg(ranked, case.grades)
        totals["recall@10"] += recall(ranked, case.grades)
        totals["mrr"] += rr(ranked, case.grades)
    return {name: round(value / len(cases), 4) for name, value in totals.items()}, exposure


def gini(values: list[int]) -> float:
    x = np.sort(np.asarray(values, dtype=np.float64))
    if x.sum() == 0:
        return 0.0
    n = len(x)
    return float((2 * np.arange(1, n + 1) - n - 1).dot(x) / (n * x.sum()))


# -- systems -----------------------------------------------------------------------------

_TOKEN = re.compile(r"[0-9a-z]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS and len(t) > 1]


class PlainBM25:
    """bm25s over the same text (name, products, description); no stemming."""

    def __init__(self, docs: list[SupplierDoc]) -> None:
        self.docs = docs
        self.model = bm25s.BM25()
        self.model.index([_tokens(" ".join((d.name, *d.products, d.description))) for d in docs],
                         show_progress=False)

    def rank(self, need: Need, k: int = K, *, filtered: bool = False) -> list[str]:
        tokens = [t for t in _tokens(need.text) if t in self.model.vocab_dict]
        if not tokens:
            return []
        depth = min(len(self.docs), 300 if filtered else k)
        ids, _ = self.model.retrieve([tokens], k=depth, show_progress=False, n_threads=1)
        ranked = [self.docs[i] for i in ids[0]]
        if filtered:
            ranked = [d for d in ranked if _eligible(d, need)]
        return [d.id for d in ranked[:k]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    docs, clean, typo = world(args.data)
    by_id = {d.id: d for d in docs}
    clean = [c for c in clean if c.split == args.split]
    typo = [c for c in typo if c.split == args.split]
    structured = with_filters(clean, by_id)
    engine = MatchingIndex.build(docs)
    baseline = PlainBM25(docs)

    def text_only(need: Need) -> Need:
        return Need(text=need.text)

    def engine_rank(need: Need, diversity: float = 0.0) -> list[str]:
        return [m.supplier_id for m in engine.search(need, K, diversity=diversity)]

    out: dict[str, object] = {"split": args.split, "smes": len(docs), "needs": len(clean),
                              "needs_with_filters": len(structured)}
    runs = {"text": clean, "text_typo": typo}
    for name, cases in runs.items():
        out[name] = {"engine": evaluate(lambda n: engine_rank(text_only(n)), cases)[0],
                     "bm25s": evaluate(lambda n: baseline.rank(text_only(n)), cases)[0]}
    out["structure"] = {"engine": evaluate(engine_rank, structured)[0],
                        "bm25s_postfilter": evaluate(lambda n: baseline.rank(n, filtered=True),
                                                     structured)[0]}
    for name in ("text", "text_typo", "structure"):
        block = out[name]
        assert isinstance(block, dict)
        base = block.get("bm25s") or block.get("bm25s_postfilter")
        block["ndcg_gain"] = round(block["engine"]["ndcg@10"] - base["ndcg@10"], 4)
    out["fairness"] = fairness_report(docs, clean)
    print(json.dumps(out))


def fairness_report(docs: list[SupplierDoc], cases: list[Case]) -> dict[str, object]:
    """nDCG@10 against exposure spread for several ``diversity`` values (text-only needs).

    Each value gets a fresh index: re-ranking amortises exposure over the searches it sees.
    """
    counts = Counter(r.province for d in docs for r in [regencies()[d.regency_code or ""]])
    population = province_population()
    total_docs, total_people = sum(counts.values()), sum(population.values())
    under = {p for p, people in population.items() if counts[p] / total_docs < 0.5 * people / total_people}
    flags = {d.id: (d.scale == "micro", d.orders_completed == 0,
                    regencies()[d.regency_code or ""].province in under) for d in docs}
    report: dict[str, object] = {}
    base_ndcg = None
    for diversity in (0.0, 0.2, 0.4, 0.6):
        engine = MatchingIndex.build(docs)
        metrics, exposure = evaluate(
            lambda n, e=engine, dv=diversity: [m.supplier_id
                                               for m in e.search(Need(text=n.text), K, diversity=dv)],
            cases)
        slots = sum(exposure.values()) or 1
        base_ndcg = metrics["ndcg@10"] if base_ndcg is None else base_ndcg
        report[f"diversity_{diversity}"] = {
            "ndcg@10": metrics["ndcg@10"], "ndcg_drop": round(base_ndcg - metrics["ndcg@10"], 4),
            "exposure_gini": round(gini([exposure.get(d.id, 0) for d in docs]), 4),
            "smes_shown": len(exposure),
            "share_micro": round(sum(c for s, c in exposure.items() if flags[s][0]) / slots, 4),
            "share_new": round(sum(c for s, c in exposure.items() if flags[s][1]) / slots, 4),
            "share_underserved": round(sum(c for s, c in exposure.items() if flags[s][2]) / slots, 4),
        }
    return report


if __name__ == "__main__":
    main()
