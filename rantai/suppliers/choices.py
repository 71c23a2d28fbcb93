"""Supplier profile statuses, legal forms and business scales."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    CV = "cv", "CV"
    PT = "pt", "PT"
    UD = "ud", "UD"
    KOPERASI = "koperasi", "Koperasi"
    PERORANGAN = "perorangan", _("Perorangan")


class Scale(models.TextChoices):
    MICRO = "micro", _("Mikro")
    SMALL = "small", _("Kecil")
    MEDIUM = "medium", _("Menengah")
    LARGE = "large", _("Besar")


UMK_SCALES = {Scale.MICRO, Scale.SMALL}


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")


PROFILE_TRANSITIONS = {
    ProfileStatus.DRAFT: {ProfileStatus.PUBLISHED},
    ProfileStatus.PUBLISHED: {ProfileStatus.DRAFT},
}
