"""Racing awards: W workers press "award" on the same need at once, R rounds, on SQLite and
PostgreSQL, through ``services.award_create`` (each worker a thread with its own database
connection). Prints one JSON line:

    {"rounds": R, "workers": W,
     "sqlite": {"rounds_with_one_winner": ..., "double_awards": ..., "seconds": ...},
     "postgres": {...same...},
     "naive": {"sqlite": {"double_awards": ...}, "postgres": {"double_awards": ...}}}

``naive`` runs the same race against a read-then-write award (read the status, then write
the order without a conditional update or a unique constraint), to show the check bites.

    python bench/award_race.py --rounds 1000 --workers 50
    python bench/award_race.py --rounds 50 --workers 20 --only sqlite

Each backend runs in a child process with a throwaway database (SQLite in a temporary var
folder; PostgreSQL database ``rantai_bench_award`` at $BENCH_PG_URL, default
postgres://postgres@127.0.0.1:5432). A backend that cannot be reached reports an error.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _child(backend: str, rounds: int, workers: int) -> dict:
    os.environ["RANTAI_VAR_DIR"] = tempfile.mkdtemp(prefix="rantai-bench-award-")
    if backend == "postgres":
        import psycopg

        base = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS rantai_bench_award")
            admin.execute("CREATE DATABASE rantai_bench_award")
        os.environ["DATABASE_URL"] = f"{base}/rantai_bench_award"
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rantai.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from rantai.taxonomy.loaders import load_kbli, load_regions

    load_regions()
    load_kbli()
    return _race(rounds, workers)


def _setup():
    from datetime import timedelta
    from decimal import Decimal

    from rantai.accounts.choices import OrgStatus
    from rantai.accounts.models import Organisation
    from rantai.accounts.services import signup
    from rantai.core import clock
    from rantai.sourcing.services import need_create
    from rantai.suppliers.services import profile_save, profile_set_published

    buyer = signup(email="buyer@bench.id", password=None, full_name="Pembeli", org_name="PT Uji",
                   kind="buyer", buyer_kind="bumn", consent=True)
    Organisation.objects.filter(pk=buyer.organisation_id).update(status=OrgStatus.APPROVED)
    buyer.organisation.refresh_from_db()
    sme = signup(email="sme@bench.id", password=None, full_name="Pemilik", org_name="CV Uji",
                 kind="sme", consent=True)
    profile = profile_save(by=sme, name="CV Uji", legal_form="cv", nib="1234567890123",
                           regency_code="35.77", kbli_codes=["24310"], products=["blok rem"],
                           annual_sales=1_000_000_000)
    profile_set_published(profile=profile, by=sme, published=True)

    def new_need():
        return need_create(by=buyer, title="Blok rem", description="", kbli_codes=["24310"],
                           quantity=Decimal(10), unit="buah", delivery_regency_code="35.77",
                           quote_deadline=clock.now() + timedelta(hours=1), publish=True)

    return buyer, sme, profile, new_need


def _round(need_id: int, quote_id: int, buyer, workers: int, attempt) -> int:
    """Run one race; returns how many attempts failed with anything but a refusal."""
    import threading

    from django.core.exceptions import ValidationError
    from django.db import connection

    barrier = threading.Barrier(workers)
    errors = []

    def worker():
        try:
            barrier.wait()
            attempt(need_id, quote_id, buyer)
        except ValidationError:
            pass  # "already awarded": the expected answer for all but one
        except Exception as error:  # noqa: BLE001 - counted and reported, e.g. a lock timeout
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(errors)


def _safe_attempt(need_id, quote_id, buyer):
    from rantai.sourcing.models import Need, Quote
    from rantai.sourcing.services import award_create

    award_create(need=Need.objects.get(pk=need_id), quote=Quote.objects.get(pk=quote_id),
                 by=buyer, reason="Termurah")


def _naive_attempt(need_id, quote_id, buyer):
    """Read, then write: the check-then-act a hurried implementation would write."""
    from rantai.sourcing.models import Need, PurchaseOrder, Quote

    need = Need.objects.get(pk=need_id)
    if need.status != "published":
        return
    quote = Quote.objects.get(pk=quote_id)
    time.sleep(0)  # let another thread run between the read and the write, as a request would
    Need.objects.filter(pk=need_id).update(status="awarded")
    PurchaseOrder.objects.create(number=f"NAIVE-{need_id}-{time.perf_counter_ns()}", need=need,
                                 buyer_id=need.buyer_id, supplier_id=quote.supplier_id,
                                 total_amount=quote.total_amount)


def _race(rounds: int, workers: int) -> dict:
    from datetime import timedelta

    from rantai.core import clock
    from rantai.sourcing.models import Award, Need, PurchaseOrder
    from rantai.sourcing.services import invitations_create, quote_submit

    buyer, sme, profile, new_need = _setup()
    result = {}
    for label, attempt in (("safe", _safe_attempt), ("naive", _naive_attempt)):
        one_winner = doubles = errors = 0
        started = time.perf_counter()
        for _ in range(rounds):
            need = new_need()
            invitations_create(need=need, supplier_ids=[profile.pk], by=buyer)
            quote = quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 1000},
                                 lead_time_days=5)
            # The deadline passes: every worker now sees an unsealed need.
            Need.objects.filter(pk=need.pk).update(quote_deadline=clock.now() - timedelta(seconds=1))
            errors += _round(need.pk, quote.pk, buyer, workers, attempt)
            orders = PurchaseOrder.objects.filter(need_id=need.pk).count()
            awards = Award.objects.filter(need_id=need.pk).count()
            winners = orders if label == "naive" else min(orders, awards)
            one_winner += winners == 1
            doubles += max(0, orders - 1)
        result[label] = {"rounds_with_one_winner": one_winner, "double_awards": doubles,
                         "other_errors": errors, "seconds": round(time.perf_counter() - started, 1)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.rounds, args.workers)))
        return
    out = {"rounds": args.rounds, "workers": args.workers}
    naive = {}
    for backend in ("sqlite", "postgres"):
        if args.only and backend != args.only:
            continue
        run = subprocess.run([sys.executable, __file__, "--child", backend, "--rounds",
                              str(args.rounds), "--workers", str(args.workers)],
                             capture_output=True, text=True, cwd=ROOT)
        try:
            figures = json.loads(run.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            out[backend] = {"error": (run.stderr.strip().splitlines() or ["no output"])[-1]}
            continue
        out[backend] = figures["safe"]
        naive[backend] = {"double_awards": figures["naive"]["double_awards"],
                          "rounds_with_one_winner": figures["naive"]["rounds_with_one_winner"]}
    out["naive"] = naive
    print(json.dumps(out))


if __name__ == "__main__":
    main()
