"""Which business scales may take a need, read from sourcing's reservation rules.

Sourcing decides, per need, whether it is reserved (``Need.umk_reserved``, set from the
configured rule per buyer kind or by the buyer) and which scales the rule admits
(``rantai.sourcing.rules.effective_rule``). Matching only reads that decision, so the short
list, the opportunities page and the alerts never offer a need to an SME that would be
refused at quote time.
"""
from rantai.sourcing.eligibility import in_bumn_group
from rantai.sourcing.models import Need
from rantai.sourcing.rules import effective_rule
from rantai.suppliers.models import SupplierProfile

UMK = frozenset({"micro", "small"})
EVERY_SCALE = frozenset({"micro", "small", "medium", "large"})


def allowed_scales(need: Need) -> frozenset[str]:
    """The scales that may quote on ``need`` (every scale when it is not reserved)."""
    if not getattr(need, "umk_reserved", False):
        return EVERY_SCALE
    return frozenset(str(scale) for scale in effective_rule(need.buyer.buyer_kind).scales)


def umk_only(need: Need) -> bool:
    """True when only micro and small enterprises may quote (the engine's hard filter)."""
    return allowed_scales(need) <= UMK


def reservation_label(need: Need) -> str:
    """Who the reservation admits, in the active language."""
    return str(effective_rule(need.buyer.buyer_kind).label)


def excludes_bumn_group(need: Need, profile: SupplierProfile) -> bool:
    """True when the reservation closes ``need`` to ``profile`` because a BUMN owns it."""
    if not getattr(need, "umk_reserved", False) or profile.organisation.parent_id is None:
        return False
    return effective_rule(need.buyer.buyer_kind).exclude_bumn_group and in_bumn_group(profile)
