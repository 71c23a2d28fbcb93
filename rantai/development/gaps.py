"""Who to train next: SMEs one certificate or one capacity step away from open needs.

For each open need (published, quote deadline ahead) the matching engine ranks relevant
SMEs; a near miss that lacks exactly one required certificate (and nothing else), or an
eligible SME whose monthly capacity is short of the quantity but at least half of it, is
listed under the programme topic that closes the gap (SNI, halal, TKDN-IK, capacity).
"""
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Q, Sum
from django.utils import timezone

from rantai.accounts.models import Membership
from rantai.core import clock
from rantai.engine.matching import MatchingIndex, SupplierDoc
from rantai.engine.matching import Need as EngineNeed
from rantai.sourcing.choices import NeedStatus
from rantai.sourcing.models import Need
from rantai.suppliers.choices import UMK_SCALES, ProfileStatus
from rantai.suppliers.models import Certificate, SupplierProfile

from .choices import TOPIC_FOR_CERTIFICATE, ProgrammeTopic

CAPACITY_STEP = 0.5  # capacity at least half of what is asked counts as "one step" away


@dataclass(frozen=True)
class Gap:
    supplier: SupplierProfile
    need: Need
    topic: str
    missing: str  # the certificate kind, or "capacity"
    detail: tuple[str, ...]  # the engine's own words for the gap


def _docs(province_id: str | None) -> tuple[list[SupplierDoc], dict[int, SupplierProfile]]:
    profiles = (SupplierProfile.objects.filter(status=ProfileStatus.PUBLISHED, claimed=True)
                .select_related("regency__province").prefetch_related("kbli", "products")
                .annotate(capacity=Max("products__monthly_capacity")))
    if province_id:
        profiles = profiles.filter(regency__province_id=province_id)
    today = timezone.localdate(clock.now())
    valid: dict[int, set[str]] = defaultdict(set)
    certificates = Certificate.objects.filter(valid_from__lte=today).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    for supplier_id, kind in certificates.values_list("supplier_id", "kind"):
        valid[supplier_id].add(kind)
    docs, by_id = [], {}
    for p in profiles:
        by_id[p.pk] = p
        docs.append(SupplierDoc(
            id=str(p.pk), name=p.name, description=p.description,
            products=tuple(prod.name for prod in p.products.all()),
            kbli=tuple(k.code for k in p.kbli.all()), regency_code=p.regency_id, scale=p.scale,
            certifications=frozenset(valid.get(p.pk, ())),
            monthly_capacity=float(p.capacity) if p.capacity is not None else None))
    return docs, by_id


def open_needs() -> list[Need]:
    return list(Need.objects.filter(status=NeedStatus.PUBLISHED, quote_deadline__gt=clock.now())
                .select_related("delivery_regency").prefetch_related("kbli")
                .annotate(total_quantity=Sum("lines__quantity")).order_by("quote_deadline"))


def _engine_need(need: Need) -> EngineNeed:
    return EngineNeed(
        text=f"{need.title} {need.description}", kbli=tuple(k.code for k in need.kbli.all()),
        regency_code=need.delivery_regency_id,
        required_certifications=frozenset(getattr(need, "required_certificates", None) or ()),
        umk_only=bool(getattr(need, "umk_reserved", False)),
        quantity=float(need.total_quantity) if need.total_quantity else None, id=str(need.pk))


def detect_gaps(membership: Membership | None = None, *, per_need: int = 30) -> list[Gap]:
    """Gaps for every open need, limited to a provincial officer's SMEs when scoped."""
    province_id = membership.province_id if membership else None
    docs, profiles = _docs(province_id)
    if not docs:
        return []
    index = MatchingIndex.build(docs)
    by_doc = {d.id: d for d in docs}
    gaps: list[Gap] = []
    for need in open_needs():
        query = _engine_need(need)
        for match in index.near_misses(query, k=per_need):
            doc = by_doc[match.supplier_id]
            missing = query.required_certifications - doc.certifications
            umk_gap = query.umk_only and doc.scale not in UMK_SCALES
            if len(missing) == 1 and not umk_gap:
                (kind,) = missing
                gaps.append(Gap(profiles[int(doc.id)], need,
                                TOPIC_FOR_CERTIFICATE.get(kind, ProgrammeTopic.QUALITY), kind,
                                match.gaps))
        if query.quantity:
            for match in index.search(query, k=per_need):
                doc = by_doc[match.supplier_id]
                capacity = doc.monthly_capacity
                if capacity is not None and CAPACITY_STEP * query.quantity <= capacity < query.quantity:
                    gaps.append(Gap(profiles[int(doc.id)], need, ProgrammeTopic.CAPACITY,
                                    "capacity", match.gaps))
    return gaps


def gaps_by_topic(gaps: list[Gap]) -> list[dict]:
    """Grouped by programme topic, each SME once with the needs it would reach."""
    grouped: dict[str, dict[int, dict]] = defaultdict(dict)
    for gap in gaps:
        row = grouped[gap.topic].setdefault(gap.supplier.pk, {"supplier": gap.supplier,
                                                              "needs": [], "missing": set()})
        row["needs"].append(gap.need)
        row["missing"].add(gap.missing)
    labels = dict(ProgrammeTopic.choices)
    return [{"topic": topic, "label": labels.get(topic, topic),
             "smes": sorted(rows.values(), key=lambda r: (-len(r["needs"]), r["supplier"].name))}
            for topic, rows in sorted(grouped.items())]
