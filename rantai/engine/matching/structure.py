"""Structure beside text: scale and certificate filters, distance, capacity, performance.

Functions take column arrays so the same code scores one supplier (``rank_needs``) or a
hundred thousand (``search``).
"""
import math
from dataclasses import dataclass

import numpy as np

from . import resources
from .types import Need
from .weights import Weights

SCALES = ("micro", "small", "medium", "large")
UNKNOWN_SCALE = len(SCALES)
UMK_MAX_CODE = SCALES.index("small")  # micro and small may bid on UMK-reserved needs


def scale_code(scale: str) -> int:
    return SCALES.index(scale) if scale in SCALES else UNKNOWN_SCALE


def is_umk(scale: str) -> bool:
    return scale_code(scale) <= UMK_MAX_CODE


@dataclass(frozen=True, slots=True)
class Place:
    latitude: float
    longitude: float
    name: str | None  # regency short name for reasons, e.g. "Madiun"


def place_of(regency_code: str | None, latitude: float | None, longitude: float | None) -> Place | None:
    """Explicit coordinates win; otherwise the regency centroid; otherwise unknown."""
    regency = resources.regencies().get(regency_code or "")
    name = regency.name if regency else None
    if latitude is not None and longitude is not None:
        return Place(latitude, longitude, name)
    if regency is not None:
        return Place(regency.latitude, regency.longitude, name)
    return None


def province_of(regency_code: str | None) -> int:
    """Kemendagri province number (``'35.19'`` → 35), or −1."""
    head = (regency_code or "").split(".")[0]
    return int(head) if head.isdigit() else -1


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def distance_km(lat1: float, lon1: float, lat2: np.ndarray | float, lon2: np.ndarray | float
                ) -> np.ndarray:
    """``haversine_km`` for arrays of points; NaN where a coordinate is NaN."""
    p1, p2 = math.radians(lat1), np.radians(np.asarray(lat2, dtype=np.float64))
    dp, dl = p2 - p1, np.radians(np.asarray(lon2, dtype=np.float64) - lon1)
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


@dataclass(frozen=True, slots=True)
class Columns:
    """The structural attributes of some suppliers, one array entry each."""

    latitude: np.ndarray
    longitude: np.ndarray
    capacity: np.ndarray
    rating: np.ndarray
    on_time: np.ndarray


def bonus(w: Weights, need: Need, delivery: Place | None, cols: Columns) -> np.ndarray:
    """Distance + capacity + past-performance points; 0 for what is unknown."""
    total = np.zeros(len(cols.latitude), dtype=np.float64)
    if delivery is not None:
        km = distance_km(delivery.latitude, delivery.longitude, cols.latitude, cols.longitude)
        total += np.nan_to_num(w.distance / (1.0 + km / 100.0))
    if need.quantity:
        covered = np.minimum(cols.capacity.astype(np.float64) / need.quantity, 1.0)
        total += np.nan_to_num(w.capacity * (2.0 * covered - 1.0))
    rating = np.nan_to_num((cols.rating.astype(np.float64) - 3.0) / 4.0)
    on_time = np.nan_to_num(np.clip((cols.on_time.astype(np.float64) - 0.75) * 2.0, -0.5, 0.5))
    return total + w.performance * (np.clip(rating, -0.5, 0.5) + on_time)


def bonus_max(w: Weights, need: Need, delivery: Place | None) -> float:
    """An upper bound of ``bonus`` for this need, for exact pruning."""
    return (w.distance if delivery else 0.0) + (w.capacity if need.quantity else 0.0) + w.performance


def bonus_min(w: Weights, need: Need) -> float:
    """A lower bound of ``bonus`` (capacity and performance can take points away)."""
    return -(w.capacity if need.quantity else 0.0) - w.performance
