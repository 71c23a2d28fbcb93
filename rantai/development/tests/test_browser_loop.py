"""The development loop in a real browser: the buyer rates a delivery with rejected goods,
gives feedback, the agency assigns a mentor, the SME works the plan and asks for a
re-check, the buyer passes it; then the officer drills from a dashboard figure to its list."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect, sync_playwright

from conftest import make_agency, make_buyer, make_sme
from rantai.core import clock
from rantai.development import services
from tests.browser.test_journey import CHROMIUM, CHROMIUM_ARGS, FIXTURE_PASSWORD, PHONE

from .helpers import delivered_order


def _login(browser, base: str, email: str):
    page = browser.new_context(viewport=PHONE, locale="id-ID", accept_downloads=True).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(FIXTURE_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_delivery_rating_feedback_plan_mentor_recheck(live_server, reference_data):
    buyer, sme, agency = make_buyer(), make_sme(), make_agency()
    order = delivered_order(buyer, sme, rejected=40)
    services.programme_create(by=agency, name="Pendampingan mutu pengecoran", topic="quality",
                              starts_on=clock.now().date(),
                              ends_on=clock.now().date() + timedelta(days=60))
    base = live_server.url
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        page = _login(browser, base, buyer.user.email)
        page.goto(f"{base}/pengadaan/pesanan/{order.pk}/")
        page.get_by_label("Mutu").select_option("2")
        page.get_by_label("Kelengkapan dokumen").select_option("3")
        page.get_by_role("button", name="Kirim penilaian").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Masukan untuk pemasok")
        page.get_by_label("Kategori").select_option("quality")
        page.get_by_label("Masukan untuk pemasok").fill("40 blok rem retak rambut pada uji visual")
        page.get_by_role("button", name="Kirim masukan").click()
        expect(page.locator("#plan-status")).to_have_text("Baru")
        plan_url = page.url

        officer = _login(browser, base, agency.user.email)
        officer.goto(plan_url)
        officer.get_by_label("Program pendampingan").select_option(label="Pendampingan mutu pengecoran")
        officer.get_by_role("button", name="Tetapkan", exact=True).click()
        expect(officer.locator("#plan-status")).to_have_text("Berjalan")

        owner = _login(browser, base, sme.user.email)
        owner.goto(plan_url)
        expect(owner.get_by_text("40 blok rem retak rambut pada uji visual", exact=True)).to_be_visible()
        owner.get_by_label("Tindakan").fill("Atur ulang suhu tuang dan uji penetran")
        owner.get_by_label("Tenggat").fill((clock.now().date() + timedelta(days=14)).isoformat())
        owner.get_by_role("button", name="Tambah tindakan").click()
        owner.get_by_role("button", name="Selesai").click()
        owner.get_by_role("button", name="Minta pembeli memeriksa ulang").click()
        expect(owner.locator("#plan-status")).to_have_text("Menunggu pemeriksaan ulang")

        page.goto(plan_url)
        page.get_by_label("Hasil").select_option("1")
        page.get_by_role("button", name="Simpan hasil").click()
        expect(page.locator("#plan-status")).to_have_text("Lulus pemeriksaan ulang")

        officer.goto(f"{base}/pemantauan/")
        expect(officer.locator("#province-map")).to_be_visible()
        officer.locator("#stat-orders").click()
        expect(officer.locator("#drill-count")).to_have_text("1")
        with officer.expect_download() as download:
            officer.get_by_role("link", name="CSV").click()
        assert order.number in download.value.path().read_text(encoding="utf-8-sig")
        browser.close()
    finally:
        playwright.stop()
