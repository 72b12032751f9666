"""The consultations with their fetal rows, symphysis-fundus heights and notes."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..clinical import dating, rules
from .card import BloodPressure, Entry, not_in_future, note_field, tristate, within


class Consultation(BloodPressure, Entry):
    class UrineProtein(models.TextChoices):
        # Volven 8340
        NEGATIVE = "T008", _("Neg")
        TRACE = "T052", _("Trace")
        ONE = "T048", "1+"
        TWO = "T049", "2+"
        THREE = "T050", "3+"

    date = models.DateField(_("date"), validators=[not_in_future])
    weeks = models.PositiveSmallIntegerField(_("weeks"), validators=within(0, 45))
    days = models.PositiveSmallIntegerField(_("days"), default=0, validators=within(0, 6))
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(30, 250),
    )
    urine_protein = models.CharField(
        _("urine protein"), max_length=4, choices=UrineProtein, blank=True
    )
    oedema = models.PositiveSmallIntegerField(
        _("oedema (0–3)"), null=True, blank=True, validators=within(0, 3)
    )
    hemoglobin = models.DecimalField(
        _("Hb (g/dL)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(4, 20),
    )
    # Asked about after week 20 with raised blood pressure: signs of pre-eclampsia (Preeklampsi).
    headache = tristate(_("headache"))
    visual_disturbance = tristate(_("visual disturbance"))
    epigastric_pain = tristate(_("pain under the ribs or in the upper abdomen"))
    medication_in_use = tristate(_("uses medicine"))
    employment_rate = models.PositiveSmallIntegerField(
        _("work (%)"), null=True, blank=True, validators=within(0, 100)
    )
    # A check the clinician set for her ("again in two days"): it comes before the programme.
    next_check_on = models.DateField(_("next check"), null=True, blank=True)
    note = note_field()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-date", "-id"]

    @property
    def gestational_age(self) -> dating.GestationalAge:
        return dating.GestationalAge(self.weeks * 7 + self.days)

    @property
    def symptoms_reported(self) -> list[str]:
        """The signs of pre-eclampsia she had, by name (those asked and answered yes)."""
        return [
            self._meta.get_field(s).verbose_name
            for s in rules.PREECLAMPSIA_SYMPTOMS
            if getattr(self, s)
        ]


class FetalObservation(models.Model):
    """One fetus's row in a consultation (heart rate, lie, movements)."""

    class Presentation(models.TextChoices):
        CEPHALIC = "cephalic", _("Head first")
        BREECH = "breech", _("Breech")
        TRANSVERSE = "transverse", _("Transverse")
        OBLIQUE = "oblique", _("Oblique")
        UNKNOWN = "unknown", _("Not determined")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="fetuses",
        verbose_name=_("consultation"),
    )
    fetus = models.PositiveSmallIntegerField(_("fetus"), default=1, validators=within(1, 6))
    heart_rate = models.PositiveSmallIntegerField(
        _("fetal heart rate (/min)"), null=True, blank=True, validators=within(50, 240)
    )
    presentation = models.CharField(
        _("presentation"), max_length=12, choices=Presentation, blank=True
    )
    movements_felt = tristate(_("mother feels movements"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("fetal observation")
        verbose_name_plural = _("fetal observations")
        ordering = ["fetus"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "fetus"], name="one_row_per_fetus_per_consultation"
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.fetus}"


class FundalHeight(Entry):
    measured_on = models.DateField(_("date"), validators=[not_in_future])
    weeks = models.PositiveSmallIntegerField(_("weeks"), validators=within(0, 45))
    days = models.PositiveSmallIntegerField(_("days"), default=0, validators=within(0, 6))
    centimetres = models.DecimalField(
        _("SF height (cm)"), max_digits=3, decimal_places=1, validators=within(5, 60)
    )

    class Meta:
        verbose_name = _("symphysis-fundus height")
        verbose_name_plural = _("symphysis-fundus heights")
        ordering = ["measured_on", "id"]

    @property
    def gestational_age(self) -> dating.GestationalAge:
        return dating.GestationalAge(self.weeks * 7 + self.days)


class ClinicalNote(Entry):
    """Notes and the short birth plan of the continuation sheet, written by clinicians."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        BIRTH_PLAN = "birth_plan", _("Birth plan")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.NOTE)
    text = models.TextField(_("text"), max_length=8000)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["recorded_at", "id"]


class BookedAppointment(Entry):
    """Her next time with a midwife or doctor: when, where and with whom, booked by the
    clinician. A cancelled booking is marked entered in error, with why; a moved one is
    corrected."""

    starts_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    with_whom = models.CharField(_("with"), max_length=200, blank=True)
    note = note_field()

    class Meta:
        verbose_name = _("booked appointment")
        verbose_name_plural = _("booked appointments")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} ({timezone.localtime(self.starts_at):%d.%m.%Y %H:%M})"
