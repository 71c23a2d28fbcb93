"""Supplier import speed, memory and accuracy, end to end, on SQLite and PostgreSQL.

    .venv/bin/python bench/import_suppliers.py --rows 1000000

Generates N realistic rows (seeded: NIBs, CV/PT/UD names, regencies and 5-digit KBLI codes
from the project's reference data, products, sales/capital spread over the PP 7/2021 bands,
contacts) as CSV and XLSX, with 5% of the rows made invalid in 14 ways (bad NIB, NIB twice,
unknown KBLI, unknown regency, negative capital, malformed date, date in the future, missing
date, bad legal form, bad e-mail, missing name, bad NPWP, bad phone, sales not a number).
A duplicated NIB makes two rows invalid (both are rejected), so ``errors_injected`` counts
invalid rows, not injections.

Each measurement runs ``manage.py import_suppliers`` logic in its own child process on its
own fresh database (SQLite in a temporary RANTAI_VAR_DIR; PostgreSQL ``rantai_bench``,
created and dropped here), timed from the stored upload to the finished job, so
``rows_per_s`` is end to end (type check, read, validate, write, checkpoints) and
``peak_rss_mb`` is that child's peak resident memory. ``errors_reported`` counts invalid
rows that were rejected, ``false_alarms`` rejected rows that were valid. ``cpu_s`` is the
child's CPU time and ``server_cpu_s`` that of the PostgreSQL backend serving it (read from
/proc: the database must be local); ``rows_per_cpu_s`` = rows / (cpu_s + server_cpu_s) is
the speed on uncontended cores, since the import waits for its database. ``load_avg_1m``
at the start says how busy the machine was.

Baselines, in the same run on SQLite: ``baseline_bulk_create`` writes the same valid rows
with the ORM's ``bulk_create`` per 5,000-row chunk (no validation, no upsert);
``baseline_per_row_save`` creates each profile with ``save()``/``kbli.set()`` in its own
transaction, on a sample, extrapolated. Prints ONE JSON line.
"""
import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "rantai" / "taxonomy" / "data"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/rantai_bench"
SEED = 20251124
COLUMNS = ("nib", "nama_usaha", "bentuk_usaha", "npwp", "alamat", "kode_wilayah", "kbli",
           "produk", "penjualan_tahunan", "modal_usaha", "tenaga_kerja", "per_tanggal",
           "nama_kontak", "telepon", "email")
WORDS = ("Jaya", "Makmur", "Sentosa", "Abadi", "Karya", "Mandiri", "Sejahtera", "Berkah",
         "Sumber", "Rejeki", "Baja", "Logam", "Teknik", "Mulia", "Utama", "Sinar", "Cahaya",
         "Maju", "Bersama", "Kurnia", "Tunas", "Harapan", "Anugerah", "Putra", "Lestari")
PRODUCTS = ("blok rem", "besi cor kelabu", "baut dan mur", "keripik singkong", "kopi bubuk",
            "batik tulis", "seragam kerja", "kardus kemasan", "meja kayu jati", "kursi rotan",
            "sepatu safety", "gula aren", "minyak kelapa", "sabun cair", "pupuk organik",
            "komponen bogie", "pelat baja", "kabel listrik", "genteng keramik", "roti tawar")
FIRST = ("Siti", "Budi", "Agus", "Dewi", "Rina", "Eko", "Wahyu", "Sri", "Hendra", "Nur")
LEGAL = ("cv", "pt", "ud", "koperasi", "perorangan", "CV", "PT")
KINDS = ("nib_format", "nib_twice", "kbli_unknown", "regency_unknown", "capital_negative",
         "date_malformed", "date_future", "date_missing", "legal_form", "email",
         "name_missing", "npwp", "phone", "sales_text")


def _codes() -> tuple[list[str], list[str]]:
    with open(DATA / "kabupaten_kota.csv", encoding="utf-8", newline="") as handle:
        regencies = [row["kode"] for row in csv.DictReader(handle)]
    with open(DATA / "kbli2020.csv", encoding="utf-8", newline="") as handle:
        kbli = [row["kode"] for row in csv.DictReader(handle) if row["digit"] == "5"]
    return regencies, kbli


def _row(i: int, rnd: random.Random, regencies, kbli) -> dict:
    name = f"{rnd.choice(('CV', 'PT', 'UD'))} {rnd.choice(WORDS)} {rnd.choice(WORDS)} {i}"
    sales = int(10 ** rnd.uniform(8, 10.8)) // 1000 * 1000
    person = rnd.choice(FIRST)
    return {
        "nib": str(9_100_000_000_000 + i), "nama_usaha": name, "bentuk_usaha": rnd.choice(LEGAL),
        "npwp": f"{rnd.randrange(10 ** 14, 10 ** 15):015d}" if rnd.random() < 0.6 else "",
        "alamat": f"Jl. {rnd.choice(WORDS)} No. {rnd.randint(1, 200)}",
        "kode_wilayah": rnd.choice(regencies),
        "kbli": ";".join(rnd.sample(kbli, rnd.randint(1, 3))),
        "produk": ";".join(rnd.sample(PRODUCTS, rnd.randint(1, 4))),
        "penjualan_tahunan": str(sales) if rnd.random() < 0.8 else "",
        "modal_usaha": str(sales // rnd.randint(2, 6)) if rnd.random() < 0.5 else "",
        "tenaga_kerja": str(rnd.randint(1, 120)),
        "per_tanggal": f"{rnd.randint(2019, 2024)}-12-31",
        "nama_kontak": person, "telepon": f"08{rnd.randrange(10 ** 9, 10 ** 10)}",
        "email": f"{person.lower()}{i}@contoh.co.id",
    }


def _spoil(row: dict, kind: str, partner: str) -> None:
    if kind == "nib_format":
        row["nib"] = row["nib"][:12]
    elif kind == "nib_twice":
        row["nib"] = partner
    elif kind == "kbli_unknown":
        row["kbli"] = "99999"
    elif kind == "regency_unknown":
        row["kode_wilayah"] = "99.99"
    elif kind == "capital_negative":
        row["modal_usaha"] = "-250000000"
    elif kind == "date_malformed":
        row["per_tanggal"], row["penjualan_tahunan"] = "31/12/2024", "900000000"
    elif kind == "date_future":
        row["per_tanggal"], row["penjualan_tahunan"] = "2099-12-31", "900000000"
    elif kind == "date_missing":
        row["per_tanggal"], row["penjualan_tahunan"] = "", "900000000"
    elif kind == "legal_form":
        row["bentuk_usaha"] = "firma"
    elif kind == "email":
        row["email"] = "siti@@contoh"
    elif kind == "name_missing":
        row["nama_usaha"] = ""
    elif kind == "npwp":
        row["npwp"] = "12.345"
    elif kind == "phone":
        row["telepon"] = "telp kantor"
    elif kind == "sales_text":
        row["penjualan_tahunan"] = "1,5 M"


def generate(rows: int, folder: Path) -> tuple[Path, set[int]]:
    """The CSV and the row numbers (header = 1) that must be rejected."""
    regencies, kbli = _codes()
    rnd = random.Random(SEED)
    path = folder / "pemasok.csv"
    bad: set[int] = set()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        injected = 0
        for i in range(rows):
            row = _row(i, rnd, regencies, kbli)
            if i % 20 == 7:  # 5% of the rows, the kinds in turn
                kind = KINDS[injected % len(KINDS)]
                injected += 1
                _spoil(row, kind, partner=str(9_100_000_000_000 + i - 3))
                bad.add(i + 2)
                if kind == "nib_twice":
                    bad.add(i - 3 + 2)  # the row whose NIB was copied is rejected too
            writer.writerow([row[c] for c in COLUMNS])
    return path, bad


def to_xlsx(source: Path, target: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    with open(source, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    workbook.save(target)


# --- children: each runs on its own database -------------------------------------------------

def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rantai.settings")
    import django

    django.setup()


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child_setup() -> dict:
    _django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_reference", stdout=quiet)
    return {}


def child_import(path: Path, expected: Path) -> dict:
    _django()
    from rantai.jobs.models import Job, JobIssue
    from rantai.jobs.worker import claim, run_job
    from rantai.suppliers.imports.services import import_enqueue

    bad = set(json.loads(expected.read_text()))
    server = _server_pid()
    cpu, server_cpu = _cpu_s(), _proc_cpu_s(server)
    started = time.perf_counter()
    job = import_enqueue(membership=None, source=path, filename=path.name, language="id",
                         via="bench", size_limit=False)
    job = run_job(*claim(job_id=job.pk))
    seconds = time.perf_counter() - started
    cpu, server_cpu = _cpu_s() - cpu, _proc_cpu_s(server) - server_cpu
    assert job.status == "done", job.error
    rejected = set(JobIssue.objects.filter(job=job).values_list("row", flat=True))
    total = job.result["total"]
    assert total == sum(job.result[k] for k in ("imported", "updated", "unchanged", "rejected"))
    figures = {"rows_per_s": round(total / seconds), "seconds": round(seconds, 1),
               "peak_rss_mb": _peak_mb(), "errors_reported": len(rejected & bad),
               "false_alarms": len(rejected - bad), "imported": job.result["imported"],
               "jobs": Job.objects.count(), "cpu_s": round(cpu, 1)}
    if server:
        figures["server_cpu_s"] = round(server_cpu, 1)
    # What one uncontended core per process would give: the import waits for the database,
    # so client and server CPU add up.
    figures["rows_per_cpu_s"] = round(total / (cpu + server_cpu))
    return figures


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _server_pid() -> int | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _proc_cpu_s(pid: int | None) -> float:
    """CPU seconds of a local process (the PostgreSQL backend serving us), from /proc."""
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _valid_rows(path: Path, expected: Path, limit: int):
    bad = set(json.loads(expected.read_text()))
    with open(path, encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if number in bad:
                continue
            if limit <= 0:
                return
            limit -= 1
            yield row


def child_baseline_bulk(path: Path, expected: Path, sample: int) -> dict:
    """The ORM's bulk_create per chunk, for the same valid rows (no validation, no upsert)."""
    _django()
    from itertools import islice

    from django.db import transaction

    from rantai.accounts.models import Organisation
    from rantai.suppliers.models import Product, SizeRecord, SupplierProfile
    from rantai.suppliers.scale import decide_scale

    through = SupplierProfile.kbli.through
    rows = _valid_rows(path, expected, sample)
    done, started = 0, time.perf_counter()
    while chunk := list(islice(rows, 5000)):
        with transaction.atomic():
            orgs = Organisation.objects.bulk_create(
                [Organisation(name=r["nama_usaha"], kind="sme", status="approved") for r in chunk])
            profiles = []
            for org, r in zip(orgs, chunk, strict=True):
                sales = int(r["penjualan_tahunan"]) if r["penjualan_tahunan"] else None
                capital = int(r["modal_usaha"]) if r["modal_usaha"] else None
                decision = decide_scale(annual_sales=sales, business_capital=capital)
                profiles.append(SupplierProfile(
                    organisation=org, name=r["nama_usaha"], legal_form=r["bentuk_usaha"].lower(),
                    nib=r["nib"], regency_id=r["kode_wilayah"], annual_sales=sales,
                    business_capital=capital, scale=decision.scale if decision else "micro",
                    scale_rule=decision.rule if decision else "", status="published",
                    claimed=False, npwp=r["npwp"], address=r["alamat"],
                    contact_name=r["nama_kontak"], contact_phone=r["telepon"],
                    contact_email=r["email"], search_text=r["nama_usaha"].lower()))
            profiles = SupplierProfile.objects.bulk_create(profiles)
            through.objects.bulk_create([through(supplierprofile_id=p.pk, kbli_id=code)
                                         for p, r in zip(profiles, chunk, strict=True)
                                         for code in r["kbli"].split(";")])
            Product.objects.bulk_create([Product(supplier=p, name=name)
                                         for p, r in zip(profiles, chunk, strict=True)
                                         for name in r["produk"].split(";")])
            SizeRecord.objects.bulk_create([
                SizeRecord(supplier=p, as_of=r["per_tanggal"], annual_sales=p.annual_sales,
                           business_capital=p.business_capital, scale=p.scale,
                           scale_rule=p.scale_rule)
                for p, r in zip(profiles, chunk, strict=True) if p.scale_rule])
        done += len(chunk)
    return {"rows_per_s": round(done / (time.perf_counter() - started)), "sample": done}


def child_baseline_row(path: Path, expected: Path, sample: int) -> dict:
    """One transaction per row with save(), kbli.set() and a create per product."""
    _django()
    from django.db import transaction

    from rantai.accounts.models import Organisation
    from rantai.suppliers.models import Product, SupplierProfile

    done, started = 0, time.perf_counter()
    for r in _valid_rows(path, expected, sample):
        with transaction.atomic():
            org = Organisation.objects.create(name=r["nama_usaha"], kind="sme", status="approved")
            profile = SupplierProfile(organisation=org, name=r["nama_usaha"], nib=r["nib"],
                                      legal_form=r["bentuk_usaha"].lower(),
                                      regency_id=r["kode_wilayah"], status="published",
                                      claimed=False)
            profile.save()
            profile.kbli.set(r["kbli"].split(";"))
            for name in r["produk"].split(";"):
                Product.objects.create(supplier=profile, name=name)
        done += 1
    return {"rows_per_s": round(done / (time.perf_counter() - started)), "sample": done}


# --- parent ----------------------------------------------------------------------------------

def _run_child(env: dict, *args: str) -> dict:
    command = [sys.executable, __file__, "--child", *args]
    output = subprocess.run(command, env={**os.environ, "DEBUG": "0", "LOG_LEVEL": "ERROR", **env},
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _sqlite_env(folder: Path) -> dict:
    var = Path(tempfile.mkdtemp(dir=folder))
    env = {"RANTAI_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'bench.sqlite3'}"}
    _run_child(env, "setup")
    return env


def _postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(sql)


def _postgres_env(folder: Path) -> dict:
    _postgres("DROP DATABASE IF EXISTS rantai_bench")
    _postgres("CREATE DATABASE rantai_bench")
    env = {"RANTAI_VAR_DIR": str(Path(tempfile.mkdtemp(dir=folder))), "DATABASE_URL": PG_BENCH}
    _run_child(env, "setup")
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=None,
                        help="rows of the XLSX run (default: --rows)")
    parser.add_argument("--row-sample", type=int, default=3000,
                        help="rows for the per-row save() baseline")
    parser.add_argument("--bulk-sample", type=int, default=200_000,
                        help="rows for the bulk_create baseline")
    parser.add_argument("--skip", action="append", default=[],
                        choices=["postgres", "xlsx", "baselines"])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, *rest = args.child
        handlers = {"setup": child_setup, "import": child_import,
                    "bulk": child_baseline_bulk, "row": child_baseline_row}
        paths = [Path(p) for p in rest[:2]]
        extra = [int(x) for x in rest[2:]]
        print(json.dumps(handlers[mode](*paths, *extra)))
        return

    with tempfile.TemporaryDirectory(prefix="rantai-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        path, bad = generate(args.rows, folder)
        expected = folder / "expected.json"
        expected.write_text(json.dumps(sorted(bad)))
        figures: dict = {"rows": args.rows, "errors_injected": len(bad),
                         "generate_s": round(time.perf_counter() - started, 1),
                         "cores": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 1)}
        figures["sqlite"] = _run_child(_sqlite_env(folder), "import", str(path), str(expected))
        if "postgres" not in args.skip:
            try:
                figures["postgres"] = _run_child(_postgres_env(folder), "import", str(path),
                                                 str(expected))
            finally:
                _postgres("DROP DATABASE IF EXISTS rantai_bench")
        if "xlsx" not in args.skip:
            xlsx_rows = args.xlsx_rows or args.rows
            source, xlsx_bad = (path, bad) if xlsx_rows == args.rows else generate(
                xlsx_rows, Path(tempfile.mkdtemp(dir=folder)))
            xlsx_expected = folder / "expected-xlsx.json"
            xlsx_expected.write_text(json.dumps(sorted(xlsx_bad)))
            xlsx = folder / "pemasok.xlsx"
            started = time.perf_counter()
            to_xlsx(source, xlsx)
            figures["xlsx_write_s"] = round(time.perf_counter() - started, 1)
            figures["xlsx_sqlite"] = _run_child(_sqlite_env(folder), "import", str(xlsx),
                                                str(xlsx_expected))
            figures["xlsx_sqlite"]["rows"] = xlsx_rows
        if "baselines" not in args.skip:
            figures["baseline_bulk_create"] = _run_child(
                _sqlite_env(folder), "bulk", str(path), str(expected), str(args.bulk_sample))
            figures["baseline_per_row_save"] = _run_child(
                _sqlite_env(folder), "row", str(path), str(expected), str(args.row_sample))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
