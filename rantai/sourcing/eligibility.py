"""Who may quote on a need, and why not: the small-business reservation, required
certificates (valid on the day of submission and covering what is offered) and the
minimum TKDN per product. Every refusal is a sentence in the active language."""
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from rantai.accounts.choices import BuyerKind, OrgKind
from rantai.core.numbers import number_text
from rantai.suppliers.choices import CertificateKind
from rantai.suppliers.models import Certificate, CertificateProduct, Product, SupplierProfile

from .models import Need, NeedLine
from .rules import effective_rule

BUMN_GROUP = {BuyerKind.BUMN, BuyerKind.BUMN_SUBSIDIARY}


def in_bumn_group(supplier: SupplierProfile) -> bool:
    """True when the SME's organisation sits under a BUMN or BUMN subsidiary."""
    org, seen = supplier.organisation.parent, 0
    while org is not None and seen < 20:
        if org.kind == OrgKind.BUYER and org.buyer_kind in BUMN_GROUP:
            return True
        org, seen = org.parent, seen + 1
    return False


def reservation_refusal(need: Need, supplier: SupplierProfile) -> str | None:
    """Why ``supplier`` may not quote on a reserved need, or None."""
    if not need.umk_reserved:
        return None
    rule = effective_rule(need.buyer.buyer_kind)
    if supplier.scale not in rule.scales:
        return _("Kebutuhan ini dicadangkan untuk %(who)s; skala usaha Anda tercatat %(scale)s.") % {
            "who": rule.label, "scale": supplier.get_scale_display()}
    if rule.exclude_bumn_group and in_bumn_group(supplier):
        return _("Kebutuhan ini dicadangkan untuk UMKM dan tertutup bagi anak perusahaan BUMN.")
    return None


def product_tkdn(product: Product, on: date) -> Decimal | None:
    """The product's TKDN from TKDN-IK certificates valid on ``on`` (the highest), or None."""
    best = None
    for row in (CertificateProduct.objects.filter(product=product,
                                                  certificate__kind=CertificateKind.TKDN_IK,
                                                  tkdn_percent__isnull=False)
                .select_related("certificate")):
        if row.certificate.is_valid_on(on) and (best is None or row.tkdn_percent > best):
            best = row.tkdn_percent
    return best


def _covering(certificates: list[Certificate], kind: str, product: Product | None,
              on: date) -> bool:
    for cert in certificates:
        if cert.kind != kind or not cert.is_valid_on(on):
            continue
        covered = {p.pk for p in cert.products.all()}
        # A certificate that names no product covers the business as a whole (ISO 9001).
        if not covered or (product is not None and product.pk in covered):
            return True
    return False


def line_refusals(need: Need, line: NeedLine, supplier: SupplierProfile,
                  product: Product | None, on: date,
                  certificates: list[Certificate]) -> list[str]:
    """Why ``product`` (or no product) cannot be offered for ``line``."""
    reasons = []
    labels = dict(CertificateKind.choices)
    for kind in need.required_certificates:
        if not _covering(certificates, kind, product, on):
            reasons.append(_("Sertifikat %(kind)s yang berlaku pada %(day)s dan mencakup "
                             "produk yang ditawarkan wajib ada.") % {
                "kind": labels.get(kind, kind), "day": on.strftime("%d-%m-%Y")})
    if need.min_tkdn_percent is not None:
        tkdn = product_tkdn(product, on) if product is not None else None
        if tkdn is None:
            reasons.append(_("Pilih produk dengan sertifikat TKDN-IK yang berlaku (minimum "
                             "%(min)s%%).") % {"min": number_text(need.min_tkdn_percent)})
        elif tkdn < need.min_tkdn_percent:
            reasons.append(_("TKDN produk %(tkdn)s%% di bawah minimum %(min)s%%.") % {
                "tkdn": number_text(tkdn), "min": number_text(need.min_tkdn_percent)})
    return reasons


def quote_refusals(need: Need, supplier: SupplierProfile, products: dict[int, Product | None],
                   on: date) -> dict[str, list[str]]:
    """Every reason ``supplier`` may not make this quote, keyed by form field
    (``__all__`` for the business as a whole, ``product_<line id>`` per line)."""
    errors: dict[str, list[str]] = {}
    if refusal := reservation_refusal(need, supplier):
        errors["__all__"] = [refusal]
    if need.required_certificates or need.min_tkdn_percent is not None:
        certificates = list(supplier.certificates.prefetch_related("products"))
        for line in need.lines.all():
            reasons = line_refusals(need, line, supplier, products.get(line.pk), on, certificates)
            if reasons:
                errors[f"product_{line.pk}"] = reasons
    return errors


def supplier_hints(need: Need, supplier: SupplierProfile, on: date) -> list[str]:
    """What an SME should know before typing prices: the refusals that do not depend on
    the product chosen (the reservation) and the requirements it must meet."""
    hints = []
    if refusal := reservation_refusal(need, supplier):
        hints.append(refusal)
    return hints
