"""Per-row attributes as growable numpy columns (one row per indexed document version)."""
import math

import numpy as np

from .structure import UNKNOWN_SCALE, Columns

_SPEC: dict[str, tuple[type, float | int | bool]] = {
    "alive": (np.bool_, False),
    "scale": (np.uint8, UNKNOWN_SCALE),
    "certs": (np.uint64, 0),  # bit i = certificate i of the index's certificate table
    "latitude": (np.float32, math.nan),
    "longitude": (np.float32, math.nan),
    "capacity": (np.float32, math.nan),
    "rating": (np.float32, math.nan),
    "on_time": (np.float32, math.nan),
    "orders": (np.int32, 0),
    "province": (np.int16, -1),
    "shown": (np.int32, 0),  # times in a diversity re-ranked page (amortised exposure)
    "kbli_a": (np.int16, -1),  # golongan pokok (2-digit KBLI) of the first three codes
    "kbli_b": (np.int16, -1),
    "kbli_c": (np.int16, -1),
}
KBLI_COLUMNS = ("kbli_a", "kbli_b", "kbli_c")


class RowStore:
    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self._cols = {name: np.full(capacity, fill, dtype=dtype) for name, (dtype, fill) in _SPEC.items()}

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.__dict__["_cols"][name]
        except KeyError:
            raise AttributeError(name) from None

    def extend(self, values: dict[str, list]) -> None:
        """Append rows given as one list per column (every column, same length)."""
        count = len(values["alive"])
        self._reserve(self.n + count)
        for name, column in values.items():
            self._cols[name][self.n:self.n + count] = np.asarray(column, dtype=_SPEC[name][0])
        self.n += count

    def _reserve(self, size: int) -> None:
        capacity = len(self._cols["alive"])
        if size <= capacity:
            return
        new = max(size, capacity * 2)
        for name, (dtype, fill) in _SPEC.items():
            grown = np.full(new, fill, dtype=dtype)
            grown[:capacity] = self._cols[name]
            self._cols[name] = grown

    def kbli(self, rows: np.ndarray) -> np.ndarray:
        """(rows × 3) golongan pokok numbers, −1 for none."""
        return np.stack([self._cols[name][rows] for name in KBLI_COLUMNS], axis=1)

    def columns(self, rows: np.ndarray) -> Columns:
        """The structural columns gathered for ``rows``."""
        c = self._cols
        return Columns(c["latitude"][rows], c["longitude"][rows], c["capacity"][rows],
                       c["rating"][rows], c["on_time"][rows])
