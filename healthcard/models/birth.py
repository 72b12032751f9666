"""The birth: her wishes for it, the birth as the hospital records it, and each baby's
status."""

from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .card import (
    BloodPressure,
    Entry,
    Section,
    not_after_now,
    not_in_future,
    note_field,
    tristate,
    within,
)
from .visits import FetalObservation


class BirthWishes(Section):
    """The woman's own part of the card: her wishes for the birth and questions."""

    wishes = models.TextField(_("wishes for the birth"), blank=True)
    questions = models.TextField(_("questions for the midwife"), blank=True)

    class Meta:
        verbose_name = _("birth wishes")
        verbose_name_plural = _("birth wishes")


class BirthOutcome(Entry):
    class Outcome(models.TextChoices):
        LIVE_BIRTH = "live_birth", _("Born alive")
        STILLBIRTH = "stillbirth", _("Stillborn")

    fetus = models.PositiveSmallIntegerField(_("fetus"), default=1, validators=within(1, 6))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome)
    born_at = models.DateTimeField(_("time of birth"), validators=[not_after_now])

    class Meta:
        verbose_name = _("birth status")
        verbose_name_plural = _("birth status")
        ordering = ["fetus"]


class Birth(Section):
    """The birth, written by the hospital. Its code lists are local to DHG (documented in
    docs/codes.md) until Volven has lists for them; the codes are stable."""

    class Onset(models.TextChoices):
        SPONTANEOUS = "spontaneous", _("Spontaneous")
        INDUCED = "induced", _("Induced")
        NO_LABOUR = "no_labour", _("No labour (planned caesarean)")

    class Mode(models.TextChoices):
        SPONTANEOUS_VAGINAL = "spontaneous_vaginal", _("Spontaneous vaginal")
        VACUUM = "vacuum", _("Vacuum")
        FORCEPS = "forceps", _("Forceps")
        VAGINAL_BREECH = "vaginal_breech", _("Vaginal breech")
        PLANNED_CAESAREAN = "planned_caesarean", _("Planned caesarean")
        EMERGENCY_CAESAREAN = "emergency_caesarean", _("Emergency caesarean")

    class Tear(models.TextChoices):
        NONE = "none", _("None")
        FIRST = "1", _("First degree")
        SECOND = "2", _("Second degree")
        THIRD_A = "3a", _("Third degree (3a)")
        THIRD_B = "3b", _("Third degree (3b)")
        THIRD_C = "3c", _("Third degree (3c)")
        FOURTH = "4", _("Fourth degree")

    class Complication(models.TextChoices):
        HAEMORRHAGE = "postpartum_haemorrhage", _("Bleeding over 1000 ml")
        RETAINED_PLACENTA = "retained_placenta", _("Retained placenta")
        SHOULDER_DYSTOCIA = "shoulder_dystocia", _("Shoulder dystocia")
        ECLAMPSIA = "eclampsia", _("Eclampsia")
        HELLP = "hellp", _("HELLP syndrome")
        UTERINE_RUPTURE = "uterine_rupture", _("Uterine rupture")
        INFECTION = "infection", _("Infection during labour")
        OTHER = "other", _("Other")

    born_at = models.DateTimeField(_("time of birth"), validators=[not_after_now])
    # A birth is from week 22+0; an earlier end of the pregnancy is recorded by status only.
    weeks = models.PositiveSmallIntegerField(_("weeks at birth"), validators=within(22, 45))
    days = models.PositiveSmallIntegerField(_("days"), default=0, validators=within(0, 6))
    place = models.CharField(_("maternity unit"), max_length=200)
    place_org_nr = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("Nine digits."))],
    )
    onset = models.CharField(_("onset"), max_length=12, choices=Onset, blank=True)
    mode = models.CharField(_("mode of birth"), max_length=20, choices=Mode)
    blood_loss_ml = models.PositiveIntegerField(
        _("blood loss (ml)"), null=True, blank=True, validators=within(0, 10000)
    )
    perineal_tear = models.CharField(_("perineal tear"), max_length=4, choices=Tear, blank=True)
    complications = ArrayField(
        models.CharField(max_length=30, choices=Complication),
        verbose_name=_("complications"),
        default=list,
        blank=True,
        size=8,
    )
    anti_d_given = tristate(_("anti-D given after the birth"))
    note = note_field()

    class Meta:
        verbose_name = _("birth")
        verbose_name_plural = _("births")

    def get_complications_display(self) -> list[str]:
        names = dict(self.Complication.choices)
        return [str(names.get(code, code)) for code in self.complications]


class Baby(models.Model):
    """One baby of the birth: its row of the birth section."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Girl")
        MALE = "male", _("Boy")
        UNDETERMINED = "undetermined", _("Not determined")

    Outcome = BirthOutcome.Outcome

    birth = models.ForeignKey(Birth, on_delete=models.CASCADE, related_name="babies")
    fetus = models.PositiveSmallIntegerField(_("baby"), default=1, validators=within(1, 6))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome)
    sex = models.CharField(_("sex"), max_length=12, choices=Sex, blank=True)
    weight_g = models.PositiveIntegerField(
        _("weight (g)"), null=True, blank=True, validators=within(300, 7000)
    )
    length_cm = models.DecimalField(
        _("length (cm)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(25, 65),
    )
    head_cm = models.DecimalField(
        _("head circumference (cm)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(18, 45),
    )
    apgar_1 = models.PositiveSmallIntegerField(
        _("Apgar 1 min"), null=True, blank=True, validators=within(0, 10)
    )
    apgar_5 = models.PositiveSmallIntegerField(
        _("Apgar 5 min"), null=True, blank=True, validators=within(0, 10)
    )
    apgar_10 = models.PositiveSmallIntegerField(
        _("Apgar 10 min"), null=True, blank=True, validators=within(0, 10)
    )
    presentation = models.CharField(
        _("presentation"), max_length=12, choices=FetalObservation.Presentation, blank=True
    )
    neonatal_care = tristate(_("transferred to neonatal care"))

    class Meta:
        verbose_name = _("baby")
        verbose_name_plural = _("babies")
        ordering = ["fetus"]
        constraints = [
            models.UniqueConstraint(fields=["birth", "fetus"], name="one_row_per_baby_per_birth")
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.fetus}"

    @property
    def apgar_scores(self) -> list[tuple[int, int]]:
        """(minutes, score) for each Apgar score recorded."""
        scores = ((1, self.apgar_1), (5, self.apgar_5), (10, self.apgar_10))
        return [(minutes, score) for minutes, score in scores if score is not None]


class PostpartumVisit(BloodPressure, Entry):
    """A check after the birth (barsel): the midwife's home visit, the health station, the
    six-week check (the postpartum guideline, IS-2057)."""

    class Kind(models.TextChoices):
        HOME_VISIT = "home_visit", _("Home visit")
        HEALTH_STATION = "health_station", _("Health station")
        SIX_WEEK_CHECK = "six_week_check", _("Six-week check")
        OTHER = "other", _("Other")

    class Bleeding(models.TextChoices):
        NORMAL = "normal", _("Normal")
        INCREASED = "increased", _("More than expected")
        HEAVY = "heavy", _("Heavy")

    class Wound(models.TextChoices):
        NONE = "none", _("No wound")
        HEALING = "healing", _("Healing well")
        PROBLEM = "problem", _("Not healing well")

    class Feeding(models.TextChoices):
        BREAST = "breast", _("Breast milk only")
        MIXED = "mixed", _("Breast milk and formula")
        FORMULA = "formula", _("Formula only")

    date = models.DateField(_("date"), validators=[not_in_future])
    kind = models.CharField(_("kind of check"), max_length=16, choices=Kind)
    bleeding = models.CharField(_("bleeding"), max_length=10, choices=Bleeding, blank=True)
    wound = models.CharField(_("wound"), max_length=10, choices=Wound, blank=True)
    feeding = models.CharField(_("feeding"), max_length=10, choices=Feeding, blank=True)
    # Edinburgh Postnatal Depression Scale: 0-30; its item 10 asks about thoughts of self-harm.
    epds_score = models.PositiveSmallIntegerField(
        _("EPDS score"), null=True, blank=True, validators=within(0, 30)
    )
    epds_self_harm = tristate(_("thoughts of harming herself (EPDS item 10)"))
    contraception_discussed = tristate(_("contraception discussed"))
    baby_weight_g = models.PositiveIntegerField(
        _("baby's weight (g)"), null=True, blank=True, validators=within(300, 9000)
    )
    note = note_field()

    class Meta:
        verbose_name = _("postpartum visit")
        verbose_name_plural = _("postpartum visits")
        ordering = ["-date", "-id"]
