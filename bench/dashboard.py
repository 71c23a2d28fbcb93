"""Monitoring dashboard queries at national scale: pre-aggregated figures against the same
query done naively on the orders table.

    python bench/dashboard.py --transactions 1000000                    # throwaway SQLite
    python bench/dashboard.py --database-url postgres://postgres@127.0.0.1:5432/rantai_bench_dash

Loads N synthetic orders (default 10,000,000 on PostgreSQL, 1,000,000 on SQLite) for a
few thousand SMEs, 2,000 needs and 60 buyers (BUMN with clusters, their units, private
buyers), rebuilds the figure table once (``refresh_s``: the staleness floor, since a
refresher loop runs ``refresh_dashboards --every 60 - refresh_s``), then times every
dashboard query warm, on the figure table and naively (ORM aggregate over the orders with
their joins), checks both give identical numbers, and prints one JSON line:
``{"transactions": N, "database": …, "queries": {"<name>": {"p95_ms": …,
"naive_p95_ms": …, "equal": true}, …}}``. The PostgreSQL database given is emptied and
filled: use one of its own.
"""
import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _configure(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["RANTAI_VAR_DIR"] = tempfile.mkdtemp(prefix="rantai-bench-dash-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rantai.settings")
    import django

    django.setup()


CLUSTERS = ["energi", "manufaktur", "pangan", "infrastruktur", "logistik", "kesehatan",
            "telekomunikasi", "mineral"]
KBLI = ["24310", "25920", "10793", "14111", "16221", "31001", "10761", "13121", "28140",
        "33121", "10750", "23931", "46900", "62019"]


def _contiguous(objs) -> int:
    ids = [o.pk for o in objs]
    assert ids == list(range(ids[0], ids[0] + len(ids))), "bulk ids must be contiguous"
    return ids[0]


def build(transactions: int) -> dict:
    """Reference rows through the ORM, then the orders in one INSERT … SELECT."""
    from django.db import connection

    from rantai.accounts.models import Organisation, User
    from rantai.core import clock
    from rantai.sourcing.models import Need
    from rantai.suppliers.models import SupplierProfile
    from rantai.taxonomy.models import Regency

    user = User.objects.create_user("bench-dash@example.id", "x", full_name="Bench")
    regencies = list(Regency.objects.order_by("code").values_list("code", flat=True))
    holdings = Organisation.objects.bulk_create([
        Organisation(name=f"PT BUMN {i}", kind="buyer", buyer_kind="bumn", status="approved",
                     bumn_cluster=CLUSTERS[i % len(CLUSTERS)]) for i in range(30)])
    units = Organisation.objects.bulk_create([
        Organisation(name=f"Unit {i}", kind="buyer", buyer_kind="bumn_subsidiary", status="approved",
                     parent=holdings[i % 30]) for i in range(20)])
    private = Organisation.objects.bulk_create([
        Organisation(name=f"PT Swasta {i}", kind="buyer", buyer_kind="large_business",
                     status="approved") for i in range(10)])
    buyers = holdings + units + private
    n_smes = min(max(transactions // 200, 1000), 20000)
    sme_orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"UMKM {i}", kind="sme", status="approved") for i in range(n_smes)],
        batch_size=2000)
    profiles = SupplierProfile.objects.bulk_create([
        SupplierProfile(organisation=org, name=f"CV Bench {i}", legal_form="cv", nib=f"{i:013d}",
                        regency_id=regencies[(i * 37) % len(regencies)], status="published",
                        scale=["micro", "micro", "small", "medium"][i % 4])
        for i, org in enumerate(sme_orgs)], batch_size=2000)
    n_needs = 2000
    needs = Need.objects.bulk_create([
        Need(buyer=buyers[i % len(buyers)], created_by=user, title=f"Kebutuhan {i}",
             delivery_regency_id=regencies[(i * 11) % len(regencies)], status="awarded",
             quote_deadline=clock.now()) for i in range(n_needs)], batch_size=2000)
    link = Need.kbli.through
    link.objects.bulk_create([link(need_id=n.pk, kbli_id=KBLI[i % len(KBLI)])
                              for i, n in enumerate(needs)], batch_size=2000)
    first_need, first_sme = _contiguous(needs), _contiguous(profiles)
    buyer_ids = [b.pk for b in buyers]
    # Needs were given buyers[i % len(buyers)], so need k's buyer is buyer_ids[k % B]:
    # orders carry their need's buyer (a CASE over the 60 buyers).
    buyer_case = " ".join(f"WHEN {k} THEN {bid}" for k, bid in enumerate(buyer_ids))
    vendor = connection.vendor
    if vendor == "postgresql":
        series = f"SELECT g::bigint AS i FROM generate_series(0, {transactions - 1}) AS g"
        created = ("(timestamp '2024-01-01' + ((i % 730) * interval '1 day') "
                   "+ ((i % 24) * interval '1 hour')) AT TIME ZONE 'UTC'")
        number = "'B' || i::text"
    else:
        series = (f"WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s "
                  f"WHERE i < {transactions - 1}) SELECT i FROM s")
        created = ("strftime('%Y-%m-%d %H:%M:%S', '2024-01-01', '+' || (i % 730) || ' days', "
                   "'+' || (i % 24) || ' hours')")
        number = "'B' || i"
    status = ("CASE WHEN (i * 31) % 100 < 60 THEN 'paid' WHEN (i * 31) % 100 < 75 THEN 'delivered' "
              "WHEN (i * 31) % 100 < 85 THEN 'accepted' WHEN (i * 31) % 100 < 95 THEN 'issued' "
              "ELSE 'cancelled' END")
    amount = "(1000000 + (i * 104729) % 500000000)"
    sql = f"""
        INSERT INTO sourcing_purchaseorder
            (number, need_id, buyer_id, supplier_id, total_amount, payable_amount, paid_amount,
             status, created_at)
        SELECT {number}, {first_need} + (i % {n_needs}),
               CASE ((i % {n_needs}) % {len(buyer_ids)}) {buyer_case} END,
               {first_sme} + ((i * 7919) % {n_smes}), {amount},
               CASE WHEN (i * 31) % 100 < 75 THEN {amount} END,
               CASE WHEN (i * 31) % 100 < 60 THEN {amount} ELSE 0 END,
               {status}, {created}
        FROM ({series}) AS src
    """
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        if vendor == "postgresql":
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
    return {"smes": n_smes, "needs": n_needs, "buyers": len(buyer_ids),
            "load_s": round(time.perf_counter() - started, 1)}


def _p95(fn, repeat: int) -> tuple[float, object]:
    fn()  # warm
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return round(times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)], 2), result


def measure(repeat: int, naive_repeat: int) -> dict:
    from rantai.insights import figures
    from rantai.insights.figures import Filters

    cases = {"totals": (Filters(), None), "totals_province": (Filters(province="35"), None),
             "totals_cluster_month": (Filters(cluster="energi", month="2025-03"), None)}
    for by in figures.DIMENSIONS:
        cases[f"by_{by}"] = (Filters(), by)
    cases["by_month_province"] = (Filters(province="35"), "month")
    out = {}
    for name, (filters, by) in cases.items():
        if by is None:
            fast = lambda f=filters: figures.order_totals(f)  # noqa: E731
            slow = lambda f=filters: figures.naive_order_totals(f)  # noqa: E731
        else:
            fast = lambda f=filters, b=by: figures.order_breakdown(f, b)  # noqa: E731
            slow = lambda f=filters, b=by: figures.naive_order_breakdown(f, b)  # noqa: E731
        p95, fast_result = _p95(fast, repeat)
        naive_p95, slow_result = _p95(slow, naive_repeat)
        out[name] = {"p95_ms": p95, "naive_p95_ms": naive_p95, "equal": fast_result == slow_result,
                     "speedup": round(naive_p95 / p95, 1) if p95 else None}
    return out


def changed_month_refresh() -> dict:
    """A minute of traffic: 1,000 orders of the newest month paid; then only the changed
    months are recomputed (what ``refresh_dashboards --every`` does) and checked."""
    from django.db.models import Max

    from rantai.core import clock
    from rantai.insights import figures
    from rantai.insights.figures import Filters
    from rantai.sourcing.models import PurchaseOrder

    since = clock.now()
    newest = PurchaseOrder.objects.aggregate(m=Max("created_at"))["m"]
    ids = list(PurchaseOrder.objects.filter(created_at__gte=newest.replace(day=1))
               .exclude(status__in=["paid", "cancelled"]).values_list("pk", flat=True)[:1000])
    for pk in ids:
        order = PurchaseOrder.objects.get(pk=pk)
        PurchaseOrder.objects.filter(pk=pk).update(status="paid", paid_amount=order.total_amount,
                                                   payable_amount=order.total_amount, paid_at=clock.now())
    started = time.perf_counter()
    figures.refresh_changed_figures(since)
    seconds = round(time.perf_counter() - started, 1)
    equal = figures.order_totals(Filters()) == figures.naive_order_totals(Filters())
    return {"changed_orders": len(ids), "changed_refresh_s": seconds, "changed_equal": equal}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--transactions", type=int, default=None)
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL database of its own (emptied and filled)")
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per fast query")
    parser.add_argument("--naive-repeat", type=int, default=5, help="timed runs per naive query")
    args = parser.parse_args()
    _configure(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    from rantai.insights.figures import refresh_order_figures

    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    transactions = args.transactions or (10_000_000 if connection.vendor == "postgresql" else 1_000_000)
    built = build(transactions)
    started = time.perf_counter()
    rows = refresh_order_figures()
    refresh_s = round(time.perf_counter() - started, 1)
    queries = measure(args.repeat, args.naive_repeat)
    incremental = changed_month_refresh()
    print(json.dumps({"transactions": transactions, "database": connection.vendor, **built,
                      "figure_rows": rows, "full_refresh_s": refresh_s, **incremental,
                      "queries": queries}))


if __name__ == "__main__":
    main()
