"""Forms for needs, quotes, awards, BAST and payments."""
from django import forms
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import (
    BootstrapFormMixin,
    CodeListField,
    QuantityField,
    RupiahField,
    clean_regency_input,
)


class NeedForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Judul kebutuhan"), max_length=200)
    description = forms.CharField(label=_("Uraian dan spesifikasi"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    # The service checks the sign, so every mistake in the form is reported in one go.
    quantity = QuantityField(label=_("Jumlah"), min_value=None)
    unit = forms.CharField(label=_("Satuan"), max_length=30, initial="buah")
    # Longer than a code: people type a name to search, then pick the code from the list.
    delivery_regency_code = forms.CharField(
        label=_("Lokasi pengiriman (kabupaten/kota)"), max_length=120,
        help_text=_("Ketik nama kabupaten/kota lalu pilih, misalnya 'Kota Madiun'."))
    delivery_date = forms.DateField(label=_("Tanggal pengiriman"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    quote_deadline = forms.DateTimeField(
        label=_("Batas waktu penawaran"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Dalam zona waktu Anda."))
    estimated_value = RupiahField(label=_("Perkiraan nilai / HPS (Rp)"), required=False)
    is_open = forms.BooleanField(label=_("Terbuka untuk semua UMKM (tanpa undangan)"),
                                 required=False)
    kbli_codes = CodeListField(label=_("Kode KBLI 2020"),
                               help_text=_("Pisahkan dengan koma. Cari dengan kotak di bawah."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery_regency_code"].widget.attrs.update({"list": "regency-options"})

    def clean_delivery_regency_code(self):
        return clean_regency_input(self.cleaned_data["delivery_regency_code"])


class QuoteForm(BootstrapFormMixin, forms.Form):
    """One unit-price field per need line (``price_<line id>``), plus lead time and note."""

    lead_time_days = forms.IntegerField(label=_("Waktu pengerjaan (hari)"), min_value=1,
                                        max_value=3650)
    note = forms.CharField(label=_("Catatan"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"price_{line.pk}"] = RupiahField(
                label=_("Harga satuan (Rp) untuk %(item)s — %(qty)s %(unit)s") % {
                    "item": line.description,
                    "qty": QuantityField().prepare_value(line.quantity), "unit": line.unit},
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric"}))
        self.order_fields([f"price_{line.pk}" for line in self.lines])

    def unit_prices(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[f"price_{line.pk}"] for line in self.lines}


class AwardForm(BootstrapFormMixin, forms.Form):
    quote = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Alasan pemenang"), widget=forms.Textarea(attrs={"rows": 2}))


class DeliveryForm(BootstrapFormMixin, forms.Form):
    delivered_on = forms.DateField(label=_("Tanggal serah terima"),
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    quantity_accepted = QuantityField(label=_("Jumlah diterima"))
    quantity_rejected = QuantityField(label=_("Jumlah ditolak"), initial=0)
    note = forms.CharField(label=_("Catatan mutu"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class PaymentForm(BootstrapFormMixin, forms.Form):
    amount = RupiahField(label=_("Jumlah dibayar (Rp)"))
    paid_on = forms.DateField(label=_("Tanggal bayar"),
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reference = forms.CharField(label=_("Referensi transfer"), required=False, max_length=100)
