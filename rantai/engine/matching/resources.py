"""The engine's packaged reference data (``data/``), loaded once per process.

Everything here comes from files shipped inside this package (see ``data/SOURCE.md``);
the engine never reads outside it.
"""
import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Regency:
    code: str  # Kemendagri 'xx.xx'
    name: str  # short name without "Kabupaten"/"Kota", e.g. "Madiun"
    province: int
    latitude: float
    longitude: float


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


@cache
def regencies() -> dict[str, Regency]:
    """The 514 kabupaten/kota by Kemendagri code, with centroids."""
    return {
        r["kode"]: Regency(r["kode"], r["nama_singkat"], int(r["kode_provinsi"]),
                           float(r["latitude"]), float(r["longitude"]))
        for r in _rows("kabupaten_kota.csv")
    }


@cache
def province_population() -> dict[int, int]:
    """Population by province code (Kemendagri 2025), for the under-served test."""
    return {int(r["kode"]): int(r["penduduk_total"]) for r in _rows("provinsi.csv")}


@cache
def place_words() -> frozenset[str]:
    """Every word of a regency or province name: these are never stemmed."""
    words: set[str] = set()
    for r in _rows("kabupaten_kota.csv"):
        words |= _words(r["nama_singkat"])
    for r in _rows("provinsi.csv"):
        words |= _words(r["nama"])
    return frozenset(words)


@cache
def indonesian_words() -> frozenset[str]:
    """Words attested in KBLI 2020 and KBKI 2013 (services) titles and descriptions.

    Used only to accept or refuse a Snowball stem and to recognise Indonesian words; it is
    not a root dictionary. KBKI goods names are left out on purpose: the quality benchmark
    evaluates on them. The lexicon's Indonesian side is included.
    """
    words: set[str] = set()
    for r in _rows("kbli2020.csv") + _rows("kbki_2013_jasa.csv"):
        words |= _words(r["judul"] + " " + r["deskripsi"])
    for indonesian, _ in lexicon_pairs():
        words |= _words(indonesian)
    return frozenset(words)


@cache
def english_words() -> frozenset[str]:
    """Words of the HS 2022 English descriptions and of the lexicon's English side."""
    words: set[str] = set()
    for r in _rows("hs2022.csv"):
        words |= _words(r["description"])
    for _, english in lexicon_pairs():
        words |= _words(english)
    return frozenset(words)


@cache
def lexicon_pairs() -> tuple[tuple[str, str], ...]:
    """The curated Indonesian ↔ English product and process phrase pairs."""
    return tuple((r["id"], r["en"]) for r in _rows("lexicon_id_en.csv"))


@cache
def dictionary_pairs() -> tuple[tuple[str, str], ...]:
    """Indonesian ↔ English product words from FreeDict/WikDict (``scripts/wikdict_pairs.py``)."""
    return tuple((r["id"], r["en"]) for r in _rows("wikdict_id_en.csv"))


@cache
def kbli_sections() -> dict[str, str]:
    """KBLI 2020 golongan pokok (2 digits) → kategori letter (A–U)."""
    return {r["kode"]: r["kategori"] for r in _rows("kbli2020.csv") if r["level"] == "golongan_pokok"}
