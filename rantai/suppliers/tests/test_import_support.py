"""Helpers and fixtures shared by the import/export tests (no tests in here)."""
import csv
import io
from pathlib import Path

import pytest

from rantai.accounts.models import Organisation
from rantai.jobs.models import Job, JobIssue
from rantai.jobs.worker import run_pending
from rantai.suppliers.imports.columns import NAMES
from rantai.suppliers.imports.services import import_enqueue
from rantai.suppliers.models import Product, SizeRecord, SupplierProfile


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploads and working files of each test in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def good_row(n: int = 1, **changes) -> dict:
    row = {"nib": f"91{n:011d}", "nama_usaha": f"CV Uji {n}", "bentuk_usaha": "cv",
           "npwp": "012345678901000", "alamat": "Jl. Uji No. 1", "kode_wilayah": "35.77",
           "kbli": "24310", "produk": "blok rem;besi cor", "penjualan_tahunan": "1500000000",
           "modal_usaha": "", "tenaga_kerja": "12", "per_tanggal": "2024-12-31",
           "nama_kontak": "Siti", "telepon": "0812-3456-789", "email": f"uji{n}@example.id"}
    row.update(changes)
    return row


def csv_bytes(rows: list[dict], header=NAMES, *, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], header=NAMES) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def queue(data: bytes, tmp_path: Path, *, membership=None, name="data.csv", language="id",
          chunk_rows=None) -> Job:
    path = tmp_path / name
    path.write_bytes(data)
    return import_enqueue(membership=membership, source=path, filename=name, language=language,
                          via="test", chunk_rows=chunk_rows)


def run(data: bytes, tmp_path: Path, **kwargs) -> Job:
    """Queue ``data`` and run the worker inline; the finished job."""
    job = queue(data, tmp_path, **kwargs)
    run_pending()
    job.refresh_from_db()
    return job


def issues(job: Job) -> list[tuple[int, str, str]]:
    return list(JobIssue.objects.filter(job=job).order_by("row")
                .values_list("row", "columns", "reasons"))


def snapshot() -> dict:
    """Everything an import writes, to compare before and after."""
    return {
        "organisations": list(Organisation.objects.order_by("pk").values()),
        "profiles": list(SupplierProfile.objects.order_by("pk").values()),
        "kbli": list(SupplierProfile.kbli.through.objects.order_by("pk").values()),
        "products": list(Product.objects.order_by("pk").values()),
        "sizes": list(SizeRecord.objects.order_by("pk").values()),
    }


def excel_like_xlsx(rows: list[list]) -> bytes:
    """An XLSX shaped like Excel's own files (which openpyxl cannot write): every text in a
    shared-strings table (one as rich text), a <dimension>, dates as serial numbers with a
    date style, a cell without ``r`` when it follows its neighbour."""
    import zipfile
    from datetime import date
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    shared: list[str] = []
    body = []
    for r, row in enumerate(rows, start=1):
        cells, skipped = [], True
        for c, value in enumerate(row, start=1):
            ref = f' r="{get_column_letter(c)}{r}"' if skipped else ""
            skipped = value is None or value == ""
            if skipped:
                continue
            if isinstance(value, date):
                serial = (value - date(1899, 12, 30)).days
                cells.append(f'<c{ref} s="1"><v>{serial}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f"<c{ref}><v>{value}</v></c>")
            else:
                shared.append(value)
                cells.append(f'<c{ref} t="s"><v>{len(shared) - 1}</v></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    items = "".join(f"<si><r><t>{escape(s[:3])}</t></r><r><t>{escape(s[3:])}</t></r></si>"
                    if i == 1 else f"<si><t>{escape(s)}</t></si>" for i, s in enumerate(shared))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    office = "application/vnd.openxmlformats"
    sheetml = f"{office}-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="{office}-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheetml}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{sheetml}.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{sheetml}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{sheetml}.styles+xml"/>'
            "</Types>"),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{main}"><fonts count="1"><font><sz val="11"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders>'
            '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/>'
            '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs><cellStyles count="1">'
            '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" count="{len(shared)}">{items}</sst>',
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><dimension ref="A1:O{len(rows)}"/>'
            f'<sheetData>{"".join(body)}</sheetData></worksheet>'),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()
