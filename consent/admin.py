"""Consent history, read-only for everyone: staff see a woman's consents but can neither give,
withdraw, change nor delete them on her behalf."""

from django.contrib import admin

from .models import ConsentEvent


@admin.register(ConsentEvent)
class ConsentEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "citizen", "kind", "text_version", "channel")
    list_filter = ("kind", "text_version")
    list_select_related = ("citizen",)
    search_fields = ("citizen__full_name",)
    readonly_fields = [f.name for f in ConsentEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
