from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Staff accounts, administered by superusers and the staff administrators (who give
    clinicians their roles, but make no one a superuser and change no superuser). The women
    are not listed: who uses the card (and so who is pregnant) is health information,
    reached only through the logged search. The national identity number is never shown."""

    list_display = ("username", "full_name", "profession", "org_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("username", "full_name", "hpr_number")
    fieldsets = (
        (None, {"fields": ("username", "password", "full_name")}),
        (
            _("Health personnel"),
            {
                "fields": ("hpr_number", "profession", "org_nr", "org_name"),
                "description": _("Entries and access-log lines are signed with these."),
            },
        ),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "password1", "password2")}),
        (_("Health personnel"), {"fields": ("hpr_number", "profession", "org_nr", "org_name")}),
        (_("Permissions"), {"fields": ("is_staff", "groups")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        return (*self.readonly_fields, "is_superuser")

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(national_id__isnull=True)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A staff member's name stays on what they signed; deactivate instead.
        return False
