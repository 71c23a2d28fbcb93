"""The engine's public value types.

Fields after the first-version ones are optional, with defaults that keep the first
behaviour: an adapter that does not know a field simply leaves it out.
"""
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SupplierDoc:
    """One SME profile as the engine sees it."""

    id: str
    name: str
    products: tuple[str, ...] = ()
    description: str = ""
    kbli: tuple[str, ...] = ()  # KBLI 2020 codes
    regency_code: str | None = None  # Kemendagri 'xx.xx'
    certifications: frozenset[str] = frozenset()  # valid ones only: the adapter filters
    scale: str = "small"  # micro | small | medium | large
    latitude: float | None = None  # when None, the regency centroid is used
    longitude: float | None = None
    capabilities: frozenset[str] = frozenset()  # processes, e.g. "pengecoran", "pemesinan CNC"
    monthly_capacity: float | None = None  # units per month, in the unit needs are asked in
    rating: float | None = None  # buyers' mean rating, 1..5
    on_time_rate: float | None = None  # share of deliveries on time, 0..1
    orders_completed: int = 0  # orders delivered through the platform; 0 = new supplier


@dataclass(frozen=True, slots=True)
class Need:
    """What a buyer asks for; ``text`` may be Indonesian or English."""

    text: str
    kbli: tuple[str, ...] = ()
    regency_code: str | None = None  # delivery regency
    required_certifications: frozenset[str] = frozenset()  # hard filter
    umk_only: bool = False  # reserved for micro and small enterprises: hard filter
    latitude: float | None = None  # when None, the delivery regency centroid is used
    longitude: float | None = None
    quantity: float | None = None  # units per month asked, compared with capacity
    capabilities: frozenset[str] = frozenset()  # processes the work needs
    id: str = ""  # the caller's reference, used when ranking needs for a supplier


@dataclass(frozen=True, slots=True)
class Match:
    """A ranked supplier (or, from ``rank_needs``, the supplier's fit to one need)."""

    supplier_id: str
    score: float
    reasons: tuple[str, ...]  # human-readable, Indonesian by default (``language="en"``: English)
    gaps: tuple[str, ...] = ()  # what the supplier lacks for this need, same language
