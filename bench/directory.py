"""Directory search at registry scale: filtered pages over N SMEs on SQLite.

    python bench/directory.py --smes 100000 --requests 200

Builds a throwaway database (its own var folder), bulk-loads N realistic profiles with
products, KBLI links, capabilities and certificates, then requests filtered directory
pages as a signed-in buyer through Django's test client (full page render, like a user)
and prints one JSON line: p50/p95/max milliseconds, queries per page (must not grow with
N), and the same for a naive search that joins products per row, as a reference.
"""
import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["RANTAI_VAR_DIR"] = tempfile.mkdtemp(prefix="rantai-bench-dir-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rantai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

WORDS = ["blok rem", "keripik singkong", "kemeja batik", "meja jati", "baut mur", "kopi bubuk",
         "tas anyaman", "sambal", "bantalan rel", "seragam kerja", "pengecoran besi", "gerabah"]
KBLI = ["24310", "25920", "10793", "14111", "16221", "31001", "10761", "13121", "28140",
        "33121", "10750", "23931"]
PROCESSES = ["casting", "machining", "food_processing", "garment", "woodworking", "handicraft"]


def build(n: int, seed: int = 7) -> None:
    from rantai.accounts.models import Organisation
    from rantai.suppliers.models import Capability, Certificate, Product, SupplierProfile
    from rantai.suppliers.search import search_text_for
    from rantai.taxonomy.models import Regency

    rng = random.Random(seed)
    regencies = list(Regency.objects.values_list("code", flat=True))
    for start in range(0, n, 5000):
        size = min(5000, n - start)
        orgs = Organisation.objects.bulk_create(
            [Organisation(name=f"UMKM {start + i}", kind="sme", status="approved")
             for i in range(size)], batch_size=1000)
        profiles = []
        specs = []
        for i, org in enumerate(orgs):
            k = rng.randrange(len(WORDS))
            products = [WORDS[k], f"produk {rng.randrange(1000)}"]
            name = f"CV Usaha {start + i}"
            specs.append((k, products))
            profiles.append(SupplierProfile(
                organisation=org, name=name, legal_form="cv", nib=f"{start + i:013d}",
                regency_id=rng.choice(regencies), status="published",
                scale=rng.choice(["micro", "micro", "small", "medium"]),
                verification=rng.choice(["unverified", "verified"]),
                search_text=search_text_for(name=name, products=products)))
        SupplierProfile.objects.bulk_create(profiles, batch_size=1000)
        Product.objects.bulk_create([Product(supplier=p, name=name) for p, (_k, names)
                                     in zip(profiles, specs, strict=True) for name in names],
                                    batch_size=2000)
        link = SupplierProfile.kbli.through
        link.objects.bulk_create([link(supplierprofile_id=p.pk, kbli_id=KBLI[k])
                                  for p, (k, _n) in zip(profiles, specs, strict=True)],
                                 batch_size=2000)
        Capability.objects.bulk_create([Capability(supplier=p, process=rng.choice(PROCESSES))
                                        for p in profiles if rng.random() < 0.4], batch_size=2000)
        Certificate.objects.bulk_create(
            [Certificate(supplier=p, kind=rng.choice(["sni", "halal", "iso9001"]), number="X",
                         issuer="LSPro", valid_from="2024-01-01",
                         valid_until=rng.choice(["2025-01-01", "2030-01-01"]))
             for p in profiles if rng.random() < 0.3], batch_size=2000)


def queries(rng: random.Random) -> dict:
    """A realistic mix of filters (text alone, text + province, structure only, …)."""
    choice = rng.randrange(5)
    word = rng.choice(WORDS)
    return [{"q": word}, {"q": word, "province": rng.choice(["33", "35", "32", "73"])},
            {"kbli": rng.choice(KBLI)[:3], "scale": "micro"},
            {"certificate": rng.choice(["sni", "halal"]), "process": rng.choice(PROCESSES)},
            {"q": word.split()[0], "verified": "on", "page": str(rng.randint(1, 5))}][choice]


def measure(client: Client, params_list: list[dict], url: str = "/pemasok/") -> dict:
    times, counts = [], []
    for params in params_list:
        reset_queries()
        start = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
        counts.append(len(connection.queries))
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "max_ms": round(times[-1], 1), "queries_per_page": max(counts)}


def naive(membership, params_list: list[dict]) -> dict:
    """Reference: the text filter as a join over products per row (what search_text avoids)."""
    from rantai.suppliers.models import SupplierProfile

    times = []
    for params in params_list:
        if "q" not in params:
            continue
        start = time.perf_counter()
        rows = SupplierProfile.objects.filter(status="published")
        for word in params["q"].split():
            rows = rows.filter(Q(name__icontains=word) | Q(products__name__icontains=word))
        list(rows.distinct().order_by("name")[:25])
        rows.distinct().count()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smes", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    started = time.perf_counter()
    build(args.smes)
    build_s = time.perf_counter() - started
    from rantai.accounts.models import Organisation
    from rantai.accounts.services import signup

    buyer = signup(email="bench@example.id", password="rahasia-123", full_name="Bench",
                   org_name="PT Bench", kind="buyer", buyer_kind="bumn", consent=True)
    Organisation.objects.filter(pk=buyer.organisation_id).update(status="approved")
    rng = random.Random(11)
    params_list = [queries(rng) for _ in range(args.requests)]
    with override_settings(DEBUG=True):  # records queries for the per-page count
        client = Client()
        client.force_login(buyer.user)
        measure(client, params_list[:10])  # warm caches, as a running server would be
        page = measure(client, params_list)
        reference = naive(buyer, params_list)
    print(json.dumps({"smes": args.smes, "requests": args.requests,
                      "build_s": round(build_s, 1), "directory": page,
                      "naive_product_join": reference}))


if __name__ == "__main__":
    main()
