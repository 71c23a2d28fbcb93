"""Writes to supplier profiles. Each runs in a transaction and is audited."""
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rantai.accounts.choices import OrgKind, Role
from rantai.accounts.models import Membership
from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.core.timezones import zone_for_province
from rantai.core.transitions import move
from rantai.core.uploads import document_problem
from rantai.notifications.services import notify
from rantai.taxonomy.models import Regency
from rantai.taxonomy.selectors import kbli_codes_missing

from .choices import (
    PROFILE_TRANSITIONS,
    VERIFICATION_TRANSITIONS,
    CertificateKind,
    LegalForm,
    Process,
    ProfileStatus,
    Verification,
)
from .models import (
    Capability,
    Certificate,
    CertificateProduct,
    ClaimRequest,
    Product,
    SizeRecord,
    SupplierProfile,
    nib_validator,
    npwp_validator,
)
from .permissions import may_decide_for, may_publish
from .scale import decide_scale
from .search import search_text_refresh


def _validate(*, name: str, legal_form: str, nib: str, kbli_codes: list[str], regency_code: str,
              annual_sales, business_capital,
              products: list[str], profile_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Nama usaha wajib diisi.")
    if legal_form not in LegalForm.values:
        errors["legal_form"] = _("Pilih bentuk usaha: CV, PT, UD, Koperasi atau perorangan.")
    try:
        nib_validator(nib)
    except ValidationError:
        errors["nib"] = _("NIB harus 13 digit angka.")
    else:
        if SupplierProfile.objects.filter(nib=nib).exclude(pk=profile_id).exists():
            errors["nib"] = _("NIB ini sudah terdaftar untuk usaha lain.")
    if not kbli_codes:
        errors["kbli_codes"] = _("Isi minimal satu kode KBLI 2020.")
    else:
        missing = kbli_codes_missing(kbli_codes)
        if missing:
            errors["kbli_codes"] = _("Kode KBLI 2020 tidak dikenal: %(codes)s") % {
                "codes": ", ".join(missing)}
    if not Regency.objects.filter(code=regency_code).exists():
        errors["regency_code"] = _("Kabupaten/kota tidak dikenal: %(code)s. Pilih dari daftar.") % {
            "code": regency_code}
    for field, value in (("annual_sales", annual_sales), ("business_capital", business_capital)):
        if value is not None and value < 0:
            errors[field] = _("Nilai tidak boleh negatif.")
    if not [p for p in products if p.strip()]:
        errors["products"] = _("Isi minimal satu produk.")
    return errors


IDENTITY_FIELDS = ("name", "legal_form", "nib", "regency_id")


def _sync_products(profile: SupplierProfile, names: list[str]) -> None:
    """Keep products whose names remain (with their details and certificates), add new
    ones, delete the rest."""
    wanted = list(dict.fromkeys(n.strip()[:200] for n in names if n.strip()))
    existing = {p.name: p for p in profile.products.all()}
    profile.products.exclude(name__in=wanted).delete()
    Product.objects.bulk_create(
        [Product(supplier=profile, name=name) for name in wanted if name not in existing])


def _record_size(profile: SupplierProfile, *, as_of: date, annual_sales, business_capital,
                 workforce) -> None:
    """Add a dated size record when the figures changed; the newest decides the scale."""
    if annual_sales is None and business_capital is None and workforce is None:
        return
    latest = profile.size_records.first()
    figures = (annual_sales, business_capital, workforce)
    if latest and (latest.annual_sales, latest.business_capital, latest.workforce) == figures:
        return
    decision = decide_scale(annual_sales=annual_sales, business_capital=business_capital)
    SizeRecord.objects.create(
        supplier=profile, as_of=as_of, annual_sales=annual_sales,
        business_capital=business_capital, workforce=workforce,
        scale=decision.scale if decision else profile.scale,
        scale_rule=decision.rule if decision else profile.scale_rule)


@transaction.atomic
def profile_save(
    *, by: Membership, name: str, legal_form: str, nib: str, regency_code: str,
    kbli_codes: list[str], products: list[str], description: str = "",
    annual_sales: int | None = None, business_capital: int | None = None,
    workforce: int | None = None, npwp: str = "", address: str = "", contact_name: str = "",
    contact_phone: str = "", contact_email: str = "",
) -> SupplierProfile:
    """Create or update the SME's own profile (its listing status is kept).

    New size figures are added to the dated history and decide the scale (PP 7/2021).
    Editing the identity of a verified profile sends it back for verification. Raises
    ValidationError keyed by field name; nothing is written on error.
    """
    if by.organisation.kind != OrgKind.SME:
        raise ValidationError({"__all__": _("Profil pemasok hanya untuk UMKM/IKM.")})
    existing = SupplierProfile.objects.filter(organisation=by.organisation).first()
    nib, npwp, name = nib.strip(), npwp.strip().replace(".", "").replace("-", ""), name.strip()
    kbli_codes = sorted({c.strip() for c in kbli_codes if c.strip()})
    errors = _validate(name=name, legal_form=legal_form, nib=nib, kbli_codes=kbli_codes,
                       regency_code=regency_code, annual_sales=annual_sales,
                       business_capital=business_capital, products=products,
                       profile_id=existing.pk if existing else None)
    if npwp:
        try:
            npwp_validator(npwp)
        except ValidationError:
            errors["npwp"] = _("NPWP harus 15 atau 16 digit angka.")
    if workforce is not None and workforce < 0:
        errors["workforce"] = _("Nilai tidak boleh negatif.")
    if errors:
        raise ValidationError(errors)
    profile = existing or SupplierProfile(organisation=by.organisation)
    before = {f: getattr(profile, f) for f in IDENTITY_FIELDS}
    for field, value in {
        "name": name, "legal_form": legal_form, "nib": nib, "regency_id": regency_code,
        "description": description, "annual_sales": annual_sales,
        "business_capital": business_capital, "workforce": workforce, "npwp": npwp,
        "address": address, "contact_name": contact_name, "contact_phone": contact_phone,
        "contact_email": contact_email,
    }.items():
        setattr(profile, field, value)
    decision = decide_scale(annual_sales=annual_sales, business_capital=business_capital)
    if decision:
        profile.scale, profile.scale_rule = decision.scale, decision.rule
    identity_changed = existing and before != {f: getattr(profile, f) for f in IDENTITY_FIELDS}
    if identity_changed and profile.verification == Verification.VERIFIED:
        profile.verification = Verification.PENDING
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as error:  # a concurrent sign-up took the same NIB
        raise ValidationError({"nib": _("NIB ini sudah terdaftar untuk usaha lain.")}) from error
    profile.kbli.set(kbli_codes)
    _sync_products(profile, products)
    _record_size(profile, as_of=timezone.localdate(clock.now()), annual_sales=annual_sales,
                 business_capital=business_capital, workforce=workforce)
    search_text_refresh(profile)
    if not existing and by.user.timezone == "Asia/Jakarta":
        # A new business shows times in its own zone (WITA in Makassar, WIT in Jayapura)
        # unless its owner already chose one.
        by.user.timezone = zone_for_province(regency_code[:2])
        by.user.save(update_fields=["timezone"])
    audit_append(
        action="supplier.save" if existing else "supplier.create", obj=profile, actor=by.user,
        organisation_id=by.organisation_id,
        payload={"nib": nib, "kbli": kbli_codes, "regency": regency_code,
                 "reverify": bool(identity_changed and profile.verification == "pending")},
    )
    return profile


@transaction.atomic
def profile_set_published(*, profile: SupplierProfile, by: Membership, published: bool) -> None:
    """Publish (list for buyers) or withdraw to draft: the SME's owner or manager only."""
    if profile.organisation_id != by.organisation_id or not may_publish(by):
        raise PermissionDenied
    target = ProfileStatus.PUBLISHED if published else ProfileStatus.DRAFT
    move(profile, PROFILE_TRANSITIONS, target, updated_at=timezone.now())
    audit_append(action=f"supplier.{target}", obj=profile, actor=by.user,
                 organisation_id=by.organisation_id)


def _own(by: Membership, profile: SupplierProfile) -> None:
    if profile.organisation_id != by.organisation_id:
        raise PermissionDenied


def _audit(action: str, obj, by: Membership, payload: dict | None = None) -> None:
    audit_append(action=action, obj=obj, actor=by.user, organisation_id=by.organisation_id,
                 payload=payload)


@transaction.atomic
def product_update(
    *, by: Membership, product: Product, description: str = "", unit: str = "",
    price_min: int | None = None, price_max: int | None = None,
    minimum_order: Decimal | None = None, monthly_capacity: Decimal | None = None,
    lead_time_days: int | None = None, photo=None,
) -> Product:
    """Fill in a product's details (the SME's own products only). ``photo`` None keeps the
    current photo."""
    _own(by, product.supplier)
    errors: dict[str, str] = {}
    for field, value in (("price_min", price_min), ("price_max", price_max),
                         ("minimum_order", minimum_order), ("monthly_capacity", monthly_capacity)):
        if value is not None and value < 0:
            errors[field] = _("Nilai tidak boleh negatif.")
    if price_min is not None and price_max is not None and price_min > price_max:
        errors["price_max"] = _("Harga tertinggi tidak boleh di bawah harga terendah.")
    if errors:
        raise ValidationError(errors)
    product.description, product.unit = description, unit
    product.price_min, product.price_max = price_min, price_max
    product.minimum_order, product.monthly_capacity = minimum_order, monthly_capacity
    product.lead_time_days = lead_time_days
    if photo is not None:
        product.photo = photo
    product.save()
    _audit("supplier.product", product, by, {"product": product.name})
    return product


@transaction.atomic
def capability_add(
    *, by: Membership, profile: SupplierProfile, process: str, material: str = "",
    max_part_weight_kg: Decimal | None = None, tolerance_mm: Decimal | None = None,
    notes: str = "",
) -> Capability:
    """Record a process capability (structured, searchable)."""
    _own(by, profile)
    errors: dict[str, str] = {}
    if process not in Process.values:
        errors["process"] = _("Pilih jenis proses dari daftar.")
    if max_part_weight_kg is not None and max_part_weight_kg <= 0:
        errors["max_part_weight_kg"] = _("Nilai harus lebih dari nol.")
    if tolerance_mm is not None and tolerance_mm <= 0:
        errors["tolerance_mm"] = _("Nilai harus lebih dari nol.")
    if errors:
        raise ValidationError(errors)
    capability = Capability.objects.create(
        supplier=profile, process=process, material=material.strip(),
        max_part_weight_kg=max_part_weight_kg, tolerance_mm=tolerance_mm, notes=notes.strip())
    search_text_refresh(profile)
    _audit("supplier.capability_add", profile, by, {"process": process, "material": material})
    return capability


@transaction.atomic
def capability_remove(*, by: Membership, capability: Capability) -> None:
    profile = capability.supplier
    _own(by, profile)
    capability.delete()
    search_text_refresh(profile)
    _audit("supplier.capability_remove", profile, by, {"process": capability.process})


@transaction.atomic
def certificate_add(
    *, by: Membership, profile: SupplierProfile, kind: str, number: str, issuer: str,
    valid_from: date, valid_until: date | None = None, document=None,
    products: dict[int, Decimal | None] | None = None,
) -> Certificate:
    """Record a certificate and the SME's own products it covers (with TKDN % per product
    for TKDN-IK). The document is checked by content, not by its name."""
    _own(by, profile)
    products = products or {}
    errors: dict[str, str] = {}
    if kind not in CertificateKind.values:
        errors["kind"] = _("Pilih jenis sertifikat dari daftar.")
    if not number.strip():
        errors["number"] = _("Nomor sertifikat wajib diisi.")
    if not issuer.strip():
        errors["issuer"] = _("Penerbit wajib diisi.")
    if valid_from is None:
        errors["valid_from"] = _("Tanggal berlaku wajib diisi.")
    elif valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai berlaku.")
    own_products = set(profile.products.values_list("pk", flat=True))
    if set(products) - own_products:
        errors["products"] = _("Pilih produk milik usaha Anda sendiri.")
    for percent in products.values():
        if percent is not None and not 0 <= percent <= 100:
            errors["products"] = _("TKDN harus antara 0 dan 100 persen.")
    if document is not None and (problem := document_problem(document)):
        errors["document"] = problem
    if errors:
        raise ValidationError(errors)
    certificate = Certificate.objects.create(
        supplier=profile, kind=kind, number=number.strip(), issuer=issuer.strip(),
        valid_from=valid_from, valid_until=valid_until, document=document or "")
    CertificateProduct.objects.bulk_create(
        [CertificateProduct(certificate=certificate, product_id=pk, tkdn_percent=percent)
         for pk, percent in products.items()])
    _audit("supplier.certificate_add", profile, by,
           {"kind": kind, "number": number.strip(), "valid_until": valid_until})
    return certificate


@transaction.atomic
def certificate_remove(*, by: Membership, certificate: Certificate) -> None:
    profile = certificate.supplier
    _own(by, profile)
    certificate.delete()
    _audit("supplier.certificate_remove", profile, by, {"kind": certificate.kind})


@transaction.atomic
def verification_request(*, by: Membership, profile: SupplierProfile) -> None:
    """The SME asks agency staff to verify its profile."""
    _own(by, profile)
    move(profile, VERIFICATION_TRANSITIONS, Verification.PENDING, status_field="verification")
    _audit("supplier.verification_request", profile, by)


@transaction.atomic
def verification_decide(*, by: Membership, profile: SupplierProfile, verified: bool,
                        note: str = "") -> None:
    """Agency staff verify a pending profile, or send it back with the changes needed (a
    provincial officer: SMEs in their province only). The SME is notified either way."""
    if not may_decide_for(by, profile):
        raise PermissionDenied
    if not verified and not note.strip():
        raise ValidationError({"note": _("Tuliskan apa yang perlu diperbaiki.")})
    target = Verification.VERIFIED if verified else Verification.NEEDS_CHANGES
    note = note.strip()
    move(profile, VERIFICATION_TRANSITIONS, target, status_field="verification",
         verification_note=note, verified_at=clock.now() if verified else None)
    _audit(f"supplier.{target}", profile, by, {"note": note})
    if verified:
        notify(organisation_id=profile.organisation_id,
               subject=lambda: _("Profil Anda terverifikasi"),
               body=lambda: _("%(agency)s memverifikasi profil %(name)s. Pembeli kini melihat "
                              "tanda terverifikasi.") % {"agency": by.organisation.name,
                                                         "name": profile.name},
               url=reverse("suppliers:home"))
    else:
        notify(organisation_id=profile.organisation_id,
               subject=lambda: _("Profil Anda perlu diperbaiki"),
               body=lambda: _("%(agency)s meminta perbaikan: %(note)s Perbaiki profil lalu "
                              "ajukan verifikasi lagi.") % {"agency": by.organisation.name,
                                                            "note": note},
               url=reverse("suppliers:manage"))


@transaction.atomic
def claim_request(*, user, nib: str, evidence: str) -> ClaimRequest:
    """Ask to take over an unclaimed profile found by its NIB."""
    nib = nib.strip()
    profile = SupplierProfile.objects.filter(nib=nib).first()
    if profile is None:
        raise ValidationError({"nib": _("Tidak ada profil dengan NIB ini. Daftarkan usaha "
                                        "Anda sebagai profil baru.")})
    if profile.claimed:
        raise ValidationError({"nib": _("Profil dengan NIB ini sudah dikelola pemiliknya.")})
    if not evidence.strip():
        raise ValidationError({"evidence": _("Jelaskan bukti bahwa usaha ini milik Anda.")})
    try:
        with transaction.atomic():
            claim = ClaimRequest.objects.create(supplier=profile, user=user,
                                                evidence=evidence.strip())
    except IntegrityError as error:
        raise ValidationError({"nib": _("Sudah ada klaim yang menunggu konfirmasi untuk "
                                        "profil ini.")}) from error
    audit_append(action="supplier.claim_request", obj=profile, actor=user)
    return claim


@transaction.atomic
def claim_decide(*, by: Membership, claim: ClaimRequest, approve: bool, note: str = "") -> None:
    """Agency staff confirm (the claimant becomes the profile's owner) or reject a claim (a
    provincial officer: SMEs in their province only)."""
    if not may_decide_for(by, claim.supplier):
        raise PermissionDenied
    status = ClaimRequest.Status.APPROVED if approve else ClaimRequest.Status.REJECTED
    decided = ClaimRequest.objects.filter(pk=claim.pk, status=ClaimRequest.Status.PENDING).update(
        status=status, decided_by=by.user, decision_note=note.strip(), decided_at=clock.now())
    if not decided:
        raise ValidationError({"__all__": _("Klaim ini sudah diputuskan.")})
    profile = claim.supplier
    if approve:
        if not SupplierProfile.objects.filter(pk=profile.pk, claimed=False).update(claimed=True):
            raise ValidationError({"__all__": _("Profil ini sudah diklaim.")})
        Membership.objects.get_or_create(user=claim.user, organisation=profile.organisation,
                                         defaults={"role": Role.OWNER})
    _audit(f"supplier.claim_{status}", profile, by, {"claim": claim.pk, "user": claim.user_id})
