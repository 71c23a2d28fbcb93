from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only view of the queue, for operators."""

    list_display = ("id", "kind", "status", "progress_done", "progress_total", "organisation",
                    "created_at", "heartbeat_at", "attempts")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
