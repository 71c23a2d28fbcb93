"""The engine's public value types."""
from dataclasses import dataclass


@dataclass(frozen=True)
class SupplierDoc:
    id: str
    name: str
    products: tuple[str, ...] = ()
    description: str = ""
    kbli: tuple[str, ...] = ()  # KBLI 2020 codes
    regency_code: str | None = None  # Kemendagri 'xx.xx'
    certifications: frozenset[str] = frozenset()
    scale: str = "small"  # micro | small | medium | large
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Need:
    text: str
    kbli: tuple[str, ...] = ()
    regency_code: str | None = None
    required_certifications: frozenset[str] = frozenset()
    umk_only: bool = False  # reserved for micro and small enterprises
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Match:
    supplier_id: str
    score: float
    reasons: tuple[str, ...]  # human-readable, Indonesian by default
