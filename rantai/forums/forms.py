"""Forms for forum pages; the services validate the business rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import BootstrapFormMixin, CodeListField, QuantityField, RupiahField
from rantai.core.timezones import ZONE_CHOICES

from .choices import Interest, NextStep, Priority, Reason, RunMode
from .slots import parse_breaks, parse_slot_list


class EventForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Nama forum"), max_length=200)
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    timezone = forms.ChoiceField(label=_("Zona waktu"), choices=ZONE_CHOICES, initial="Asia/Jakarta")
    venue = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    online = forms.BooleanField(label=_("Forum daring"), required=False)
    regency_code = forms.CharField(
        label=_("Kode kabupaten/kota tempat (opsional)"),
        max_length=10,
        required=False,
        help_text=_("Misalnya 31.71 untuk Jakarta Pusat; dipakai untuk jarak."),
    )
    start = forms.TimeField(
        label=_("Sesi pertama mulai"),
        initial="09:00",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    slot_minutes = forms.IntegerField(label=_("Lama sesi (menit)"), initial=20)
    slot_count = forms.IntegerField(label=_("Jumlah sesi"), initial=16)
    breaks = forms.CharField(
        label=_("Jeda"),
        required=False,
        initial="8:60",
        help_text=_("'setelah sesi:menit', misalnya 8:60 untuk istirahat siang setelah sesi 8."),
    )

    def clean_breaks(self):
        try:
            return parse_breaks(self.cleaned_data["breaks"])
        except ValueError as error:
            raise forms.ValidationError(_("Tulis seperti 8:60, 12:15.")) from error


class SlotsMixin:
    """``available_slots`` as text ("1-8, 10") checked against the event's slot count."""

    slot_count = 0

    def clean_available_slots(self):
        try:
            return parse_slot_list(self.cleaned_data["available_slots"], self.slot_count)
        except ValueError as error:
            raise forms.ValidationError(
                _("'%(part)s' bukan sesi 1-%(count)d.") % {"part": error.args[0], "count": self.slot_count}
            ) from error


class SeatForm(SlotsMixin, BootstrapFormMixin, forms.Form):
    buyer_id = forms.TypedChoiceField(label=_("Pembeli"), coerce=int)
    tables = forms.IntegerField(label=_("Jumlah meja"), initial=2, min_value=0, max_value=200)
    available_slots = forms.CharField(
        label=_("Sesi tersedia"), required=False, help_text=_("Kosong = semua sesi; misalnya 1-8, 10.")
    )
    location = forms.CharField(label=_("Lokasi di denah"), max_length=100, required=False)

    def __init__(self, *args, buyers=(), slot_count=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot_count = slot_count
        self.fields["buyer_id"].choices = [(b.pk, b.name) for b in buyers]


class EventNeedForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Yang dicari"), max_length=200)
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    kbli_codes = CodeListField(label=_("Kode KBLI 2020"), required=False)
    estimated_value = RupiahField(label=_("Perkiraan nilai (Rp)"), required=False)
    need_id = forms.TypedChoiceField(
        label=_("Kebutuhan pengadaan terkait (opsional)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need_id"].choices = [("", "—"), *((n.pk, n.title) for n in needs)]


class RegistrationForm(SlotsMixin, BootstrapFormMixin, forms.Form):
    available_slots = forms.CharField(
        label=_("Sesi yang dapat Anda hadiri"),
        required=False,
        help_text=_("Kosong = semua sesi; misalnya 1-8."),
    )

    def __init__(self, *args, slot_count=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot_count = slot_count


class RequestForm(BootstrapFormMixin, forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.TypedChoiceField(
        label=_("Prioritas"), choices=Priority.choices, coerce=int, initial=Priority.WANT
    )


class ScheduleForm(BootstrapFormMixin, forms.Form):
    mode = forms.ChoiceField(label=_("Jenis"), choices=RunMode.choices, initial=RunMode.SOLVE)
    everyone_meets = forms.BooleanField(
        label=_("Setiap UMKM bertemu minimal satu pembeli dulu"), required=False
    )
    time_limit_s = forms.FloatField(
        label=_("Batas waktu hitung (detik)"), initial=10, min_value=1, max_value=300
    )


class WalkInForm(BootstrapFormMixin, forms.Form):
    registration = forms.TypedChoiceField(label=_("UMKM"), coerce=int)
    seat = forms.TypedChoiceField(label=_("Pembeli"), coerce=int)
    slot = forms.TypedChoiceField(label=_("Sesi"), coerce=int)

    def __init__(self, *args, registrations=(), seats=(), slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [(r.pk, r.supplier.name) for r in registrations]
        self.fields["seat"].choices = [(s.pk, s.organisation.name) for s in seats]
        self.fields["slot"].choices = [(s.number, s.label) for s in slots]


class OutcomeForm(BootstrapFormMixin, forms.Form):
    interest = forms.ChoiceField(label=_("Minat"), choices=Interest.choices)
    next_step = forms.ChoiceField(label=_("Langkah berikut"), choices=NextStep.choices)
    reason = forms.ChoiceField(label=_("Alasan (bila belum)"), choices=Reason.choices, required=False)
    products = forms.CharField(label=_("Produk/kemampuan yang dibahas"), max_length=300, required=False)
    potential_value = RupiahField(label=_("Potensi nilai (Rp)"), required=False)
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    rfq_quantity = QuantityField(label=_("RFQ: jumlah"), required=False, min_value=None)
    rfq_unit = forms.CharField(label=_("RFQ: satuan"), max_length=30, required=False, initial="buah")
    rfq_kbli = CodeListField(
        label=_("RFQ: kode KBLI 2020"), required=False, help_text=_("Kosong = KBLI profil UMKM.")
    )
    rfq_regency_code = forms.CharField(
        label=_("RFQ: kode kabupaten/kota pengiriman"), max_length=10, required=False
    )
    rfq_deadline_days = forms.IntegerField(
        label=_("RFQ: batas penawaran (hari)"), initial=14, min_value=1, max_value=90, required=False
    )


class FollowUpForm(BootstrapFormMixin, forms.Form):
    months = forms.TypedChoiceField(
        label=_("Setelah"), coerce=int, choices=[(3, _("3 bulan")), (6, _("6 bulan")), (12, _("12 bulan"))]
    )
    negotiation_started = forms.BooleanField(label=_("Negosiasi dimulai"), required=False)
    order_placed = forms.BooleanField(label=_("Pesanan dibuat"), required=False)
    note = forms.CharField(label=_("Catatan"), required=False)


class ImportForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Daftar"),
        choices=[
            ("umkm", _("UMKM peserta")),
            ("pembeli", _("Pembeli")),
            ("permintaan", _("Permintaan pertemuan")),
        ],
    )
    file = forms.FileField(label=_("Berkas CSV atau XLSX"))
