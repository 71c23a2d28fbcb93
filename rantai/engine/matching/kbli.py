"""KBLI 2020 hierarchy: same kelompok (5 digits) > subgolongan (4) > golongan pokok (2) > kategori.

The two fine levels are index keys (selective, so they can find suppliers on their own);
the two coarse levels would touch most of the index for every need, so they only add a
bonus to suppliers already found, from per-row columns (``coarse`` and ``coarse_level``).
"""
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from . import resources
from .weights import Weights

_LABELS = ("KBLI satu kategori", "KBLI satu golongan pokok", "KBLI satu subgolongan", "KBLI sama")
COARSE_SLOTS = 3  # golongan pokok columns per row; a fourth code still gets its fine keys


@lru_cache(maxsize=4096)
def keys(code: str) -> tuple[str, ...]:
    """The index keys of one code: subgolongan and kelompok (pseudo-terms, never words)."""
    code = code.strip()
    return tuple(f"\x00k{d}:{code[:d]}" for d in (4, 5) if len(code) >= d and code[:d].isdigit())


def query_keys(codes: Iterable[str], w: Weights) -> dict[str, float]:
    return {key: w.kbli_4 if key[2] == "4" else w.kbli_5 for code in codes for key in keys(code)}


def coarse(codes: Iterable[str]) -> list[int]:
    """Golongan pokok numbers of the codes (``'25910'`` → 25), for the per-row columns."""
    return [int(c[:2]) for c in codes if c[:2].isdigit()][:COARSE_SLOTS]


@lru_cache(maxsize=1)
def _section_ids() -> np.ndarray:
    """Golongan pokok number → kategori index (A = 0 … U = 20), −1 where unknown."""
    table = np.full(100, -1, dtype=np.int16)
    for code, letter in resources.kbli_sections().items():
        table[int(code)] = ord(letter) - ord("A")
    return table


def coarse_bonus(need_codes: Iterable[str], columns: np.ndarray, w: Weights) -> np.ndarray:
    """Section and golongan-pokok points for rows given as (rows × slots) 2-digit numbers."""
    mains = np.array(sorted(set(coarse(need_codes))), dtype=np.int16)
    if len(mains) == 0:
        return np.zeros(len(columns))
    sections = _section_ids()
    same_main = np.isin(columns, mains).any(axis=1)
    row_sections = np.where(columns >= 0, sections[np.clip(columns, 0, 99)], -1)
    same_section = np.isin(row_sections, sections[mains][sections[mains] >= 0]).any(axis=1)
    return w.kbli_section * same_section + w.kbli_2 * same_main


def coarse_max(need_codes: Iterable[str], w: Weights) -> float:
    return w.kbli_section + w.kbli_2 if coarse(need_codes) else 0.0


def relation(need_codes: Iterable[str], doc_codes: Iterable[str]) -> str | None:
    """The closest KBLI relation as an Indonesian reason, e.g. "KBLI sama (25910)"."""
    sections = resources.kbli_sections()
    best: tuple[int, str] | None = None
    doc_codes = [c.strip() for c in doc_codes]
    for need in (c.strip() for c in need_codes):
        for doc in doc_codes:
            depth, shared = -1, ""
            if sections.get(need[:2]) and sections.get(need[:2]) == sections.get(doc[:2]):
                depth, shared = 0, sections[need[:2]]
            for level, digits in ((1, 2), (2, 4), (3, 5)):
                if len(need) >= digits and need[:digits] == doc[:digits]:
                    depth, shared = level, need[:digits]
            if depth >= 0 and (best is None or depth > best[0]):
                best = (depth, shared)
    return f"{_LABELS[best[0]]} ({best[1]})" if best else None
