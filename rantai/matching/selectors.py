"""Reads through the matching engine, both directions, always scoped by the caller's access.

* ``match_list(need, filters)`` — the buyer's short list for one need: eligible SMEs with
  reasons, then near misses (relevant, but failing a hard filter) with the gaps to close.
* ``opportunities_for(membership)`` — the SME's side: the published needs it may see,
  ranked by fit, then the ones it cannot quote for yet, and why.

Callers check permissions first (``permissions.py``); these functions trust their inputs.
"""
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rantai.accounts.models import Membership
from rantai.engine.matching import Match, MatchingIndex, SupplierDoc
from rantai.engine.matching import Need as EngineNeed
from rantai.sourcing.models import Need
from rantai.sourcing.selectors import opportunities as visible_open_needs
from rantai.suppliers.choices import CertificateKind, Scale, Verification
from rantai.suppliers.models import SupplierProfile
from rantai.taxonomy.models import Regency

from . import eligibility
from .documents import CERTIFICATE_NAMES, engine_need, supplier_doc
from .live import live_index

POOL_WITH_FILTERS = 300  # candidates read from the engine when page filters may drop many
NEAR_MISSES = 5
INCLUSION = 0.3  # the engine's ``diversity`` when the buyer asks for an inclusive list


@dataclass(frozen=True)
class CandidateFilters:
    """What a buyer narrows the short list by; empty values filter nothing."""

    province: str = ""  # province code, e.g. "35"
    scale: str = ""  # micro | small | medium | large
    certificate: str = ""  # a CertificateKind value, valid today
    verified: bool = False
    min_capacity: Decimal | None = None  # the SME's largest monthly product capacity
    inclusive: bool = False  # re-rank for new and micro SMEs and under-served provinces

    @property
    def narrows(self) -> bool:
        return bool(self.province or self.scale or self.verified or self.min_capacity)


@dataclass(frozen=True)
class Candidate:
    profile: SupplierProfile
    match: Match
    eligible: bool = True
    gaps: tuple[str, ...] = ()
    invited: bool = False

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.match.reasons


@dataclass(frozen=True)
class MatchList:
    candidates: list[Candidate]
    near_misses: list[Candidate] = field(default_factory=list)


def engine_language() -> str:
    """The active Django language as the engine names it ("id" or "en")."""
    return "en" if (get_language() or "id").startswith("en") else "id"


# -- need → SMEs ----------------------------------------------------------------------------

def _profiles(ids: list[int], filters: CandidateFilters) -> dict[int, SupplierProfile]:
    profiles = (SupplierProfile.objects.select_related("regency__province", "organisation")
                .filter(pk__in=ids))
    if filters.province:
        profiles = profiles.filter(regency__province_id=filters.province)
    if filters.scale:
        profiles = profiles.filter(scale=filters.scale)
    if filters.verified:
        profiles = profiles.filter(verification=Verification.VERIFIED)
    if filters.min_capacity:
        profiles = (profiles.annotate(capacity=Max("products__monthly_capacity"))
                    .filter(capacity__gte=filters.min_capacity))
    return profiles.in_bulk()


def match_list(need: Need, filters: CandidateFilters | None = None, *, k: int = 20,
               language: str | None = None) -> MatchList:
    """The best ``k`` SMEs for ``need`` that pass ``filters`` and may take it, with reasons;
    then up to ``NEAR_MISSES`` relevant SMEs that fail a hard filter, with their gaps."""
    filters = filters or CandidateFilters()
    query = engine_need(need)
    invited = set(need.invitations.values_list("supplier_id", flat=True))
    return rank_suppliers(query, filters, allowed=eligibility.allowed_scales(need), k=k,
                          language=language, invited=invited,
                          blocker=lambda profile: reservation_gap(need, profile))


def reservation_gap(need: Need, profile: SupplierProfile) -> str | None:
    """Why the reservation keeps ``profile`` off ``need`` (scale, or a BUMN-owned SME)."""
    if profile.scale not in eligibility.allowed_scales(need):
        return _scale_gap(eligibility.reservation_label(need), profile.scale)
    if eligibility.excludes_bumn_group(need, profile):
        return _("paket yang dicadangkan tertutup bagi usaha milik BUMN")
    return None


def match_text(text: str, *, kbli: tuple[str, ...] = (), regency: Regency | None = None,
               k: int = 10, language: str | None = None, umk_only: bool = False,
               filters: CandidateFilters | None = None) -> MatchList:
    """Rank SMEs for a bare text need (the ``match`` command and the API's free search)."""
    query = EngineNeed(text=text, kbli=tuple(kbli), umk_only=umk_only,
                       regency_code=regency.code if regency else None,
                       latitude=regency.latitude if regency else None,
                       longitude=regency.longitude if regency else None)
    return rank_suppliers(query, filters or CandidateFilters(), k=k, language=language,
                          allowed=eligibility.UMK if umk_only else eligibility.EVERY_SCALE)


def rank_suppliers(query: EngineNeed, filters: CandidateFilters, *, allowed: frozenset[str],
                   k: int = 20, language: str | None = None, invited: set[int] | None = None,
                   blocker: Callable[[SupplierProfile], str | None] | None = None) -> MatchList:
    """The engine's ranking for ``query`` with the page filters and the scales allowed;
    ``blocker`` names what else keeps a profile off the list (sourcing's reservation)."""
    invited = invited or set()
    if filters.certificate in CERTIFICATE_NAMES:
        query = replace(query, required_certifications=query.required_certifications
                        | {CERTIFICATE_NAMES[filters.certificate]})
    if filters.narrows:
        pool = POOL_WITH_FILTERS
    elif allowed not in (eligibility.EVERY_SCALE, eligibility.UMK):
        pool = max(3 * k, 40)  # the reservation drops large firms the engine does not filter
    else:
        pool = k

    def work(index: MatchingIndex) -> tuple[list[Match], list[Match]]:
        found = index.search(query, k=pool, diversity=INCLUSION if filters.inclusive else 0.0,
                             language=language or engine_language())
        missed = index.near_misses(query, k=NEAR_MISSES * 2, language=language or engine_language())
        return found, missed

    found, missed = live_index().run(work)
    profiles = _profiles([int(m.supplier_id) for m in [*found, *missed]], filters)
    candidates, near = [], []
    for match in found:
        profile = profiles.get(int(match.supplier_id))
        if profile is None:
            continue
        gap = blocker(profile) if blocker else None
        if gap is None and profile.scale not in allowed:
            gap = _scale_gap(_("usaha mikro dan kecil"), profile.scale)
        if gap is None:
            if len(candidates) < k:
                candidates.append(Candidate(profile, match, gaps=match.gaps,  # e.g. capacity short
                                            invited=profile.pk in invited))
        elif len(near) < NEAR_MISSES:
            near.append(Candidate(profile, match, eligible=False, gaps=(gap, *match.gaps),
                                  invited=profile.pk in invited))
    for match in missed:
        profile = profiles.get(int(match.supplier_id))
        if profile is not None and len(near) < NEAR_MISSES:
            near.append(Candidate(profile, match, eligible=False, gaps=match.gaps,
                                  invited=profile.pk in invited))
    return MatchList(candidates, near)


def candidates_for_need(need: Need, *, k: int = 20) -> list[tuple[SupplierProfile, Match]]:
    """The best ``k`` eligible published SMEs for ``need`` with the engine's reasons."""
    return [(c.profile, c.match) for c in match_list(need, k=k).candidates]


def _scale_gap(who: str, scale: str) -> str:
    label = Scale(scale).label if scale in Scale.values else scale
    return _("dicadangkan untuk %(who)s; skala usaha tercatat %(scale)s") % {"who": who, "scale": label}


# -- SME → needs ----------------------------------------------------------------------------

# Below this engine score a need matched a generic word ("produk", "utama") and structure
# alone; real matches on a product or a shared KBLI class score well above it (the demo:
# 4-8 against 11-72; docs/matching.md).
OPPORTUNITY_MIN_SCORE = 10.0


@dataclass(frozen=True)
class Opportunity:
    need: Need
    score: float
    reasons: tuple[str, ...]
    gaps: tuple[str, ...] = ()
    eligible: bool = True
    invited: bool = False


def own_profile(membership: Membership) -> SupplierProfile | None:
    return (SupplierProfile.objects.select_related("organisation")
            .filter(organisation_id=membership.organisation_id).first())


def opportunities_for(membership: Membership, *, language: str | None = None,
                      limit: int = 200) -> list[Opportunity]:
    """Published needs the SME may see and still quote on, best fit first; then those it
    cannot quote for yet (a missing certificate, the reservation, too little capacity...)
    with the gaps; then invitations that match on nothing. A need that shares only a generic
    word or two with the profile (score below ``RANTAI_MATCHING_OPPORTUNITY_MIN_SCORE``) is
    not an opportunity, unless the SME was invited. Empty without a profile."""
    profile = own_profile(membership)
    if profile is None:
        return []
    needs = {need.pk: need for need in visible_open_needs(membership)
             .select_related("buyer", "delivery_regency")[:limit]}
    if not needs:
        return []
    doc = supplier_doc(profile)
    cached = live_index().open_needs()
    queries = {pk: cached.get(pk) or engine_need(need) for pk, need in needs.items()}
    fits, misses = [], []
    for pk, query in queries.items():
        need = needs[pk]
        blocked = _blockers(need, query, doc, profile)
        (misses if blocked else fits).append((pk, query, blocked))

    def work(index: MatchingIndex):
        ranked = index.rank_needs(doc, [q for _pk, q, _b in fits], k=len(fits),
                                  language=language or engine_language())
        relaxed = [replace(q, umk_only=False, required_certifications=frozenset())
                   for _pk, q, _b in misses]
        near = index.rank_needs(doc, relaxed, k=len(relaxed), language=language or engine_language())
        return ranked, near

    ranked, near = live_index().run(work)
    floor = getattr(settings, "RANTAI_MATCHING_OPPORTUNITY_MIN_SCORE", OPPORTUNITY_MIN_SCORE)
    ranked = [(q, m) for q, m in ranked if m.score >= floor or needs[int(q.id)].invited]
    near = [(q, m) for q, m in near if m.score >= floor or needs[int(q.id)].invited]
    blockers = {pk: blocked for pk, _q, blocked in misses}
    out = [Opportunity(needs[int(q.id)], m.score, m.reasons, m.gaps,
                       invited=needs[int(q.id)].invited) for q, m in ranked]
    out += [Opportunity(needs[int(q.id)], m.score, m.reasons, (*blockers[int(q.id)], *m.gaps),
                        eligible=False, invited=needs[int(q.id)].invited) for q, m in near]
    shown = {o.need.pk for o in out}
    out += [Opportunity(need, 0.0, (_("Anda diundang menawar"),), blockers.get(pk, ()),
                        eligible=pk not in blockers, invited=True)
            for pk, need in needs.items() if need.invited and pk not in shown]
    return out


def _blockers(need: Need, query: EngineNeed, doc: SupplierDoc,
              profile: SupplierProfile) -> tuple[str, ...]:
    """Why ``doc`` may not quote on ``need`` today, in the viewer's language."""
    names = {v: k for k, v in CERTIFICATE_NAMES.items()}
    out = [_("butuh sertifikat %(name)s") % {"name": CertificateKind(names[c]).label if c in names else c}
           for c in sorted(query.required_certifications - doc.certifications)]
    if gap := reservation_gap(need, profile):
        out.append(gap)
    return tuple(out)
