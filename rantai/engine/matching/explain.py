"""Reasons and gaps, e.g. "membuat blok rem besi cor · SNI berlaku · 38 km dari Madiun".

Indonesian by default; ``language="en"`` gives the English phrasing ("makes blok rem besi
cor · valid SNI · 38 km from Madiun"). The engine has no gettext: both phrasings are data
here (``PHRASES``), and what the supplier or buyer wrote (product names, places) is quoted
as written, never translated.
"""
from collections.abc import Iterable

from .query import CORRECTED, SIMILAR, SYNONYM, Expansion
from .structure import Place

MAX_PRODUCTS = 2
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

PHRASES: dict[str, dict[str, str]] = {
    "id": {
        "makes": "membuat {items}",
        "mentions": "profil menyebut: {items}",
        "spelling": "ejaan", "synonym": "sinonim", "translation": "padanan", "similar": "kata mirip",
        "capable": "mampu: {items}",
        "cert_valid": "{cert} berlaku",
        "km_from": "{km} km dari {place}",
        "delivery_place": "lokasi pengiriman",
        "capacity": "kapasitas {amount}/bulan",
        "rating": "rating {rating}",
        "on_time": "{percent}% tepat waktu",
        "micro": "usaha mikro",
        "new": "pemasok baru di platform",
        "underserved": "dari provinsi yang belum banyak terlayani",
        "needs_cert": "butuh sertifikat {cert}",
        "umk_only": "paket khusus usaha mikro/kecil; skala usaha tercatat {scale}",
        "short_capacity": "kapasitas {amount}/bulan, kurang dari {asked} yang diminta",
        "not_capable": "belum tercatat mampu: {items}",
        "kbli_0": "KBLI satu kategori ({code})",
        "kbli_1": "KBLI satu golongan pokok ({code})",
        "kbli_2": "KBLI satu subgolongan ({code})",
        "kbli_3": "KBLI sama ({code})",
        "micro_scale": "mikro", "small_scale": "kecil", "medium_scale": "menengah", "large_scale": "besar",
    },
    "en": {
        "makes": "makes {items}",
        "mentions": "profile mentions: {items}",
        "spelling": "spelling", "synonym": "synonym", "translation": "translation", "similar": "similar word",
        "capable": "capable of: {items}",
        "cert_valid": "valid {cert}",
        "km_from": "{km} km from {place}",
        "delivery_place": "the delivery location",
        "capacity": "capacity {amount}/month",
        "rating": "rating {rating}",
        "on_time": "{percent}% on time",
        "micro": "micro enterprise",
        "new": "new supplier on the platform",
        "underserved": "from an under-served province",
        "needs_cert": "needs {cert} certificate",
        "umk_only": "reserved for micro/small enterprises; recorded scale is {scale}",
        "short_capacity": "capacity {amount}/month, less than the {asked} asked",
        "not_capable": "not yet recorded as capable of: {items}",
        "kbli_0": "same KBLI category ({code})",
        "kbli_1": "same KBLI division ({code})",
        "kbli_2": "same KBLI group ({code})",
        "kbli_3": "same KBLI class ({code})",
        "micro_scale": "micro", "small_scale": "small", "medium_scale": "medium", "large_scale": "large",
    },
}


def checked(language: str) -> str:
    """The engine's name for ``language`` ("en-GB" → "en"); a ValueError for a language it
    does not speak (never a silent fallback)."""
    base = str(language).replace("_", "-").split("-")[0].lower()
    if base not in PHRASES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return base


def _say(language: str, key: str, **values: object) -> str:
    return PHRASES[language][key].format(**values)


def number(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """Indonesian digits (1.250 and 4,6) or English ones (1,250 and 4.6)."""
    text = f"{round(value):,}" if abs(value - round(value)) < 1e-9 else f"{value:,.1f}"
    if language == "en":
        return text
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def products(matched: Iterable[str], language: str = DEFAULT_LANGUAGE) -> list[str]:
    listed = list(matched)[:MAX_PRODUCTS]
    return [_say(language, "makes", items=", ".join(listed))] if listed else []


def words(matched: Iterable[str], language: str = DEFAULT_LANGUAGE) -> list[str]:
    listed = sorted(set(matched))[:5]
    return [_say(language, "mentions", items=", ".join(listed))] if listed else []


def expansions(used: Iterable[Expansion], language: str = DEFAULT_LANGUAGE) -> list[str]:
    labels = {CORRECTED: "spelling", SYNONYM: "synonym", SIMILAR: "similar"}
    return [f"{_say(language, labels.get(e.kind, 'translation'))}: {e.source} → {e.target}" for e in used]


def capabilities(met: Iterable[str], language: str = DEFAULT_LANGUAGE) -> list[str]:
    listed = sorted(met)
    return [_say(language, "capable", items=", ".join(listed))] if listed else []


def certificates(certs: Iterable[str], language: str = DEFAULT_LANGUAGE) -> list[str]:
    return [_say(language, "cert_valid", cert=c) for c in sorted(certs)]


def distance(km: float | None, delivery: Place | None, language: str = DEFAULT_LANGUAGE) -> list[str]:
    if km is None or delivery is None:
        return []
    where = delivery.name or _say(language, "delivery_place")
    return [_say(language, "km_from", km=number(round(km), language), place=where)]


def capacity(monthly: float | None, quantity: float | None, language: str = DEFAULT_LANGUAGE) -> list[str]:
    if monthly is None or (quantity and monthly < quantity):
        return []
    return [_say(language, "capacity", amount=number(monthly, language))]


def performance(rating: float | None, on_time: float | None, language: str = DEFAULT_LANGUAGE) -> list[str]:
    parts = []
    if rating is not None:
        parts.append(_say(language, "rating", rating=number(round(rating, 1), language)))
    if on_time is not None:
        parts.append(_say(language, "on_time", percent=round(on_time * 100)))
    return [", ".join(parts)] if parts else []


def inclusion(micro: bool, new: bool, underserved: bool, language: str = DEFAULT_LANGUAGE) -> list[str]:
    flags = (("micro", micro), ("new", new), ("underserved", underserved))
    return [_say(language, key) for key, yes in flags if yes]


def kbli_relation(depth: int, code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """0 = same kategori, 1 = golongan pokok, 2 = subgolongan, 3 = same 5-digit kelompok."""
    return _say(language, f"kbli_{depth}", code=code)


def gaps(missing_certs: Iterable[str], scale: str | None, monthly: float | None,
         quantity: float | None, missing_capabilities: Iterable[str],
         language: str = DEFAULT_LANGUAGE) -> list[str]:
    """What stands between the supplier and this need, each as one thing to close."""
    out = [_say(language, "needs_cert", cert=c) for c in sorted(missing_certs)]
    if scale is not None:
        named = PHRASES[language].get(f"{scale}_scale", scale)
        out.append(_say(language, "umk_only", scale=named))
    if quantity and monthly is not None and monthly < quantity:
        out.append(_say(language, "short_capacity", amount=number(monthly, language),
                        asked=number(quantity, language)))
    missing = sorted(missing_capabilities)
    if missing:
        out.append(_say(language, "not_capable", items=", ".join(missing)))
    return out
