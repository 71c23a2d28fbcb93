"""Rupiah amounts: stored as whole rupiah (int), shown the Indonesian way.

``format_idr(224_800_000_000) == "Rp224,8 miliar"``; ``format_idr_full(1250000) ==
"Rp1.250.000"``. Indonesian uses '.' for thousands and ',' for decimals.
"""
from decimal import ROUND_HALF_UP, Decimal

_UNITS = (
    (10**12, "triliun", "trillion"),
    (10**9, "miliar", "billion"),
    (10**6, "juta", "million"),
)


def format_idr_full(amount: int) -> str:
    """Every digit, with '.' thousands separators: Rp1.250.000 (negative: -Rp5.000)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(int(amount)):,}".replace(",", ".")


def format_idr(amount: int, language: str = "id") -> str:
    """Short form with one decimal for juta/miliar/triliun: Rp10,3 triliun.

    Below one million the full form is used. English uses million/billion/trillion and a
    decimal point.
    """
    amount = int(amount)
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    for index, (size, word_id, word_en) in enumerate(_UNITS):
        if value < size:
            continue
        scaled = (Decimal(value) / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if scaled >= 1000 and index > 0:  # 999,95 miliar reads as 1 triliun
            size, word_id, word_en = _UNITS[index - 1]
            scaled = (Decimal(value) / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if scaled == scaled.to_integral():
            number = f"{int(scaled):,}"
        else:
            number = f"{scaled:,.1f}"
        if language == "en":
            return f"{sign}Rp{number} {word_en}"
        number = number.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return f"{sign}Rp{number} {word_id}"
    return format_idr_full(amount)


# Whole rupiah up to one quadrillion: far above any real order, far below BIGINT.
MAX_RUPIAH = 10**15
