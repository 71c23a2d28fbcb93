"""Export supplier profiles to CSV or XLSX: any number of rows, constant memory.

Rows come from a queryset read with ``iterator(chunk_size=…)`` (a server-side cursor on
PostgreSQL), KBLI codes and product names prefetched per chunk; CSV is produced line by line
for a ``StreamingHttpResponse``; XLSX is written by openpyxl in write-only mode (rows go
straight to disk), starting a new sheet after ``rows_per_sheet`` data rows (Excel's limit is
1,048,576 rows including the header).

Columns follow the import template, so an export can be edited and imported again. NPWP is
never exported. Address and contact details are private to the SME and agency staff (as on
the profile page), so they are exported only when ``private=True``.
"""
import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

from django.conf import settings
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext as _

from rantai.taxonomy.models import Kbli

from .imports.validate import spreadsheet_safe
from .models import Product, SizeRecord, SupplierProfile

EXCEL_MAX_ROWS = 1_048_576
PRIVATE = {"alamat", "nama_kontak", "telepon", "email"}
COLUMNS = ("nib", "nama_usaha", "bentuk_usaha", "alamat", "kode_wilayah", "kbli", "produk",
           "penjualan_tahunan", "modal_usaha", "tenaga_kerja", "per_tanggal", "nama_kontak",
           "telepon", "email", "kabupaten_kota", "provinsi", "skala", "status", "verifikasi",
           "diklaim")


def rows_per_sheet() -> int:
    """Data rows per XLSX sheet (``SUPPLIER_EXPORT_ROWS_PER_SHEET``, default Excel's max)."""
    return getattr(settings, "SUPPLIER_EXPORT_ROWS_PER_SHEET", EXCEL_MAX_ROWS - 1)


def export_columns(*, private: bool) -> list[str]:
    return [c for c in COLUMNS if private or c not in PRIVATE]


def operator_profiles(*, province: str = "", kbli: str = "") -> QuerySet[SupplierProfile]:
    """Every profile (drafts too), for an operator at the command line; the same filters as
    the directory: a province code and a KBLI code prefix."""
    profiles = SupplierProfile.objects.select_related("regency__province")
    if province:
        profiles = profiles.filter(regency__province_id=province)
    if kbli:
        profiles = profiles.filter(kbli__code__startswith=kbli).distinct()
    return profiles.order_by("name", "id")


def export_rows(profiles: QuerySet[SupplierProfile], *, private: bool,
                chunk_size: int = 2000) -> Iterator[list]:
    """One list of values per profile, in ``export_columns(private=…)`` order. Numbers stay
    numbers and dates dates (the writers format them)."""
    newest = SizeRecord.objects.filter(supplier=OuterRef("pk")).order_by("-as_of", "-id")
    profiles = profiles.annotate(size_as_of=Subquery(newest.values("as_of")[:1])).prefetch_related(
        Prefetch("kbli", queryset=Kbli.objects.only("code").order_by("code")),
        Prefetch("products", queryset=Product.objects.only("id", "supplier_id", "name")))
    columns = export_columns(private=private)
    for profile in profiles.iterator(chunk_size=chunk_size):
        regency = profile.regency
        values = {
            "nib": profile.nib, "nama_usaha": profile.name, "bentuk_usaha": profile.legal_form,
            "alamat": profile.address, "kode_wilayah": profile.regency_id,
            "kbli": ";".join(k.code for k in profile.kbli.all()),
            "produk": ";".join(p.name for p in profile.products.all()),
            "penjualan_tahunan": profile.annual_sales, "modal_usaha": profile.business_capital,
            "tenaga_kerja": profile.workforce, "per_tanggal": profile.size_as_of,
            "nama_kontak": profile.contact_name, "telepon": profile.contact_phone,
            "email": profile.contact_email, "kabupaten_kota": regency.name,
            "provinsi": regency.province.name, "skala": profile.get_scale_display(),
            "status": profile.get_status_display(),
            "verifikasi": profile.get_verification_display(),
            "diklaim": _("ya") if profile.claimed else _("tidak"),
        }
        yield [values[c] for c in columns]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV text in blocks of about 64 KB (UTF-8 BOM first so Excel reads it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_text(v) for v in row])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(header: list[str], rows: Iterable[list], target, *,
               per_sheet: int | None = None, title: str = "Pemasok",
               on_row=None) -> int:
    """Write an XLSX to ``target`` (a path or binary file), ``per_sheet`` data rows per
    sheet (each sheet repeats the header); the number of data rows written."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    per_sheet = per_sheet or rows_per_sheet()
    workbook = Workbook(write_only=True)
    sheet, in_sheet, written, sheets = None, per_sheet, 0, 0

    def cell(value):
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", spreadsheet_safe(value))
        return value

    for row in rows:
        if in_sheet == per_sheet:
            sheets += 1
            sheet = workbook.create_sheet(title if sheets == 1 else f"{title} {sheets}")
            sheet.append(header)
            in_sheet = 0
        sheet.append([cell(v) for v in row])
        in_sheet += 1
        written += 1
        if on_row and written % 1000 == 0:
            on_row(written)
    if sheet is None:
        workbook.create_sheet(title).append(header)
    workbook.save(target)
    return written
