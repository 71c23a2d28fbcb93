"""Participant lists and meeting requests in and out as CSV/XLSX, for organisers who start
in spreadsheets.

Imports are all or nothing: every row is checked first; if any row is wrong nothing is
written and the answer lists each problem as row + column + reason (row numbers as the
spreadsheet shows them, header = 1). Columns (Indonesian names, any order, extra ignored):

- ``umkm``: ``nib`` (required), ``sesi_tersedia`` (e.g. "1-8, 10"; empty = every slot)
- ``pembeli``: ``pembeli`` (name of an approved buyer organisation), ``meja`` (0..200),
  ``sesi_tersedia``, ``lokasi``
- ``permintaan``: ``nib``, ``pembeli`` (a buyer of this forum), ``prioritas`` (3/2/1 or
  wajib/ingin/mungkin) — entered by the organiser, so accepted at once
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership, Organisation
from rantai.core.audit import audit_append

from .choices import Priority, RequestStatus, Side
from .models import Event, MeetingRequest, Registration
from .slots import format_slot_list, parse_slot_list

KINDS = ("umkm", "pembeli", "permintaan")
EXPORTS = ("umkm", "pembeli", "permintaan", "jadwal", "buku")
COLUMNS = {
    "umkm": ["nib", "sesi_tersedia"],
    "pembeli": ["pembeli", "meja", "sesi_tersedia", "lokasi"],
    "permintaan": ["nib", "pembeli", "prioritas"],
}
REQUIRED = {"umkm": ["nib"], "pembeli": ["pembeli", "meja"], "permintaan": ["nib", "pembeli"]}
MAX_BYTES, MAX_ROWS = 5 * 1024 * 1024, 20_000
PRIORITY_WORDS = {
    "3": 3,
    "wajib": 3,
    "must": 3,
    "2": 2,
    "ingin": 2,
    "want": 2,
    "1": 1,
    "mungkin": 1,
    "maybe": 1,
}


@dataclass
class RowProblem:
    row: int
    column: str
    reason: str


@dataclass
class ImportResult:
    written: int = 0
    problems: list[RowProblem] = field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header (lower-case) and rows of a CSV (UTF-8, comma or semicolon) or XLSX file."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": _("Berkas terlalu besar (paling besar 5 MB).")})
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError({"file": _("Berkas bukan XLSX yang dapat dibaca.")}) from error
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError({"file": _("Simpan CSV sebagai UTF-8.")}) from error
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    else:
        raise ValidationError({"file": _("Unggah berkas .csv atau .xlsx.")})
    if not rows:
        raise ValidationError({"file": _("Berkas kosong.")})
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError({"file": _("Paling banyak %(max)d baris.") % {"max": MAX_ROWS}})
    header = [h.strip().lower() for h in rows[0]]
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c for c in r)]
    return header, body


def import_file(*, event: Event, by: Membership, kind: str, data: bytes, filename: str) -> ImportResult:
    """Check every row of the file, then (only if all are right) write them in one
    transaction. Organiser of ``event`` only."""
    from .services import _require_organiser, registration_add, seat_save

    _require_organiser(by, event)
    if kind not in KINDS:
        raise ValidationError({"kind": _("Jenis daftar tidak dikenal.")})
    header, rows = read_table(data, filename)
    missing = [c for c in REQUIRED[kind] if c not in header]
    if missing:
        raise ValidationError(
            {"file": _("Kolom wajib tidak ada: %(columns)s") % {"columns": ", ".join(missing)}}
        )
    count = event.slots.count()
    result = ImportResult()
    planned = []
    seats = {s.organisation.name.lower(): s for s in event.seats.select_related("organisation")}
    for number, cells in rows:
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        problems, item = _check_row(kind, values, event, count, seats)
        result.problems += [RowProblem(number, column, reason) for column, reason in problems]
        if not problems:
            planned.append(item)
    if result.problems:
        return result
    with transaction.atomic():
        for item in planned:
            if kind == "umkm":
                registration_add(event=event, by=by, supplier=item["supplier"], available_slots=item["slots"])
            elif kind == "pembeli":
                seat_save(
                    event=event,
                    by=by,
                    buyer_id=item["buyer"].pk,
                    tables=item["tables"],
                    available_slots=item["slots"],
                    location=item["location"],
                )
            else:
                registration = Registration.objects.filter(event=event, supplier=item["supplier"]).first()
                if registration is None:
                    registration = registration_add(event=event, by=by, supplier=item["supplier"])
                MeetingRequest.objects.update_or_create(
                    registration=registration,
                    seat=item["seat"],
                    defaults={
                        "event": event,
                        "priority": item["priority"],
                        "initiated_by": Side.ORGANISER,
                        "status": RequestStatus.ACCEPTED,
                    },
                )
            result.written += 1
        audit_append(
            action="forum.import",
            obj=event,
            actor=by.user,
            organisation_id=by.organisation_id,
            payload={"kind": kind, "rows": result.written, "file": filename[:100]},
        )
    return result


def _check_row(kind: str, values: dict, event: Event, count: int, seats: dict) -> tuple[list, dict]:
    from rantai.suppliers.models import SupplierProfile

    problems: list[tuple[str, str]] = []
    item: dict = {}
    if "nib" in COLUMNS[kind]:
        nib = values.get("nib", "")
        supplier = (
            SupplierProfile.objects.filter(nib=nib).first() if nib.isdigit() and len(nib) == 13 else None
        )
        if not nib:
            problems.append(("nib", _("Wajib diisi.")))
        elif supplier is None:
            problems.append(("nib", _("NIB %(nib)s tidak ada di registri.") % {"nib": nib}))
        item["supplier"] = supplier
    if "sesi_tersedia" in COLUMNS[kind]:
        try:
            item["slots"] = parse_slot_list(values.get("sesi_tersedia", ""), count)
        except ValueError as error:
            problems.append(
                (
                    "sesi_tersedia",
                    _("'%(part)s' bukan sesi 1-%(count)d.") % {"part": error.args[0], "count": count},
                )
            )
    if kind == "pembeli":
        name = values.get("pembeli", "")
        buyer = Organisation.objects.filter(name__iexact=name, kind=OrgKind.BUYER).first() if name else None
        if buyer is None or not buyer.is_approved:
            problems.append(
                ("pembeli", _("Pembeli '%(name)s' tidak dikenal atau belum disetujui.") % {"name": name})
            )
        tables = values.get("meja", "")
        if not tables.isdigit() or int(tables) > 200:
            problems.append(("meja", _("Jumlah meja harus bilangan 0 sampai 200.")))
        item.update(
            buyer=buyer,
            tables=int(tables) if tables.isdigit() else 0,
            location=values.get("lokasi", "")[:100],
        )
    if kind == "permintaan":
        name = values.get("pembeli", "")
        item["seat"] = seats.get(name.lower())
        if item["seat"] is None:
            problems.append(("pembeli", _("'%(name)s' bukan pembeli di forum ini.") % {"name": name}))
        word = values.get("prioritas", "").lower() or "2"
        if word not in PRIORITY_WORDS:
            problems.append(("prioritas", _("Tulis 3/2/1 atau wajib/ingin/mungkin.")))
        item["priority"] = PRIORITY_WORDS.get(word, Priority.WANT)
    return problems, item


def export_rows(event: Event, kind: str) -> tuple[list[str], list[list]]:
    """Header and rows for an export (the same columns an import reads, plus names)."""
    from .selectors import published_run, table_numbers

    if kind == "umkm":
        rows = [
            [
                r.supplier.nib,
                format_slot_list(r.available_slots),
                r.supplier.name,
                r.supplier.regency.province.name,
                "ya" if r.checked_in_at else "",
                "batal" if r.cancelled else "",
            ]
            for r in event.registrations.select_related("supplier__regency__province")
        ]
        return ["nib", "sesi_tersedia", "nama_usaha", "provinsi", "hadir", "status"], rows
    if kind == "pembeli":
        rows = [
            [s.organisation.name, s.tables, format_slot_list(s.available_slots), s.location]
            for s in event.seats.select_related("organisation")
        ]
        return COLUMNS["pembeli"], rows
    if kind == "permintaan":
        rows = [
            [
                r.registration.supplier.nib,
                r.seat.organisation.name,
                r.priority,
                r.registration.supplier.name,
                r.status,
                r.initiated_by,
            ]
            for r in event.requests.select_related("registration__supplier", "seat__organisation")
        ]
        return ["nib", "pembeli", "prioritas", "nama_usaha", "status", "diminta_oleh"], rows
    if kind == "buku":
        from .selectors import pairing_ledger

        keys = ["potential", "quotes", "orders", "ordered", "paid", "rfq_ordered", "rfq_paid"]
        rows = [
            [r["supplier"].nib, r["supplier"].name, r["buyer"].name, r["next_step"], *(r[k] for k in keys)]
            for r in pairing_ledger(event)
        ]
        return [
            "nib",
            "nama_usaha",
            "pembeli",
            "langkah",
            "potensi",
            "penawaran",
            "pesanan",
            "nilai_pesanan",
            "dibayar",
            "pesanan_lewat_rfq_forum",
            "dibayar_lewat_rfq_forum",
        ], rows
    run = published_run(event)
    numbers = table_numbers(event)
    slots = {s.number: s for s in event.slots.all()}
    from rantai.core.timezones import zoneinfo

    zone = zoneinfo(event.timezone)
    rows = [
        [
            m.slot + 1,
            slots[m.slot].starts_at.astimezone(zone).strftime("%H:%M"),
            numbers[m.seat_id] + m.table,
            m.seat.organisation.name,
            m.registration.supplier.nib,
            m.registration.supplier.name,
            m.attendance,
        ]
        for m in (
            run.meetings.select_related("seat__organisation", "registration__supplier").order_by(
                "slot", "seat_id", "table"
            )
            if run
            else []
        )
    ]
    return ["sesi", "jam", "meja", "pembeli", "nib", "nama_usaha", "kehadiran"], rows


def _safe(value):
    """A cell a spreadsheet will not run as a formula (names are typed by users)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_safe(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
