"""The pages and the API: who may import, the upload checks (by content, size, zip bombs),
the progress partial that stops polling when done, and the error report download."""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import make_agency, make_buyer, make_sme
from rantai.accounts.choices import OrgStatus
from rantai.accounts.models import Organisation
from rantai.accounts.services import api_token_create
from rantai.jobs.models import Job
from rantai.jobs.worker import run_pending
from rantai.suppliers.models import SupplierProfile

from .test_import_support import _media, csv_bytes, good_row, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.django_db

HOME = reverse("supplier-imports:home")


def _upload(client, data: bytes, name="pemasok.csv", **extra):
    return client.post(HOME, {"file": SimpleUploadedFile(name, data)}, **extra)


def _xlsx_like_zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


CONTENT_TYPES = (b'<?xml version="1.0"?><Types><Override PartName="/xl/workbook.xml" ContentType='
                 b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 b'</Types>')


def test_web_flow_upload_queue_progress_done_and_error_report(client):
    agency = make_agency()
    client.force_login(agency.user)
    assert client.get(HOME).status_code == 200
    response = _upload(client, csv_bytes([good_row(1), good_row(2, kbli="99999")]))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "supplier-imports:detail", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Dalam antrean" in page and 'hx-trigger="every 1s"' in page
    assert run_pending() == 1
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "hx-trigger" not in partial  # polling stops
    assert "Selesai: 2 baris = 1 baru + 0 diperbarui + 0 tidak berubah + 1 ditolak." in partial
    report = client.get(reverse("supplier-imports:errors", args=[job.pk]))
    assert report.status_code == 200 and report["Content-Type"].startswith("text/csv")
    body = b"".join(report.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[1].endswith(",3,kbli,Kode KBLI 2020 tidak dikenal: 99999")
    assert "pemasok.csv" in client.get(HOME).content.decode()


@pytest.mark.parametrize("who", ["sme", "buyer"])
def test_smes_and_buyers_cannot_import(client, tmp_path, who):
    member = make_sme() if who == "sme" else make_buyer()
    client.force_login(member.user)
    assert client.get(HOME).status_code == 403
    assert _upload(client, csv_bytes([good_row(1)])).status_code == 403
    assert not Job.objects.exists()
    api = Client(headers={"Authorization": f"Bearer {api_token_create(membership=member, name='t')[1]}"})
    assert api.post("/api/v1/imports", {"file": SimpleUploadedFile("a.csv", b"x")}).status_code == 403


def test_an_unapproved_agency_waits(client):
    agency = make_agency()
    Organisation.objects.filter(pk=agency.organisation_id).update(status=OrgStatus.PENDING)
    client.force_login(agency.user)
    assert client.get(HOME)["Location"] == reverse("accounts:pending")


def test_another_agency_sees_neither_the_job_nor_its_error_report(client):
    owner, other = make_agency(), make_agency("Dinas Lain")
    client.force_login(owner.user)
    _upload(client, csv_bytes([good_row(1, nib="1")]))
    run_pending()
    job = Job.objects.get()
    client.force_login(other.user)
    assert client.get(reverse("supplier-imports:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("supplier-imports:errors", args=[job.pk])).status_code == 404
    assert "pemasok.csv" not in client.get(HOME).content.decode()
    _token, key = api_token_create(membership=other, name="t")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    assert api.get(f"/api/v1/imports/{job.pk}").status_code == 404
    assert api.get(f"/api/v1/imports/{job.pk}/errors").status_code == 404


def test_api_upload_poll_and_error_report():
    agency = make_agency()
    _token, key = api_token_create(membership=agency, name="integrasi")
    api = Client(headers={"Authorization": f"Bearer {key}"})
    data = xlsx_bytes([[good_row(1)[c] for c in good_row(1)], [good_row(2)[c] for c in good_row(2)],
                       ["1", "CV Salah", "cv"]])
    response = api.post("/api/v1/imports", {"file": SimpleUploadedFile("data.xlsx", data)})
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "queued" and created["filename"] == "data.xlsx"
    run_pending()
    state = api.get(f"/api/v1/imports/{created['id']}").json()
    assert state["status"] == "done" and state["percent"] == 100
    assert state["counts"] == {"total": 3, "imported": 2, "updated": 0, "unchanged": 0,
                               "rejected": 1}
    report = api.get(state["errors_url"])
    assert report.status_code == 200
    assert "NIB harus 13 digit angka." in b"".join(report.streaming_content).decode()
    bad = api.post("/api/v1/imports", {"file": SimpleUploadedFile("x.csv", b"\x00\x01\x02")})
    assert bad.status_code == 422 and "bukan teks CSV" in bad.json()["errors"]["file"][0]


def test_the_type_is_judged_by_content_not_by_name(client):
    agency = make_agency()
    client.force_login(agency.user)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    response = _upload(client, png, name="pemasok.csv")
    assert "Berkas ini bukan teks CSV." in response.content.decode()
    response = _upload(client, _xlsx_like_zip({"readme.txt": b"halo"}), name="pemasok.xlsx")
    assert "Berkas ini bukan lembar kerja XLSX." in response.content.decode()
    _upload(client, csv_bytes([good_row(1)]), name="ternyata-csv.xlsx")  # a CSV, whatever its name
    run_pending()
    assert Job.objects.get(payload__filename="ternyata-csv.xlsx").payload["kind"] == "csv"
    assert SupplierProfile.objects.filter(nib=good_row(1)["nib"]).exists()
    assert not Job.objects.exclude(payload__filename="ternyata-csv.xlsx").exists()


def test_oversized_uploads_are_refused(client, settings):
    settings.SUPPLIER_IMPORT_MAX_BYTES = 2000
    agency = make_agency()
    client.force_login(agency.user)
    response = _upload(client, csv_bytes([good_row(n) for n in range(40)]))
    assert "Berkas terlalu besar: paling besar 2,0" in response.content.decode()
    assert not Job.objects.exists()


def test_a_zip_bomb_is_refused_before_it_is_opened(client, settings):
    agency = make_agency()
    client.force_login(agency.user)
    bomb = _xlsx_like_zip({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<w/>",
                           "xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    response = _upload(client, bomb, name="bom.xlsx")
    assert "dipadatkan secara mencurigakan" in response.content.decode()
    settings.SUPPLIER_IMPORT_XLSX_MAX_UNCOMPRESSED = 10_000  # the total is checked too
    response = _upload(client, xlsx_bytes([[good_row(1)[c] for c in good_row(1)]]),
                       name="besar.xlsx")
    assert "dipadatkan secara mencurigakan" in response.content.decode()
    assert not Job.objects.exists()


def test_templates_download(client):
    client.force_login(make_agency().user)
    csv_template = client.get(reverse("supplier-imports:template-csv"))
    assert csv_template.content.decode("utf-8-sig").startswith("nib,nama_usaha,bentuk_usaha,npwp")
    xlsx = client.get(reverse("supplier-imports:template-xlsx"))
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Data", "Petunjuk"]
    assert [c.value for c in workbook["Data"][1]][:3] == ["nib", "nama_usaha", "bentuk_usaha"]
    assert workbook["Data"].max_row == 1  # no example row that could be imported by mistake
