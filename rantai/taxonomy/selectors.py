"""Reads over reference data, for pickers and validation."""
from django.db.models import Q, QuerySet

from .models import Kbli, Regency


def kbli_search(query: str, *, limit: int = 20) -> QuerySet[Kbli]:
    """5-digit KBLI codes whose code starts with ``query``, or whose title or description
    contains every word of it ("besi cor" finds pengecoran besi)."""
    query = query.strip()
    codes = Kbli.objects.filter(digits=5)
    if query.isdigit():
        return codes.filter(code__startswith=query).order_by("code")[:limit]
    for word in query.split():
        codes = codes.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return codes.order_by("code")[:limit]


def regency_search(query: str, *, limit: int = 20) -> QuerySet[Regency]:
    """Regencies whose code starts with, or whose name or province contains, ``query``."""
    query = query.strip()
    regencies = Regency.objects.select_related("province")
    if query[:1].isdigit():
        return regencies.filter(code__startswith=query).order_by("code")[:limit]
    for word in query.split():
        regencies = regencies.filter(Q(name__icontains=word) | Q(province__name__icontains=word))
    return regencies.order_by("code")[:limit]


def kbli_codes_missing(codes: list[str]) -> list[str]:
    """The codes in ``codes`` that are not 5-digit KBLI 2020 kelompok codes."""
    known = set(Kbli.objects.filter(code__in=codes, digits=5).values_list("code", flat=True))
    return [code for code in codes if code not in known]


def regencies_named(text: str) -> list[Regency]:
    """Regencies whose full or short name is exactly ``text`` ("Madiun" names two)."""
    text = text.strip()
    return list(Regency.objects.filter(Q(name__iexact=text) | Q(short_name__iexact=text))
                .order_by("code"))


def regency_code_from_input(text: str) -> str:
    """A regency code from what a person typed: the code itself, or a name ("Klaten",
    "Kota Madiun", "33.10 — Kabupaten Klaten") that names exactly one regency. Anything
    else comes back unchanged, for the service to refuse with a clear message."""
    text = text.strip()
    code = text.split(" ", 1)[0]
    if Regency.objects.filter(code=code).exists():
        return code
    matches = list(Regency.objects.filter(Q(name__iexact=text) | Q(short_name__iexact=text))
                   .values_list("code", flat=True)[:2])
    return matches[0] if len(matches) == 1 else text
