"""The SME profile form."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import (
    BootstrapFormMixin,
    CodeListField,
    QuantityField,
    RupiahField,
    clean_regency_input,
)

from .choices import CertificateKind, LegalForm, Process, Scale


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
    npwp = forms.CharField(label=_("NPWP (opsional)"), required=False, max_length=25,
                           help_text=_("Hanya terlihat oleh Anda dan petugas instansi."))
    address = forms.CharField(label=_("Alamat"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    contact_name = forms.CharField(label=_("Nama kontak"), required=False, max_length=150)
    contact_phone = forms.CharField(label=_("Telepon/WhatsApp"), required=False, max_length=30)
    contact_email = forms.EmailField(label=_("Email kontak"), required=False)
    workforce = forms.IntegerField(label=_("Jumlah tenaga kerja"), required=False, min_value=0,
                                   max_value=10_000_000)
    annual_sales = RupiahField(label=_("Hasil penjualan tahunan (Rp)"), required=False)
    business_capital = RupiahField(label=_("Modal usaha di luar tanah dan bangunan (Rp)"),
                                   required=False)
    kbli_codes = CodeListField(
        label=_("Kode KBLI 2020"),
        help_text=_("Pisahkan dengan koma, misalnya 24310, 25920. Cari dengan kotak di bawah."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regency_code"].widget.attrs.update({"list": "regency-options"})
        self.fields["nib"].widget.attrs.update({"inputmode": "numeric", "pattern": r"\d{13}"})

    def clean_regency_code(self):
        return clean_regency_input(self.cleaned_data["regency_code"])

    def clean_products(self):
        return [line.strip() for line in self.cleaned_data["products"].splitlines() if line.strip()]


class ProductForm(BootstrapFormMixin, forms.Form):
    description = forms.CharField(label=_("Deskripsi"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label=_("Satuan"), required=False, max_length=30)
    price_min = RupiahField(label=_("Harga terendah (Rp)"), required=False)
    price_max = RupiahField(label=_("Harga tertinggi (Rp)"), required=False)
    minimum_order = QuantityField(label=_("Pesanan minimum"), required=False)
    monthly_capacity = QuantityField(label=_("Kapasitas per bulan"), required=False)
    lead_time_days = forms.IntegerField(label=_("Waktu pengerjaan (hari)"), required=False,
                                        min_value=0, max_value=3650)
    photo = forms.ImageField(label=_("Foto produk"), required=False)


class CapabilityForm(BootstrapFormMixin, forms.Form):
    process = forms.ChoiceField(label=_("Proses"), choices=Process.choices)
    material = forms.CharField(label=_("Bahan"), required=False, max_length=100,
                               help_text=_("mis. besi cor kelabu, aluminium, kain katun"))
    max_part_weight_kg = QuantityField(label=_("Berat benda maks. (kg)"), required=False,
                                       max_value=Decimal("99999999.99"))
    tolerance_mm = QuantityField(label=_("Toleransi (mm)"), required=False,
                                 max_value=Decimal("99999.999"))
    notes = forms.CharField(label=_("Keterangan"), required=False, max_length=300)


class CertificateForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Jenis sertifikat"), choices=CertificateKind.choices)
    number = forms.CharField(label=_("Nomor"), max_length=100)
    issuer = forms.CharField(label=_("Penerbit"), max_length=200)
    valid_from = forms.DateField(label=_("Berlaku sejak"),
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    valid_until = forms.DateField(label=_("Berlaku sampai"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"},
                                                         format="%Y-%m-%d"))
    document = forms.FileField(label=_("Dokumen (PDF/JPG/PNG, maks. 10 MB)"), required=False)

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.products = list(products)
        for product in self.products:
            self.fields[f"covers_{product.pk}"] = forms.BooleanField(
                label=_("Mencakup %(product)s") % {"product": product.name}, required=False)
            self.fields[f"tkdn_{product.pk}"] = QuantityField(
                label=_("TKDN %(product)s (%%)") % {"product": product.name}, required=False,
                max_value=Decimal(100))

    def coverage(self) -> dict:
        """Covered product id → TKDN percent (or None)."""
        return {p.pk: self.cleaned_data.get(f"tkdn_{p.pk}") for p in self.products
                if self.cleaned_data.get(f"covers_{p.pk}")}


class VerificationForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("Catatan (wajib bila perlu perbaikan)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ClaimForm(BootstrapFormMixin, forms.Form):
    nib = forms.CharField(label=_("NIB usaha Anda"), max_length=20)
    evidence = forms.CharField(
        label=_("Bukti kepemilikan"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("mis. nama pemilik di OSS, nomor telepon yang terdaftar; petugas akan "
                    "memeriksanya."))


class DirectoryFilterForm(forms.Form):
    """The directory's filters (GET); unknown values are ignored, not errors."""

    q = forms.CharField(required=False)
    province = forms.CharField(required=False)
    regency = forms.CharField(required=False)
    kbli = forms.CharField(required=False)
    scale = forms.ChoiceField(required=False, choices=[("", ""), *Scale.choices])
    certificate = forms.ChoiceField(required=False, choices=[("", ""), *CertificateKind.choices])
    process = forms.ChoiceField(required=False, choices=[("", ""), *Process.choices])
    verified = forms.BooleanField(required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"query": data["q"].strip(), "province": data["province"],
                "regency": data["regency"], "kbli": data["kbli"].strip(), "scale": data["scale"],
                "certificate": data["certificate"], "process": data["process"],
                "verified": data["verified"]}
