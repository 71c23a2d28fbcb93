"""Reads over supplier profiles, always scoped to what the caller may see."""
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rantai.accounts.models import Membership
from rantai.accounts.permissions import is_agency
from rantai.core import clock

from .choices import ProfileStatus, Verification
from .models import Capability, Certificate, ClaimRequest, SupplierProfile


def profile_of(organisation_id: int) -> SupplierProfile | None:
    return (
        SupplierProfile.objects.select_related("regency__province")
        .prefetch_related("kbli", "products").filter(organisation_id=organisation_id).first()
    )


def valid_certificates_q(kind: str, *, prefix: str = "") -> Q:
    """Profiles holding a certificate of ``kind`` valid today (an EXISTS subquery)."""
    today = timezone.localdate(clock.now())
    valid = Certificate.objects.filter(
        supplier=OuterRef(f"{prefix}pk"), kind=kind, valid_from__lte=today,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    return Q(Exists(valid))


def profiles_visible(
    membership: Membership, *, query: str = "", province: str = "", kbli: str = "",
    regency: str = "", scale: str = "", certificate: str = "", process: str = "",
    verified: bool = False,
) -> QuerySet[SupplierProfile]:
    """Published profiles (plus the caller's own draft; agency staff see drafts too),
    filtered by words (every word must appear in name, products, capabilities or
    description), province, regency, KBLI prefix, scale, a certificate valid today, a
    process capability and verification. Ordered by name; a fixed number of queries."""
    profiles = SupplierProfile.objects.select_related("regency__province")
    if not is_agency(membership):
        profiles = profiles.filter(
            Q(status=ProfileStatus.PUBLISHED) | Q(organisation_id=membership.organisation_id)
        )
    for word in query.lower().split():
        profiles = profiles.filter(search_text__contains=word)
    if province:
        profiles = profiles.filter(regency__province_id=province)
    if regency:
        profiles = profiles.filter(regency_id=regency)
    if kbli:
        profiles = profiles.filter(kbli__code__startswith=kbli).distinct()
    if scale:
        profiles = profiles.filter(scale=scale)
    if certificate:
        profiles = profiles.filter(valid_certificates_q(certificate))
    if process:
        profiles = profiles.filter(Exists(Capability.objects.filter(
            supplier=OuterRef("pk"), process=process)))
    if verified:
        profiles = profiles.filter(verification=Verification.VERIFIED)
    return profiles.order_by("name", "id")


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool


@dataclass(frozen=True)
class Completeness:
    score: int  # 0..100
    items: list[ChecklistItem]

    @property
    def missing(self) -> list[ChecklistItem]:
        return [item for item in self.items if not item.done]


def profile_completeness(profile: SupplierProfile) -> Completeness:
    """What a buyer needs to trust the profile, as a checklist the owner can work through.
    The score is the share of items done."""
    today = timezone.localdate(clock.now())
    products = list(profile.products.all())
    items = [
        ChecklistItem("identity", str(_("Nama, bentuk usaha, NIB dan lokasi")),
                      bool(profile.name and profile.nib and profile.regency_id)),
        ChecklistItem("kbli", str(_("Kode KBLI 2020")), profile.kbli.exists()),
        ChecklistItem("contact", str(_("Alamat dan kontak (telepon atau email)")),
                      bool(profile.address and (profile.contact_phone or profile.contact_email))),
        ChecklistItem("size", str(_("Penjualan atau modal usaha dan tenaga kerja")),
                      (profile.annual_sales is not None or profile.business_capital is not None)
                      and profile.workforce is not None),
        ChecklistItem("products", str(_("Produk dengan kapasitas per bulan")),
                      any(p.monthly_capacity for p in products)),
        ChecklistItem("prices", str(_("Kisaran harga produk")),
                      any(p.price_min is not None for p in products)),
        ChecklistItem("photo", str(_("Foto produk")), any(p.photo for p in products)),
        ChecklistItem("capability", str(_("Kemampuan proses (mis. pengecoran, pemesinan)")),
                      profile.capabilities.exists()),
        ChecklistItem("certificate", str(_("Sertifikat yang masih berlaku")),
                      any(c.is_valid_on(today) for c in profile.certificates.all())),
        ChecklistItem("verified", str(_("Diverifikasi petugas instansi")),
                      profile.verification == Verification.VERIFIED),
    ]
    score = round(100 * sum(item.done for item in items) / len(items))
    return Completeness(score=score, items=items)


def verification_queue(membership: Membership) -> QuerySet[SupplierProfile]:
    """Profiles waiting for verification; a provincial officer sees their province only."""
    profiles = (SupplierProfile.objects.filter(verification=Verification.PENDING)
                .select_related("regency__province"))
    if membership.province_id:
        profiles = profiles.filter(regency__province_id=membership.province_id)
    return profiles.order_by("updated_at", "id")


def claims_pending(membership: Membership) -> QuerySet[ClaimRequest]:
    """Claims waiting for an agency decision (a provincial officer: their province)."""
    claims = (ClaimRequest.objects.filter(status=ClaimRequest.Status.PENDING)
              .select_related("supplier__regency__province", "user"))
    if membership.province_id:
        claims = claims.filter(supplier__regency__province_id=membership.province_id)
    return claims.order_by("created_at", "id")
