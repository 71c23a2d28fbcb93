"""Matching speed at scale: the engine against bm25s and SQLite FTS5 over the same text.

    .venv/bin/python bench/matching.py --profiles 1000000 --queries 1000

Generates N realistic SME profiles (seeded: KBKI commodity names as products, KBLI titles
in descriptions, regencies weighted by population, scales, certificates, capabilities,
capacity, ratings) and Q needs (commodity phrases, English phrases, typos; KBLI, delivery
regency, quantity). Each system runs in its own child process so its memory is its own;
all searches are top-20 on one thread. "filtered" needs also require SNI and are reserved
for micro/small enterprises. Prints ONE JSON line.

rss_mb is the child's peak resident memory, profiles included (corpus_rss_mb is the
memory of the generated profiles alone, measured before the system is built). Latencies are
wall-clock; ``cpu_p50_ms``/``cpu_p95_ms`` are the same searches in process CPU time, which a
machine shared with other work inflates much less. ``load_avg`` is the 1-minute load average
before and after each system's run.
"""
import argparse
import csv
import json
import os
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rantai.engine.matching import MatchingIndex, Need, SupplierDoc  # noqa: E402
from rantai.engine.matching.resources import DATA  # noqa: E402
from rantai.engine.matching.text import STOPWORDS  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
K = 20
SEED = 20251124
LEGAL = ("CV", "UD", "PT", "Koperasi", "")
NAME_WORDS = ("Jaya", "Makmur", "Sentosa", "Abadi", "Karya", "Mandiri", "Sejahtera", "Berkah", "Sumber",
              "Rejeki", "Baja", "Logam", "Teknik", "Mulia", "Utama", "Sinar", "Cahaya", "Maju", "Bersama",
              "Kurnia", "Prakasa", "Byakta", "Tunas", "Harapan", "Anugerah", "Putra", "Putri", "Lestari")
CAPABILITIES = ("pengecoran", "pemesinan CNC", "pengelasan", "penempaan", "pembubutan", "pengecatan",
                "galvanis", "perakitan", "penjahitan", "bordir", "tenun", "sablon", "pengemasan",
                "pengeringan", "penggilingan", "fermentasi", "ukir kayu", "anyaman", "pencetakan",
                "injeksi plastik", "pelapisan", "perlakuan panas")
CERTS = (("SNI", 0.3), ("Halal", 0.2), ("ISO 9001", 0.1), ("TKDN", 0.15), ("PIRT", 0.2))
SCALES = (("micro", 0.6), ("small", 0.25), ("medium", 0.12), ("large", 0.03))
ENGLISH = ("brake block casting", "spare parts for railway bogie", "batik shirts uniform",
           "grey cast iron castings", "steel fabrication welding", "cooking oil", "wooden furniture",
           "leather safety shoes", "cardboard boxes packaging", "embroidered uniforms", "roof tiles",
           "electric cable", "palm sugar", "coffee beans", "rattan chairs", "plastic bottles")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class World:
    """Vocabulary and places the generator draws from, read once."""

    def __init__(self) -> None:
        goods = SHARED / "kbki_2012_2013" / "kbki_2012_barang.csv"
        names = [r["judul"] for r in _rows(goods) if r["level"] == "komoditas"] if goods.exists() else []
        services = [r["judul"] for r in _rows(DATA / "kbki_2013_jasa.csv") if r["level"] == "subkelas"]
        self.products = [n for n in names + services if len(n) < 90]
        kbli = [r for r in _rows(DATA / "kbli2020.csv") if r["level"] == "kelompok"]
        self.kbli = [(r["kode"], r["judul"].lower()) for r in kbli]
        self.kbli_c = [pair for pair in self.kbli if pair[0][:2] in {f"{d:02d}" for d in range(10, 34)}]
        regencies = _rows(DATA / "kabupaten_kota.csv")
        self.regencies = [(r["kode"], r["nama_singkat"]) for r in regencies]
        self.regency_weights = [int(r["penduduk_total"]) for r in regencies]


def _typo(rng: random.Random, text: str) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 6]
    if not long:
        return text
    i = rng.choice(long)
    j = rng.randrange(1, len(words[i]) - 1)
    words[i] = words[i][:j] + words[i][j + 1:]
    return " ".join(words)


def _one(shared: dict[frozenset[str], frozenset[str]], value: frozenset[str]) -> frozenset[str]:
    return shared.setdefault(value, value)


def profiles(n: int, world: World, seed: int = SEED) -> list[SupplierDoc]:
    rng = random.Random(seed)
    scales, scale_w = zip(*SCALES, strict=True)
    shared: dict[frozenset[str], frozenset[str]] = {}  # one object per distinct set, as a loader would
    docs = []
    for i in range(n):
        kbli = rng.sample(world.kbli_c, rng.choice((1, 1, 2)))
        regency, place = rng.choices(world.regencies, world.regency_weights)[0]
        products = tuple(rng.sample(world.products, rng.randint(1, 5)))
        description = (f"Usaha {kbli[0][1]} di {place}. Melayani pesanan "
                       f"{rng.choice(('BUMN', 'partai besar', 'eceran', 'ekspor'))} dengan mutu terjaga.")
        legal = rng.choice(LEGAL)
        name = " ".join(filter(None, (legal, *rng.sample(NAME_WORDS, 2))))
        rated = rng.random() < 0.5
        docs.append(SupplierDoc(
            id=str(i), name=name, products=products, description=description,
            kbli=tuple(code for code, _ in kbli), regency_code=regency,
            certifications=_one(shared, frozenset(c for c, p in CERTS if rng.random() < p)),
            scale=rng.choices(scales, scale_w)[0],
            capabilities=_one(shared, frozenset(rng.sample(CAPABILITIES, rng.randint(0, 3)))),
            monthly_capacity=float(round(rng.lognormvariate(6, 1.2))),
            rating=round(rng.uniform(3, 5), 1) if rated else None,
            on_time_rate=round(rng.uniform(0.6, 1.0), 2) if rated else None,
            orders_completed=int(rng.expovariate(0.3)) if rated else 0,
        ))
    return docs


def needs(q: int, world: World, *, filtered: bool, seed: int = SEED + 1) -> list[Need]:
    rng = random.Random(seed)
    out = []
    for _ in range(q):
        roll = rng.random()
        if roll < 0.15:
            text = rng.choice(ENGLISH)
        else:
            words = rng.choice(world.products).split()
            text = " ".join(words[:rng.randint(2, 5)])
            if roll > 0.85:
                text = _typo(rng, text)
        code, _ = rng.choice(world.kbli_c)
        regency, _ = rng.choices(world.regencies, world.regency_weights)[0]
        out.append(Need(text=text, kbli=(code,), regency_code=regency,
                        quantity=float(rng.choice((100, 500, 2000))),
                        required_certifications=frozenset({"SNI"}) if filtered else frozenset(),
                        umk_only=filtered))
    return out


def doc_text(doc: SupplierDoc) -> str:
    return " ".join((doc.name, *doc.products, doc.description))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(run, queries) -> dict[str, float]:
    latencies, cpu = [], []
    start = time.perf_counter()
    for query in queries:
        t0, c0 = time.perf_counter(), time.process_time()
        run(query)
        cpu.append((time.process_time() - c0) * 1000)
        latencies.append((time.perf_counter() - t0) * 1000)
    wall = time.perf_counter() - start
    latencies.sort()
    cpu.sort()

    def pct(values: list[float], p: float) -> float:
        return round(values[min(len(values) - 1, int(p * len(values)))], 2)

    return {"p50_ms": pct(latencies, 0.50), "p95_ms": pct(latencies, 0.95), "p99_ms": pct(latencies, 0.99),
            "qps": round(len(queries) / wall, 1), "cpu_p50_ms": pct(cpu, 0.50), "cpu_p95_ms": pct(cpu, 0.95)}


def run_engine(docs, plain, filtered) -> dict:
    t0 = time.perf_counter()
    index = MatchingIndex.build(docs)
    build = time.perf_counter() - t0
    result = {"build_s": round(build, 1), "rss_mb": round(_peak_mb())}
    result |= _timed(lambda need: index.search(need, K), plain)
    result["filtered"] = _timed(lambda need: index.search(need, K), filtered)
    return result


_TOKEN = re.compile(r"[0-9a-z]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS and len(t) > 1]


def run_bm25s(docs, plain, filtered) -> dict:
    import bm25s
    import numpy as np

    t0 = time.perf_counter()
    corpus = [_tokens(doc_text(d)) for d in docs]
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    build = time.perf_counter() - t0
    vocab = retriever.vocab_dict
    mask = np.array([d.scale in ("micro", "small") and "SNI" in d.certifications for d in docs],
                    dtype=np.float32)
    del corpus

    def search(need: Need, weight_mask=None) -> None:
        tokens = [t for t in _tokens(need.text) if t in vocab]
        if tokens:
            retriever.retrieve([tokens], k=K, show_progress=False, n_threads=1, weight_mask=weight_mask)

    result = {"build_s": round(build, 1), "rss_mb": round(_peak_mb())}
    result |= _timed(search, plain)
    result["filtered"] = _timed(lambda need: search(need, mask), filtered)
    return result


def run_fts5(docs, plain, filtered) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "fts.db")
        t0 = time.perf_counter()
        db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, umk UNINDEXED, certs UNINDEXED)")
        db.executemany("INSERT INTO docs(rowid, body, umk, certs) VALUES (?, ?, ?, ?)", (
            (int(d.id), doc_text(d), int(d.scale in ("micro", "small")),
             "|" + "|".join(sorted(d.certifications)) + "|")
            for d in docs))
        db.commit()
        build = time.perf_counter() - t0
        result = {"build_s": round(build, 1), "rss_mb": round(_peak_mb())}

        def match(need: Need) -> str:
            return " OR ".join(f'"{t}"' for t in _tokens(need.text)) or '""'

        plain_sql = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 20"
        filtered_sql = ("SELECT rowid FROM docs WHERE docs MATCH ? AND umk = 1 AND certs LIKE '%|SNI|%' "
                        "ORDER BY rank LIMIT 20")
        result |= _timed(lambda need: db.execute(plain_sql, (match(need),)).fetchall(), plain)
        result["filtered"] = _timed(lambda need: db.execute(filtered_sql, (match(need),)).fetchall(),
                                    filtered)
        db.close()
    return result


SYSTEMS = {"engine": run_engine, "bm25s": run_bm25s, "fts5": run_fts5}


def child(system: str, n: int, q: int) -> dict:
    world = World()
    docs = profiles(n, world)
    corpus_mb = _peak_mb()
    plain, filtered = needs(q, world, filtered=False), needs(q, world, filtered=True)
    result = SYSTEMS[system](docs, plain, filtered)
    result["corpus_rss_mb"] = round(corpus_mb)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--systems", default="engine,bm25s,fts5")
    parser.add_argument("--child", choices=sorted(SYSTEMS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.profiles, args.queries)))
        return
    out: dict[str, object] = {"profiles": args.profiles, "queries": args.queries}
    for system in args.systems.split(","):
        before = round(os.getloadavg()[0], 1)
        proc = subprocess.run([sys.executable, __file__, "--child", system, "--profiles", str(args.profiles),
                               "--queries", str(args.queries)], capture_output=True, text=True, check=True)
        out[system] = json.loads(proc.stdout.strip().splitlines()[-1])
        out[system]["load_avg"] = [before, round(os.getloadavg()[0], 1)]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
