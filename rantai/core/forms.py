"""Form helpers shared by every app."""
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .money import MAX_RUPIAH
from .numbers import NumberFormatError, parse_number, separators


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: field errors on the field they name,
    anything else (or a field the form does not show) to the form as a whole."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        if field in form.fields:
            form.add_error(field, errors)
            widget = form.fields[field].widget
            widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
        else:
            form.add_error(None, errors)


class CodeListField(forms.CharField):
    """Comma- or space-separated codes, cleaned to a list of strings."""

    def to_python(self, value):
        value = super().to_python(value)
        return [code for code in value.replace(",", " ").split() if code]


class BootstrapFormMixin:
    """Give every widget Bootstrap's classes and mark invalid fields after cleaning."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput):
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class _TypedNumberField(forms.Field):
    """Text input parsed with ``parse_number`` in the active language (see core.numbers)."""

    default_error_messages = {
        "invalid": _("Tulis angka seperti %(example)s."),
        "min_value": _("Nilai tidak boleh kurang dari %(limit)s."),
        "max_value": _("Nilai terlalu besar."),
    }
    example_id, example_en = "1.250.000", "1,250,000"

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        self.min_value, self.max_value = min_value, max_value
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": self.inputmode}))
        super().__init__(**kwargs)

    def convert(self, number: Decimal):
        return number

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int | Decimal):
            return self.convert(Decimal(value))
        language = get_language() or "id"
        example = self.example_en if language.startswith("en") else self.example_id
        try:
            number = parse_number(str(value), language)
        except NumberFormatError:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"example": example}) from None
        return self.convert(number)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(self.error_messages["min_value"], code="min_value",
                                  params={"limit": self.min_value})
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(self.error_messages["max_value"], code="max_value")

    def prepare_value(self, value):
        """Show stored numbers the way the user types them (85.000, 2,5)."""
        if value in self.empty_values or isinstance(value, str):
            return value
        thousands, decimal = separators(get_language() or "id")
        number = Decimal(value).normalize()
        whole, _dot, fraction = f"{number:f}".partition(".")
        grouped = f"{int(whole):,}".replace(",", thousands)
        return f"{grouped}{decimal}{fraction}" if fraction else grouped


class RupiahField(_TypedNumberField):
    """Whole rupiah, 0 .. MAX_RUPIAH: "Rp 1.250.000" → 1250000."""

    inputmode = "numeric"
    default_error_messages = {"not_whole": _("Tulis rupiah tanpa sen.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_RUPIAH)
        super().__init__(**kwargs)

    def convert(self, number: Decimal) -> int:
        if number != number.to_integral_value():
            raise ValidationError(self.error_messages["not_whole"], code="not_whole")
        return int(number)


class QuantityField(_TypedNumberField):
    """A quantity with up to three decimals: "6.000" → 6000, "2,5" → 2.5 (Indonesian)."""

    inputmode = "decimal"
    example_id, example_en = "6.000 atau 2,5", "6,000 or 2.5"
    default_error_messages = {"precision": _("Paling banyak 3 angka di belakang koma.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", Decimal("99999999999.999"))
        super().__init__(**kwargs)

    def convert(self, number: Decimal) -> Decimal:
        if number.as_tuple().exponent < -3:
            raise ValidationError(self.error_messages["precision"], code="precision")
        return number


def clean_regency_input(text: str) -> str:
    """A regency code from a form field: the code, or a name that names exactly one regency.
    A name shared by several ("Madiun") is refused with the choices spelled out."""
    from rantai.taxonomy.selectors import regencies_named, regency_code_from_input

    code = regency_code_from_input(text)
    if code == text.strip():
        matches = regencies_named(text)
        if len(matches) > 1:
            choices = ", ".join(f"{r.name} ({r.code})" for r in matches)
            raise ValidationError(_("Ada beberapa yang cocok: %(choices)s. Pilih salah satu.")
                                  % {"choices": choices})
    return code
