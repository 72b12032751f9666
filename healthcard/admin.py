"""Admin registration of the card's models. Provenance is read-only and nothing is deleted:
a wrong entry is retracted (entered in error). The midwife's own workflow views, and the
access log of admin reads, come with the midwife issue; until then only users given model
permissions (superusers) see these pages. Cards of women without active consent are not
shown at all (the consent gate)."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from consent.selectors import citizens_with_active_consent

from . import models


def _consented_women():
    return citizens_with_active_consent(get_user_model().objects.all())


PROVENANCE_FIELDS = (
    "recorded_at",
    "recorded_by_type",
    "recorded_by_name",
    "recorded_by_hpr",
    "recorded_by_role",
    "org_nr",
    "org_name",
    "source_system",
    "version",
    "entered_in_error",
    "retracted_at",
    "retracted_by_name",
    "retracted_by_org_name",
)


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SignedAdmin(NoDeleteAdmin):
    readonly_fields = PROVENANCE_FIELDS
    list_display = (
        "__str__",
        "pregnancy",
        "recorded_by_name",
        "org_name",
        "recorded_at",
        "entered_in_error",
    )
    list_filter = ("entered_in_error", "recorded_by_type")
    list_select_related = ("pregnancy__woman",)
    raw_id_fields = ("pregnancy",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pregnancy__woman__in=_consented_women())


class FetalObservationInline(admin.TabularInline):
    model = models.FetalObservation
    extra = 0
    can_delete = False


@admin.register(models.Pregnancy)
class PregnancyAdmin(NoDeleteAdmin):
    list_display = ("__str__", "status", "created_at", "last_updated", "version")
    list_filter = ("status",)
    list_select_related = ("woman",)
    readonly_fields = ("id", "woman", "created_at", "last_updated", "version")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(woman__in=_consented_women())


@admin.register(models.Consultation)
class ConsultationAdmin(SignedAdmin):
    list_display = (
        "__str__",
        "pregnancy",
        "date",
        "weeks",
        "days",
        "recorded_by_name",
        "entered_in_error",
    )
    inlines = [FetalObservationInline]


for model in (
    models.MotherDetails,
    models.CareTeamMember,
    models.PreviousPregnancies,
    models.Heredity,
    models.MedicalConditions,
    models.Medication,
    models.LifestyleFactor,
    models.BeforePregnancy,
    models.CurrentPregnancy,
    models.LabResult,
    models.RhesusNegative,
    models.Ultrasound,
    models.FundalHeight,
    models.BirthWishes,
    models.ClinicalNote,
    models.BirthOutcome,
):
    admin.site.register(model, SignedAdmin)
