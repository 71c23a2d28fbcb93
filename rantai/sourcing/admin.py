"""Sourcing admin. Quote amounts are hidden here until the need's deadline (sealed)."""
from django.contrib import admin

from .models import Clarification, Delivery, Invoice, Need, NeedLine, Payment, PurchaseOrder, Quote

SEALED_QUOTE_FIELDS = ("total_amount", "base_amount", "ppn_amount", "seller_pkp", "ppn_included",
                       "validity_days", "warranty", "note")


class ReadOnlyInline(admin.TabularInline):
    """Inline rows shown for reference; they change only through the services."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NeedLineInline(ReadOnlyInline):
    model = NeedLine


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("title", "buyer", "status", "quote_deadline", "delivery_regency")
    list_filter = ("status", "buyer")
    search_fields = ("title",)
    autocomplete_fields = ("kbli", "delivery_regency")
    inlines = [NeedLineInline]
    # Moving the deadline would unseal quotes; status moves need the transition table.
    readonly_fields = ("buyer", "created_by", "status", "quote_deadline", "published_at",
                       "created_at")


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    """Before the deadline nothing here tells who bid, what or how fast: only that a quote
    exists. Afterwards the quote is shown in full, read-only."""

    list_display = ("__str__", "need", "bidder", "status", "submitted_at")
    list_filter = ("status",)
    list_select_related = ("need", "supplier")

    @admin.display(description="pemasok")
    def bidder(self, quote):
        return "— (tersegel)" if quote.need.quotes_sealed else quote.supplier

    def get_fields(self, request, obj=None):
        if obj is None or obj.need.quotes_sealed:
            return ["need", "status", "submitted_at"]
        return ["need", "supplier", "status", "lead_time_days", "submitted_at",
                *SEALED_QUOTE_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def lookup_allowed(self, lookup, value, request=None):
        # URL filters such as ?total_amount__gte= would let anyone bisect a sealed amount.
        return lookup.split("__")[0] in {"status", "need"}

    def get_search_results(self, request, queryset, search_term):
        return queryset, False  # no free-text search over quotes either

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DeliveryInline(ReadOnlyInline):
    model = Delivery


class PaymentInline(ReadOnlyInline):
    model = Payment


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(admin.ModelAdmin):
    list_display = ("number", "buyer", "supplier", "total_amount", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("number",)
    inlines = [DeliveryInline, PaymentInline]

    def get_readonly_fields(self, request, obj=None):
        # Orders move only through the services: amounts and status are facts, not inputs.
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False


class InvoiceInline(ReadOnlyInline):
    model = Invoice


PurchaseOrderAdmin.inlines = [DeliveryInline, InvoiceInline, PaymentInline]


@admin.register(Clarification)
class ClarificationAdmin(admin.ModelAdmin):
    """Questions and answers, read-only; who asked is never shown (not even here)."""

    list_display = ("__str__", "need", "asked_at", "answered_at")
    fields = ("need", "question", "answer", "asked_at", "answered_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
