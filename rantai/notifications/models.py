"""In-app notifications: one per organisation, read by any of its members."""
from django.conf import settings
from django.db import models
from django.utils.translation import get_language

from rantai.core import clock


class Notification(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="notifications")
    subject = models.CharField(max_length=200)  # in the platform's language (LANGUAGE_CODE)
    body = models.TextField(blank=True)
    texts = models.JSONField(default=dict, blank=True,
                             help_text="Language code → [subject, body], as written in each language.")
    url = models.CharField(max_length=300, blank=True, help_text="Path inside Rantai to act on it.")
    created_at = models.DateTimeField(default=clock.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "read_at"])]

    def __str__(self):
        return self.subject

    def in_language(self, language: str | None = None) -> tuple[str, str]:
        """(subject, body) in ``language`` (default: the active one) when it was written in
        that language too; otherwise as stored."""
        code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
        subject, body = self.texts.get(code) or (self.subject, self.body)
        return subject, body

    @property
    def shown_subject(self) -> str:
        return self.in_language()[0]

    @property
    def shown_body(self) -> str:
        return self.in_language()[1]
