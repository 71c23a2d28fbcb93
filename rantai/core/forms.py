"""Form helpers shared by every app."""
from django import forms
from django.core.exceptions import ValidationError


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
