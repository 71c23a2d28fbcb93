"""A read-only window on supplier development: every change goes through the services
(permissions, transition tables, audit log)."""
from django.contrib import admin

from .models import DevelopmentPlan, Enrolment, Feedback, PlanAction, Programme, Rating


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ("order", "supplier", "buyer", "quality", "timeliness", "communication", "documents")
    search_fields = ("supplier__name", "order__number")
    list_select_related = ("order", "supplier", "buyer")


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("supplier", "buyer", "source", "category", "created_at")
    list_filter = ("source", "category")
    search_fields = ("supplier__name", "buyer__name")
    list_select_related = ("supplier", "buyer")


class PlanActionInline(admin.TabularInline):
    model = PlanAction
    extra = 0
    can_delete = False
    readonly_fields = ("description", "due_on", "done_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(ReadOnlyAdmin):
    list_display = ("supplier", "buyer", "status", "programme", "mentor", "created_at")
    list_filter = ("status",)
    search_fields = ("supplier__name",)
    list_select_related = ("supplier", "buyer", "programme", "mentor")
    inlines = [PlanActionInline]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ("name", "agency", "topic", "province", "starts_on", "ends_on", "status")
    list_filter = ("topic", "status")


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ("programme", "supplier", "status", "enrolled_at", "completed_at")
    list_filter = ("status",)
    list_select_related = ("programme", "supplier")
