"""The rows that pass (or fail) a need's hard filters, in one pass (numba).

A need made of common words reaches millions of rows; filtering them with numpy took a
gather and a comparison per filter plus a boolean index. This kernel reads each row's scale
and certificate bits once.
"""
import numpy as np
from numba import njit

ANY_SCALE = 255  # a scale ceiling every row passes
_UNCHECKED = np.ones(1, dtype=np.bool_)  # stands in for ``alive`` when it is not checked


@njit(cache=True, nogil=True)
def _select(rows, alive, check_alive, scale, scale_max, certs, bits, want):  # pragma: no cover
    out = np.empty(rows.shape[0], dtype=rows.dtype)
    k = 0
    for i in range(rows.shape[0]):
        r = rows[i]
        if check_alive and not alive[r]:
            continue
        if (scale[r] <= scale_max and (certs[r] & bits) == bits) == want:
            out[k] = r
            k += 1
    return out[:k]


def select(rows: np.ndarray, *, alive: np.ndarray | None, scale: np.ndarray, scale_max: int,
           certs: np.ndarray, bits: int, passing: bool = True) -> np.ndarray:
    """The alive ``rows`` (all rows when ``alive`` is None) whose scale code is at most
    ``scale_max`` and whose certificate bits include ``bits`` — or, with ``passing=False``,
    the alive ones that fail either test. Order is kept."""
    check = alive is not None
    return _select(rows, alive if check else _UNCHECKED, check, scale,
                   np.uint8(scale_max), certs, np.uint64(bits), passing)
