"""Forms: the buyer's rating and feedback, plan work, programmes and attendance."""
from django import forms
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import BootstrapFormMixin

from .choices import FeedbackCategory, ProgrammeStatus, ProgrammeTopic

SCORES = [(i, str(i)) for i in range(5, 0, -1)]
DATE = forms.DateInput(attrs={"type": "date"})


class RatingForm(BootstrapFormMixin, forms.Form):
    quality = forms.TypedChoiceField(label=_("Mutu"), choices=SCORES, coerce=int)
    timeliness = forms.TypedChoiceField(label=_("Ketepatan waktu"), choices=SCORES, coerce=int)
    communication = forms.TypedChoiceField(label=_("Komunikasi"), choices=SCORES, coerce=int)
    documents = forms.TypedChoiceField(label=_("Kelengkapan dokumen"), choices=SCORES, coerce=int,
                                       required=False, empty_value=None)
    comment = forms.CharField(label=_("Komentar"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class FeedbackForm(BootstrapFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("Kategori"), choices=FeedbackCategory.choices)
    text = forms.CharField(label=_("Masukan untuk pemasok"), widget=forms.Textarea(attrs={"rows": 3}))
    goals = forms.CharField(label=_("Sasaran perbaikan (opsional)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(BootstrapFormMixin, forms.Form):
    programme = forms.ModelChoiceField(label=_("Program pendampingan"), queryset=None)
    mentor = forms.TypedChoiceField(label=_("Pendamping"), coerce=int, choices=())

    def __init__(self, *args, programmes=None, mentors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["mentor"].choices = list(mentors)


class ActionForm(BootstrapFormMixin, forms.Form):
    description = forms.CharField(label=_("Tindakan"), max_length=300)
    due_on = forms.DateField(label=_("Tenggat"), widget=DATE)


class RecheckForm(BootstrapFormMixin, forms.Form):
    passed = forms.TypedChoiceField(label=_("Hasil"), coerce=lambda v: v == "1",
                                    choices=[("1", _("Lulus")), ("0", _("Belum, perlu perbaikan"))])
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProgrammeForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama program"), max_length=200)
    topic = forms.ChoiceField(label=_("Topik"), choices=ProgrammeTopic.choices)
    starts_on = forms.DateField(label=_("Mulai"), widget=DATE)
    ends_on = forms.DateField(label=_("Selesai"), widget=DATE)
    capacity = forms.IntegerField(label=_("Kuota peserta"), min_value=1, initial=30)
    description = forms.CharField(label=_("Uraian"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class ProgrammeStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ProgrammeStatus.choices)


class SessionForm(BootstrapFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Tanggal"), widget=DATE)
    title = forms.CharField(label=_("Materi"), max_length=200)
    attendee_ids = forms.TypedMultipleChoiceField(
        label=_("Hadir"), coerce=int, required=False, choices=(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "list-unstyled"}))

    def __init__(self, *args, enrolments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee_ids"].choices = [(e.pk, e.supplier.name) for e in enrolments]


class EnrolForm(forms.Form):
    nib = forms.CharField(label=_("NIB usaha yang didaftarkan"), max_length=13, required=False)
