"""Export jobs: the file holds what the requester may see, only they can fetch it, access
lost meanwhile fails the job, and finished jobs are purged with their files."""
import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command

from conftest import make_agency, make_buyer, make_sme
from rantai.accounts.models import Membership, Organisation
from rantai.api.tests.helpers import token_client
from rantai.core import clock
from rantai.jobs.models import Job
from rantai.jobs.services import job_files_dir, jobs_purge
from rantai.jobs.worker import run_pending
from rantai.suppliers.export_jobs import export_file

from .test_import_support import _media  # noqa: F401

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_api_csv_export_job_holds_the_filtered_directory():
    make_sme("CV Baja Madiun", regency="35.77")
    make_sme("CV Batik Solo", regency="33.72", kbli=("13134",), products=("batik tulis",))
    make_sme("CV Draf", publish=False)
    api = token_client(make_buyer())
    created = api.post("/exports", {"format": "csv", "province": "35"})
    assert created.status_code == 201 and created.json()["status"] == "queued"
    job_id = created.json()["id"]
    assert api.get(f"/exports/{job_id}/file").status_code == 404  # not ready yet
    assert run_pending() == 1
    status = api.get(f"/exports/{job_id}").json()
    assert (status["status"], status["rows"], status["percent"]) == ("done", 1, 100)
    rows = _rows(api.get(status["file_url"].removeprefix("/api/v1")))
    assert [r["nama_usaha"] for r in rows] == ["CV Baja Madiun"]
    assert "telepon" not in rows[0] and "npwp" not in rows[0]


def test_bad_format_or_filter_is_refused_by_field():
    api = token_client(make_buyer())
    response = api.post("/exports", {"format": "pdf"})
    assert response.status_code == 422 and "format" in response.json()["errors"]
    assert not Job.objects.exists()


def test_only_the_person_who_asked_can_see_or_fetch_an_export():
    agency = make_agency()
    make_sme()
    api = token_client(agency)
    job_id = api.post("/exports", {"format": "xlsx"}).json()["id"]
    run_pending()
    colleague = Membership.objects.create(user=make_buyer().user, organisation=agency.organisation,
                                          role="staff")
    for outsider in (make_buyer(), make_agency("Dinas Lain"), colleague):
        client = token_client(outsider)
        assert client.get(f"/exports/{job_id}").status_code == 404
        assert client.get(f"/exports/{job_id}/file").status_code == 404
    assert api.get(f"/exports/{job_id}/file").status_code == 200


def test_pages_refuse_someone_elses_export(client):
    api = token_client(make_buyer())
    job_id = api.post("/exports", {"format": "csv"}).json()["id"]
    run_pending()
    client.force_login(make_buyer("PT Lain").user)
    assert client.get(f"/pemasok/impor/ekspor/{job_id}/").status_code == 404
    assert client.get(f"/pemasok/impor/ekspor/{job_id}/unduh/").status_code == 404


def test_an_export_fails_when_the_organisation_lost_approval():
    buyer = make_buyer()
    job_id = token_client(buyer).post("/exports", {"format": "csv"}).json()["id"]
    Organisation.objects.filter(pk=buyer.organisation_id).update(status="suspended")
    run_pending()
    job = Job.objects.get(pk=job_id)
    assert job.status == "failed" and "tidak berlaku" in job.error
    assert export_file(job) is None


def test_purge_removes_old_finished_jobs_and_their_files_only():
    api = token_client(make_buyer())
    old_id = api.post("/exports", {"format": "csv"}).json()["id"]
    run_pending()
    old_file = export_file(Job.objects.get(pk=old_id))
    assert old_file is not None and old_file.exists()
    queued_id = api.post("/exports", {"format": "csv"}).json()["id"]
    Job.objects.filter(pk=queued_id).update(created_at=clock.now() - timedelta(days=90))
    with clock.frozen_at(clock.now() + timedelta(days=10)):
        assert jobs_purge(older_than_days=30) == 0
    with clock.frozen_at(clock.now() + timedelta(days=31)):
        out = io.StringIO()
        call_command("purge_jobs", stdout=out)
    assert "1 finished job(s) removed" in out.getvalue()
    assert not Job.objects.filter(pk=old_id).exists() and not old_file.exists()
    assert Job.objects.filter(pk=queued_id, status="queued").exists()  # never finished: kept
    assert job_files_dir(queued_id).exists()
