from django.contrib import admin

from .models import Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("order", "supplier", "buyer", "quality", "timeliness", "communication")
    search_fields = ("supplier__name", "order__number")
    list_select_related = ("order", "supplier", "buyer")
