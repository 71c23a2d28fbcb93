"""Writes to supplier profiles. Each runs in a transaction and is audited."""
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership
from rantai.core.audit import audit_append
from rantai.core.transitions import move
from rantai.taxonomy.models import Regency
from rantai.taxonomy.selectors import kbli_codes_missing

from .choices import PROFILE_TRANSITIONS, LegalForm, ProfileStatus
from .models import Product, SupplierProfile, nib_validator
from .scale import decide_scale


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


@transaction.atomic
def profile_save(
    *, by: Membership, name: str, legal_form: str, nib: str, regency_code: str,
    kbli_codes: list[str], products: list[str], description: str = "",
    annual_sales: int | None = None, business_capital: int | None = None,
) -> SupplierProfile:
    """Create or update the SME's own profile (its status is kept).

    Raises ValidationError keyed by field name; nothing is written on error.
    """
    if by.organisation.kind != OrgKind.SME:
        raise ValidationError({"__all__": _("Profil pemasok hanya untuk UMKM/IKM.")})
    existing = SupplierProfile.objects.filter(organisation=by.organisation).first()
    nib = nib.strip()
    kbli_codes = sorted({c.strip() for c in kbli_codes if c.strip()})
    name = name.strip()
    errors = _validate(name=name, legal_form=legal_form, nib=nib, kbli_codes=kbli_codes,
                       regency_code=regency_code,
                       annual_sales=annual_sales, business_capital=business_capital,
                       products=products, profile_id=existing.pk if existing else None)
    if errors:
        raise ValidationError(errors)
    decision = decide_scale(annual_sales=annual_sales, business_capital=business_capital)
    profile = existing or SupplierProfile(organisation=by.organisation)
    profile.name = name
    profile.legal_form = legal_form
    profile.nib = nib
    profile.regency_id = regency_code
    profile.description = description
    profile.annual_sales = annual_sales
    profile.business_capital = business_capital
    if decision:
        profile.scale, profile.scale_rule = decision.scale, decision.rule
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as error:  # a concurrent sign-up took the same NIB
        raise ValidationError({"nib": _("NIB ini sudah terdaftar untuk usaha lain.")}) from error
    profile.kbli.set(kbli_codes)
    profile.products.all().delete()
    Product.objects.bulk_create(
        [Product(supplier=profile, name=p.strip()[:200]) for p in products if p.strip()]
    )
    audit_append(
        action="supplier.save" if existing else "supplier.create", obj=profile, actor=by.user,
        organisation_id=by.organisation_id,
        payload={"nib": nib, "kbli": kbli_codes, "regency": regency_code},
    )
    return profile


@transaction.atomic
def profile_set_published(*, profile: SupplierProfile, by: Membership, published: bool) -> None:
    """Publish (list for buyers) or withdraw to draft."""
    target = ProfileStatus.PUBLISHED if published else ProfileStatus.DRAFT
    move(profile, PROFILE_TRANSITIONS, target)
    audit_append(action=f"supplier.{target}", obj=profile, actor=by.user,
                 organisation_id=by.organisation_id)
