"""The SME profile form."""
from django import forms
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import BootstrapFormMixin, CodeListField
from rantai.taxonomy.selectors import regency_code_from_input

from .choices import LegalForm


class ProfileForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama usaha"), max_length=200)
    legal_form = forms.ChoiceField(label=_("Bentuk usaha"), choices=LegalForm.choices)
    nib = forms.CharField(label=_("NIB (13 digit, dari OSS)"), max_length=20)
    regency_code = forms.CharField(
        label=_("Kabupaten/kota"), max_length=120,
        help_text=_("Ketik nama kabupaten/kota lalu pilih, misalnya 'Klaten'."))
    products = forms.CharField(
        label=_("Produk (satu per baris)"), widget=forms.Textarea(attrs={"rows": 4}))
    description = forms.CharField(label=_("Deskripsi usaha"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    annual_sales = forms.IntegerField(label=_("Hasil penjualan tahunan (Rp)"), required=False,
                                      min_value=0)
    business_capital = forms.IntegerField(label=_("Modal usaha di luar tanah dan bangunan (Rp)"),
                                          required=False, min_value=0)
    kbli_codes = CodeListField(
        label=_("Kode KBLI 2020"),
        help_text=_("Pisahkan dengan koma, misalnya 24310, 25920. Cari dengan kotak di bawah."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency_code"].widget.attrs.update({"list": "regency-options"})
        self.fields["nib"].widget.attrs.update({"inputmode": "numeric", "pattern": r"\d{13}"})

    def clean_regency_code(self):
        return regency_code_from_input(self.cleaned_data["regency_code"])

    def clean_products(self):
        return [line.strip() for line in self.cleaned_data["products"].splitlines() if line.strip()]
