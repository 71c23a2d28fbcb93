"""Feedback categories and sources, development-plan and enrolment statuses with their
allowed transitions, and mentoring programme topics."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackCategory(models.TextChoices):
    QUALITY = "quality", _("Mutu")
    CERTIFICATION = "certification", _("Sertifikasi")
    CAPACITY = "capacity", _("Kapasitas")
    PRICE = "price", _("Harga")
    DOCUMENTS = "documents", _("Dokumen")


class FeedbackSource(models.TextChoices):
    REJECTION = "rejection", _("Penolakan barang (BAST)")
    RATING = "rating", _("Penilaian rendah")
    FORUM = "forum", _("Hasil forum: belum — mutu")
    OTHER = "other", _("Lainnya")


class PlanStatus(models.TextChoices):
    OPEN = "open", _("Baru")
    IN_PROGRESS = "in_progress", _("Berjalan")
    RECHECK = "recheck", _("Menunggu pemeriksaan ulang")
    PASSED = "passed", _("Lulus pemeriksaan ulang")
    CANCELLED = "cancelled", _("Dibatalkan")


# open → in progress when a mentor is assigned; the SME (or mentor) asks the buyer to
# re-check; the buyer passes it or sends it back to work.
PLAN_TRANSITIONS = {
    PlanStatus.OPEN: {PlanStatus.IN_PROGRESS, PlanStatus.CANCELLED},
    PlanStatus.IN_PROGRESS: {PlanStatus.IN_PROGRESS, PlanStatus.RECHECK, PlanStatus.CANCELLED},
    PlanStatus.RECHECK: {PlanStatus.PASSED, PlanStatus.IN_PROGRESS},
    PlanStatus.PASSED: set(),
    PlanStatus.CANCELLED: set(),
}


class ProgrammeTopic(models.TextChoices):
    SNI = "sni", _("Pendampingan sertifikasi SNI")
    HALAL = "halal", _("Pendampingan sertifikasi halal")
    TKDN_IK = "tkdn_ik", _("Pengajuan TKDN-IK")
    QUALITY = "quality", _("Mutu produksi")
    CAPACITY = "capacity", _("Peningkatan kapasitas produksi")
    DIGITAL = "digital", _("Kesiapan digital")


class ProgrammeStatus(models.TextChoices):
    OPEN = "open", _("Menerima peserta")
    RUNNING = "running", _("Berjalan")
    FINISHED = "finished", _("Selesai")


PROGRAMME_TRANSITIONS = {
    ProgrammeStatus.OPEN: {ProgrammeStatus.RUNNING, ProgrammeStatus.FINISHED},
    ProgrammeStatus.RUNNING: {ProgrammeStatus.FINISHED},
    ProgrammeStatus.FINISHED: set(),
}


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Terdaftar")
    COMPLETED = "completed", _("Lulus")
    WITHDRAWN = "withdrawn", _("Mundur")


ENROLMENT_TRANSITIONS = {
    EnrolmentStatus.ENROLLED: {EnrolmentStatus.COMPLETED, EnrolmentStatus.WITHDRAWN},
    EnrolmentStatus.WITHDRAWN: {EnrolmentStatus.ENROLLED},
    EnrolmentStatus.COMPLETED: set(),
}

# Which programme topic closes which gap: a missing certificate kind, or capacity.
TOPIC_FOR_CERTIFICATE = {"sni": ProgrammeTopic.SNI, "halal": ProgrammeTopic.HALAL,
                         "tkdn_ik": ProgrammeTopic.TKDN_IK}
LOW_RATING = 2  # an average at or below this invites feedback
