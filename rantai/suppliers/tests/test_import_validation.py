"""Every row-level rule: the rejected row, the column and the message, while the file's
valid rows still go in. File-level problems fail the whole file with one message."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from conftest import make_agency, make_sme
from rantai.core import clock
from rantai.suppliers.imports.columns import NAMES
from rantai.suppliers.models import SupplierProfile
from rantai.taxonomy.models import Province

from .test_import_support import (  # noqa: F401
    _media,
    csv_bytes,
    excel_like_xlsx,
    good_row,
    issues,
    queue,
    run,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

FUTURE = (clock.now() + timedelta(days=3)).date().isoformat()


@pytest.mark.parametrize("column,value,message", [
    ("nib", "12345", "NIB harus 13 digit angka."),
    ("nib", "12345678901ab", "NIB harus 13 digit angka."),
    ("nib", "", "NIB wajib diisi."),
    ("nama_usaha", "", "Nama usaha wajib diisi."),
    ("nama_usaha", "x" * 201, "Terlalu panjang: paling banyak 200 karakter."),
    ("bentuk_usaha", "firma", "Pilih bentuk usaha: CV, PT, UD, Koperasi atau perorangan."),
    ("npwp", "12.345", "NPWP harus 15 atau 16 digit angka."),
    ("kode_wilayah", "99.99", "Kode kabupaten/kota tidak dikenal: 99.99."),
    ("kode_wilayah", "", "Kode wilayah wajib diisi."),
    ("kbli", "99999", "Kode KBLI 2020 tidak dikenal: 99999"),
    ("kbli", "24310;2431", "Kode KBLI 2020 tidak dikenal: 2431"),
    ("kbli", "", "Isi minimal satu kode KBLI 2020."),
    ("produk", " ; ", "Isi minimal satu produk."),
    ("produk", "y" * 201, "Terlalu panjang: paling banyak 200 karakter."),
    ("penjualan_tahunan", "satu miliar", "Harus bilangan bulat"),
    ("penjualan_tahunan", "1500000,5", "Harus bilangan bulat"),
    ("penjualan_tahunan", "99999999999999999999", "Angka di luar batas yang diizinkan."),
    ("modal_usaha", "-5000000", "Nilai tidak boleh negatif."),
    ("tenaga_kerja", "-1", "Nilai tidak boleh negatif."),
    ("per_tanggal", "31/12/2024", "Tanggal tidak valid: 31/12/2024."),
    ("per_tanggal", "2024-02-30", "Tanggal tidak valid: 2024-02-30."),
    ("per_tanggal", FUTURE, "Tanggal tidak boleh di masa depan."),
    ("per_tanggal", "", "Isi per_tanggal bila penjualan_tahunan atau modal_usaha diisi."),
    ("telepon", "hubungi kami", "Nomor telepon tidak valid"),
    ("telepon", "12345", "Nomor telepon tidak valid"),
    ("email", "siti@", "Alamat email tidak valid."),
])
def test_a_bad_cell_rejects_its_row_naming_row_column_and_reason(tmp_path, column, value,
                                                                   message):
    rows = [good_row(1), good_row(2, **{column: value}), good_row(3)]
    job = run(csv_bytes(rows), tmp_path)
    assert job.status == "done"
    assert len(issues(job)) == 1
    row, columns, reasons = issues(job)[0]
    assert (row, columns) == (3, column)  # header is row 1
    assert message in reasons
    assert job.result["total"] == 3 and job.result["imported"] == 2
    assert job.result["rejected"] == 1
    assert not SupplierProfile.objects.filter(nib=good_row(2)["nib"]).exists() or column == "nib"


def test_several_problems_in_one_row_are_all_named_in_order(tmp_path):
    job = run(csv_bytes([good_row(1, nib="1", kbli="99999", email="x")]), tmp_path)
    row, columns, reasons = issues(job)[0]
    assert columns == "nib | kbli | email"
    assert reasons.split(" | ")[0] == "NIB harus 13 digit angka."
    assert len(reasons.split(" | ")) == 3


def test_a_nib_used_twice_in_the_file_rejects_every_such_row(tmp_path):
    rows = [good_row(1), good_row(2), good_row(3), good_row(1, nama_usaha="CV Kembar")]
    job = run(csv_bytes(rows), tmp_path)
    found = issues(job)
    assert [(r, c) for r, c, _m in found] == [(2, "nib"), (5, "nib")]
    assert "muncul lebih dari sekali dalam berkas (baris 2, 5)" in found[0][2]
    assert not SupplierProfile.objects.filter(nib=good_row(1)["nib"]).exists()
    assert job.result["imported"] == 2 and job.result["rejected"] == 2


def test_a_nib_written_with_spaces_is_the_same_nib(tmp_path):
    spaced = good_row(1)["nib"][:4] + " " + good_row(1)["nib"][4:]
    rows = [good_row(1)] + [good_row(n) for n in range(2, 8)] + [good_row(9, nib=spaced)]
    job = run(csv_bytes(rows), tmp_path, chunk_rows=2)  # the two rows land in different chunks
    assert [(r, c) for r, c, _m in issues(job)] == [(2, "nib"), (9, "nib")]


def test_a_profile_its_owner_manages_is_never_overwritten(tmp_path):
    owned = make_sme("CV Milik Sendiri").organisation.supplier_profile
    job = run(csv_bytes([good_row(1, nib=owned.nib, nama_usaha="Nama Lain")]), tmp_path)
    assert issues(job) == [(2, "nib", "NIB ini milik usaha yang mengelola profilnya sendiri; "
                                      "impor tidak mengubahnya.")]
    owned.refresh_from_db()
    assert owned.name == "CV Milik Sendiri"


def test_a_province_scoped_officer_imports_only_in_that_province(tmp_path):
    officer = make_agency("Dinas Koperasi dan UKM Jawa Timur",
                          province=Province.objects.get(code="35"))
    rows = [good_row(1, kode_wilayah="35.77"), good_row(2, kode_wilayah="33.10")]
    job = run(csv_bytes(rows), tmp_path, membership=officer)
    assert [(r, c) for r, c, _m in issues(job)] == [(3, "kode_wilayah")]
    assert "di luar provinsi lingkup Anda (Jawa Timur)" in issues(job)[0][2]


def test_accepted_spellings_of_amounts_codes_and_forms(tmp_path):
    rows = [good_row(1, penjualan_tahunan="Rp 1.500.000.000,00", bentuk_usaha="P.T.",
                     kode_wilayah="3577", npwp="01.234.567.8-901.000", kbli="24310, 25920",
                     telepon="'+62 812 3456 789"),
            good_row(2, penjualan_tahunan="2,500,000,000", bentuk_usaha="Perseorangan",
                     kode_wilayah="35.1", per_tanggal="2024-12-31 00:00:00")]
    job = run(csv_bytes(rows, delimiter=";"), tmp_path)
    assert issues(job) == []
    first = SupplierProfile.objects.get(nib=good_row(1)["nib"])
    assert (first.annual_sales, first.legal_form, first.regency_id, first.npwp) == (
        1_500_000_000, "pt", "35.77", "012345678901000")
    assert first.contact_phone == "+62 812 3456 789"
    assert sorted(first.kbli.values_list("code", flat=True)) == ["24310", "25920"]
    second = SupplierProfile.objects.get(nib=good_row(2)["nib"])
    assert (second.annual_sales, second.legal_form, second.regency_id) == (
        2_500_000_000, "perorangan", "35.10")


def test_xlsx_cells_typed_as_numbers_and_dates_mean_what_was_typed(tmp_path):
    from datetime import datetime

    row = good_row(1)
    values = [row[name] for name in row]
    values[0] = 9100000000001           # NIB as a number
    values[5] = 35.1                    # the code 35.10, as Excel shows it
    values[6] = 1111                    # KBLI 01111 without its leading zero
    values[8] = 1_500_000_000.0
    values[11] = datetime(2024, 12, 31)
    job = run(xlsx_bytes([values]), tmp_path, name="data.xlsx")
    assert job.status == "done", job.error
    assert issues(job) == []
    profile = SupplierProfile.objects.get(nib="9100000000001")
    assert profile.regency_id == "35.10" and profile.annual_sales == 1_500_000_000
    assert list(profile.kbli.values_list("code", flat=True)) == ["01111"]
    assert profile.size_records.get().as_of.isoformat() == "2024-12-31"


def test_an_excel_style_workbook_with_shared_strings_and_date_cells(tmp_path):
    from datetime import date

    from openpyxl import load_workbook

    first, second = good_row(1), good_row(2, kbli="99999")
    rows = [list(NAMES)]
    for row in (first, second):
        values = [row[name] for name in NAMES]
        values[NAMES.index("penjualan_tahunan")] = 1_500_000_000
        values[NAMES.index("tenaga_kerja")] = 12
        values[NAMES.index("per_tanggal")] = date(2024, 12, 31)
        rows.append(values)
    data = excel_like_xlsx(rows)
    (tmp_path / "cek.xlsx").write_bytes(data)
    assert load_workbook(tmp_path / "cek.xlsx").active["B2"].value == "CV Uji 1"  # well formed
    job = run(data, tmp_path, name="excel.xlsx")
    assert job.status == "done", job.error
    assert [(r, c) for r, c, _m in issues(job)] == [(3, "kbli")]
    profile = SupplierProfile.objects.get(nib=first["nib"])
    assert (profile.name, profile.annual_sales, profile.workforce) == ("CV Uji 1", 1_500_000_000, 12)
    assert profile.size_records.get().as_of == date(2024, 12, 31)


@pytest.mark.parametrize("data,message", [
    (b"nib,nama_usaha,produk\n9100000000001,CV A,baut\n",
     "Kolom wajib tidak ada: bentuk_usaha, kode_wilayah, kbli."),
    (b"nib,nama_usaha,bentuk_usaha,kode_wilayah,kbli,produk,NIB\n",
     "Kolom nib muncul dua kali di baris judul."),
    (b"\x00\x01\x02PNG binary", "Berkas ini bukan teks CSV."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", "Ini berkas Excel lama (.xls)."),
    (b"   \n", "Berkas kosong."),
])
def test_a_file_that_cannot_be_read_is_refused_at_upload(tmp_path, data, message):
    with pytest.raises(ValidationError) as error:
        queue(data, tmp_path)
    assert message in " ".join(error.value.message_dict["file"])


def test_a_header_without_rows_fails_the_job_with_a_message(tmp_path):
    job = run(csv_bytes([]), tmp_path)
    assert job.status == "failed"
    assert job.error == "Berkas tidak berisi baris data di bawah baris judul."


def test_windows_1252_csv_is_read_and_broken_utf8_is_refused(tmp_path):
    rows = [good_row(1, nama_usaha="CV Café Ñusantara")]
    job = run(csv_bytes(rows, encoding="cp1252"), tmp_path)
    assert job.status == "done" and job.result["encoding"] == "Windows-1252"
    assert SupplierProfile.objects.get(nib=good_row(1)["nib"]).name == "CV Café Ñusantara"

    broken = csv_bytes([good_row(2, nama_usaha="CV Ketoprak Énak"), good_row(3)])
    with pytest.raises(ValidationError) as error:  # broken within the first 64 KB: at upload
        queue(broken.replace(b"CV Uji 3", b"CV Uji \xff3"), tmp_path, name="rusak.csv")
    assert "Berkas UTF-8 rusak di sekitar baris 3." in error.value.messages[0]

    rows = [good_row(n, nama_usaha=f"CV Énak {n}") for n in range(10, 1010)]
    broken = csv_bytes(rows).replace(b"CV \xc3\x89nak 1000", b"CV \xc9nak 1000")
    job = run(broken, tmp_path, name="rusak-jauh.csv")  # further down: the job fails
    assert job.status == "failed"
    assert job.error.startswith("Berkas UTF-8 rusak di sekitar baris")
    assert not SupplierProfile.objects.filter(nib=good_row(10)["nib"]).exists()


def test_utf8_with_bom_and_english_messages(tmp_path, settings):
    data = b"\xef\xbb\xbf" + csv_bytes([good_row(1, nama_usaha="CV Sinar Ñ"), good_row(2, nib="1")])
    job = run(data, tmp_path, language="en")
    assert job.status == "done" and job.result["encoding"] == "UTF-8"
    assert SupplierProfile.objects.get(nib=good_row(1)["nib"]).name == "CV Sinar Ñ"
    assert issues(job)[0][:2] == (3, "nib")
    utf16 = csv_bytes([good_row(4, nama_usaha="CV Ñusa")], delimiter="\t").decode().encode("utf-16")
    job = run(utf16, tmp_path, name="unicode.txt")  # Excel's "Unicode text"
    assert job.status == "done" and job.result["encoding"] == "UTF-16"
    assert SupplierProfile.objects.get(nib=good_row(4)["nib"]).name == "CV Ñusa"
