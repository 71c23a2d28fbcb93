"""Sign-up and account settings forms."""
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from rantai.core.forms import BootstrapFormMixin
from rantai.core.timezones import ZONE_CHOICES

from .choices import BuyerKind, OrgKind


class SignupForm(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(label=_("Kata sandi"), widget=forms.PasswordInput,
                               help_text=_("Minimal 8 karakter, jangan hanya angka."))
    kind = forms.ChoiceField(label=_("Saya mendaftar sebagai"), choices=OrgKind.choices,
                             initial=OrgKind.SME)
    buyer_kind = forms.ChoiceField(label=_("Jenis pembeli"), required=False,
                                   choices=[("", "—"), *BuyerKind.choices])
    org_name = forms.CharField(label=_("Nama usaha/organisasi"), max_length=200)
    consent = forms.BooleanField(
        label=_("Saya telah membaca dan menyetujui pemberitahuan privasi (UU PDP)."),
        required=False)

    def clean_consent(self):
        # Checked here too (the service is the rule) so every error shows in one round.
        if not self.cleaned_data.get("consent"):
            raise forms.ValidationError(_("Anda perlu menyetujui pemberitahuan privasi."))
        return True

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password


class SettingsForm(BootstrapFormMixin, forms.Form):
    timezone = forms.ChoiceField(label=_("Zona waktu"), choices=ZONE_CHOICES)


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama token"), max_length=100,
                           help_text=_("Misalnya: integrasi ERP"))


class DeletionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan (opsional)"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))
