"""The whole journey in a real chromium, through the UI only.

A new SME signs up on a phone and publishes its profile; a BUMN buyer posts a need, invites
the matched SMEs; the SME sends a sealed quote nobody else can read; after the deadline the
buyer compares, awards, confirms the BAST, pays and rates; an agency officer sees it on the
dashboard. Administrator-only set-up (the approved buyer, the agency officer and a competing
SME) comes from fixtures; every user action is a click or a keystroke.

Screenshots of every step land in test-output/browser/NN-step.png.
"""
import os
import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connections
from django.utils import timezone
from playwright.sync_api import Page, expect, sync_playwright

from conftest import make_agency, make_buyer, make_sme
from rantai.accounts.choices import Role
from rantai.core.audit import verify_chain
from rantai.sourcing.choices import OrderStatus
from rantai.sourcing.models import Need, PurchaseOrder
from rantai.suppliers.models import SupplierProfile

# Playwright's sync API runs an asyncio loop in this thread; the test's own ORM calls
# (fixtures, the deadline shift, the final checks) are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

FIXTURE_PASSWORD = "rahasia-123"  # what conftest's make_* helpers give every user
SME_NAME = "CV Sumber Logam Klaten"
SME_EMAIL = "sri.lestari@sumberlogam.id"
SME_PASSWORD = "Cor-Klaten-2025"
SME_NIB = "3310250001234"
COMPETITOR_NAME = "CV Baja Madiun Jaya"
NEED_TITLE = "Blok rem komposit untuk kereta"
UNIT_PRICE, COMPETITOR_UNIT_PRICE, QUANTITY = 185_000, 199_000, 500
TOTAL = "Rp92.500.000"            # 500 × Rp185.000, every digit
COMPETITOR_TOTAL = "Rp99.500.000"
# Every way the SME's amount could leak into a page before the deadline.
SECRET_AMOUNTS = ("92.500.000", "92500000", "92,5", "185.000", "185000")


class Journey:
    """One browser tab walking through the site, with a numbered screenshot per step."""

    def __init__(self, page: Page, base_url: str):
        self.page, self.base_url, self.step = page, base_url, 0

    def shot(self, name: str) -> None:
        self.step += 1
        self.page.screenshot(path=str(SHOTS / f"{self.step:02d}-{name}.png"), full_page=True)
        # After a full-page capture chromium can route the next click to stale coordinates
        # when the target is already in view (seen on the phone profile form: the click hit
        # the <form> beside the button). Scrolling back to the top makes Playwright scroll
        # the next target into view afresh.
        self.page.evaluate("window.scrollTo(0, 0)")

    def nav(self):
        """The top navigation, opened first when it is collapsed behind the toggler (phone)."""
        toggler = self.page.locator(".navbar-toggler")
        # Decided by the viewport, not by is_visible(): right after a resize the layout may
        # not have caught up, and the toggler would vanish under the click.
        collapsed = self.page.viewport_size["width"] < 1200  # Bootstrap's xl breakpoint (base.html)
        if collapsed and toggler.get_attribute("aria-expanded") != "true":
            toggler.click()
            # Bootstrap sets "show" (and drops "collapsing") once the slide-down has ended.
            expect(self.page.locator("#nav")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
        return self.page.locator("nav.navbar")

    def log_in(self, email: str, password: str, viewport: dict) -> None:
        """From the public landing page (where logging out leaves us), via the login page."""
        self.page.set_viewport_size(viewport)
        self.nav().get_by_role("link", name="Masuk", exact=True).click()
        expect(self.page).to_have_url(re.compile(r"/akun/masuk/"))
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Kata sandi").fill(password)
        self.page.locator("main").get_by_role("button", name="Masuk", exact=True).click()
        expect(self.page).not_to_have_url(re.compile(r"/akun/masuk/"))
        expect(self.nav().get_by_role("button", name="Keluar")).to_be_visible()

    def open_order_as_buyer(self, email: str, password: str, number: str) -> None:
        """Log in on a desktop and open the order ``number`` from the Pesanan menu."""
        self.log_in(email, password, DESKTOP)
        self.nav().get_by_role("link", name="Pesanan").click()
        self.page.get_by_role("link", name=number).click()

    def log_out(self) -> None:
        self.nav().get_by_role("button", name="Keluar").click()
        expect(self.page).to_have_url(self.base_url + "/")
        expect(self.page.locator("main").get_by_role("link", name="Daftarkan usaha Anda")).to_be_visible()

    def pick_kbli(self, query: str, code: str) -> None:
        """Search KBLI with the htmx-backed box and take ``code`` from its datalist.

        Chromium's datalist popup cannot be driven headless, so we do what choosing an entry
        does: the box takes the option's value and fires ``change`` (app.js then appends the
        code to the KBLI field and clears the box)."""
        box = self.page.locator("#kbli-search")
        box.press_sequentially(query, delay=15)
        expect(self.page.locator(f"#kbli-options option[value='{code}']")).to_be_attached()
        box.fill(code)
        box.dispatch_event("change")
        expect(box).to_have_value("")

    def pick_regency(self, field_label: str, typed: str, code: str, expected_name: str) -> None:
        """Type a regency name, wait for the server's suggestions, take ``code``."""
        field = self.page.get_by_label(field_label, exact=True)
        field.press_sequentially(typed, delay=15)
        option = self.page.locator(f"#regency-options option[value='{code}']")
        expect(option).to_be_attached()
        expect(option).to_have_text(re.compile(re.escape(expected_name)))
        field.fill(code)

    def assert_no_secret_amount(self) -> None:
        html = self.page.content()
        leaked = [amount for amount in SECRET_AMOUNTS if amount in html]
        assert not leaked, f"sealed quote amount visible on {self.page.url}: {leaked}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sme_to_paid_order_journey(reference_data, live_server):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make system-deps`, "
                    "or `apt-get install chromium`). This test never downloads a browser.")

    # What only an administrator can set up: an approved BUMN, an agency officer, and a
    # competing SME already on the platform (delivering from Madiun itself).
    buyer = make_buyer(name="PT INKA (Persero)", role=Role.MANAGER)
    agency = make_agency()
    competitor = make_sme(COMPETITOR_NAME, regency="35.77",
                          products=("Blok rem besi cor", "Pengecoran logam"))

    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, locale="id-ID")
        context.set_default_timeout(15_000)
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(f"JS error: {error}"))
        # HTTP failures are caught below with their URL (chromium's console line has none).
        page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
                if msg.type == "error" and "Failed to load resource" not in msg.text else None)
        page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        confirmations: list[str] = []
        # Irreversible actions ask first (award, withdraw, accept); the user says yes.
        page.on("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))
        journey = Journey(page, live_server.url)
        try:
            _walk(journey, page, buyer=buyer, agency=agency, competitor=competitor)
        except Exception:
            page.screenshot(path=str(SHOTS / "failure.png"), full_page=True)
            raise
        assert any("pemenang" in message for message in confirmations), confirmations
        assert problems == [], "\n".join(problems)
        context.close()
        browser.close()
    finally:
        # While Playwright runs, Django's per-context connection storage hands this code a
        # second connection (greenlet context); close it, or PostgreSQL refuses to drop the
        # test database at the end of the session.
        connections.close_all()
        playwright.stop()

    order = PurchaseOrder.objects.get(need__title=NEED_TITLE)
    assert order.status == OrderStatus.PAID
    assert order.supplier.name == SME_NAME
    assert order.total_amount == UNIT_PRICE * QUANTITY
    assert verify_chain() == []


def _walk(journey: Journey, page: Page, *, buyer, agency, competitor) -> None:
    base = journey.base_url

    # 1. A new SME finds the public landing page on a phone and signs up.
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Masuk ke rantai pasok BUMN dan usaha besar")
    expect(page.locator("main")).to_contain_text("UMKM/IKM berprofil publik")
    journey.shot("landing")

    page.get_by_role("link", name="Daftarkan usaha Anda").click()
    expect(page).to_have_url(re.compile(r"/akun/daftar/$"))
    page.get_by_label("Nama lengkap").fill("Sri Lestari")
    page.get_by_label("Email").fill(SME_EMAIL)
    page.get_by_label("Kata sandi").fill(SME_PASSWORD)
    page.get_by_label("Saya mendaftar sebagai").select_option(label="UMKM/IKM (pemasok)")
    page.get_by_label("Nama usaha/organisasi").fill(SME_NAME)
    page.get_by_label("Saya telah membaca dan menyetujui").check()
    journey.shot("signup")
    page.locator("main").get_by_role("button", name="Daftar", exact=True).click()

    expect(page).to_have_url(re.compile(r"/pemasok/profil/$"))
    expect(page.get_by_role("alert")).to_contain_text("Selamat datang")
    expect(page.get_by_role("heading", level=1)).to_have_text("Buat profil usaha")

    # The profile, first with a wrong NIB.
    page.get_by_label("Nama usaha", exact=True).fill(SME_NAME)
    page.get_by_label("Bentuk usaha").select_option(label="CV")
    page.get_by_label("NIB (13 digit, dari OSS)").fill("123")
    journey.pick_kbli("pengecoran besi", "24310")
    expect(page.get_by_label("Kode KBLI 2020", exact=True)).to_have_value("24310")
    journey.pick_regency("Kabupaten/kota", "Klaten", "33.10", "Kabupaten Klaten")
    page.get_by_label("Produk (satu per baris)").fill(
        "Blok rem besi cor\nPengecoran besi cor kelabu")
    page.get_by_label("Hasil penjualan tahunan (Rp)").fill("1800000000")
    journey.shot("profile-form")
    page.get_by_role("button", name="Simpan dan terbitkan").click()

    nib = page.get_by_label("NIB (13 digit, dari OSS)")
    expect(nib).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#id_nib ~ .invalid-feedback")).to_contain_text("NIB harus 13 digit")
    assert not SupplierProfile.objects.filter(name=SME_NAME).exists()
    # What was typed survives the error.
    expect(page.get_by_label("Kode KBLI 2020", exact=True)).to_have_value("24310")
    expect(page.get_by_label("Kabupaten/kota", exact=True)).to_have_value("33.10")
    journey.shot("profile-bad-nib")

    nib.fill(SME_NIB)
    page.get_by_role("button", name="Simpan dan terbitkan").click()
    expect(page).to_have_url(re.compile(r"/pemasok/profil/kelola/$"))
    expect(page.get_by_role("alert")).to_contain_text("Profil usaha disimpan.")
    expect(page.locator("#checklist")).to_contain_text("Kemampuan proses")
    score_before = page.locator("#completeness-score").inner_text()
    page.get_by_label("Proses").select_option("casting")
    page.get_by_label("Bahan").fill("besi cor kelabu")
    page.get_by_role("button", name="Tambah kemampuan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kemampuan proses ditambahkan.")
    expect(page.locator("#completeness-score")).not_to_have_text(score_before)
    journey.shot("profile-workspace")
    page.get_by_role("link", name="Lihat seperti pembeli").click()
    expect(page).to_have_url(re.compile(r"/pemasok/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(SME_NAME)
    main = page.locator("main")
    expect(main).to_contain_text("Pengecoran · besi cor kelabu")
    expect(main).to_contain_text(f"NIB {SME_NIB}")
    expect(main).to_contain_text("Kabupaten Klaten, Jawa Tengah")
    expect(main).to_contain_text("Blok rem besi cor")
    expect(main).to_contain_text("Pengecoran besi cor kelabu")
    expect(main).to_contain_text("24310 — Industri Pengecoran Besi Dan Baja")
    expect(main.locator(".badge", has_text="draf")).to_have_count(0)
    journey.shot("profile-published")

    journey.nav().get_by_role("link", name="Direktori UMKM").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Direktori UMKM/IKM")
    expect(page.locator("#directory-table")).to_contain_text("2 usaha")
    expect(page.locator("#directory-table tr", has_text=SME_NAME)).to_contain_text("Klaten")
    journey.shot("directory")
    journey.nav()  # the phone menu, opened
    journey.shot("phone-menu")
    journey.log_out()

    # 2. The buyer (desktop) posts a need.
    journey.log_in(buyer.user.email, FIXTURE_PASSWORD, DESKTOP)
    expect(page).to_have_url(re.compile(r"/pengadaan/kebutuhan/$"))
    page.get_by_role("link", name="Kebutuhan baru").click()
    page.get_by_label("Judul kebutuhan").fill(NEED_TITLE)
    page.get_by_label("Uraian dan spesifikasi").fill(
        "Blok rem komposit untuk kereta penumpang, sesuai gambar teknik INKA.")
    journey.pick_kbli("24310", "24310")
    expect(page.get_by_label("Kode KBLI 2020", exact=True)).to_have_value("24310")
    page.get_by_label("Jumlah", exact=True).fill(str(QUANTITY))
    page.get_by_label("Satuan").fill("buah")
    journey.pick_regency("Lokasi pengiriman (kabupaten/kota)", "Madiun", "35.77", "Kota Madiun")
    # Ten minutes from now, in the buyer's zone (WIB), as a datetime-local value.
    deadline = timezone.now().astimezone(ZoneInfo("Asia/Jakarta")) + timedelta(minutes=10)
    page.get_by_label("Batas waktu penawaran").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    journey.shot("need-form")
    page.get_by_role("button", name="Terbitkan", exact=True).click()

    # 3. Candidates with reasons; invite ours and the competitor.
    expect(page).to_have_url(re.compile(r"/pengadaan/kebutuhan/\d+/$"))
    need_url = page.url
    expect(page.get_by_role("alert")).to_contain_text("Kebutuhan diterbitkan.")
    expect(page.get_by_role("heading", level=1)).to_contain_text(NEED_TITLE)
    ours = page.locator("#candidates tbody tr", has_text=SME_NAME)
    expect(ours).to_have_count(1)
    expect(ours.locator(".reason")).not_to_be_empty()
    expect(page.locator("#candidates tbody tr", has_text=COMPETITOR_NAME)).to_have_count(1)
    page.get_by_role("checkbox", name=SME_NAME).check()
    page.get_by_role("checkbox", name=COMPETITOR_NAME).check()
    journey.shot("candidates")
    page.get_by_role("button", name="Undang yang dipilih").click()
    expect(page.get_by_role("alert")).to_contain_text("2 UMKM diundang.")
    expect(ours.locator(".badge", has_text="diundang")).to_be_visible()
    journey.shot("invited")
    journey.log_out()

    # 4. The SME quotes from its invitation; only it sees its amount.
    journey.log_in(SME_EMAIL, SME_PASSWORD, PHONE)
    expect(page).to_have_url(re.compile(r"/pemasok/beranda/$"))
    page.get_by_role("link", name=NEED_TITLE).click()
    expect(page).to_have_url(need_url)
    page.get_by_label("Harga satuan (Rp)").fill(str(UNIT_PRICE))
    page.get_by_label("Waktu pengerjaan (hari)").fill("21")
    page.get_by_label("Catatan").fill("Termasuk ongkos kirim ke Madiun.")
    page.get_by_role("button", name="Kirim penawaran").click()
    expect(page.get_by_role("alert")).to_contain_text("Penawaran terkirim dan tersegel")
    expect(page.locator("#own-quote")).to_contain_text(TOTAL)
    expect(page.locator("#own-quote")).to_contain_text("21 hari")
    journey.shot("sme-quote-sent")
    journey.log_out()

    journey.log_in(buyer.user.email, FIXTURE_PASSWORD, DESKTOP)
    page.get_by_role("link", name=NEED_TITLE).click()
    expect(page.locator("#sealed-notice")).to_contain_text("1 penawaran tersegel")
    expect(page.locator("#comparison")).to_have_count(0)
    journey.assert_no_secret_amount()
    journey.shot("buyer-sealed")
    journey.log_out()

    journey.log_in(competitor.user.email, FIXTURE_PASSWORD, PHONE)
    page.get_by_role("link", name=NEED_TITLE).click()
    expect(page.get_by_role("heading", name="Penawaran Anda")).to_be_visible()
    expect(page.locator("#own-quote")).to_have_count(0)
    journey.assert_no_secret_amount()
    page.get_by_label("Harga satuan (Rp)").fill(str(COMPETITOR_UNIT_PRICE))
    page.get_by_label("Waktu pengerjaan (hari)").fill("30")
    page.get_by_role("button", name="Kirim penawaran").click()
    expect(page.locator("#own-quote")).to_contain_text(COMPETITOR_TOTAL)
    journey.assert_no_secret_amount()
    journey.shot("competitor-quote-sent")
    journey.log_out()

    # 5. The deadline passes (the live server reads the database on every request).
    need_id = int(re.search(r"/kebutuhan/(\d+)/", need_url).group(1))
    Need.objects.filter(pk=need_id).update(quote_deadline=timezone.now() - timedelta(minutes=1))

    journey.log_in(buyer.user.email, FIXTURE_PASSWORD, DESKTOP)
    page.get_by_role("link", name=NEED_TITLE).click()
    rows = page.locator("#comparison tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(SME_NAME)  # cheapest first
    expect(rows.nth(0)).to_contain_text(TOTAL)
    expect(rows.nth(1)).to_contain_text(COMPETITOR_TOTAL)
    journey.shot("comparison-open")
    winner = rows.filter(has_text=SME_NAME)
    winner.get_by_label("Alasan pemenang").fill("Harga terbaik, mutu sesuai")
    winner.get_by_role("button", name="Menangkan").click()

    expect(page).to_have_url(re.compile(r"/pengadaan/pesanan/\d+/$"))
    expect(page.get_by_role("alert")).to_contain_text("Pemenang ditetapkan")
    expect(page.locator("#order-status")).to_have_text("Diterbitkan")
    expect(page.locator("main")).to_contain_text(TOTAL)
    order_number = page.get_by_role("heading", level=1).inner_text().split()[1]
    journey.shot("order-issued")
    journey.log_out()

    journey.log_in(SME_EMAIL, SME_PASSWORD, PHONE)
    page.get_by_role("link", name=order_number).click()
    page.get_by_role("button", name="Terima pesanan").click()
    expect(page.get_by_role("alert")).to_contain_text("Pesanan diterima.")
    expect(page.locator("#order-status")).to_have_text("Diterima pemasok")
    journey.shot("sme-accepted")
    journey.log_out()

    journey.open_order_as_buyer(buyer.user.email, FIXTURE_PASSWORD, order_number)
    # The date fields come up empty in Indonesian (see the report), so pick today as a user
    # would.
    today = timezone.now().astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()
    page.get_by_label("Tanggal serah terima").fill(today)
    page.get_by_label("Jumlah diterima").fill(str(QUANTITY))
    page.get_by_role("button", name="Konfirmasi BAST").click()
    expect(page.get_by_role("alert")).to_contain_text("Serah terima (BAST) dicatat.")
    expect(page.locator("#order-status")).to_have_text("Diserahterimakan (BAST)")
    expect(page.locator("#payment-awaits-invoice")).to_be_visible()  # nothing to pay yet
    expect(page.get_by_role("button", name="Catat pembayaran")).to_have_count(0)
    journey.log_out()

    # The SME invoices the BAST; then the buyer can record the payment against it.
    journey.log_in(SME_EMAIL, SME_PASSWORD, PHONE)
    page.get_by_role("link", name=order_number).click()
    page.get_by_role("button", name="Terbitkan tagihan").click()
    expect(page.get_by_role("alert")).to_contain_text("Tagihan diterbitkan.")
    journey.shot("sme-invoiced")
    journey.log_out()

    journey.open_order_as_buyer(buyer.user.email, FIXTURE_PASSWORD, order_number)
    page.get_by_label("Jumlah dibayar (Rp)").fill(str(UNIT_PRICE * QUANTITY))
    page.get_by_label("Tanggal bayar").fill(today)
    page.get_by_label("Referensi transfer").fill("TRF-INKA-0001")
    page.get_by_role("button", name="Catat pembayaran").click()
    expect(page.get_by_role("alert")).to_contain_text("Pembayaran dicatat.")
    expect(page.locator("#order-status")).to_have_text("Lunas")
    expect(page.locator("main")).to_contain_text("Sisa: Rp0")

    # 6. The buyer rates the supplier.
    page.get_by_label("Mutu", exact=True).select_option("5")
    page.get_by_label("Ketepatan waktu").select_option("4")
    page.get_by_label("Komunikasi").select_option("5")
    page.get_by_role("button", name="Kirim penilaian").click()
    expect(page.get_by_role("alert")).to_contain_text("penilaian tersimpan")
    expect(page.locator("#rating-summary")).to_have_text(
        "mutu 5/5 · ketepatan waktu 4/5 · komunikasi 5/5")
    journey.shot("order-paid-rated")

    # The English switch, and back.
    journey.nav().get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#order-status")).to_have_text("Paid")
    expect(journey.nav().get_by_role("button", name="Log out")).to_be_visible()
    journey.shot("order-english")
    journey.nav().get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("#order-status")).to_have_text("Lunas")

    page.locator("main").get_by_role("link", name=SME_NAME).click()
    expect(page.locator("main")).to_contain_text("1 penilaian")
    journey.log_out()

    # 7. The agency officer's dashboard.
    journey.log_in(agency.user.email, FIXTURE_PASSWORD, DESKTOP)
    expect(page).to_have_url(re.compile(r"/pemantauan/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dasbor pemantauan")
    expect(page.locator("#stat-smes")).to_have_text("2")
    expect(page.locator("#stat-orders")).to_have_text("1")
    expect(page.locator("#stat-paid")).to_have_text("Rp92,5 juta")
    expect(page.locator("#province-table")).to_contain_text("Jawa Tengah")
    expect(page.locator("#province-map circle").first).to_be_attached()  # the app's own SVG map
    # Chart.js loaded, the monthly chart drawn and its grow-in animation over (so the
    # screenshot shows the final bars).
    page.wait_for_function("""typeof Chart === 'function'
        && (() => { const chart = Chart.getChart('chart-month');
                    return chart && !Chart.animator.running(chart); })()""")
    assert sum(page.evaluate("Chart.getChart('chart-month').data.datasets[0].data")) == 1
    box = page.locator("#chart-month").bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0, f"chart-month not rendered: {box}"
    # Every figure drills down to the list behind it.
    page.locator("#stat-paid").click()
    expect(page.locator("main")).to_contain_text(SME_NAME)
    journey.shot("agency-dashboard")
    journey.log_out()
