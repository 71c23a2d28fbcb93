"""KBLI 2020 hierarchy: same kelompok (5 digits) > subgolongan (4) > golongan pokok (2) > kategori.

The two fine levels are index keys (selective, so they can find suppliers on their own);
the two coarse levels would touch most of the index for every need, so they only add a
bonus to suppliers already found, from per-row columns (``coarse`` and ``coarse_level``).
"""
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from . import explain, resources
from .weights import Weights

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
    mains = tuple(sorted(set(coarse(need_codes))))
    if not mains:
        return np.zeros(len(columns))
    table = _coarse_table(mains, w.kbli_section, w.kbli_2)
    return table[np.where(columns >= 0, columns, 100)].max(axis=1)  # a main match is also a section match


@lru_cache(maxsize=1024)
def _coarse_table(mains: tuple[int, ...], section_points: float, main_points: float) -> np.ndarray:
    """Points by golongan pokok number (index 100 = no code) for a need's golongan pokok."""
    sections = _section_ids()
    wanted = {int(sections[m]) for m in mains if sections[m] >= 0}
    table = np.zeros(101)
    for number in range(100):
        table[number] = section_points * (int(sections[number]) in wanted) + main_points * (number in mains)
    return table


def coarse_max(need_codes: Iterable[str], w: Weights) -> float:
    return w.kbli_section + w.kbli_2 if coarse(need_codes) else 0.0


def relation(need_codes: Iterable[str], doc_codes: Iterable[str], language: str = "id") -> str | None:
    """The closest KBLI relation as a reason, e.g. "KBLI sama (25910)" / "same KBLI class (25910)"."""
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
    return explain.kbli_relation(best[0], best[1], language) if best else None
