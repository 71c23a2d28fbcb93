from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "organisation", "created_at", "read_at"]
    list_filter = ["read_at"]
    readonly_fields = ["organisation", "subject", "body", "url", "created_at", "read_at"]

    def has_add_permission(self, request):
        return False
