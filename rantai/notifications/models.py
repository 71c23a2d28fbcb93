"""In-app notifications: one per organisation, read by any of its members."""
from django.db import models

from rantai.core import clock


class Notification(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="notifications")
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True, help_text="Path inside Rantai to act on it.")
    created_at = models.DateTimeField(default=clock.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "read_at"])]

    def __str__(self):
        return self.subject
