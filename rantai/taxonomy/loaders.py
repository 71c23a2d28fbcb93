"""Idempotent loaders for the CSV files in ``data/``: running them twice changes nothing.

Rows are upserted by their code; nothing is deleted, so codes referenced by live records
stay valid even if a later edition drops them.
"""
import csv
from pathlib import Path

from django.db import transaction

from .models import Kbli, Province, Regency

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _float(value: str) -> float | None:
    return float(value) if value else None


def _upsert(model, objects: list, fields: list[str]) -> None:
    model.objects.bulk_create(
        objects, update_conflicts=True, unique_fields=["code"], update_fields=fields,
        batch_size=500,
    )


@transaction.atomic
def load_regions() -> tuple[int, int]:
    """Upsert provinces and regencies; returns their counts."""
    provinces = [
        Province(code=r["kode"], name=r["nama"], latitude=_float(r["latitude"]),
                 longitude=_float(r["longitude"]))
        for r in _rows("provinsi.csv")
    ]
    _upsert(Province, provinces, ["name", "latitude", "longitude"])
    regencies = [
        Regency(code=r["kode"], province_id=r["kode_provinsi"], name=r["nama"],
                short_name=r["nama_singkat"], kind=r["jenis"],
                latitude=_float(r["latitude"]), longitude=_float(r["longitude"]))
        for r in _rows("kabupaten_kota.csv")
    ]
    _upsert(Regency, regencies, ["province", "name", "short_name", "kind", "latitude",
                                 "longitude"])
    return len(provinces), len(regencies)


@transaction.atomic
def load_kbli() -> int:
    """Upsert all KBLI 2020 codes, parents before children; returns the count."""
    rows = sorted(_rows("kbli2020.csv"), key=lambda r: int(r["digit"]))
    codes = [
        Kbli(code=r["kode"], level=r["level"], digits=int(r["digit"]), section=r["kategori"],
             parent_id=r["parent_kode"] or None, title=r["judul"], description=r["deskripsi"])
        for r in rows
    ]
    _upsert(Kbli, codes, ["level", "digits", "section", "parent", "title", "description"])
    return len(codes)
