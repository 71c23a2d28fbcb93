"""Business scale by PP 7/2021 art. 35: the thresholds are data, the rule is one function.

Capital (excluding land and buildings) decides for a business being founded or
registered; annual sales decide for a business already operating. The result names the
rule that decided, so pages can show it.
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import Scale

# Upper bounds (inclusive), in rupiah. Above the last band: large.
CAPITAL_BANDS = ((Scale.MICRO, 1_000_000_000), (Scale.SMALL, 5_000_000_000),
                 (Scale.MEDIUM, 10_000_000_000))
SALES_BANDS = ((Scale.MICRO, 2_000_000_000), (Scale.SMALL, 15_000_000_000),
               (Scale.MEDIUM, 50_000_000_000))


SALES_RULE, CAPITAL_RULE = "sales", "capital"
RULE_LABELS = {
    SALES_RULE: _("hasil penjualan tahunan (PP 7/2021 pasal 35 ayat 5)"),
    CAPITAL_RULE: _("modal usaha di luar tanah dan bangunan (PP 7/2021 pasal 35 ayat 3)"),
}


@dataclass(frozen=True)
class ScaleDecision:
    scale: str
    rule: str  # SALES_RULE or CAPITAL_RULE: which figure decided (see RULE_LABELS)


def _band(value: int, bands) -> str:
    for scale, upper in bands:
        if value <= upper:
            return scale
    return Scale.LARGE


def decide_scale(*, annual_sales: int | None, business_capital: int | None) -> ScaleDecision | None:
    """Sales decide when known (an operating business), else capital; None if neither."""
    if annual_sales is not None:
        return ScaleDecision(_band(annual_sales, SALES_BANDS), SALES_RULE)
    if business_capital is not None:
        return ScaleDecision(_band(business_capital, CAPITAL_BANDS), CAPITAL_RULE)
    return None
