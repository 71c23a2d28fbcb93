"""Upsert by NIB: what a new row creates, what a changed row updates, that importing the same
file twice changes nothing, that a corrected error report fixes exactly its rows, and that
an import killed mid-way resumes without duplicates or half-written rows."""
import csv
import io

import pytest
from django.core.management import call_command

from conftest import make_agency
from rantai.core.audit import verify_chain
from rantai.core.models import AuditEntry
from rantai.jobs.models import Job, JobIssue
from rantai.jobs.worker import run_pending
from rantai.suppliers.imports import runner
from rantai.suppliers.imports.report import error_report_lines
from rantai.suppliers.models import Capability, Product, SupplierProfile

from .test_import_support import _media, csv_bytes, good_row, issues, queue, run, snapshot  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_new_row_creates_an_unclaimed_published_profile_with_everything(tmp_path):
    agency = make_agency()
    job = run(csv_bytes([good_row(1, kbli="24310;25920", penjualan_tahunan="20000000000")]),
              tmp_path, membership=agency)
    assert job.status == "done"
    assert job.result | {"columns": None} == {
        "total": 1, "imported": 1, "updated": 0, "unchanged": 0, "rejected": 0,
        "encoding": "UTF-8", "columns": None, "filename": "data.csv"}
    profile = SupplierProfile.objects.select_related("organisation").get(nib=good_row(1)["nib"])
    org = profile.organisation
    assert (org.name, org.kind, org.status, org.memberships.count()) == (
        "CV Uji 1", "sme", "approved", 0)
    assert (profile.claimed, profile.status, profile.scale, profile.scale_rule) == (
        False, "published", "medium", "sales")
    assert (profile.npwp, profile.address, profile.contact_name, profile.contact_phone,
            profile.contact_email, profile.workforce) == (
        "012345678901000", "Jl. Uji No. 1", "Siti", "0812-3456-789", "uji1@example.id", 12)
    assert sorted(profile.kbli.values_list("code", flat=True)) == ["24310", "25920"]
    assert list(profile.products.values_list("name", flat=True)) == ["blok rem", "besi cor"]
    assert profile.search_text == "cv uji 1 blok rem besi cor"
    record = profile.size_records.get()
    assert (record.as_of.isoformat(), record.annual_sales, record.scale, record.workforce) == (
        "2024-12-31", 20_000_000_000, "medium", 12)
    assert profile.created_at and profile.updated_at
    entry = AuditEntry.objects.get(action="supplier.import")
    assert (entry.object_id, entry.actor_id, entry.organisation_id) == (
        str(job.pk), agency.user_id, agency.organisation_id)
    assert entry.payload["imported"] == 1 and entry.payload["status"] == "done"
    assert verify_chain() == []


def test_awkward_text_is_stored_exactly(tmp_path):
    row = good_row(1, nama_usaha="CV A\\B \"Jaya\"", alamat="Jl.\tMawar\nNo. 5, RT 01/02",
                   produk="baut 1/2\\\";mur M8", nama_kontak="Ni Luh Putu Ayu Ñ'")
    job = run(csv_bytes([row]), tmp_path)
    assert job.result["imported"] == 1, issues(job)
    profile = SupplierProfile.objects.get(nib=row["nib"])
    assert (profile.name, profile.address, profile.contact_name) == (
        'CV A\\B "Jaya"', "Jl.\tMawar\nNo. 5, RT 01/02", "Ni Luh Putu Ayu Ñ'")
    assert sorted(profile.products.values_list("name", flat=True)) == ['baut 1/2\\"', "mur M8"]
    assert run(csv_bytes([row]), tmp_path, name="lagi.csv").result["unchanged"] == 1


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    rows = [good_row(n) for n in range(1, 8)] + [good_row(8, nib="bad")]
    data = csv_bytes(rows)
    first = run(data, tmp_path)
    assert (first.result["imported"], first.result["rejected"]) == (7, 1)
    before, audits = snapshot(), AuditEntry.objects.count()
    second = run(data, tmp_path, name="lagi.csv")
    assert snapshot() == before  # not even updated_at moved
    assert (second.result["unchanged"], second.result["imported"], second.result["updated"],
            second.result["rejected"]) == (7, 0, 0, 1)
    assert AuditEntry.objects.count() == audits + 1  # the job's own entry, nothing per row


def test_a_changed_row_updates_only_what_changed(tmp_path):
    run(csv_bytes([good_row(1), good_row(2)]), tmp_path)
    profile = SupplierProfile.objects.get(nib=good_row(1)["nib"])
    kept = profile.products.get(name="blok rem")
    Capability.objects.create(supplier=profile, process="casting", material="besi cor kelabu")
    untouched = SupplierProfile.objects.get(nib=good_row(2)["nib"]).updated_at
    changed = good_row(1, nama_usaha="CV Uji Baru", kbli="25920", produk="blok rem;sepatu rem",
                       penjualan_tahunan="3000000000", per_tanggal="2025-06-30")
    job = run(csv_bytes([changed, good_row(2)]), tmp_path, name="v2.csv")
    assert (job.result["updated"], job.result["unchanged"]) == (1, 1)
    profile.refresh_from_db()
    assert profile.name == profile.organisation.name == "CV Uji Baru"
    assert list(profile.kbli.values_list("code", flat=True)) == ["25920"]
    assert sorted(profile.products.values_list("name", flat=True)) == ["blok rem", "sepatu rem"]
    assert profile.products.get(name="blok rem").pk == kept.pk  # details of kept products stay
    assert (profile.scale, profile.annual_sales) == ("small", 3_000_000_000)
    assert [r.as_of.isoformat() for r in profile.size_records.all()] == ["2025-06-30",
                                                                         "2024-12-31"]
    assert "pengecoran besi cor kelabu" in profile.search_text  # capabilities stay searchable
    assert "sepatu rem" in profile.search_text and "cv uji baru" in profile.search_text
    assert SupplierProfile.objects.get(nib=good_row(2)["nib"]).updated_at == untouched


def test_size_history_older_statements_and_corrections(tmp_path):
    run(csv_bytes([good_row(1, penjualan_tahunan="20000000000", per_tanggal="2024-12-31")]),
        tmp_path)
    older = good_row(1, penjualan_tahunan="1000000000", per_tanggal="2022-12-31")
    run(csv_bytes([older]), tmp_path, name="lama.csv")
    profile = SupplierProfile.objects.get(nib=good_row(1)["nib"])
    assert profile.scale == "medium"  # the newest statement still decides
    assert profile.size_records.count() == 2
    fixed = good_row(1, penjualan_tahunan="16000000000", per_tanggal="2024-12-31")
    job = run(csv_bytes([fixed]), tmp_path, name="koreksi.csv")
    assert job.result["updated"] == 1
    profile.refresh_from_db()
    assert profile.size_records.count() == 2  # corrected in place, same date
    assert profile.size_records.first().annual_sales == 16_000_000_000
    assert (profile.scale, profile.annual_sales) == ("medium", 16_000_000_000)


def test_absent_optional_columns_leave_fields_alone(tmp_path):
    run(csv_bytes([good_row(1)]), tmp_path)
    narrow = ["nib", "nama_usaha", "bentuk_usaha", "kode_wilayah", "kbli", "produk"]
    job = run(csv_bytes([good_row(1)], header=narrow), tmp_path, name="sempit.csv")
    assert job.result["unchanged"] == 1
    profile = SupplierProfile.objects.get(nib=good_row(1)["nib"])
    assert (profile.npwp, profile.contact_email, profile.annual_sales) == (
        "012345678901000", "uji1@example.id", 1_500_000_000)
    job = run(csv_bytes([good_row(1, email="")]), tmp_path, name="kosong.csv")
    profile.refresh_from_db()
    assert job.result["updated"] == 1 and profile.contact_email == ""


def _report(job) -> list[dict]:
    return list(csv.DictReader(io.StringIO("".join(error_report_lines(job)).lstrip("\ufeff"))))


def test_a_corrected_error_report_imports_exactly_its_rows(tmp_path):
    rows = [good_row(1), good_row(2, kbli="99999"), good_row(3), good_row(4, email="x@"),
            good_row(5, kode_wilayah="99.99")]
    first = run(csv_bytes(rows), tmp_path)
    report = _report(first)
    assert [(r["baris"], r["kolom"]) for r in report] == [
        ("3", "kbli"), ("5", "email"), ("6", "kode_wilayah")]
    assert report[0]["alasan"] == "Kode KBLI 2020 tidak dikenal: 99999"
    assert report[0]["nib"] == good_row(2)["nib"] and report[0]["produk"] == "blok rem;besi cor"
    fixes = {"kbli": "24310", "email": "y@example.id", "kode_wilayah": "33.10"}
    for row in report:
        row[row["kolom"]] = fixes[row["kolom"]]
    corrected = csv_bytes(report, header=list(report[0]))  # baris/kolom/alasan still there
    before = {p.nib: p.updated_at for p in SupplierProfile.objects.all()}
    second = run(corrected, tmp_path, name="perbaikan.csv")
    assert second.result | {"columns": None, "filename": None} == {
        "total": 3, "imported": 3, "updated": 0, "unchanged": 0, "rejected": 0,
        "encoding": "UTF-8", "columns": None, "filename": None}
    assert SupplierProfile.objects.count() == 5
    assert {p.nib: p.updated_at for p in SupplierProfile.objects.filter(nib__in=before)} == before
    assert SupplierProfile.objects.get(nib=good_row(5)["nib"]).regency_id == "33.10"


class SimulatedCrash(BaseException):
    """Stands in for kill -9: nothing catches it, nothing after it runs."""


def test_a_crash_mid_import_resumes_without_duplicates_or_half_rows(tmp_path, settings,
                                                                      monkeypatch):
    rows = [good_row(n) for n in range(1, 12)]
    rows[1]["nib"] = "rusak"          # row 3, chunk 1
    rows[6]["email"] = "bukan-email"  # row 8, chunk 3 (the one that crashes)
    job = queue(csv_bytes(rows), tmp_path, chunk_rows=3)
    real_apply, calls = runner.apply_chunk, []

    def crash_on_third_chunk(*args, **kwargs):
        outcome = real_apply(*args, **kwargs)  # the writes happen, then the process dies
        calls.append(1)
        if len(calls) == 3:
            raise SimulatedCrash
        return outcome

    monkeypatch.setattr(runner, "apply_chunk", crash_on_third_chunk)
    with pytest.raises(SimulatedCrash):
        run_pending()
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total) == ("running", 6, 11)
    assert SupplierProfile.objects.count() == 5          # chunks 1–2 only; chunk 3 rolled back
    assert JobIssue.objects.filter(job=job).count() == 1
    assert not AuditEntry.objects.filter(action="supplier.import").exists()

    monkeypatch.setattr(runner, "apply_chunk", real_apply)
    settings.JOBS_STALE_AFTER = 0  # the dead worker's heartbeat counts as stale at once
    assert run_pending() == 1
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2
    assert job.result["total"] == 11
    assert (job.result["imported"], job.result["rejected"]) == (9, 2)
    assert SupplierProfile.objects.count() == 9
    nibs = list(SupplierProfile.objects.values_list("nib", flat=True))
    assert len(nibs) == len(set(nibs))
    assert Product.objects.count() == 18 and [r for r, _c, _m in issues(job)] == [3, 8]
    assert AuditEntry.objects.filter(action="supplier.import").count() == 1


def test_cli_imports_resumes_and_writes_the_error_report(tmp_path, settings, monkeypatch):
    agency = make_agency()
    path = tmp_path / "pemasok.csv"
    path.write_bytes(csv_bytes([good_row(1), good_row(2, nib="x"), good_row(3)]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_suppliers", str(path), "--agency-email", agency.user.email,
                 stdout=out, stderr=err)
    assert "total 3: baru 2, diperbarui 0, tidak berubah 0, ditolak 1" in out.getvalue()
    assert "100%" in err.getvalue()  # the progress bar
    report = (tmp_path / "pemasok.csv.kesalahan.csv").read_text(encoding="utf-8-sig")
    assert report.splitlines()[1].endswith(",3,nib,NIB harus 13 digit angka.")
    job = Job.objects.get()
    assert (job.organisation_id, job.created_by_id) == (agency.organisation_id, agency.user_id)

    # An interrupted run of another file is resumed by running the command again.
    path2 = tmp_path / "kedua.csv"
    path2.write_bytes(csv_bytes([good_row(n) for n in range(10, 16)]))
    real_apply = runner.apply_chunk

    def crash(*args, **kwargs):
        real_apply(*args, **kwargs)
        raise SimulatedCrash

    monkeypatch.setattr(runner, "apply_chunk", crash)
    with pytest.raises(SimulatedCrash):
        call_command("import_suppliers", str(path2), "--chunk-rows", "2", stdout=out, stderr=err)
    monkeypatch.setattr(runner, "apply_chunk", real_apply)
    settings.JOBS_STALE_AFTER = 0
    out = io.StringIO()
    call_command("import_suppliers", str(path2), stdout=out, stderr=err)
    assert "melanjutkan impor" in err.getvalue()
    assert "total 6: baru 6" in out.getvalue()
    assert Job.objects.count() == 2
