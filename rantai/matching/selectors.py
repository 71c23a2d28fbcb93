"""Django adapter for the matching engine: supplier documents from the ORM.

One index per process, rebuilt when the published profiles change (see ``_index``);
upserting single profiles on change events is the next step at national scale.
"""
from django.db.models import Count, Max

from rantai.engine.matching import Match, MatchingIndex, SupplierDoc
from rantai.engine.matching import Need as EngineNeed
from rantai.sourcing.models import Need
from rantai.suppliers.choices import ProfileStatus
from rantai.suppliers.models import SupplierProfile


def supplier_docs() -> list[SupplierDoc]:
    """Every published, claimed profile (one that can quote) as an engine document."""
    profiles = (SupplierProfile.objects.filter(status=ProfileStatus.PUBLISHED, claimed=True)
                .select_related("regency").prefetch_related("kbli", "products"))
    return [
        SupplierDoc(
            id=str(p.pk), name=p.name, description=p.description,
            products=tuple(prod.name for prod in p.products.all()),
            kbli=tuple(k.code for k in p.kbli.all()), regency_code=p.regency_id,
            scale=p.scale, latitude=p.regency.latitude, longitude=p.regency.longitude,
        )
        for p in profiles
    ]


_cache: dict[str, object] = {}


def _index() -> MatchingIndex:
    """The index over published, claimed profiles, rebuilt only when they changed (a cheap
    fingerprint query per call: how many, the last id and the last edit)."""
    fingerprint = (SupplierProfile.objects.filter(status=ProfileStatus.PUBLISHED, claimed=True)
                   .aggregate(n=Count("id"), last=Max("id"), edited=Max("updated_at")))
    if _cache.get("fingerprint") != fingerprint:
        _cache["index"] = MatchingIndex.build(supplier_docs())
        _cache["fingerprint"] = fingerprint
    return _cache["index"]  # type: ignore[return-value]


def candidates_for_need(need: Need, *, k: int = 20) -> list[tuple[SupplierProfile, Match]]:
    """The best ``k`` published SMEs for ``need`` with the engine's reasons."""
    regency = need.delivery_regency
    query = EngineNeed(
        text=f"{need.title} {need.description}", kbli=tuple(c.code for c in need.kbli.all()),
        regency_code=regency.code, latitude=regency.latitude, longitude=regency.longitude,
    )
    matches = _index().search(query, k=k)
    profiles = SupplierProfile.objects.select_related("regency__province").in_bulk(
        [int(m.supplier_id) for m in matches])
    return [(profiles[int(m.supplier_id)], m) for m in matches]
