from django.contrib import admin

from .models import Product, SupplierProfile


class ProductInline(admin.TabularInline):
    model = Product
    extra = 0


@admin.register(SupplierProfile)
class SupplierProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "legal_form", "nib", "regency", "scale", "status")
    list_filter = ("status", "scale", "legal_form", "regency__province")
    search_fields = ("name", "nib")
    autocomplete_fields = ("regency", "kbli")
    inlines = [ProductInline]
    # Identity and every status move through the pages' services (transition tables, audit).
    readonly_fields = ("organisation", "nib", "status", "verification", "verified_at",
                       "claimed", "scale", "scale_rule")
