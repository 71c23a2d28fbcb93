"""Numbers as people type and read them, in the active language.

Indonesian writes 85.000 for eighty-five thousand and 2,5 for two and a half; English the
other way round. ``format_number`` writes them so and ``parse_number`` reads them. A
browser's number input (and Django's IntegerField, which drops a trailing ".000") would turn
"85.000" into 85 — a quote a thousand times too low. So money and quantity fields parse text
strictly: thousands groups must have exactly three digits, and anything ambiguous is refused
with a message rather than guessed.
"""
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language


class NumberFormatError(ValueError):
    """The text is not a number written the way the language writes numbers."""


def separators(language: str) -> tuple[str, str]:
    """(thousands, decimal) separators for ``language``."""
    return (",", ".") if language.startswith("en") else (".", ",")


def parse_number(text: str, language: str) -> Decimal:
    """Parse ``text`` ("Rp 1.250.000", "2,5", "85000") in the conventions of ``language``."""
    thousands, decimal = separators(language)
    cleaned = re.sub(r"(?i)^\s*rp\.?\s*", "", text).replace(" ", "").replace("\u00a0", "")
    sign = ""
    if cleaned.startswith("-"):
        sign, cleaned = "-", cleaned[1:]
    grouped = rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+"
    pattern = rf"(?:{grouped}|\d+)(?:{re.escape(decimal)}\d+)?"
    if not re.fullmatch(pattern, cleaned):
        raise NumberFormatError(text)
    plain = cleaned.replace(thousands, "").replace(decimal, ".")
    try:
        return Decimal(sign + plain)
    except InvalidOperation as error:  # pragma: no cover - the pattern already rules this out
        raise NumberFormatError(text) from error


def format_number(value: Decimal | int | float, language: str) -> str:
    """``value`` as ``language`` writes it: 1.000 and 2,5 in Indonesian, 1,000 and 2.5 in English.

    Trailing zeros go (a quantity stored as 1000.000 is 1.000); never an exponent (Decimal's
    own ``normalize`` would print 1E+3).
    """
    thousands, decimal = separators(language)
    text = format(Decimal(value), "f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-') or 0):,}".replace(",", thousands)
    return sign + whole + (decimal + fraction if fraction else "")


def number_text(value: Decimal | int | float) -> str:
    """``format_number`` in the active language (Indonesian when none is active)."""
    return format_number(value, (get_language() or "id")[:2])
