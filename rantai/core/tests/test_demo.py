"""The demo builder: ``seed_demo`` builds a believable, deterministic, idempotent demo through
the services, with an intact audit chain; ``demo_logins`` lists working logins.

One full seed serves the module; it runs inside a module-wide transaction that is rolled
back at the end, so other test modules still start from an empty database.
"""
import hashlib
import re
import statistics
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from rantai.accounts.choices import BumnCluster, BuyerKind, OrgKind, OrgStatus, Role
from rantai.accounts.models import Membership, Organisation, User
from rantai.core.demo import DEFAULT_SMES, DEMO_PASSWORD
from rantai.core.demo.generate import build_plan
from rantai.core.demo.logins import LOGINS
from rantai.core.demo.needs import SCRIPTED, TEMPLATES
from rantai.core.demo.organisations import BUYERS, FEATURED_SMES
from rantai.core.demo.regions import place
from rantai.core.demo.sectors import LINES, SPECIALITIES
from rantai.core.demo.summary import summary
from rantai.core.models import AuditEntry
from rantai.development.models import Rating
from rantai.sourcing.choices import NeedStatus, OrderStatus
from rantai.sourcing.models import (
    Award,
    Invitation,
    Need,
    Payment,
    PurchaseOrder,
    Quote,
)
from rantai.suppliers.choices import ProfileStatus, Scale, Verification
from rantai.suppliers.models import Product, SupplierProfile
from rantai.suppliers.scale import decide_scale
from rantai.suppliers.selectors import profile_completeness, verification_queue
from rantai.taxonomy.models import Kbli, Regency

pytestmark = pytest.mark.django_db

FORUM_BUMN = {
    "Perum Perhutani": BumnCluster.PLANTATION,
    "Perum Bulog": BumnCluster.FOOD,
    "PT INKA (Persero)": BumnCluster.MANUFACTURING,
    "PT Kimia Farma Tbk": BumnCluster.HEALTH,
    "PT Krakatau Steel (Persero) Tbk": BumnCluster.MINERALS,
    "PT Pertamina (Persero)": BumnCluster.ENERGY,
    "PT PLN (Persero)": BumnCluster.ENERGY,
    "PT Rajawali Nusantara Indonesia (Persero)": BumnCluster.FOOD,
    "PT Perusahaan Perdagangan Indonesia (Persero)": BumnCluster.FOOD,
    "PT Berdikari (Persero)": BumnCluster.FOOD,
    "PT Garam (Persero)": BumnCluster.FOOD,
    "PT Perikanan Indonesia (Persero)": BumnCluster.FOOD,
    "PT Sang Hyang Seri (Persero)": BumnCluster.FOOD,
    "PT Bio Farma (Persero)": BumnCluster.HEALTH,
    "PT Perkebunan Nusantara III (Persero)": BumnCluster.PLANTATION,
    "PT Pindad (Persero)": BumnCluster.MANUFACTURING,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The output of one full ``seed_demo`` run, visible to every test in this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        _wipe()  # ids from 1, as on a fresh database (PostgreSQL sequences outlive rollbacks)
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _digest() -> str:
    """A fingerprint of the demo by natural keys (no primary keys, no timestamps)."""
    rows = [
        sorted(Organisation.objects.values_list(
            "name", "kind", "buyer_kind", "bumn_cluster", "parent__name", "status")),
        sorted(User.objects.values_list("email", "full_name", "is_staff")),
        sorted(Membership.objects.values_list("user__email", "organisation__name", "role",
                                               "province")),
        sorted(SupplierProfile.objects.values_list(
            "nib", "name", "legal_form", "regency", "scale", "status", "annual_sales")),
        sorted(SupplierProfile.kbli.through.objects.values_list(
            "supplierprofile__nib", "kbli")),
        sorted(Product.objects.values_list("supplier__nib", "name", "unit")),
        sorted(Need.objects.values_list("buyer__name", "title", "status", "is_open",
                                        "estimated_value", "delivery_regency")),
        sorted(Invitation.objects.values_list("need__title", "supplier__nib")),
        sorted(Quote.objects.values_list("need__title", "supplier__nib", "total_amount",
                                         "lead_time_days", "status", "note")),
        sorted(PurchaseOrder.objects.values_list("need__title", "supplier__nib",
                                                 "total_amount", "status")),
        sorted(Payment.objects.values_list("order__need__title", "amount", "reference")),
        sorted(Rating.objects.values_list("order__need__title", "quality", "timeliness",
                                          "communication", "comment")),
        sorted(AuditEntry.objects.values_list("action", "object_type")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _wipe() -> None:
    """Delete everything the demo wrote, as on a fresh database: every table of the project's
    apps but the reference data (and the admin log that points at users), with id sequences
    restarted, since the demo's references and the scheduler's tie-breaks follow ids. Inside
    the module's transaction, so it is all rolled back afterwards."""
    models = [m for m in django_apps.get_models(include_auto_created=True)
              if m.__module__.startswith("rantai.") and m._meta.app_label != "taxonomy"]
    tables = [m._meta.db_table for m in models] + [LogEntry._meta.db_table]
    if connection.vendor == "postgresql":  # TRUNCATE refuses while deferred FK checks wait
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True))


# -- the SME population ---------------------------------------------------------------------

def test_two_thousand_smes_across_the_provinces(demo):
    profiles = SupplierProfile.objects.all()
    assert profiles.count() >= DEFAULT_SMES
    provinces = dict(profiles.values_list("regency__province").annotate(n=Count("id")))
    assert len(provinces) >= 25
    java = sum(n for code, n in provinces.items() if code in {"31", "32", "33", "34", "35", "36"})
    assert java / profiles.count() > 0.4
    assert all(re.fullmatch(r"\d{13}", nib) for nib in profiles.values_list("nib", flat=True))
    published = profiles.filter(status=ProfileStatus.PUBLISHED).count()
    assert 0.9 < published / profiles.count() < 1  # most published, a few drafts


def test_scales_follow_pp_7_2021_and_are_mostly_micro_and_small(demo):
    scales = Counter()
    for sales, capital, scale in SupplierProfile.objects.values_list(
            "annual_sales", "business_capital", "scale"):
        assert decide_scale(annual_sales=sales, business_capital=capital).scale == scale
        scales[scale] += 1
    assert scales[Scale.MICRO] > scales[Scale.SMALL] > scales[Scale.MEDIUM] > 0
    assert scales[Scale.LARGE] == 0


def test_kbli_is_manufacturing_with_the_dominant_sectors(demo):
    links = SupplierProfile.kbli.through.objects.values_list("kbli__section", "kbli")
    assert {section for section, _code in links} == {"C"}
    divisions = Counter(code[:2] for _section, code in links)
    food = divisions["10"] + divisions["11"]
    fashion = divisions["13"] + divisions["14"] + divisions["15"]
    craft = divisions["16"] + divisions["31"] + divisions["32"]
    metal = divisions["24"] + divisions["25"] + divisions["28"] + divisions["33"]
    assert food > fashion > metal > 0 and craft > metal
    assert (food + fashion + craft) / sum(divisions.values()) > 0.7


def test_profiles_have_products_and_indonesian_legal_forms(demo):
    assert not SupplierProfile.objects.filter(products__isnull=True).exists()
    forms = Counter(SupplierProfile.objects.values_list("legal_form", flat=True))
    assert set(forms) == {"cv", "pt", "ud", "koperasi", "perorangan"}
    names = set(SupplierProfile.objects.values_list("name", flat=True))
    assert {"CV Baja Kurnia", "CV Byakta Prakasa", "Koperasi Produsen Tempe Makmur",
            "CV Batik Tulis Lestari", "UD Sumber Rejeki"} <= names
    assert any(n.startswith("Koperasi Produsen ") for n in names)
    assert any(n.startswith("UD ") for n in names)


def test_only_suppliers_that_act_have_logins(demo):
    with_login = Membership.objects.filter(organisation__kind=OrgKind.SME).count()
    assert len(FEATURED_SMES) <= with_login < 150
    quoting = set(Quote.objects.values_list("supplier__organisation", flat=True))
    assert quoting <= set(Membership.objects.values_list("organisation", flat=True))


def test_verification_queues_hold_recent_requests_and_featured_profiles_are_complete(demo):
    national = Membership.objects.get(organisation__name="Kementerian Perindustrian")
    jatim = Membership.objects.get(organisation__name__startswith="Dinas Perindustrian")
    assert verification_queue(national).count() >= 6
    in_jatim = verification_queue(jatim)
    assert in_jatim.count() == 3 and all(p.regency.province_id == "35" for p in in_jatim)
    verified = SupplierProfile.objects.filter(verification=Verification.VERIFIED)
    assert verified.filter(regency__province_id="35").exists()
    assert verified.count() > 30 and not verified.filter(organisation__memberships=None).exists()
    sent_back = SupplierProfile.objects.filter(verification=Verification.NEEDS_CHANGES)
    assert sent_back.count() == 2 and all(p.verification_note for p in sent_back)
    flagship = SupplierProfile.objects.get(name="CV Baja Kurnia")
    assert flagship.verification == Verification.VERIFIED
    assert profile_completeness(flagship).score >= 90
    assert flagship.certificates.filter(kind="sni").exists() and flagship.capabilities.exists()


def test_every_paid_order_was_invoiced_and_its_invoices_are_settled(demo):
    paid = PurchaseOrder.objects.filter(status=OrderStatus.PAID).prefetch_related("invoices")
    assert paid.exists()
    for order in paid:
        invoices = list(order.invoices.all())
        assert sum(i.amount for i in invoices) == order.paid_amount, order.number
        assert all(i.outstanding == 0 for i in invoices), order.number


# -- buyers, agencies, organiser, admin ---------------------------------------------------------

def test_forum_buyers_are_approved_with_their_clusters(demo):
    buyers = {o.name: o for o in Organisation.objects.filter(kind=OrgKind.BUYER)}
    for name, cluster in FORUM_BUMN.items():
        assert buyers[name].buyer_kind == BuyerKind.BUMN
        assert buyers[name].bumn_cluster == cluster
        assert buyers[name].status == OrgStatus.APPROVED
    for name in ("PT Lulu Group Retail", "PT Gramedia Asri Media"):
        assert buyers[name].buyer_kind == BuyerKind.LARGE_BUSINESS
        assert buyers[name].status == OrgStatus.APPROVED
    assert buyers["PT Telkom Indonesia (Persero) Tbk"].bumn_cluster == BumnCluster.TELECOM
    unit = Organisation.objects.get(buyer_kind=BuyerKind.BUMN_SUBSIDIARY)
    assert unit.parent == buyers["PT PLN (Persero)"] and unit.status == OrgStatus.APPROVED
    pending = Organisation.objects.filter(kind=OrgKind.BUYER, status=OrgStatus.PENDING)
    assert pending.count() == 1
    manager = Membership.objects.get(organisation=buyers["PT INKA (Persero)"])
    assert manager.role == Role.MANAGER


def test_agencies_organiser_and_admin(demo):
    officers = {m.organisation.name: m for m in Membership.objects.filter(
        organisation__kind=OrgKind.AGENCY).select_related("organisation")}
    assert officers["Kementerian Perindustrian"].province is None
    assert "Kementerian Koperasi dan UKM" in officers
    jatim = next(m for name, m in officers.items() if "Jawa Timur" in name)
    assert jatim.province_id == "35" and jatim.role == Role.OFFICER
    assert all(m.organisation.status == OrgStatus.APPROVED for m in officers.values())
    assert Organisation.objects.get(kind=OrgKind.ORGANISER).status == OrgStatus.APPROVED
    admin = User.objects.get(email="admin@demo.rantai.id")
    assert admin.is_staff and admin.is_superuser


# -- the procurement story --------------------------------------------------------------------

def _orders(supplier: str, buyer: str):
    return PurchaseOrder.objects.filter(supplier__name=supplier, buyer__name=buyer)


def test_mou_pairs_have_orders(demo):
    baja = SupplierProfile.objects.get(name="CV Baja Kurnia")
    assert baja.regency_id == "33.10" and "24310" in {k.code for k in baja.kbli.all()}
    pln = _orders("CV Baja Kurnia", "PT PLN (Persero)")
    paid = pln.filter(status=OrderStatus.PAID).first()
    assert paid is not None
    bast, payment = paid.deliveries.get(), paid.payments.get()
    assert (payment.paid_on - bast.delivered_on).days == 45  # the reported late-payment figure
    assert pln.filter(status=OrderStatus.DELIVERED).exists()  # and one still unpaid
    byakta = SupplierProfile.objects.get(name="CV Byakta Prakasa")
    assert byakta.regency_id == "36.72"
    assert {"33121", "25920"} <= {k.code for k in byakta.kbli.all()}
    ks = _orders("CV Byakta Prakasa", "PT Krakatau Steel (Persero) Tbk")
    assert ks.filter(status=OrderStatus.PAID).count() >= 1


def test_inka_has_open_needs_to_quote_on_and_past_awards(demo):
    inka = Need.objects.filter(buyer__name="PT INKA (Persero)")
    now = timezone.now()
    open_now = inka.filter(status=NeedStatus.PUBLISHED, quote_deadline__gt=now)
    assert open_now.count() >= 3
    titles = " ".join(open_now.values_list("title", flat=True))
    assert "Blok rem" in titles and "bogie" in titles and "CNC" in titles
    baja = SupplierProfile.objects.get(name="CV Baja Kurnia")
    invited = open_now.filter(invitations__supplier=baja)
    assert invited.exists() and not Quote.objects.filter(need__in=invited, supplier=baja).exists()
    waiting = inka.filter(status=NeedStatus.PUBLISHED, quote_deadline__lt=now)
    assert waiting.filter(quotes__isnull=False).exists()  # the manager can award it now
    assert inka.filter(status=NeedStatus.AWARDED).count() >= 5
    assert inka.filter(status=NeedStatus.DRAFT).count() == 1


def test_a_year_of_procurement(demo):
    needs = Need.objects.all()
    assert 60 <= needs.count() <= 150
    oldest = needs.order_by("created_at").first().created_at
    assert timezone.now() - timedelta(days=366) < oldest < timezone.now() - timedelta(days=300)
    assert len({n.created_at.strftime("%Y-%m") for n in needs}) >= 10
    statuses = Counter(PurchaseOrder.objects.values_list("status", flat=True))
    assert statuses[OrderStatus.PAID] > sum(statuses.values()) / 2
    assert statuses[OrderStatus.DELIVERED] >= 3
    assert statuses[OrderStatus.ISSUED] + statuses[OrderStatus.ACCEPTED] >= 1
    assert Organisation.objects.filter(orders_placed__isnull=False).distinct().count() >= 15
    provinces = PurchaseOrder.objects.values("supplier__regency__province").distinct()
    assert provinces.count() >= 10
    assert Rating.objects.count() >= 20


def test_payment_comes_10_to_60_days_after_bast_usually_and_sometimes_later(demo):
    delays = []
    for order in PurchaseOrder.objects.filter(status=OrderStatus.PAID):
        last = max(order.payments.values_list("paid_on", flat=True))
        delays.append((last - order.deliveries.get().delivered_on).days)
    assert min(delays) >= 10
    assert 10 <= statistics.median(delays) <= 60
    assert max(delays) > 60


def test_every_step_happened_in_the_past_in_order(demo):
    now = timezone.now()
    assert not AuditEntry.objects.filter(at__gt=now).exists()
    at = list(AuditEntry.objects.order_by("seq").values_list("at", flat=True))
    assert at == sorted(at)
    for order in PurchaseOrder.objects.filter(status=OrderStatus.PAID):
        award = order.awards.first()
        assert award.awarded_at > order.need.quote_deadline
        assert order.accepted_at < order.delivered_at < order.paid_at


def test_audit_chain_verifies_with_one_entry_for_the_bulk_import(demo):
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "audit log OK" in out.getvalue()
    bulk = AuditEntry.objects.get(action="demo.seed_suppliers")
    assert bulk.payload["count"] == SupplierProfile.objects.filter(
        organisation__memberships__isnull=True).count()
    assert AuditEntry.objects.filter(action="need.award").count() == Award.objects.values(
        "need").distinct().count()


# -- idempotence and determinism ----------------------------------------------------------------

def test_second_run_changes_nothing(demo):
    before = summary()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "already present" in out.getvalue()
    assert summary() == before


def test_the_plan_is_deterministic():
    plan = build_plan()
    assert plan == build_plan()
    assert build_plan(seed=1).smes != plan.smes
    smaller = build_plan(smes=300)
    assert len(smaller.smes) == 300
    assert len({place(s.regency).province for s in smaller.smes}) >= 25


def test_two_fresh_runs_produce_identical_data(demo):
    first = _digest()
    _wipe()
    call_command("seed_demo", stdout=StringIO())
    assert _digest() == first


# -- logins and reference codes ------------------------------------------------------------

def test_demo_logins_work_and_are_listed(demo):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    for login in LOGINS:
        user = User.objects.get(email=login.email)
        assert user.is_active and user.check_password(DEMO_PASSWORD)
        assert login.email in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    assert not User.objects.exclude(email__endswith="@demo.rantai.id").exists()


def test_tables_use_known_kbli_and_regency_codes():
    kbli = {code: (section, title) for code, section, title in
            Kbli.objects.filter(digits=5).values_list("code", "section", "title")}
    codes = set(LINES) | {c for line in LINES.values() for c in line.related}
    codes |= {c for ts in TEMPLATES.values() for t in ts for c in t.kbli}
    codes |= {c for s in SCRIPTED for c in s.kbli} | {c for f in FEATURED_SMES for c in f.kbli}
    assert all(kbli[code][0] == "C" for code in codes)
    assert kbli["24310"][1] == "Industri Pengecoran Besi Dan Baja"
    regencies = set(Regency.objects.values_list("code", flat=True))
    used = set(SPECIALITIES) | {r for b in BUYERS for r in b.regencies}
    used |= {f.regency for f in FEATURED_SMES}
    assert used <= regencies
    assert Regency.objects.get(code="33.10").name == "Kabupaten Klaten"
    assert Regency.objects.get(code="36.72").name == "Kota Cilegon"
    assert all(t.kbli[0] in LINES for ts in TEMPLATES.values() for t in ts)


def test_the_demo_leaves_no_job_behind_to_mail_its_fictitious_addresses(demo):
    from rantai.jobs.models import Job

    # (Inside this module's transaction nothing commits, so the alerts queued on commit are
    # checked by hand in a fresh database: `make run` prints no demo e-mail.)
    assert not Job.objects.exclude(status__in=["done", "failed"]).exists()
