"""Core models: the hash-chained audit log."""
from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One state change, chained to the entry before it by SHA-256.

    ``hash = sha256(prev_hash + canonical JSON of this entry's fields)``. The unique
    ``prev_hash`` means two writers can never both extend the same entry: the chain cannot
    fork, even under concurrent writes. ``payload`` never holds a sealed quote amount.
    """

    seq = models.BigAutoField(primary_key=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(max_length=200, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = "entri audit"
        verbose_name_plural = "log audit"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"
