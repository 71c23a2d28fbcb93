"""Procurement rules kept as configuration: the small-business reservation per buyer kind,
the PPN rate and the payment term. Defaults follow ``docs/sourcing.md``; a deployment
overrides them in settings (``SOURCING_RESERVATION_RULES``, ``SOURCING_PPN_PERCENT``,
``SOURCING_PAYMENT_TERM_DAYS``, ``SOURCING_CHANGE_EXTENSION_DAYS``)."""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rantai.accounts.choices import BuyerKind
from rantai.suppliers.choices import Scale

UMKM_SCALES = frozenset({Scale.MICRO, Scale.SMALL, Scale.MEDIUM})
MICRO_SMALL_SCALES = frozenset({Scale.MICRO, Scale.SMALL})


@dataclass(frozen=True)
class ReservationRule:
    """Needs up to ``max_value`` rupiah (by HPS) are reserved for suppliers of ``scales``;
    ``exclude_bumn_group`` also closes them to SMEs owned by a BUMN or its subsidiary."""

    max_value: int | None
    scales: frozenset[str]
    exclude_bumn_group: bool
    label: str


BUMN_RULE = ReservationRule(15_000_000_000, UMKM_SCALES, True,
                            _("usaha mikro, kecil dan menengah (UMKM)"))
GOVERNMENT_RULE = ReservationRule(15_000_000_000, MICRO_SMALL_SCALES, False,
                                  _("usaha mikro, kecil dan koperasi"))
# A buyer with no rule (a large business) may still reserve a need of its own accord.
VOLUNTARY_RULE = ReservationRule(None, UMKM_SCALES, False,
                                 _("usaha mikro, kecil dan menengah (UMKM)"))

DEFAULT_RULES: dict[str, ReservationRule] = {
    BuyerKind.BUMN: BUMN_RULE,
    BuyerKind.BUMN_SUBSIDIARY: BUMN_RULE,
    BuyerKind.GOVERNMENT: GOVERNMENT_RULE,
}


def rule_for_kind(buyer_kind: str) -> ReservationRule | None:
    """The reservation rule configured for a buyer kind, or None."""
    rules = getattr(settings, "SOURCING_RESERVATION_RULES", DEFAULT_RULES)
    return rules.get(buyer_kind)


def reservation_applies(buyer_kind: str, estimated_value: int | None) -> bool:
    """True when the rule reserves a need of this value for this buyer kind. Without an
    estimate (HPS) the need is presumed small: the rule applies."""
    rule = rule_for_kind(buyer_kind)
    if rule is None:
        return False
    return rule.max_value is None or estimated_value is None or estimated_value <= rule.max_value


def effective_rule(buyer_kind: str) -> ReservationRule:
    """The rule a reserved need of this buyer is held to."""
    return rule_for_kind(buyer_kind) or VOLUNTARY_RULE


def ppn_percent() -> Decimal:
    # 11%: the rate in force since 2022, and the effective rate after 2025 for ordinary
    # goods (12% on a tax base of 11/12).
    return Decimal(str(getattr(settings, "SOURCING_PPN_PERCENT", 11)))


def payment_term_days() -> int:
    return int(getattr(settings, "SOURCING_PAYMENT_TERM_DAYS", 30))


def change_extension_days() -> int:
    """How long SMEs get, at least, to confirm or revise after a published need changes."""
    return int(getattr(settings, "SOURCING_CHANGE_EXTENSION_DAYS", 3))


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def ppn_split(total: int, *, seller_pkp: bool, ppn_included: bool) -> tuple[int, int]:
    """(base before PPN, PPN) for a quoted ``total``. A non-PKP seller charges no PPN; a PKP
    seller's price either includes it (the base is taken out) or has it added."""
    if not seller_pkp:
        return total, 0
    rate = ppn_percent()
    if ppn_included:
        base = _round(Decimal(total) * 100 / (100 + rate))
        return base, total - base
    return total, _round(Decimal(total) * rate / 100)


def proportional(amount: int, numerator: int, denominator: int) -> int:
    """``amount`` × numerator / denominator, rounded half up, in whole rupiah."""
    if denominator == 0:
        return 0
    return _round(Decimal(amount) * numerator / denominator)
