"""A partnership forum in a real chromium, through the UI only: the organiser creates the
forum and adds INKA, INKA publishes what it looks for, an SME registers on a phone, sees
INKA suggested with reasons and asks to meet (must meet), INKA accepts, the organiser
computes the schedule (the worker runs the job; the page shows progress, then the proven
optimum and the SMEs left without a meeting) and publishes it, the SME reads its agenda and
downloads the .ics, the organiser checks the SME in on a phone, INKA records the outcome
with a follow-up RFQ, and the organiser's report shows the potential.

Administrator-only set-up (the approved organiser and buyer, the SME's published profile)
comes from fixtures. Screenshots land in test-output/browser/forum-NN-step.png.
"""
import os
import re
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Page, expect, sync_playwright

from conftest import make_buyer, make_sme
from rantai.accounts.choices import Role
from rantai.core.audit import verify_chain
from rantai.forums.models import Event, MeetingRequest, Outcome
from rantai.forums.tests.helpers import make_organiser, run_jobs
from rantai.sourcing.models import Invitation
from tests.browser.test_journey import CHROMIUM, CHROMIUM_ARGS, DESKTOP, FIXTURE_PASSWORD, PHONE, Journey

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"
FORUM = "Forum Kemitraan IKM Jawa Timur"
SME_NAME = "CV Baja Kurnia"


class ForumJourney(Journey):
    def shot(self, name: str) -> None:
        super().shot(f"forum-{name}")

    def open_forum(self) -> None:
        self.nav().get_by_role("link", name="Forum", exact=True).click()
        self.page.get_by_role("link", name=re.compile(FORUM)).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(FORUM)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_forum_from_registration_to_report(reference_data, live_server):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`).")
    organiser = make_organiser()
    buyer = make_buyer("PT INKA (Persero)", role=Role.MANAGER)
    sme = make_sme(SME_NAME, kbli=("24310",), products=("blok rem besi cor", "pengecoran besi cor kelabu"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=DESKTOP, locale="id-ID", accept_downloads=True)
        context.set_default_timeout(15_000)
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(f"JS error: {error}"))
        page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        journey = ForumJourney(page, live_server.url)
        try:
            _walk(journey, page, organiser=organiser, buyer=buyer, sme=sme)
        except Exception:
            page.screenshot(path=str(SHOTS / "forum-failure.png"), full_page=True)
            raise
        assert problems == [], "\n".join(problems)
        context.close()
        browser.close()
    finally:
        connections.close_all()
        playwright.stop()
    outcome = Outcome.objects.get()
    assert outcome.potential_value == 250_000_000 and outcome.need.status == "published"
    assert Invitation.objects.filter(need=outcome.need, supplier__name=SME_NAME).exists()
    assert verify_chain() == []


def _walk(journey: ForumJourney, page: Page, *, organiser, buyer, sme) -> None:
    base = journey.base_url
    page.goto(base + "/")

    # 1. The organiser creates the forum, adds INKA with two tables and opens registration.
    journey.log_in(organiser.user.email, FIXTURE_PASSWORD, DESKTOP)
    journey.nav().get_by_role("link", name="Forum", exact=True).click()
    page.get_by_role("link", name="Forum baru").click()
    page.get_by_label("Nama forum").fill(FORUM)
    page.get_by_label("Tanggal").fill("2026-12-01")
    page.get_by_label("Tempat", exact=True).fill("Grand City, Surabaya")
    page.get_by_label("Jumlah sesi").fill("4")
    page.get_by_label("Jeda").fill("2:30")
    journey.shot("create")
    page.get_by_role("button", name="Buat forum").click()
    expect(page.get_by_role("alert")).to_contain_text("Forum dibuat")
    page.get_by_label("Pembeli").select_option(label="PT INKA (Persero)")
    page.get_by_label("Jumlah meja").fill("2")
    page.get_by_label("Lokasi di denah").fill("Hall A")
    page.get_by_role("button", name="Simpan pembeli").click()
    expect(page.get_by_role("alert")).to_contain_text("Pembeli disimpan")
    page.get_by_role("button", name="Buka pendaftaran").click()
    expect(page.locator("#event-status")).to_have_text("Pendaftaran dibuka")
    journey.shot("opened")
    journey.log_out()

    # 2. INKA publishes what it looks for at the forum.
    journey.log_in(buyer.user.email, FIXTURE_PASSWORD, DESKTOP)
    journey.open_forum()
    page.get_by_label("Yang dicari").fill("Blok rem besi cor untuk kereta")
    page.get_by_label("Kode KBLI 2020").fill("24310")
    page.get_by_role("button", name="Terbitkan kebutuhan").click()
    expect(page.get_by_role("alert")).to_contain_text("Kebutuhan diterbitkan")
    journey.log_out()

    # 3. The SME registers on a phone, sees INKA suggested with reasons, asks to meet.
    journey.log_in(sme.user.email, FIXTURE_PASSWORD, PHONE)
    journey.open_forum()
    page.get_by_role("button", name="Daftar dengan profil usaha saya").click()
    expect(page.locator("#registered")).to_be_visible()
    suggestion = page.locator("#suggestions li.list-group-item").first
    expect(suggestion).to_contain_text("PT INKA (Persero)")
    expect(suggestion.locator("ul li").first).to_be_visible()  # the engine's reasons
    suggestion.get_by_label("Prioritas").select_option(label="Wajib bertemu")
    journey.shot("sme-suggestions")
    suggestion.get_by_role("button", name="Minta bertemu").click()
    expect(page.get_by_role("alert")).to_contain_text("Permintaan pertemuan terkirim")
    expect(page.locator("#requests")).to_contain_text("Menunggu jawaban")
    journey.log_out()

    # 4. INKA accepts.
    journey.log_in(buyer.user.email, FIXTURE_PASSWORD, DESKTOP)
    journey.open_forum()
    row = page.locator("#requests tr", has_text=SME_NAME)
    expect(row).to_contain_text("Wajib bertemu")
    row.get_by_role("button", name="Terima").click()
    expect(page.get_by_role("alert")).to_contain_text("Permintaan diterima")
    assert MeetingRequest.objects.get().status == "accepted"
    journey.log_out()

    # 5. The organiser computes the schedule off the request path and publishes it.
    journey.log_in(organiser.user.email, FIXTURE_PASSWORD, DESKTOP)
    journey.open_forum()
    page.get_by_label("Setiap UMKM bertemu minimal satu pembeli dulu").check()
    page.get_by_label("Batas waktu hitung (detik)").fill("3")
    page.get_by_role("button", name="Susun jadwal").click()
    expect(page.locator("#run-progress .progress")).to_be_visible()
    journey.shot("progress")
    assert run_jobs() == 1  # what `manage.py run_worker` does
    figures = page.locator("#run-figures")
    expect(figures).to_contain_text("optimal", timeout=20_000)
    expect(figures).to_contain_text("1 / 1")
    expect(page.locator("#comparison")).to_contain_text("Serakah: siapa cepat dia dapat")
    journey.shot("schedule")
    page.get_by_role("button", name="Terbitkan jadwal ini").click()
    expect(page.get_by_role("alert")).to_contain_text("Jadwal diterbitkan")
    expect(page.locator("#event-status")).to_have_text("Jadwal terbit")
    journey.log_out()

    # 6. The SME reads its agenda and takes the calendar file.
    journey.log_in(sme.user.email, FIXTURE_PASSWORD, PHONE)
    journey.open_forum()
    page.get_by_role("link", name="Agenda").click()
    agenda = page.locator("#agenda")
    expect(agenda).to_contain_text("PT INKA (Persero)")
    expect(agenda).to_contain_text("WIB")
    journey.shot("agenda")
    with page.expect_download() as download:
        page.locator("#ics").click()
    ics = Path(download.value.path()).read_text()
    assert "DTSTART;TZID=Asia/Jakarta:20261201T09" in ics and "PT INKA (Persero)" in ics
    journey.log_out()

    # 7. On the day: the organiser checks the SME in on a phone.
    journey.log_in(organiser.user.email, FIXTURE_PASSWORD, PHONE)
    journey.open_forum()
    page.get_by_role("link", name="Kehadiran").click()
    page.get_by_placeholder("Cari nama usaha").fill("Baja")
    page.get_by_role("button", name="Cari").click()
    page.locator("#checkin").get_by_role("button", name="Tandai hadir").click()
    expect(page.locator("#checkin .badge")).to_contain_text("hadir")
    journey.shot("checkin")
    journey.log_out()

    # 8. INKA records the outcome: a follow-up RFQ with the SME invited.
    journey.log_in(buyer.user.email, FIXTURE_PASSWORD, DESKTOP)
    journey.open_forum()
    page.get_by_role("link", name="Agenda").click()
    page.locator("#agenda").get_by_role("link", name=SME_NAME).click()
    page.get_by_label("Minat").select_option(label="Tinggi")
    page.get_by_label("Langkah berikut").select_option(label="Minta penawaran (RFQ lanjutan)")
    page.get_by_label("Produk/kemampuan yang dibahas").fill("Blok rem besi cor")
    page.get_by_label("Potensi nilai (Rp)").fill("250.000.000")
    page.get_by_label("RFQ: jumlah").fill("500")
    page.get_by_label("RFQ: satuan").fill("buah")
    journey.shot("outcome")
    page.get_by_role("button", name="Simpan hasil").click()
    expect(page.get_by_role("alert")).to_contain_text("RFQ lanjutan dibuat")
    expect(page.locator("#rfq-link")).to_be_visible()
    journey.log_out()

    # 9. The organiser's report: the potential and the pairing ledger.
    journey.log_in(organiser.user.email, FIXTURE_PASSWORD, DESKTOP)
    journey.open_forum()
    page.get_by_role("link", name="Laporan").click()
    expect(page.locator("#report-figures")).to_contain_text("250")
    expect(page.locator("#ledger")).to_contain_text(SME_NAME)
    journey.shot("report")
    assert Event.objects.get().status == "published"
