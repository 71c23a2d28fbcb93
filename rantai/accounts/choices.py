"""Organisation kinds, roles and the approval pipeline."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    SME = "sme", _("UMKM/IKM (pemasok)")
    BUYER = "buyer", _("Pembeli (BUMN/usaha besar/pemerintah)")
    AGENCY = "agency", _("Instansi pemerintah")
    ORGANISER = "organiser", _("Penyelenggara forum")


class BuyerKind(models.TextChoices):
    BUMN = "bumn", _("BUMN")
    BUMN_SUBSIDIARY = "bumn_subsidiary", _("Anak perusahaan/unit BUMN")
    LARGE_BUSINESS = "large_business", _("Usaha besar")
    GOVERNMENT = "government", _("Instansi pemerintah (pembeli)")


class BumnCluster(models.TextChoices):
    """The 12 clusters the Ministry of SOEs grouped its companies into (2021)."""

    ENERGY = "energi", _("Industri Energi, Minyak dan Gas")
    MINERALS = "mineral", _("Industri Mineral dan Batubara")
    PLANTATION = "perkebunan", _("Industri Perkebunan dan Kehutanan")
    FOOD = "pangan", _("Industri Pangan dan Pupuk")
    HEALTH = "kesehatan", _("Industri Kesehatan")
    MANUFACTURING = "manufaktur", _("Industri Manufaktur")
    FINANCE = "keuangan", _("Jasa Keuangan")
    INSURANCE = "asuransi", _("Jasa Asuransi dan Dana Pensiun")
    TELECOM = "telekomunikasi", _("Jasa Telekomunikasi dan Media")
    TOURISM = "pariwisata", _("Jasa Pariwisata dan Pendukung")
    INFRASTRUCTURE = "infrastruktur", _("Jasa Infrastruktur")
    LOGISTICS = "logistik", _("Jasa Logistik")


class OrgStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")


ORG_TRANSITIONS = {
    OrgStatus.PENDING: {OrgStatus.APPROVED, OrgStatus.REJECTED},
    OrgStatus.REJECTED: {OrgStatus.APPROVED},
    OrgStatus.APPROVED: set(),
}


class Role(models.TextChoices):
    OWNER = "owner", _("Pemilik")
    MANAGER = "manager", _("Manajer")
    STAFF = "staff", _("Staf")
    OFFICER = "officer", _("Petugas instansi")
    MENTOR = "mentor", _("Pendamping")


# Roles that may approve and award on a buyer's behalf, or publish an SME's profile.
DECIDING_ROLES = {Role.OWNER, Role.MANAGER}
