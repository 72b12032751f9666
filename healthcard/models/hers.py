"""What she records herself on her card: blood pressure, weight and blood sugar measured at
home, and a short daily note of the baby's movements and how she feels. Signed by her
(Provenance.UserType.WOMAN); a clinician reads them, never changes them; she may mark one of
hers as wrong. Erased with her card."""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .card import BloodPressure, Entry, not_after_now, not_in_future, within


class HomeMeasurement(BloodPressure, Entry):
    """One sitting at home: any of blood pressure (with pulse), weight and blood sugar. What
    must go together is said by the constraints, whose messages she is shown."""

    class GlucoseTiming(models.TextChoices):
        FASTING = "fasting", _("Fasting (before breakfast)")
        AFTER_MEAL = "after_meal", _("Two hours after a meal")
        OTHER = "other", _("At another time")

    measured_at = models.DateTimeField(_("measured"), validators=[not_after_now])
    pulse = models.PositiveSmallIntegerField(
        _("pulse (/min)"), null=True, blank=True, validators=within(30, 220)
    )
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(30, 250),
    )
    glucose_mmol = models.DecimalField(
        _("blood sugar (mmol/L)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(1, 35),
    )
    glucose_timing = models.CharField(
        _("when the blood sugar was measured"), max_length=12, choices=GlucoseTiming, blank=True
    )
    # Made when her form is shown: sent twice (a double tap, a retry), it is recorded once.
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    class Meta:
        verbose_name = _("home measurement")
        verbose_name_plural = _("home measurements")
        ordering = ["-measured_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(systolic__isnull=False)
                | models.Q(pulse__isnull=False)
                | models.Q(weight_kg__isnull=False)
                | models.Q(glucose_mmol__isnull=False),
                name="a_home_measurement_measures_something",
                violation_error_message=_(
                    "Write at least one measurement: blood pressure, pulse, weight or blood sugar."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(glucose_mmol__isnull=True, glucose_timing="")
                | models.Q(glucose_mmol__isnull=False) & ~models.Q(glucose_timing=""),
                name="a_blood_sugar_says_when",
                violation_error_message=_(
                    "Write the blood sugar and when you measured it, or leave out both."
                ),
            ),
        ]

    @property
    def measured_on(self):
        """The day in Norway it was measured."""
        return timezone.localtime(self.measured_at).date()


SYMPTOM_CHOICES = [
    ("bleeding", _("Bleeding from the vagina")),
    ("fluid", _("Fluid leaking from the vagina")),
    ("headache", _("Bad headache")),
    ("visual_disturbance", _("Blurred vision or flashing lights")),
    ("epigastric_pain", _("Pain under the ribs or in the upper abdomen")),
    ("swelling", _("Sudden swelling of the face, hands or feet")),
    ("fever", _("Fever (38 °C or more)")),
    ("contractions", _("Regular contractions or period-like pains")),
    ("itching", _("Itching, especially on the palms and soles")),
    ("vomiting", _("Vomiting so much that you cannot keep food or drink down")),
    ("low_mood", _("Feeling low, anxious or worried most of the time")),
]


class DailyNote(Entry):
    """Her note of a day: the baby's movements (from week 24) and any symptoms from the list."""

    class Movements(models.TextChoices):
        AS_USUAL = "as_usual", _("As usual")
        FEWER = "fewer", _("Fewer or weaker than usual")
        NONE = "none", _("None that I can feel")

    date = models.DateField(_("date"), validators=[not_in_future])
    movements = models.CharField(
        _("the baby's movements"), max_length=10, choices=Movements, blank=True
    )
    symptoms = ArrayField(
        models.CharField(max_length=20, choices=SYMPTOM_CHOICES),
        default=list,
        blank=True,
        verbose_name=_("symptoms"),
    )
    text = models.CharField(_("in your own words"), max_length=1000, blank=True)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    class Meta:
        verbose_name = _("daily note")
        verbose_name_plural = _("daily notes")
        ordering = ["-date", "-id"]

    @property
    def symptom_names(self) -> list[str]:
        names = dict(SYMPTOM_CHOICES)
        return [str(names.get(code, code)) for code in self.symptoms]

    def clean(self) -> None:
        super().clean()
        if not (self.movements or self.symptoms or self.text):
            raise ValidationError(
                _("Say how the baby moves, tick a symptom, or write a few words."), code="empty"
            )


class QuestionnaireResponse(Entry):
    """Her answers to a questionnaire (healthcard.questionnaires), kept with its version and
    the words she was shown; a scored one with its score, computed on the server."""

    questionnaire = models.CharField(_("questionnaire"), max_length=20)
    questionnaire_version = models.CharField(_("version"), max_length=20)
    date = models.DateField(_("date"), validators=[not_in_future])
    language = models.CharField(_("language"), max_length=8)
    # [{"linkId", "question", "answer", "display", "score"}], in the questionnaire's order.
    answers = models.JSONField(_("answers"), default=list)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    submission_id = models.UUIDField(unique=True, null=True, editable=False)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-date", "-id"]

    @property
    def definition(self):
        """The questionnaire at the version she answered (healthcard.questionnaires)."""
        from ..questionnaires import VERSIONS  # pure definitions, no models

        return VERSIONS[(self.questionnaire, self.questionnaire_version)]

    @property
    def at_threshold(self) -> bool:
        """An EPDS at or above the score that asks for follow-up."""
        from ..questionnaires.epds import THRESHOLD

        return self.questionnaire == "epds" and self.score is not None and self.score >= THRESHOLD

    def answer_score(self, link_id: str) -> int | None:
        return next((a["score"] for a in self.answers if a["linkId"] == link_id), None)
