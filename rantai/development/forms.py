"""The buyer's rating form."""
from django import forms
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import BootstrapFormMixin

SCORES = [(i, str(i)) for i in range(5, 0, -1)]


class RatingForm(BootstrapFormMixin, forms.Form):
    quality = forms.TypedChoiceField(label=_("Mutu"), choices=SCORES, coerce=int)
    timeliness = forms.TypedChoiceField(label=_("Ketepatan waktu"), choices=SCORES, coerce=int)
    communication = forms.TypedChoiceField(label=_("Komunikasi"), choices=SCORES, coerce=int)
    comment = forms.CharField(label=_("Komentar"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
