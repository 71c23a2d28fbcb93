"""Matching through the API: a need's match list with the page's filters, an SME's
opportunities, and a free-text search over published SMEs — the same selectors as the pages.

Filters are validated by the page's own form, so bad values answer 422 with the field named
in the caller's language (``Accept-Language``).
"""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from rantai.accounts.choices import OrgKind
from rantai.matching.forms import CandidateFilterForm
from rantai.matching.permissions import access_match_list, require_sme
from rantai.matching.selectors import (
    Candidate,
    CandidateFilters,
    engine_language,
    match_list,
    match_text,
    opportunities_for,
)
from rantai.taxonomy.models import Regency

from ..auth import acting, membership_of
from ..schemas import NeedSummaryOut, SupplierSummaryOut, responses

router = Router(tags=["matching"])

MAX_TOP = 100


class FiltersIn(Schema):
    province: str = ""
    scale: str = ""
    certificate: str = ""
    verified: bool = False
    min_capacity: str = ""
    inclusive: bool = False
    top: int = 20
    near_misses: bool = False


class SearchIn(FiltersIn):
    text: str
    kbli: str = ""  # comma-separated KBLI 2020 codes
    regency: str = ""  # Kemendagri code of the delivery regency
    umk_only: bool = False


class MatchOut(Schema):
    supplier: SupplierSummaryOut
    score: float
    reasons: list[str]
    gaps: list[str]
    eligible: bool
    invited: bool
    verified: bool


class OpportunityOut(Schema):
    need: NeedSummaryOut
    score: float
    reasons: list[str]
    gaps: list[str]
    eligible: bool
    invited: bool


def _filters(params: FiltersIn) -> CandidateFilters:
    data = {"province": params.province, "scale": params.scale, "certificate": params.certificate,
            "verified": "on" if params.verified else "", "min_capacity": params.min_capacity,
            "inclusive": "on" if params.inclusive else ""}
    form = CandidateFilterForm(data)
    errors = dict(form.errors)
    if not 1 <= params.top <= MAX_TOP:
        errors["top"] = [_("Harus antara 1 dan %(max)d.") % {"max": MAX_TOP}]
    if errors:
        raise ValidationError({field: list(messages) for field, messages in errors.items()})
    return form.filters()


def _out(c: Candidate) -> dict:
    return {"supplier": c.profile, "score": c.match.score, "reasons": list(c.reasons),
            "gaps": list(c.gaps), "eligible": c.eligible, "invited": c.invited,
            "verified": c.profile.verification == "verified"}


@router.get("/needs/{int:need_id}/candidates", response=responses(list[MatchOut]))
def candidates(request, need_id: int, params: Query[FiltersIn]):
    """The best-matching SMEs that may take the need, with the engine's reasons (the need's
    buyer only); filters as on the page. ``near_misses=true`` appends relevant SMEs that fail
    a hard filter (``eligible: false``) with the ``gaps`` to close."""
    need = access_match_list(membership_of(request), need_id)
    result = match_list(need, _filters(params), k=params.top, language=engine_language())
    items = result.candidates + (result.near_misses if params.near_misses else [])
    return [_out(c) for c in items]


@router.get("/opportunities", response=responses(list[OpportunityOut]))
@paginate(PageNumberPagination, page_size=20)
def opportunities(request):
    """For SMEs: published needs they may see and still quote on, best fit first, then the
    ones they cannot quote for yet with the ``gaps`` (``eligible: false``)."""
    membership = require_sme(membership_of(request))
    return [{"need": o.need, "score": o.score, "reasons": list(o.reasons), "gaps": list(o.gaps),
             "eligible": o.eligible, "invited": o.invited}
            for o in opportunities_for(membership, language=engine_language())]


@router.get("/matching/search", response=responses(list[MatchOut]))
def search(request, params: Query[SearchIn]):
    """Buyers and agency staff: rank published SMEs for a need written as text (what
    ``manage.py match`` does), with reasons."""
    acting(request, kinds=[OrgKind.BUYER, OrgKind.AGENCY])
    filters = _filters(params)
    regency = None
    if params.regency:
        regency = Regency.objects.filter(code=params.regency).first()
        if regency is None:
            message = _("Kabupaten/kota tidak dikenal: %(code)s. Pilih dari daftar.")
            raise ValidationError({"regency": [message % {"code": params.regency}]})
    kbli = tuple(code.strip() for code in params.kbli.split(",") if code.strip())
    result = match_text(params.text, kbli=kbli, regency=regency, k=params.top,
                        language=engine_language(), umk_only=params.umk_only, filters=filters)
    items = result.candidates + (result.near_misses if params.near_misses else [])
    return [_out(c) for c in items]
