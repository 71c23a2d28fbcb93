"""The buyer's filters on a match list (a GET form: every field optional)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import BootstrapFormMixin, QuantityField
from rantai.suppliers.choices import CertificateKind, Scale
from rantai.taxonomy.models import Province

from .selectors import CandidateFilters


class CandidateFilterForm(BootstrapFormMixin, forms.Form):
    province = forms.ModelChoiceField(Province.objects.all(), required=False,
                                      label=_("Provinsi"), empty_label=_("Semua provinsi"))
    scale = forms.ChoiceField(choices=[("", _("Semua skala")), *Scale.choices], required=False,
                              label=_("Skala usaha"))
    certificate = forms.ChoiceField(
        choices=[("", _("Tanpa syarat sertifikat")),
                 *[(k, v) for k, v in CertificateKind.choices if k != CertificateKind.OTHER]],
        required=False, label=_("Sertifikat berlaku"))
    verified = forms.BooleanField(required=False, label=_("Hanya yang terverifikasi"))
    min_capacity = QuantityField(required=False, label=_("Kapasitas minimum per bulan"))
    inclusive = forms.BooleanField(
        required=False, label=_("Beri kesempatan UMKM baru dan mikro"),
        help_text=_("Mengutamakan usaha mikro, pemasok baru dan provinsi yang belum banyak "
                    "terlayani di antara yang relevan."))

    def filters(self) -> CandidateFilters:
        """The cleaned filters (nothing filtered when the form is invalid)."""
        if not self.is_valid():
            return CandidateFilters()
        data = self.cleaned_data
        return CandidateFilters(
            province=data["province"].code if data["province"] else "",
            scale=data["scale"], certificate=data["certificate"], verified=data["verified"],
            min_capacity=data["min_capacity"], inclusive=data["inclusive"])
