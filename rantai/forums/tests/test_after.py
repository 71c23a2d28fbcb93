"""Outcomes (a follow-up RFQ opens a targeted need in sourcing), follow-ups, the report and
the pairing ledger, the .ics agenda, list imports with row errors, and the CLI."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from conftest import after
from rantai.forums import services
from rantai.forums.choices import RunStatus
from rantai.forums.ics import agenda_ics
from rantai.forums.models import MeetingRequest, Registration
from rantai.forums.selectors import (
    agenda,
    ledger_totals,
    pairing_ledger,
    potential_report,
    potential_vs_realised,
)
from rantai.forums.transfer import export_rows, import_file, to_xlsx
from rantai.sourcing.models import Invitation
from rantai.sourcing.services import (
    award_create,
    delivery_confirm,
    order_accept,
    payment_record,
    quote_submit,
)

from .helpers import make_event, make_organiser, register, run_jobs, seat_of
from .test_schedule import published_event, requested_event

pytestmark = pytest.mark.django_db


def _inka_meeting(event, buyers):
    inka = buyers["PT INKA (Persero)"]
    run = event.runs.get(status=RunStatus.PUBLISHED)
    return inka, run.meetings.filter(seat__organisation_id=inka.organisation_id).select_related(
        "registration__supplier"
    ).first()


def test_follow_up_rfq_invites_the_sme_and_the_ledger_traces_it_to_payment():
    event, organiser, buyers, smes = published_event()
    inka, meeting = _inka_meeting(event, buyers)
    supplier = meeting.registration.supplier
    sme = next(m for m, r in smes if r.pk == meeting.registration_id)
    with pytest.raises(PermissionDenied):  # only the meeting's buyer records the outcome
        services.outcome_record(meeting=meeting, by=sme, interest="high", next_step="rfq")
    with pytest.raises(ValidationError) as error:  # the RFQ needs a quantity and a unit
        services.outcome_record(
            meeting=meeting,
            by=inka,
            interest="high",
            next_step="rfq",
            products="Blok rem",
            potential_value=250_000_000,
            rfq_unit="",
        )
    assert {"rfq_quantity", "rfq_unit"} <= set(error.value.message_dict)
    outcome = services.outcome_record(
        meeting=meeting,
        by=inka,
        interest="high",
        next_step="rfq",
        products="Blok rem komposit",
        potential_value=250_000_000,
        rfq_quantity=Decimal(500),
        rfq_unit="buah",
    )
    need = outcome.need
    assert need.status == "published" and need.buyer_id == inka.organisation_id
    assert Invitation.objects.filter(need=need, supplier=supplier).exists()
    meeting.refresh_from_db()
    assert meeting.attendance == "held"
    report = potential_report(event)
    assert report["total"] == 250_000_000 and report["by_buyer"][0]["label"] == "PT INKA (Persero)"
    codes = sorted(supplier.kbli.values_list("code", flat=True))
    [category] = report["by_category"]
    assert category["label"].startswith(codes[0][:2] + " ") and category["value"] == 250_000_000

    quote = quote_submit(need=need, by=sme, unit_prices={need.lines.get().pk: 400_000}, lead_time_days=30)
    with after(20):
        order = award_create(need=need, quote=quote, by=inka, reason="Sesuai spesifikasi")
        order_accept(order=order, by=sme)
        from rantai.core import clock

        delivery_confirm(
            order=order, by=inka, delivered_on=clock.now().date(), quantity_accepted=Decimal(500)
        )
        payment_record(order=order, by=inka, amount=200_000_000, paid_on=clock.now().date())
    rows = pairing_ledger(event)
    row = next(r for r in rows if r["supplier"] == supplier and r["buyer"].pk == inka.organisation_id)
    assert row["potential"] == 250_000_000 and row["quotes"] == 1
    assert row["ordered"] == 200_000_000 and row["paid"] == 200_000_000 and row["rfq_paid"] == 200_000_000
    assert ledger_totals(rows)["paid"] == 200_000_000
    province = supplier.regency_id.split(".")[0]
    (dashboard_row,) = potential_vs_realised(province=province)
    assert (dashboard_row["potential"], dashboard_row["realised"]) == (
        sum(r["potential"] for r in rows if r["supplier"].regency_id.startswith(province + ".")),
        200_000_000)
    assert potential_vs_realised(province="94") == []  # no SME of Papua met anyone

    services.follow_up_record(meeting=meeting, by=sme, months=3, negotiation_started=False, order_placed=True)
    assert meeting.follow_ups.get().negotiation_started  # an order implies negotiation
    with pytest.raises(ValidationError):
        services.follow_up_record(
            meeting=meeting, by=sme, months=4, negotiation_started=True, order_placed=False
        )


def test_a_no_show_takes_no_outcome():
    event, organiser, buyers, _smes = published_event()
    inka, meeting = _inka_meeting(event, buyers)
    services.attendance_set(meeting=meeting, by=inka, status="no_show")
    with pytest.raises(ValidationError):
        services.outcome_record(meeting=meeting, by=inka, interest="low", next_step="not_yet")
    report = potential_report(event)
    assert report["no_show"] == 1
    assert report["held"] + report["no_show"] + report["not_recorded"] == report["meetings"] > 1


def test_agenda_ics_uses_the_event_zone():
    event, organiser, buyers, smes = published_event()
    items = agenda(event, registration=smes[0][1])
    text = agenda_ics(event, items, owner="CV Logam 0")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "TZID:Asia/Jakarta" in text and "TZOFFSETTO:+0700" in text and "TZNAME:WIB" in text
    assert text.count("BEGIN:VEVENT") == len(items)
    first = items[0]
    local = first.slot.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Jakarta"))
    assert f"DTSTART;TZID=Asia/Jakarta:{local:%Y%m%dT%H%M%S}" in text
    assert local.hour == 9 or local.hour > 9  # 09:00 WIB onwards, never the UTC hour
    assert f"Meja {first.table_number}" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_ics_in_wita():
    organiser = make_organiser()
    event, buyers = make_event(organiser, slots=1, timezone="Asia/Makassar")
    _sme, registration = register(event)
    services.request_create(
        event=event, by=organiser, registration=registration, seat=seat_of(event, buyers["PT INKA (Persero)"])
    )
    from rantai.forums.scheduling import schedule_enqueue, schedule_publish

    run = schedule_enqueue(event=event, by=organiser, time_limit_s=2)
    run_jobs()
    run.refresh_from_db()
    schedule_publish(run=run, by=organiser)
    text = agenda_ics(event, agenda(event, registration=registration), owner="x")
    assert "DTSTART;TZID=Asia/Makassar:20261124T090000" in text and "TZOFFSETTO:+0800" in text


def test_request_import_is_all_or_nothing_with_row_column_reason():
    event, organiser, buyers, smes = requested_event(smes=2)
    known = smes[0][1].supplier.nib
    csv_text = (
        "nib;pembeli;prioritas\n"
        f"{known};PT Pindad (Persero);wajib\n"
        "9999999999999;PT INKA (Persero);2\n"
        f"{known};PT Tidak Ada;5\n"
    )
    before = MeetingRequest.objects.count()
    result = import_file(
        event=event, by=organiser, kind="permintaan", data=csv_text.encode(), filename="p.csv"
    )
    assert [(p.row, p.column) for p in result.problems] == [(3, "nib"), (4, "pembeli"), (4, "prioritas")]
    assert "9999999999999" in result.problems[0].reason
    assert result.written == 0 and MeetingRequest.objects.count() == before
    good = f"nib,pembeli,prioritas\n{known},PT Pindad (Persero),wajib\n"
    result = import_file(event=event, by=organiser, kind="permintaan", data=good.encode(), filename="p.csv")
    assert result.written == 1 and not result.problems
    assert (
        MeetingRequest.objects.get(
            registration__supplier__nib=known, seat__organisation__name="PT Pindad (Persero)"
        ).priority
        == 3
    )


def test_participant_import_from_xlsx_and_export_round_trip():
    event, organiser, buyers, smes = requested_event(smes=1)
    newcomer = register.__globals__["make_sme"]("CV Baru Impor")
    data = to_xlsx(
        ["nib", "sesi_tersedia"], [[newcomer.organisation.supplier_profile.nib, "1-2"], ["123", ""]]
    )
    result = import_file(event=event, by=organiser, kind="umkm", data=data, filename="umkm.xlsx")
    assert [(p.row, p.column) for p in result.problems] == [(3, "nib")]
    data = to_xlsx(["nib", "sesi_tersedia"], [[newcomer.organisation.supplier_profile.nib, "1-2"]])
    assert import_file(event=event, by=organiser, kind="umkm", data=data, filename="umkm.xlsx").written == 1
    registration = Registration.objects.get(supplier__organisation=newcomer.organisation)
    assert registration.available_slots == [0, 1]
    header, rows = export_rows(event, "umkm")
    assert header[:2] == ["nib", "sesi_tersedia"]
    assert [newcomer.organisation.supplier_profile.nib, "1-2"] in [r[:2] for r in rows]
    with pytest.raises(PermissionDenied):
        import_file(event=event, by=make_organiser("Lain"), kind="umkm", data=data, filename="umkm.xlsx")


def test_exports_never_carry_a_formula():
    from rantai.forums.transfer import to_csv

    assert to_csv(["nama"], [["=HYPERLINK(1)"], ["CV Biasa"]]).decode("utf-8-sig").splitlines() == [
        "nama",
        "'=HYPERLINK(1)",
        "CV Biasa",
    ]


def test_cli_schedules_and_publishes():
    event, organiser, buyers, smes = requested_event()
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "schedule_forum",
        str(event.pk),
        "--everyone-meets",
        "--time-limit",
        "3",
        "--publish",
        stdout=out,
        stderr=err,
    )
    assert "published" in out.getvalue() and "SMEs without a meeting" in out.getvalue()
    run = event.runs.get()
    assert run.status == RunStatus.PUBLISHED and run.everyone_meets
    out = io.StringIO()
    call_command("schedule_forum", str(event.pk), "--freeze", "--json", stdout=out, stderr=io.StringIO())
    assert '"moved": 0' in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("schedule_forum", "999999", stdout=io.StringIO())


def test_deleting_the_participants_removes_their_forum_records():
    """Forum rows never block deleting an organisation, a profile or a user (UU PDP
    deletion requests; the demo's wipe-and-rebuild)."""
    from rantai.accounts.models import Organisation, User
    from rantai.forums.models import Event, Meeting
    from rantai.sourcing.models import Need, NeedLine
    from rantai.suppliers.models import SupplierProfile

    event, organiser, buyers, smes = published_event()
    inka, meeting = _inka_meeting(event, buyers)
    services.outcome_record(
        meeting=meeting, by=inka, interest="high", next_step="rfq", rfq_quantity=Decimal(10), rfq_unit="buah"
    )
    services.follow_up_record(
        meeting=meeting, by=inka, months=3, negotiation_started=True, order_placed=False
    )
    Invitation.objects.all().delete()
    NeedLine.objects.all().delete()
    Need.objects.all().delete()
    SupplierProfile.objects.all().delete()
    assert not Meeting.objects.exists()
    Organisation.objects.all().delete()
    User.objects.all().delete()
    assert not Event.objects.exists()


def test_per_buyer_figures_are_not_multiplied_by_joins():
    from rantai.forums.selectors import per_buyer

    event, organiser, buyers, smes = published_event(smes=4)
    inka, meeting = _inka_meeting(event, buyers)
    services.outcome_record(
        meeting=meeting, by=inka, interest="high", next_step="deal", potential_value=7_000_000
    )
    rows = {seat.organisation.name: seat for seat in per_buyer(event)}
    assert rows["PT INKA (Persero)"].potential == 7_000_000
    assert rows["PT INKA (Persero)"].requests_in == 4 and rows["PT INKA (Persero)"].meetings_n == 3
    header, ledger = export_rows(event, "buku")
    assert header[0] == "nib" and sum(r[4] for r in ledger) == 7_000_000
