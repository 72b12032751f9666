from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User

admin.site.site_header = _("DHG – digital health card for pregnant women")
admin.site.site_title = _("DHG administration")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    # The national identity number is deliberately absent: staff administration never needs it.
    list_display = ("username", "full_name", "is_staff", "is_active", "last_login")
    search_fields = ("username", "full_name")
    fieldsets = (
        (None, {"fields": ("username", "password", "full_name")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
