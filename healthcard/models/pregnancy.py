"""This pregnancy: its dating, tests, the RhD-negative pathway and ultrasound."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..clinical import dating
from .card import NLK, NOTE_LENGTH, Entry, Section, not_in_future, note_field, tristate, within


class CurrentPregnancy(Section):
    last_period = models.DateField(
        _("last menstrual period"), null=True, blank=True, validators=[not_in_future]
    )
    due_date_ultrasound = models.DateField(_("due date by ultrasound"), null=True, blank=True)
    due_date_corrected = models.DateField(_("corrected due date"), null=True, blank=True)
    correction_reason = models.CharField(_("reason for correction"), max_length=200, blank=True)
    number_of_fetuses = models.PositiveSmallIntegerField(
        _("number of fetuses"), null=True, blank=True, validators=within(1, 6)
    )
    assisted_conception = tristate(_("assisted conception"))
    assisted_conception_date = models.DateField(
        _("date of assisted conception"), null=True, blank=True, validators=[not_in_future]
    )
    prenatal_diagnostics_informed = tristate(_("informed about prenatal diagnostics"))
    birth_preparation_talk = tristate(_("birth preparation talk"))
    breastfeeding_guidance = tristate(_("breastfeeding guidance"))
    note = note_field()

    class Meta:
        verbose_name = _("this pregnancy")
        verbose_name_plural = _("this pregnancy")

    @property
    def due_date_lmp(self):
        return dating.due_date_from_last_period(self.last_period) if self.last_period else None

    @property
    def due_date(self):
        """The due date in force: corrected, else ultrasound, else from the last period."""
        return self.due_date_corrected or self.due_date_ultrasound or self.due_date_lmp

    @property
    def due_date_basis(self) -> str:
        if self.due_date_corrected:
            return "corrected"
        if self.due_date_ultrasound:
            return "ultrasound"
        return "last_period" if self.last_period else ""


class LabResult(Entry):
    class Qualitative(models.TextChoices):
        # Volven 8340 (laboratory result)
        NEGATIVE = "T008", _("Negative")
        POSITIVE = "T002", _("Positive")

    code = models.CharField(_("test code"), max_length=20)
    display = models.CharField(_("test"), max_length=200)
    code_system = models.CharField(_("code system"), max_length=100, default=NLK)
    value = models.DecimalField(
        _("value"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    qualitative = models.CharField(_("result"), max_length=4, choices=Qualitative, blank=True)
    value_text = models.CharField(_("result (text)"), max_length=100, blank=True)
    taken_on = models.DateField(_("date taken"), validators=[not_in_future])
    note = note_field()

    class Meta:
        verbose_name = _("lab result")
        verbose_name_plural = _("lab results")
        ordering = ["taken_on", "id"]

    def clean(self) -> None:
        if self.value is None and not self.qualitative and not self.value_text:
            raise ValidationError(
                _("Give a value, a result (negative/positive) or a result text."), code="no_result"
            )
        if self.value is not None and not self.unit:
            raise ValidationError({"unit": _("A value needs its unit.")}, code="unit")


class RhesusNegative(Section):
    """The RhD-negative pathway: fetal RhD test at week 24, anti-D at week 28."""

    consent_fetal_test = tristate(_("consents to fetal RhD test"))
    fetus_rhd_positive = tristate(_("fetus RhD positive"))
    fetal_test_date = models.DateField(
        _("date of fetal RhD test"), null=True, blank=True, validators=[not_in_future]
    )
    anti_d_given = tristate(_("anti-D prophylaxis given in week 28"))
    anti_d_date = models.DateField(
        _("date of anti-D"), null=True, blank=True, validators=[not_in_future]
    )
    note = note_field()

    class Meta:
        verbose_name = _("RhD-negative pathway")
        verbose_name_plural = _("RhD-negative pathways")


class Ultrasound(Entry):
    class Kind(models.TextChoices):
        EARLY = "early", _("Early ultrasound (11–13 weeks)")
        ROUTINE = "routine", _("Routine ultrasound (17–19 weeks)")
        OTHER = "other", _("Other ultrasound")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    examined_on = models.DateField(_("date"), validators=[not_in_future])
    weeks = models.PositiveSmallIntegerField(
        _("weeks"), null=True, blank=True, validators=within(5, 45)
    )
    days = models.PositiveSmallIntegerField(
        _("days"), null=True, blank=True, validators=within(0, 6)
    )
    due_date = models.DateField(_("due date set"), null=True, blank=True)
    number_of_fetuses = models.PositiveSmallIntegerField(
        _("fetuses"), null=True, blank=True, validators=within(1, 6)
    )
    placenta = models.CharField(_("placenta"), max_length=100, blank=True)
    remarks = models.TextField(_("remarks"), max_length=NOTE_LENGTH, blank=True)

    class Meta:
        verbose_name = _("ultrasound")
        verbose_name_plural = _("ultrasounds")
        ordering = ["examined_on", "id"]
