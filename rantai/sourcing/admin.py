"""Sourcing admin. Quote amounts are hidden here until the need's deadline (sealed)."""
from django.contrib import admin

from .models import Delivery, Need, NeedLine, Payment, PurchaseOrder, Quote

SEALED_QUOTE_FIELDS = ("total_amount", "note")


class NeedLineInline(admin.TabularInline):
    model = NeedLine
    extra = 0


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("title", "buyer", "status", "quote_deadline", "delivery_regency")
    list_filter = ("status", "buyer")
    search_fields = ("title",)
    autocomplete_fields = ("kbli", "delivery_regency")
    inlines = [NeedLineInline]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    """No list column, form field or search reveals an amount before the deadline."""

    list_display = ("__str__", "need", "supplier", "status", "submitted_at")
    list_filter = ("status",)
    list_select_related = ("need", "supplier")

    def get_fields(self, request, obj=None):
        fields = ["need", "supplier", "status", "lead_time_days", "submitted_at"]
        if obj is not None and not obj.need.quotes_sealed:
            fields += list(SEALED_QUOTE_FIELDS)
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(admin.ModelAdmin):
    list_display = ("number", "buyer", "supplier", "total_amount", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("number",)
    inlines = [DeliveryInline, PaymentInline]
