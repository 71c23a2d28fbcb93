"""The upload form (the file is checked by content in ``services.import_enqueue``)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import BootstrapFormMixin


class UploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Gunakan templat. Baris yang salah dikembalikan dalam laporan kesalahan."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
