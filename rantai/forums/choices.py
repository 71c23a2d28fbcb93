"""Statuses of forums, meeting requests, schedule runs and meetings, with their moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    OPEN = "open", _("Pendaftaran dibuka")
    PUBLISHED = "published", _("Jadwal terbit")
    FINISHED = "finished", _("Selesai")


EVENT_TRANSITIONS = {
    EventStatus.DRAFT: {EventStatus.OPEN},
    EventStatus.OPEN: {EventStatus.PUBLISHED},
    # published -> published: a re-schedule replaces the published schedule
    EventStatus.PUBLISHED: {EventStatus.PUBLISHED, EventStatus.FINISHED},
    EventStatus.FINISHED: set(),
}


class Priority(models.IntegerChoices):
    MUST = 3, _("Wajib bertemu")
    WANT = 2, _("Ingin bertemu")
    MAYBE = 1, _("Mungkin")


class Side(models.TextChoices):
    SME = "sme", _("UMKM")
    BUYER = "buyer", _("Pembeli")
    ORGANISER = "organiser", _("Penyelenggara")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu jawaban")
    ACCEPTED = "accepted", _("Diterima")
    DECLINED = "declined", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")


REQUEST_TRANSITIONS = {
    RequestStatus.PENDING: {RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.CANCELLED},
    RequestStatus.ACCEPTED: {RequestStatus.CANCELLED},
    RequestStatus.DECLINED: {RequestStatus.ACCEPTED},  # the buyer changed their mind
    RequestStatus.CANCELLED: set(),
}


class RunMode(models.TextChoices):
    SOLVE = "solve", _("Jadwal baru")
    MIN_MOVES = "min_moves", _("Jadwal ulang, sesedikit mungkin pertemuan dipindah")
    FREEZE = "freeze", _("Jadwal ulang, pertemuan terbit tidak dipindah")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang dihitung")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")
    PUBLISHED = "published", _("Terbit")
    SUPERSEDED = "superseded", _("Diganti jadwal baru")


RUN_TRANSITIONS = {
    RunStatus.QUEUED: {RunStatus.RUNNING, RunStatus.FAILED},
    RunStatus.RUNNING: {RunStatus.RUNNING, RunStatus.DONE, RunStatus.FAILED},
    RunStatus.DONE: {RunStatus.PUBLISHED},
    RunStatus.FAILED: set(),
    RunStatus.PUBLISHED: {RunStatus.SUPERSEDED},
    RunStatus.SUPERSEDED: set(),
}


class Attendance(models.TextChoices):
    SCHEDULED = "scheduled", _("Terjadwal")
    HELD = "held", _("Berlangsung")
    NO_SHOW = "no_show", _("Tidak hadir")
    CANCELLED = "cancelled", _("Dibatalkan")


ATTENDANCE_TRANSITIONS = {
    Attendance.SCHEDULED: {Attendance.HELD, Attendance.NO_SHOW, Attendance.CANCELLED},
    Attendance.HELD: {Attendance.NO_SHOW},
    Attendance.NO_SHOW: {Attendance.HELD},
    Attendance.CANCELLED: set(),
}


class Interest(models.TextChoices):
    HIGH = "high", _("Tinggi")
    MEDIUM = "medium", _("Sedang")
    LOW = "low", _("Rendah")


class NextStep(models.TextChoices):
    DEAL = "deal", _("Sepakat (kesepakatan)")
    RFQ = "rfq", _("Minta penawaran (RFQ lanjutan)")
    SAMPLE = "sample", _("Kirim contoh")
    VISIT = "visit", _("Kunjungan pabrik")
    NOT_YET = "not_yet", _("Belum sekarang")


class Reason(models.TextChoices):
    NONE = "", _("—")
    QUALITY = "quality", _("Mutu")
    PRICE = "price", _("Harga")
    CAPACITY = "capacity", _("Kapasitas")
    CERTIFICATION = "certification", _("Sertifikasi")
    TIMING = "timing", _("Waktu belum tepat")
    OTHER = "other", _("Lainnya")
