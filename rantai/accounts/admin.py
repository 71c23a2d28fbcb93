"""Admin for platform staff: approve organisations, manage people and tokens."""
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiToken, DeletionRequest, Membership, Organisation, User
from .services import organisation_decide


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user", "organisation")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "is_staff", "is_active", "date_joined")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Data pribadi"), {"fields": ("full_name", "timezone", "privacy_consent_at")}),
        (_("Hak akses"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",),
                             "fields": ("email", "full_name", "password1", "password2")}),)
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "buyer_kind", "bumn_cluster", "status", "created_at")
    list_filter = ("status", "kind", "buyer_kind", "bumn_cluster")
    search_fields = ("name",)
    autocomplete_fields = ("parent",)
    actions = ["approve", "reject"]
    inlines = [MembershipInline]
    # Status moves only through the approve/reject actions (service, transition table,
    # audit log); kind and place in the BUMN tree are fixed once registered.
    readonly_fields = ("status", "kind", "buyer_kind", "parent", "created_at")

    def has_approve_permission(self, request):
        return request.user.is_superuser

    has_reject_permission = has_approve_permission

    def _decide(self, request, queryset, approve: bool):
        done = 0
        for organisation in queryset.filter(status__in=["pending", "rejected"]):
            organisation_decide(organisation=organisation, approve=approve, by=request.user)
            done += 1
        text = ngettext("%(n)d organisasi diproses.", "%(n)d organisasi diproses.", done)
        self.message_user(request, text % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Setujui organisasi terpilih"), permissions=["approve"])
    def approve(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Tolak organisasi terpilih"), permissions=["reject"])
    def reject(self, request, queryset):
        self._decide(request, queryset, False)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "membership", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    list_display = ("email", "requested_at", "processed_at")
    list_filter = ("processed_at",)
