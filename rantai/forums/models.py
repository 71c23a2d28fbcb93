"""Partnership forums: the event, its slots and buyer tables, SME registrations, meeting
requests, schedule runs with their meetings, outcomes and follow-ups.

Slot indices (0..slot_count-1) are what the scheduling engine sees; ``Slot`` rows carry the
clock times. Availability is a list of slot indices, or null for "every slot".
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rantai.core import clock

from .choices import (
    Attendance,
    EventStatus,
    Interest,
    NextStep,
    Priority,
    Reason,
    RequestStatus,
    RunMode,
    RunStatus,
    Side,
)


class Event(models.Model):
    """One forum run by an organiser (or agency) organisation."""

    organiser = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="forums_organised",
        verbose_name=_("penyelenggara"),
    )
    title = models.CharField(_("nama forum"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    date = models.DateField(_("tanggal"))
    timezone = models.CharField(_("zona waktu"), max_length=40, default="Asia/Jakarta")
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    online = models.BooleanField(_("daring"), default=False)
    regency = models.ForeignKey(
        "taxonomy.Regency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("kabupaten/kota tempat"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("forum kemitraan")
        verbose_name_plural = _("forum kemitraan")

    def __str__(self) -> str:
        return self.title


class Slot(models.Model):
    """A meeting slot: index ``number`` (0-based, what the engine sees) and its times."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    number = models.PositiveIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["event", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="one_slot_number")]

    def __str__(self) -> str:
        return f"Sesi {self.number + 1}"

    @property
    def label(self) -> str:
        """ "3 · 09.40 WIB": the slot number from 1 and its start in the viewer's zone, written
        as everywhere else (``local_time``)."""
        from rantai.core.templatetags.rantai import local_time

        return f"{self.number + 1} · {local_time(self.starts_at)}"


class BuyerSeat(models.Model):
    """A buyer taking part: how many tables it runs at once and when it is available."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="seats")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="forum_seats",
        verbose_name=_("pembeli"),
    )
    tables = models.PositiveIntegerField(_("jumlah meja"), default=1)
    available_slots = models.JSONField(null=True, blank=True)  # null: every slot
    location = models.CharField(_("lokasi di denah"), max_length=100, blank=True)

    class Meta:
        ordering = ["event", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "organisation"], name="one_seat_per_buyer")]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def slots_text(self) -> str:
        """Availability as people type it ("1-8, 10"); empty = every slot."""
        from .slots import format_slot_list

        return format_slot_list(self.available_slots)


class EventNeed(models.Model):
    """What a buyer is looking for at this forum (optionally an existing sourcing need)."""

    seat = models.ForeignKey(BuyerSeat, on_delete=models.CASCADE, related_name="needs")
    title = models.CharField(_("kebutuhan"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    kbli_codes = models.JSONField(default=list, blank=True)
    need = models.ForeignKey(
        "sourcing.Need",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kebutuhan pengadaan"),
    )
    estimated_value = models.BigIntegerField(_("perkiraan nilai (Rp)"), null=True, blank=True)

    class Meta:
        ordering = ["seat", "id"]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """An SME registered for the forum from its registry profile."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    supplier = models.ForeignKey(
        "suppliers.SupplierProfile",
        on_delete=models.CASCADE,
        related_name="forum_registrations",
        verbose_name=_("UMKM"),
    )
    available_slots = models.JSONField(null=True, blank=True)  # null: every slot
    cancelled = models.BooleanField(_("batal hadir"), default=False)
    checked_in_at = models.DateTimeField(_("hadir pada"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["event", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "supplier"], name="one_registration_per_sme")]

    def __str__(self) -> str:
        return str(self.supplier)


class MeetingRequest(models.Model):
    """One side asks to meet the other; the other side accepts or declines.

    Requests entered by the organiser (import, walk-in) are accepted at once. Only accepted
    requests are scheduled.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="requests")
    seat = models.ForeignKey(BuyerSeat, on_delete=models.CASCADE, related_name="requests")
    priority = models.PositiveSmallIntegerField(
        _("prioritas"), choices=Priority.choices, default=Priority.WANT
    )
    initiated_by = models.CharField(max_length=10, choices=Side.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "seat"], name="one_request_per_pair")]

    def __str__(self) -> str:
        return f"Permintaan #{self.pk}"


class ScheduleRun(models.Model):
    """One computation of the schedule, run by a background job; ``result`` holds the
    figures (objective, bound, gap, SMEs without a meeting per policy and baseline)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="runs")
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mode = models.CharField(max_length=10, choices=RunMode.choices, default=RunMode.SOLVE)
    everyone_meets = models.BooleanField(_("setiap UMKM bertemu minimal satu pembeli"), default=False)
    time_limit_s = models.FloatField(default=10.0)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    result = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Jadwal #{self.pk}"


class Meeting(models.Model):
    """A meeting of a schedule run: the SME at ``table`` (0-based) of the buyer in a slot."""

    run = models.ForeignKey(ScheduleRun, on_delete=models.CASCADE, related_name="meetings")
    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="meetings")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="meetings")
    seat = models.ForeignKey(BuyerSeat, on_delete=models.CASCADE, related_name="meetings")
    slot = models.PositiveIntegerField()
    table = models.PositiveIntegerField()
    walk_in = models.BooleanField(default=False)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.SCHEDULED)

    class Meta:
        ordering = ["run", "slot", "seat", "table"]
        constraints = [
            models.UniqueConstraint(fields=["run", "seat", "slot", "table"], name="one_meeting_per_table"),
            models.UniqueConstraint(fields=["run", "registration", "slot"], name="sme_once_per_slot"),
        ]

    def __str__(self) -> str:
        return f"Pertemuan #{self.pk}"


class Outcome(models.Model):
    """What came of a meeting, recorded by the buyer (the SME may add its view)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="outcome")
    interest = models.CharField(_("minat"), max_length=10, choices=Interest.choices)
    next_step = models.CharField(_("langkah berikut"), max_length=10, choices=NextStep.choices)
    reason = models.CharField(_("alasan"), max_length=15, choices=Reason.choices, blank=True)
    products = models.CharField(_("produk/kemampuan yang dibahas"), max_length=300, blank=True)
    potential_value = models.BigIntegerField(_("potensi nilai (Rp)"), default=0)
    note = models.TextField(_("catatan"), blank=True)
    sme_note = models.TextField(_("catatan UMKM"), blank=True)
    need = models.ForeignKey(
        "sourcing.Need",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("RFQ lanjutan"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    def __str__(self) -> str:
        return f"Hasil #{self.pk}"


class FollowUp(models.Model):
    """A later check on a meeting (e.g. after 3 and 6 months)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("bulan setelah forum"))
    negotiation_started = models.BooleanField(_("negosiasi dimulai"), default=False)
    order_placed = models.BooleanField(_("pesanan dibuat"), default=False)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["meeting", "months"]
        constraints = [models.UniqueConstraint(fields=["meeting", "months"], name="one_follow_up_per_round")]

    def __str__(self) -> str:
        return f"Tindak lanjut #{self.pk}"
