"""Exports: CSV streamed and XLSX split over sheets, what the requester may see only, NPWP
never, contacts only for agency staff, formulas defused; and the CLI."""
import csv
import io

import pytest
from django.core.management import call_command
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_agency, make_buyer, make_sme
from rantai.jobs.models import Job
from rantai.jobs.worker import run_pending
from rantai.suppliers import exports
from rantai.suppliers.models import SupplierProfile

from .test_import_support import _media, csv_bytes, good_row, run  # noqa: F401

pytestmark = pytest.mark.django_db
EXPORT = reverse("supplier-imports:export")


@pytest.fixture
def imported(tmp_path):
    rows = [good_row(1, nama_usaha="=HYPERLINK(\"http://x\")", kbli="24310;25920"),
            good_row(2, kode_wilayah="33.10"), good_row(3)]
    run(csv_bytes(rows), tmp_path)
    SupplierProfile.objects.filter(nib=good_row(3)["nib"]).update(status="draft")


def _csv(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_buyer_csv_export_is_what_the_directory_shows_without_private_data(client, imported):
    client.force_login(make_buyer().user)
    rows = _csv(client.get(EXPORT, {"format": "csv"}))
    assert [r["nib"] for r in rows] == [good_row(1)["nib"], good_row(2)["nib"]]  # by name
    first = rows[0]
    assert first["nama_usaha"] == "'=HYPERLINK(\"http://x\")"  # no formula in a spreadsheet
    assert (first["kbli"], first["produk"], first["penjualan_tahunan"], first["per_tanggal"],
            first["skala"], first["diklaim"]) == (
        "24310;25920", "blok rem;besi cor", "1500000000", "2024-12-31", "Mikro", "tidak")
    for private in ("npwp", "alamat", "nama_kontak", "telepon", "email"):
        assert private not in first
    assert "012345678901000" not in str(rows)
    filtered = _csv(client.get(EXPORT, {"format": "csv", "province": "33"}))
    assert [r["nib"] for r in filtered] == [good_row(2)["nib"]]
    assert client.get(EXPORT).status_code == 200  # the form


def test_agency_export_has_contacts_and_drafts_but_never_npwp(client, imported):
    client.force_login(make_agency().user)
    rows = _csv(client.get(EXPORT, {"format": "csv", "kbli": "243"}))
    assert len(rows) == 3
    assert rows[0]["telepon"] == "0812-3456-789" and rows[0]["alamat"] == "Jl. Uji No. 1"
    assert "npwp" not in rows[0] and "012345678901000" not in str(rows)


def test_an_agency_export_imports_back_unchanged(client, imported, tmp_path):
    client.force_login(make_agency().user)
    text = b"".join(client.get(EXPORT, {"format": "csv"}).streaming_content)
    job = run(text, tmp_path, name="ekspor.csv")
    assert job.result["unchanged"] == 3 and job.result["rejected"] == 0


def test_xlsx_export_continues_on_further_sheets(client, imported, settings):
    settings.SUPPLIER_EXPORT_ROWS_PER_SHEET = 2
    client.force_login(make_agency().user)
    queued = client.get(EXPORT, {"format": "xlsx"})
    job = Job.objects.get(kind="supplier.export")
    assert queued["Location"] == reverse("supplier-imports:export-detail", args=[job.pk])
    assert "Dalam antrean" in client.get(queued["Location"]).content.decode()
    assert run_pending() == 1
    page = client.get(queued["Location"]).content.decode()
    download = reverse("supplier-imports:export-download", args=[job.pk])
    assert download in page and "100%" in page
    response = client.get(download)
    assert response["Content-Disposition"].startswith('attachment; filename="pemasok-')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert workbook.sheetnames == ["Pemasok", "Pemasok 2"]
    sheets = [list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets]
    assert [len(rows) for rows in sheets] == [3, 2]  # header + 2, header + 1
    assert sheets[0][0] == sheets[1][0] and sheets[0][0][0] == "nib"
    header = sheets[0][0]
    first = dict(zip(header, sheets[0][1], strict=True))
    assert first["penjualan_tahunan"] == 1_500_000_000  # numbers stay numbers
    assert first["nib"] == good_row(1)["nib"]           # codes stay text
    assert "npwp" not in header


def test_cli_export_csv_and_xlsx_with_filters(tmp_path, imported):
    make_sme("CV Lain", regency="33.10")
    out = tmp_path / "semua.csv"
    call_command("export_suppliers", "--format", "csv", "--output", str(out), "--province", "35",
                 stdout=io.StringIO(), stderr=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert sorted(r["nib"] for r in rows) == [good_row(1)["nib"], good_row(3)["nib"]]
    assert "email" in rows[0] and "npwp" not in rows[0]
    xlsx = tmp_path / "semua.xlsx"
    call_command("export_suppliers", "--format", "xlsx", "--output", str(xlsx), "--kbli", "24",
                 "--rows-per-sheet", "1", stdout=io.StringIO(), stderr=io.StringIO())
    workbook = load_workbook(xlsx, read_only=True)
    assert len(workbook.sheetnames) == 4  # 3 imported + CV Lain (KBLI 24310), one per sheet


def test_export_rows_read_in_chunks_with_a_fixed_number_of_queries(imported,
                                                                   django_assert_max_num_queries):
    profiles = exports.operator_profiles()
    with django_assert_max_num_queries(4):
        rows = list(exports.export_rows(profiles, private=True, chunk_size=1000))
    assert len(rows) == 3
