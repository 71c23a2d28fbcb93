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
from rantai.core.uploads import document_problem
from rantai.suppliers.choices import CertificateKind

MODE_INVITED, MODE_OPEN = "invited", "open"
RESERVE_RULE, RESERVE_YES, RESERVE_NO = "rule", "yes", "no"


class NeedForm(BootstrapFormMixin, forms.Form):
    """The need itself; its lines come in ``NeedLineFormSet``."""

    title = forms.CharField(label=_("Judul kebutuhan"), max_length=200)
    description = forms.CharField(label=_("Uraian dan spesifikasi"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
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
    mode = forms.ChoiceField(
        label=_("Siapa yang boleh menawar"), initial=MODE_INVITED, widget=forms.RadioSelect,
        choices=[(MODE_INVITED, _("Hanya UMKM yang diundang")),
                 (MODE_OPEN, _("Terbuka untuk semua UMKM yang memenuhi syarat"))])
    kbli_codes = CodeListField(label=_("Kode KBLI 2020"),
                               help_text=_("Pisahkan dengan koma. Cari dengan kotak di bawah."))
    reservation = forms.ChoiceField(
        label=_("Pencadangan untuk usaha kecil"), initial=RESERVE_RULE, widget=forms.RadioSelect,
        choices=[(RESERVE_RULE, _("Ikuti aturan (dicadangkan bila HPS sampai batas paket usaha "
                                  "kecil)")),
                 (RESERVE_YES, _("Dicadangkan untuk usaha kecil")),
                 (RESERVE_NO, _("Tidak dicadangkan (wajib alasan)"))])
    reservation_waiver_reason = forms.CharField(
        label=_("Alasan tidak dicadangkan"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Dicatat di jejak audit dan laporan kepatuhan."))
    required_certificates = forms.MultipleChoiceField(
        label=_("Sertifikat wajib (harus berlaku saat penawaran dikirim)"), required=False,
        choices=[c for c in CertificateKind.choices if c[0] != CertificateKind.OTHER],
        widget=forms.CheckboxSelectMultiple)
    min_tkdn_percent = QuantityField(label=_("TKDN minimum per produk (%)"), required=False,
                                     min_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery_regency_code"].widget.attrs.update({"list": "regency-options"})
        for name in ("mode", "reservation", "required_certificates"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean_delivery_regency_code(self):
        return clean_regency_input(self.cleaned_data["delivery_regency_code"])

    def service_arguments(self) -> dict:
        """The cleaned data in the shape ``services.need_create`` takes."""
        data = dict(self.cleaned_data)
        data["is_open"] = data.pop("mode") == MODE_OPEN
        data["umk_reserved"] = {RESERVE_RULE: None, RESERVE_YES: True,
                                RESERVE_NO: False}[data.pop("reservation")]
        return data


class NeedLineForm(BootstrapFormMixin, forms.Form):
    """One line of a need. The first line's name may be left empty: it takes the title."""

    description = forms.CharField(label=_("Barang/jasa"), max_length=300, required=False)
    # The service checks the sign, so every mistake in the form is reported in one go.
    quantity = QuantityField(label=_("Jumlah"), min_value=None, required=False)
    unit = forms.CharField(label=_("Satuan"), max_length=30, initial="buah", required=False)
    specification = forms.CharField(label=_("Spesifikasi teknis"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label=_("Gambar/lampiran (PDF, gambar)"), required=False)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and (problem := document_problem(upload, drawings=True)):
            raise forms.ValidationError(problem)
        return upload


NeedLineFormSet = forms.formset_factory(NeedLineForm, extra=0, min_num=1, max_num=50,
                                        validate_max=True, can_delete=True)


class QuoteForm(BootstrapFormMixin, forms.Form):
    """Per need line a unit price (``price_<line id>``) and, when the SME has products, the
    product offered (``product_<line id>``: certificates and TKDN are checked on it); then
    the PPN basis, lead time, validity, warranty, note and an attachment."""

    seller_pkp = forms.BooleanField(label=_("Usaha kami Pengusaha Kena Pajak (PKP)"),
                                    required=False)
    ppn_included = forms.BooleanField(label=_("Harga di atas sudah termasuk PPN"), required=False,
                                      help_text=_("Pemasok non-PKP tidak memungut PPN."))
    lead_time_days = forms.IntegerField(label=_("Waktu pengerjaan (hari)"), min_value=1,
                                        max_value=3650)
    validity_days = forms.IntegerField(label=_("Masa berlaku penawaran (hari)"), min_value=1,
                                       max_value=3650, required=False)
    warranty = forms.CharField(label=_("Garansi"), max_length=200, required=False)
    note = forms.CharField(label=_("Catatan"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label=_("Lampiran penawaran"), required=False)

    def __init__(self, *args, lines=(), products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        choices = [("", _("— tidak memilih produk —"))] + [(p.pk, p.name) for p in products]
        order = []
        for line in self.lines:
            item = {"item": line.description,
                    "qty": QuantityField().prepare_value(line.quantity), "unit": line.unit}
            self.fields[f"price_{line.pk}"] = RupiahField(
                label=_("Harga satuan (Rp) untuk %(item)s — %(qty)s %(unit)s") % item,
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric"}))
            order.append(f"price_{line.pk}")
            if products:
                self.fields[f"product_{line.pk}"] = forms.TypedChoiceField(
                    label=_("Produk yang ditawarkan untuk %(item)s") % item, choices=choices,
                    coerce=int, empty_value=None, required=False)
                order.append(f"product_{line.pk}")
        self.order_fields(order)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and (problem := document_problem(upload, drawings=True)):
            raise forms.ValidationError(problem)
        return upload

    def unit_prices(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[f"price_{line.pk}"] for line in self.lines}

    def service_arguments(self) -> dict:
        """Everything ``services.quote_submit`` takes besides the need and the caller."""
        data = self.cleaned_data
        return {"unit_prices": self.unit_prices(),
                "products": {line.pk: data.get(f"product_{line.pk}") for line in self.lines},
                "seller_pkp": data["seller_pkp"], "ppn_included": data["ppn_included"],
                "lead_time_days": data["lead_time_days"], "validity_days": data["validity_days"],
                "warranty": data["warranty"], "note": data["note"],
                "attachment": data.get("attachment")}


class AwardForm(BootstrapFormMixin, forms.Form):
    quote = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Alasan pemenang"), widget=forms.Textarea(attrs={"rows": 2}))


class AmendForm(BootstrapFormMixin, forms.Form):
    """Changing a published need: what changed (sent to participants) and the new facts."""

    change_note = forms.CharField(label=_("Apa yang berubah"), max_length=500)
    description = forms.CharField(label=_("Uraian dan spesifikasi"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    quote_deadline = forms.DateTimeField(
        label=_("Batas waktu penawaran baru"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Bila sudah ada penawaran, batas waktu diperpanjang otomatis bila perlu."))


class QuestionForm(BootstrapFormMixin, forms.Form):
    question = forms.CharField(label=_("Pertanyaan"), max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Nama usaha Anda tidak ditampilkan kepada siapa pun."))


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(label=_("Jawaban"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class DeliveryForm(BootstrapFormMixin, forms.Form):
    delivered_on = forms.DateField(label=_("Tanggal serah terima"),
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    need_line_id = forms.TypedChoiceField(label=_("Barang/jasa"), coerce=int, required=False,
                                          choices=[])
    quantity_accepted = QuantityField(label=_("Jumlah diterima"))
    quantity_rejected = QuantityField(label=_("Jumlah ditolak"), initial=0)
    note = forms.CharField(label=_("Catatan mutu"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, lines=(), **kwargs):
        """``lines``: (need line id, description) of the order lines still open."""
        super().__init__(*args, **kwargs)
        lines = list(lines)
        if len(lines) > 1:
            self.fields["need_line_id"].choices = lines
            self.fields["need_line_id"].required = True
        else:
            del self.fields["need_line_id"]


class PaymentForm(BootstrapFormMixin, forms.Form):
    amount = RupiahField(label=_("Jumlah dibayar (Rp)"))
    paid_on = forms.DateField(label=_("Tanggal bayar"),
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reference = forms.CharField(label=_("Referensi transfer"), required=False, max_length=100)
    invoice = forms.TypedChoiceField(label=_("Untuk tagihan"), coerce=int, required=False,
                                     empty_value=None, choices=[])

    def __init__(self, *args, invoices=(), **kwargs):
        super().__init__(*args, **kwargs)
        invoices = list(invoices)
        if invoices:
            self.fields["invoice"].choices = [("", _("— tagihan terlama dulu —"))] + [
                (i.pk, i.number) for i in invoices]
        else:
            del self.fields["invoice"]
