"""Reasons and gaps in Indonesian, e.g. "membuat blok rem besi cor · SNI berlaku · 38 km dari Madiun"."""
from collections.abc import Iterable

from .query import CORRECTED, SYNONYM, Expansion
from .structure import Place

MAX_PRODUCTS = 2


def number(value: float) -> str:
    """Indonesian digits: 1.250 and 4,6."""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")


def products(matched: Iterable[str]) -> list[str]:
    listed = list(matched)[:MAX_PRODUCTS]
    return [f"membuat {', '.join(listed)}"] if listed else []


def words(matched: Iterable[str]) -> list[str]:
    listed = sorted(set(matched))[:5]
    return [f"profil menyebut: {', '.join(listed)}"] if listed else []


def expansions(used: Iterable[Expansion]) -> list[str]:
    labels = {CORRECTED: "ejaan", SYNONYM: "sinonim"}
    return [f"{labels.get(e.kind, 'padanan')}: {e.source} → {e.target}" for e in used]


def capabilities(met: Iterable[str]) -> list[str]:
    listed = sorted(met)
    return [f"mampu: {', '.join(listed)}"] if listed else []


def certificates(certs: Iterable[str]) -> list[str]:
    return [f"{c} berlaku" for c in sorted(certs)]


def distance(km: float | None, delivery: Place | None) -> list[str]:
    if km is None or delivery is None:
        return []
    where = delivery.name or "lokasi pengiriman"
    return [f"{number(round(km))} km dari {where}"]


def capacity(monthly: float | None, quantity: float | None) -> list[str]:
    if monthly is None or (quantity and monthly < quantity):
        return []
    return [f"kapasitas {number(monthly)}/bulan"]


def performance(rating: float | None, on_time: float | None) -> list[str]:
    parts = []
    if rating is not None:
        parts.append(f"rating {number(round(rating, 1))}")
    if on_time is not None:
        parts.append(f"{round(on_time * 100)}% tepat waktu")
    return [", ".join(parts)] if parts else []


def inclusion(micro: bool, new: bool, underserved: bool) -> list[str]:
    labels = (("usaha mikro", micro), ("pemasok baru di platform", new),
              ("dari provinsi yang belum banyak terlayani", underserved))
    return [label for label, yes in labels if yes]


def gaps(missing_certs: Iterable[str], scale: str | None, monthly: float | None,
         quantity: float | None, missing_capabilities: Iterable[str]) -> list[str]:
    """What stands between the supplier and this need, each as one thing to close."""
    out = [f"butuh sertifikat {c}" for c in sorted(missing_certs)]
    if scale is not None:
        out.append(f"paket khusus usaha mikro/kecil; skala usaha tercatat {_SCALE_ID.get(scale, scale)}")
    if quantity and monthly is not None and monthly < quantity:
        out.append(f"kapasitas {number(monthly)}/bulan, kurang dari {number(quantity)} yang diminta")
    missing = sorted(missing_capabilities)
    if missing:
        out.append(f"belum tercatat mampu: {', '.join(missing)}")
    return out


_SCALE_ID = {"micro": "mikro", "small": "kecil", "medium": "menengah", "large": "besar"}
