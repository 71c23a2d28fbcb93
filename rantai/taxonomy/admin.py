from django.contrib import admin

from .models import Kbli, Province, Regency


@admin.register(Kbli)
class KbliAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "level", "section")
    list_filter = ("level", "section")
    search_fields = ("code", "title")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "province")
    list_filter = ("province",)
    search_fields = ("code", "name")
