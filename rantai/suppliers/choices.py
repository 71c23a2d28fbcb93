"""Supplier profile statuses, legal forms and business scales."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    CV = "cv", "CV"
    PT = "pt", "PT"
    UD = "ud", "UD"
    KOPERASI = "koperasi", "Koperasi"
    PERORANGAN = "perorangan", _("Perorangan")


class Scale(models.TextChoices):
    MICRO = "micro", _("Mikro")
    SMALL = "small", _("Kecil")
    MEDIUM = "medium", _("Menengah")
    LARGE = "large", _("Besar")


UMK_SCALES = {Scale.MICRO, Scale.SMALL}


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")


PROFILE_TRANSITIONS = {
    ProfileStatus.DRAFT: {ProfileStatus.PUBLISHED},
    ProfileStatus.PUBLISHED: {ProfileStatus.DRAFT},
}


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", _("Belum diverifikasi")
    PENDING = "pending", _("Menunggu verifikasi")
    VERIFIED = "verified", _("Terverifikasi")
    NEEDS_CHANGES = "needs_changes", _("Perlu perbaikan")


VERIFICATION_TRANSITIONS = {
    Verification.UNVERIFIED: {Verification.PENDING},
    Verification.PENDING: {Verification.VERIFIED, Verification.NEEDS_CHANGES},
    Verification.NEEDS_CHANGES: {Verification.PENDING},
    Verification.VERIFIED: {Verification.PENDING},
}


class CertificateKind(models.TextChoices):
    SNI = "sni", "SNI"
    HALAL = "halal", _("Halal")
    ISO9001 = "iso9001", "ISO 9001"
    TKDN_IK = "tkdn_ik", "TKDN-IK"
    BPOM = "bpom", "BPOM"
    PIRT = "pirt", "P-IRT"
    OTHER = "other", _("Lainnya")


class Process(models.TextChoices):
    """Process capabilities buyers source by (e.g. PT INKA buys casting and machining)."""

    CASTING = "casting", _("Pengecoran")
    FORGING = "forging", _("Penempaan")
    MACHINING = "machining", _("Pemesinan (bubut/frais/CNC)")
    WELDING = "welding", _("Pengelasan dan fabrikasi")
    SHEET_METAL = "sheet_metal", _("Pengerjaan pelat logam")
    HEAT_TREATMENT = "heat_treatment", _("Perlakuan panas")
    COATING = "coating", _("Pelapisan dan pengecatan")
    PLASTIC_MOULDING = "plastic_moulding", _("Cetak plastik/karet")
    ELECTRICAL = "electrical", _("Perakitan listrik/elektronik")
    FOOD_PROCESSING = "food_processing", _("Pengolahan makanan/minuman")
    GARMENT = "garment", _("Penjahitan garmen")
    TEXTILE = "textile", _("Tenun, batik dan tekstil")
    WOODWORKING = "woodworking", _("Pengolahan kayu dan mebel")
    HANDICRAFT = "handicraft", _("Kerajinan")
    PRINTING = "printing", _("Percetakan dan kemasan")
    CHEMICAL = "chemical", _("Formulasi kimia/farmasi")
    OTHER = "other", _("Lainnya")
