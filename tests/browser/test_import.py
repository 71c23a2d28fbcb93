"""An agency officer imports a supplier list in a real browser: upload, the progress bar
polling until done, the counts, and the downloadable error report naming row and column."""
import csv
import io
import threading

import pytest
from django.db import connection, connections
from playwright.sync_api import expect, sync_playwright

from conftest import make_agency
from rantai.jobs.worker import run_pending
from rantai.suppliers.models import SupplierProfile

from .test_journey import CHROMIUM, CHROMIUM_ARGS, DESKTOP, FIXTURE_PASSWORD, SHOTS

HEADER = "nib,nama_usaha,bentuk_usaha,kode_wilayah,kbli,produk\n"
ROWS = (
    "3310990000001,CV Cor Ceper Satu,cv,33.10,24310,blok rem;pengecoran besi\n"
    "3310990000002,UD Logam Dua,ud,33.10,24310;25920,baut;mur\n"
    "123,CV NIB Pendek,cv,33.10,24310,blok rem\n"            # row 4: bad NIB
    "3310990000004,CV KBLI Salah,cv,33.10,99999,blok rem\n"    # row 5: unknown KBLI
    "3578990000005,Koperasi Tempe Tiga,koperasi,35.78,10793,keripik tempe\n"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_agency_imports_a_supplier_list_with_progress_and_error_report(live_server,
                                                                        reference_data,
                                                                        tmp_path):
    officer = make_agency()
    upload = tmp_path / "binaan-klaten.csv"
    upload.write_text(HEADER + ROWS, encoding="utf-8")
    SHOTS.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()

    def worker():  # `make run` starts the worker beside the server; here, a thread
        try:
            while not stop.is_set():
                run_pending()
                stop.wait(0.3)
        finally:
            connection.close()

    playwright = sync_playwright().start()
    thread = threading.Thread(target=worker, daemon=True)
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=DESKTOP, locale="id-ID",
                                   accept_downloads=True).new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/akun/masuk/")
        page.get_by_label("Email").fill(officer.user.email)
        page.get_by_label("Kata sandi").fill(FIXTURE_PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.goto(f"{live_server.url}/pemasok/impor/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Impor")
        page.locator("input[type=file]").set_input_files(str(upload))
        page.get_by_role("button", name="Unggah dan impor").click()
        progress = page.locator("#import-progress")
        expect(progress).to_contain_text("Dalam antrean")  # queued until a worker takes it
        page.screenshot(path=str(SHOTS / "import-01-queued.png"), full_page=True)
        thread.start()
        # the page polls by itself (htmx, every second) until the job is done
        expect(progress).to_contain_text(
            "Selesai: 5 baris = 3 baru + 0 diperbarui + 0 tidak berubah + 2 ditolak",
            timeout=30_000)
        expect(page.locator(".progress-bar")).to_have_text("100%")
        page.screenshot(path=str(SHOTS / "import-02-done.png"), full_page=True)
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Unduh laporan kesalahan (CSV)").click()
        report = download_info.value.path().read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(report)))
        problems = {(row["baris"], row["kolom"]) for row in rows}
        assert problems == {("4", "nib"), ("5", "kbli")}, rows
        assert all(row["alasan"] for row in rows)
        browser.close()
    finally:
        stop.set()
        if thread.is_alive():
            thread.join(timeout=10)
        connections.close_all()
        playwright.stop()
    imported = SupplierProfile.objects.filter(nib__startswith="3").order_by("nib")
    assert [p.name for p in imported] == ["CV Cor Ceper Satu", "UD Logam Dua",
                                          "Koperasi Tempe Tiga"]
    assert not any(p.claimed for p in imported)
