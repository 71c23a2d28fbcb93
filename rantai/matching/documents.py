"""From ORM rows to the engine's value types: ``SupplierDoc`` for profiles, ``Need`` for needs.

A profile is *indexable* when it can quote: published and claimed. Certificates count only
while valid today; capacity is the largest monthly capacity among the SME's products; past
performance is the buyers' mean rating and the number of orders delivered.
"""
from collections.abc import Iterable
from datetime import date

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.utils import timezone

from rantai.core import clock
from rantai.engine.matching import Need as EngineNeed
from rantai.engine.matching import SupplierDoc
from rantai.sourcing.models import Need
from rantai.suppliers.choices import CertificateKind, ProfileStatus
from rantai.suppliers.models import Certificate, SupplierProfile

# Certificate kinds as the engine names them (and shows them in reasons): stable, untranslated.
CERTIFICATE_NAMES = {CertificateKind.SNI: "SNI", CertificateKind.HALAL: "Halal",
                     CertificateKind.ISO9001: "ISO 9001", CertificateKind.TKDN_IK: "TKDN-IK",
                     CertificateKind.BPOM: "BPOM", CertificateKind.PIRT: "P-IRT"}
DELIVERED = ("delivered", "paid")  # order statuses that count as a completed order


def today() -> date:
    return timezone.localdate(clock.now())


def indexable_q() -> Q:
    """Profiles the index holds: those that can quote."""
    return Q(status=ProfileStatus.PUBLISHED, claimed=True)


def valid_certificates_q(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))


def supplier_docs(profiles: QuerySet[SupplierProfile] | None = None) -> Iterable[SupplierDoc]:
    """Engine documents for ``profiles`` (default: every indexable profile), streamed."""
    profiles = SupplierProfile.objects.filter(indexable_q()) if profiles is None else profiles
    profiles = (profiles.select_related("regency")
                .prefetch_related("kbli", "products", "capabilities")
                .annotate(capacity=Max("products__monthly_capacity"))
                .order_by("pk"))
    on = today()
    ids = list(profiles.values_list("pk", flat=True))
    for start in range(0, len(ids), 2000):
        chunk = ids[start:start + 2000]
        certs = _certificates(chunk, on)
        rating, orders = _performance(chunk)
        for p in profiles.filter(pk__in=chunk):
            yield SupplierDoc(
                id=str(p.pk), name=p.name, description=p.description,
                products=tuple(prod.name for prod in p.products.all()),
                kbli=tuple(k.code for k in p.kbli.all()), regency_code=p.regency_id,
                scale=p.scale or "small", latitude=p.regency.latitude,
                longitude=p.regency.longitude,
                certifications=frozenset(certs.get(p.pk, ())),
                capabilities=frozenset(c.get_process_display() for c in p.capabilities.all()),
                monthly_capacity=float(p.capacity) if p.capacity else None,
                rating=rating.get(p.pk), orders_completed=orders.get(p.pk, 0),
            )


def supplier_doc(profile: SupplierProfile) -> SupplierDoc:
    """One profile as a document (whether or not it is indexable)."""
    return next(iter(supplier_docs(SupplierProfile.objects.filter(pk=profile.pk))))


def _certificates(ids: list[int], on: date) -> dict[int, set[str]]:
    held: dict[int, set[str]] = {}
    for supplier_id, kind in (Certificate.objects.filter(valid_certificates_q(on), supplier_id__in=ids)
                              .values_list("supplier_id", "kind")):
        if kind in CERTIFICATE_NAMES:
            held.setdefault(supplier_id, set()).add(CERTIFICATE_NAMES[kind])
    return held


def _performance(ids: list[int]) -> tuple[dict[int, float], dict[int, int]]:
    """Buyers' mean rating (1..5, the three scores averaged) and orders delivered."""
    from rantai.development.models import Rating
    from rantai.sourcing.models import PurchaseOrder

    rating = {row["supplier_id"]: round((row["q"] + row["t"] + row["c"]) / 3, 2)
              for row in Rating.objects.filter(supplier_id__in=ids).values("supplier_id")
              .annotate(q=Avg("quality"), t=Avg("timeliness"), c=Avg("communication"))}
    orders = dict(PurchaseOrder.objects.filter(supplier_id__in=ids, status__in=DELIVERED)
                  .values("supplier_id").annotate(n=Count("id")).values_list("supplier_id", "n"))
    return rating, orders


# -- needs ---------------------------------------------------------------------------------

def required_certificates(need: Need) -> frozenset[str]:
    """Certificates the buyer requires, as engine names; a minimum TKDN needs a TKDN-IK."""
    kinds = set(getattr(need, "required_certificates", None) or ())
    if getattr(need, "min_tkdn_percent", None) is not None:
        kinds.add(CertificateKind.TKDN_IK)
    return frozenset(CERTIFICATE_NAMES.get(k, str(k)) for k in kinds)


def engine_need(need: Need, *, text: str | None = None) -> EngineNeed:
    """The need as the engine sees it: text, KBLI, delivery place, quantity, hard filters."""
    from .eligibility import umk_only

    regency = need.delivery_regency
    lines = list(need.lines.all())
    return EngineNeed(
        id=str(need.pk),
        text=text if text is not None else " ".join(
            [need.title, need.description, *(line.description for line in lines[1:])]),
        kbli=tuple(k.code for k in need.kbli.all()),
        regency_code=regency.code, latitude=regency.latitude, longitude=regency.longitude,
        quantity=float(lines[0].quantity) if len(lines) == 1 else None,
        required_certifications=required_certificates(need),
        umk_only=umk_only(need),
    )
