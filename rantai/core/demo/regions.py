"""Regencies with their population, read from the shipped Kemendagri CSV (not the database:
population is not stored there, and the generator must not need a database)."""
import csv
from dataclasses import dataclass
from functools import cache

from rantai.taxonomy.loaders import DATA_DIR


@dataclass(frozen=True)
class Place:
    code: str         # Kemendagri "33.10"
    province: str     # "33"
    name: str         # "Kabupaten Klaten"
    short_name: str   # "Klaten"
    population: int


@cache
def places() -> tuple[Place, ...]:
    """All 514 regencies in code order."""
    with open(DATA_DIR / "kabupaten_kota.csv", newline="", encoding="utf-8") as handle:
        return tuple(
            Place(code=r["kode"], province=r["kode_provinsi"], name=r["nama"],
                  short_name=r["nama_singkat"], population=int(r["penduduk_total"] or 0))
            for r in csv.DictReader(handle)
        )


@cache
def _by_code() -> dict[str, Place]:
    return {p.code: p for p in places()}


def place(code: str) -> Place:
    """The regency with ``code``; KeyError for an unknown code."""
    return _by_code()[code]
