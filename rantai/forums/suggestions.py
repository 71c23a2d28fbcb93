"""Suggested buyers for a registered SME: the forum's buyer needs ranked by the matching
engine for the SME's profile, with the engine's reasons.

Term statistics come from an index over the forum's registered SMEs (so a word every
participant shares weighs little), rebuilt when registrations or profiles change.
"""

from dataclasses import dataclass

from django.db.models import Count, Max

from rantai.engine.matching import MatchingIndex
from rantai.engine.matching import Need as EngineNeed
from rantai.matching.documents import supplier_doc, supplier_docs
from rantai.matching.selectors import engine_language
from rantai.suppliers.models import SupplierProfile

from .models import BuyerSeat, Event, EventNeed, Registration

_cache: dict[int, tuple[object, MatchingIndex]] = {}


@dataclass
class Suggestion:
    seat: BuyerSeat
    need: EventNeed
    score: float
    reasons: tuple[str, ...]


def _index(event: Event) -> MatchingIndex:
    profiles = SupplierProfile.objects.filter(
        forum_registrations__event=event, forum_registrations__cancelled=False
    )
    fingerprint = profiles.aggregate(n=Count("id"), last=Max("id"), edited=Max("updated_at"))
    cached = _cache.get(event.pk)
    if cached is None or cached[0] != fingerprint:
        cached = (fingerprint, MatchingIndex.build(supplier_docs(profiles)))
        _cache[event.pk] = cached
    return cached[1]


def _engine_need(item: EventNeed, event: Event) -> EngineNeed:
    regency = event.regency
    return EngineNeed(
        text=f"{item.title} {item.description}",
        kbli=tuple(item.kbli_codes),
        regency_code=regency.code if regency else None,
        latitude=regency.latitude if regency else None,
        longitude=regency.longitude if regency else None,
        id=str(item.pk),
    )


def suggested_buyers(event: Event, registration: Registration, *, k: int = 10) -> list[Suggestion]:
    """The ``k`` buyer needs of ``event`` that fit the SME best (one per buyer, its best
    need), each with the engine's reasons; buyers with no needs published are left out."""
    items = {
        str(n.pk): n for n in EventNeed.objects.filter(seat__event=event).select_related("seat__organisation")
    }
    if not items:
        return []
    ranked = _index(event).rank_needs(
        supplier_doc(registration.supplier),
        [_engine_need(n, event) for n in items.values()],
        k=len(items),
        language=engine_language(),
    )
    out, seen = [], set()
    for need, match in ranked:
        item = items[need.id]
        if item.seat_id in seen:
            continue
        seen.add(item.seat_id)
        out.append(Suggestion(item.seat, item, match.score, tuple(match.reasons)))
    return out[:k]
