"""The import file's columns: names (the header row), which are required, examples.

Header cells are matched case-insensitively, with spaces and dashes read as underscores
("Nama Usaha" is ``nama_usaha``). Unknown columns are ignored, so an error report (which
adds ``baris``, ``kolom`` and ``alasan``) can be imported again once corrected. An optional
column that is absent leaves that field of existing profiles untouched; present but empty,
it clears it.
"""
import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: Promise | str
    example: str


COLUMNS: tuple[Column, ...] = (
    Column("nib", True, _("Nomor Induk Berusaha (OSS): 13 digit angka."), "9120001234567"),
    Column("nama_usaha", True, _("Nama usaha, paling banyak 200 karakter."), "CV Baja Kurnia"),
    Column("bentuk_usaha", True, _("cv, pt, ud, koperasi atau perorangan."), "cv"),
    Column("npwp", False, _("15 atau 16 digit; titik dan tanda hubung boleh."),
           "01.234.567.8-901.000"),
    Column("alamat", False, _("Alamat usaha."), "Jl. Raya Madiun No. 5"),
    Column("kode_wilayah", True, _("Kode kabupaten/kota Kemendagri xx.xx."), "35.77"),
    Column("kbli", True, _("Kode KBLI 2020 lima digit, dipisah titik koma."), "24310;25920"),
    Column("produk", True, _("Nama produk, dipisah titik koma."), "blok rem;besi cor kelabu"),
    Column("penjualan_tahunan", False, _("Hasil penjualan setahun, rupiah (bilangan bulat)."),
           "1500000000"),
    Column("modal_usaha", False, _("Modal usaha di luar tanah dan bangunan, rupiah."),
           "750000000"),
    Column("tenaga_kerja", False, _("Jumlah tenaga kerja (bilangan bulat)."), "12"),
    Column("per_tanggal", False, _("Tanggal angka penjualan/modal, TTTT-BB-HH."), "2024-12-31"),
    Column("nama_kontak", False, _("Nama orang yang dapat dihubungi."), "Siti Rahayu"),
    Column("telepon", False, _("Telepon/WhatsApp."), "+62 812-3456-7890"),
    Column("email", False, _("Email kontak."), "siti@bajakurnia.co.id"),
)

NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
REPORT_EXTRA: tuple[str, ...] = ("baris", "kolom", "alasan")


def header_key(cell: str) -> str:
    """A header cell as a column name: lower case, spaces/dashes as underscores."""
    return re.sub(r"[\s\-]+", "_", cell.strip().lstrip("\ufeff").strip().lower())
