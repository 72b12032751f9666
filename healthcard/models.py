"""The digital health card: the paper "Helsekort for gravide" as data (DOMAIN.md §1.1, §7).

A woman has one `Pregnancy` record per pregnancy, at most one active at a time. Every section
is either a singleton (one-to-one with the record) or a list of entries. Every section row
carries its provenance: who recorded it, for which organisation, from which system, when, and
whether it was later retracted as entered in error. Nothing recorded is ever deleted by a
clinician. Booleans on the card are three-state: True, False, or None for "not recorded".
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import dating

VOLVEN = "urn:oid:2.16.578.1.12.4.1.1"  # Volven code systems are <VOLVEN>.<kodeverk>
NLK = "urn:oid:2.16.578.1.12.4.1.1.7280"  # Norsk laboratoriekodeverk


def within(low, high) -> list:
    """Validators for a measurement's plausible range (the API checks the same ranges)."""
    return [MinValueValidator(low), MaxValueValidator(high)]


def not_in_future(value) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date is after today."), code="future")


def not_after_now(value) -> None:
    if value > timezone.now():
        raise ValidationError(_("The time is in the future."), code="future")


NOTE_LENGTH = 4000
PHONE = RegexValidator(r"^\+?[0-9 ]{8,20}$", _("The value has the wrong format."))


def note_field() -> models.TextField:
    return models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)


def tristate(verbose_name: str) -> models.BooleanField:
    """A yes/no the card may also leave unrecorded (None)."""
    return models.BooleanField(verbose_name, null=True, blank=True, default=None)


class Pregnancy(models.Model):
    """One pregnancy's card (the API's "record")."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DELIVERED = "delivered", _("Delivered")
        TERMINATED = "terminated", _("Ended")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="pregnancies",
        verbose_name=_("woman"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    delivery_date = models.DateField(_("delivery date"), null=True, blank=True)
    live_birth = tristate(_("live birth"))
    termination_date = models.DateField(_("date ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("pregnancy record")
        verbose_name_plural = _("pregnancy records")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["woman"],
                condition=Q(status="active"),
                name="one_active_pregnancy_per_woman",
                violation_error_message=_("The woman already has an active health card."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.woman.get_full_name()} – {self.created_at:%Y-%m-%d}"


class Provenance(models.Model):
    """Who recorded a section row, and whether it was retracted: the card's signature column."""

    class UserType(models.TextChoices):
        HEALTH_PERSONNEL = "health_personnel", _("Health personnel")
        CITIZEN = "citizen", _("The woman herself")

    recorded_at = models.DateTimeField(_("recorded"))
    recorded_by_type = models.CharField(_("recorded by (type)"), max_length=20, choices=UserType)
    recorded_by_name = models.CharField(_("recorded by"), max_length=200)
    recorded_by_hpr = models.CharField(_("HPR number"), max_length=9, blank=True)
    recorded_by_role = models.CharField(_("role"), max_length=100, blank=True)
    org_nr = models.CharField(_("organisation number"), max_length=9, blank=True)
    org_name = models.CharField(_("organisation"), max_length=200, blank=True)
    source_system = models.CharField(_("source system"), max_length=100, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    entered_in_error = models.BooleanField(_("entered in error"), default=False)
    retracted_at = models.DateTimeField(_("retracted"), null=True, blank=True)
    retracted_by_name = models.CharField(_("retracted by"), max_length=200, blank=True)
    retracted_by_org_name = models.CharField(
        _("retracted by (organisation)"), max_length=200, blank=True
    )
    retraction_reason = models.CharField(_("why it was retracted"), max_length=500, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} ({self.recorded_at:%d.%m.%Y})"


class Section(Provenance):
    """A singleton section of the card."""

    pregnancy = models.OneToOneField(
        Pregnancy, on_delete=models.CASCADE, related_name="%(class)s", verbose_name=_("pregnancy")
    )

    class Meta:
        abstract = True


class Entry(Provenance):
    """A list entry of the card (consultation, lab result, ...)."""

    pregnancy = models.ForeignKey(
        Pregnancy, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("pregnancy")
    )

    class Meta:
        abstract = True


# --- Personal data and history -------------------------------------------------------------


class MotherDetails(Section):
    address = models.CharField(_("address"), max_length=200, blank=True)
    post_number = models.CharField(
        _("post number"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("The value has the wrong format."))],
    )
    post_name = models.CharField(_("post office"), max_length=100, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True, validators=[PHONE])
    marital_status = models.CharField(_("marital status"), max_length=100, blank=True)
    cohabiting_coparent = tristate(_("lives with the other parent"))
    coparent_name = models.CharField(_("father / co-mother"), max_length=200, blank=True)
    paternity_declared = tristate(_("paternity declaration completed"))
    education = models.CharField(_("highest education"), max_length=200, blank=True)
    occupation = models.CharField(_("occupation and industry"), max_length=200, blank=True)
    employed_last_6_months = tristate(_("employed in the last 6 months"))
    employment_percentage = models.PositiveSmallIntegerField(
        _("employment percentage"), null=True, blank=True, validators=within(0, 100)
    )
    country_of_birth = models.CharField(_("country of birth"), max_length=100, blank=True)
    language_code = models.CharField(
        _("language code (Volven 3303)"),
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z]{2,3}$", _("Two or three letters (ISO 639)."))],
    )
    language = models.CharField(_("language"), max_length=100, blank=True)
    needs_interpreter = tristate(_("needs an interpreter"))
    note = note_field()

    class Meta:
        verbose_name = _("mother")
        verbose_name_plural = _("mothers")


class CareTeamMember(Entry):
    class Role(models.TextChoices):
        GP = "gp", _("GP")
        MIDWIFE = "midwife", _("Midwife")
        HEALTH_CENTRE = "health_centre", _("Health centre")
        BIRTH_INSTITUTION = "birth_institution", _("Birth institution")

    role = models.CharField(_("role"), max_length=20, choices=Role)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_nr = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("Nine digits."))],
    )
    hpr_nr = models.CharField(
        _("HPR number"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{7,9}$", _("Seven to nine digits."))],
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[PHONE])

    class Meta:
        verbose_name = _("point of contact")
        verbose_name_plural = _("points of contact")
        ordering = ["role", "id"]


class PreviousPregnancies(Section):
    # Induced abortions are deliberately not recorded: others may see the card.
    previous_pregnancies = models.PositiveSmallIntegerField(
        _("previous pregnancies"), null=True, blank=True, validators=within(0, 30)
    )
    live_births = models.PositiveSmallIntegerField(
        _("children born alive"), null=True, blank=True, validators=within(0, 30)
    )
    spontaneous_miscarriages = models.PositiveSmallIntegerField(
        _("spontaneous miscarriages"), null=True, blank=True, validators=within(0, 30)
    )
    stillbirths = models.PositiveSmallIntegerField(
        _("stillbirths from week 22"), null=True, blank=True, validators=within(0, 30)
    )
    ectopic_pregnancies = models.PositiveSmallIntegerField(
        _("ectopic pregnancies"), null=True, blank=True, validators=within(0, 30)
    )
    note = note_field()

    class Meta:
        verbose_name = _("previous pregnancies")
        verbose_name_plural = _("previous pregnancies")


class Heredity(Section):
    none_known = tristate(_("no known hereditary disease"))
    parents_related = tristate(_("the parents are related"))
    hip_dysplasia = tristate(_("hip dysplasia in the family"))
    other = tristate(_("other hereditary disease"))
    note = note_field()

    class Meta:
        verbose_name = _("heredity")
        verbose_name_plural = _("heredity")


class MedicalConditions(Section):
    nothing_particular = tristate(_("nothing particular"))
    heart_disease = tristate(_("heart disease"))
    hypertension = tristate(_("high blood pressure"))
    kidney_disease = tristate(_("kidney or urinary tract disease"))
    diabetes = tristate(_("diabetes"))
    allergy_asthma = tristate(_("allergy or asthma"))
    epilepsy = tristate(_("epilepsy"))
    thrombosis = tristate(_("thrombosis"))
    autoimmune = tristate(_("autoimmune disease"))
    gynaecological = tristate(_("gynaecological disease or surgery"))
    mental_health = tristate(_("mental health problems"))
    other = tristate(_("other illness"))
    note = note_field()

    CONDITIONS = (
        "nothing_particular",
        "heart_disease",
        "hypertension",
        "kidney_disease",
        "diabetes",
        "allergy_asthma",
        "epilepsy",
        "thrombosis",
        "autoimmune",
        "gynaecological",
        "mental_health",
        "other",
    )

    class Meta:
        verbose_name = _("medical conditions")
        verbose_name_plural = _("medical conditions")


class Medication(Section):
    class Frequency(models.TextChoices):
        NONE = "none", _("None")
        OCCASIONAL = "occasional", _("Occasionally")
        REGULAR = "regular", _("Regularly")

    frequency = models.CharField(_("medicine use"), max_length=12, choices=Frequency, blank=True)
    drug_allergy = tristate(_("drug allergy"))
    folate_before = tristate(_("folic acid before pregnancy"))
    folate_during = tristate(_("folic acid during pregnancy"))
    note = note_field()

    class Meta:
        verbose_name = _("medication")
        verbose_name_plural = _("medication")


class LifestyleFactor(Entry):
    """Use of a stimulant, asked at the first consultation and again at week 36."""

    class Stimulant(models.TextChoices):
        TOBACCO = "tobacco", _("Tobacco")
        SNUS = "snus", _("Snus")
        ALCOHOL = "alcohol", _("Alcohol")
        DRUGS = "drugs", _("Drugs")

    class Frequency(models.TextChoices):
        NEVER = "never", _("Never")
        STOPPED = "stopped", _("Stopped")
        SOMETIMES = "sometimes", _("Sometimes")
        DAILY = "daily", _("Daily")

    stimulant = models.CharField(_("stimulant"), max_length=10, choices=Stimulant)
    frequency_first = models.CharField(
        _("first consultation"), max_length=10, choices=Frequency, blank=True
    )
    daily_count_first = models.PositiveSmallIntegerField(
        _("per day, first consultation"), null=True, blank=True, validators=within(0, 100)
    )
    frequency_week36 = models.CharField(_("week 36"), max_length=10, choices=Frequency, blank=True)
    daily_count_week36 = models.PositiveSmallIntegerField(
        _("per day, week 36"), null=True, blank=True, validators=within(0, 100)
    )
    note = note_field()

    class Meta:
        verbose_name = _("lifestyle factor")
        verbose_name_plural = _("lifestyle factors")
        ordering = ["stimulant"]


class BeforePregnancy(Section):
    height_cm = models.DecimalField(
        _("height (cm)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(100, 230),
    )
    weight_kg = models.DecimalField(
        _("weight before pregnancy (kg)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=within(30, 250),
    )

    class Meta:
        verbose_name = _("before pregnancy")
        verbose_name_plural = _("before pregnancy")

    @property
    def bmi(self):
        if not self.height_cm or not self.weight_kg:
            return None
        metres = float(self.height_cm) / 100
        return round(float(self.weight_kg) / (metres * metres), 1)


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


# --- Tests, ultrasound, consultations --------------------------------------------------------


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


class Consultation(Entry):
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
    systolic = models.PositiveSmallIntegerField(
        _("systolic (mmHg)"), null=True, blank=True, validators=within(50, 260)
    )
    diastolic = models.PositiveSmallIntegerField(
        _("diastolic (mmHg)"), null=True, blank=True, validators=within(20, 180)
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
    medication_in_use = tristate(_("uses medicine"))
    employment_rate = models.PositiveSmallIntegerField(
        _("work (%)"), null=True, blank=True, validators=within(0, 100)
    )
    note = note_field()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-date", "-id"]

    def clean(self) -> None:
        if (self.systolic is None) != (self.diastolic is None):
            raise ValidationError(
                _("Give both the systolic and the diastolic pressure."), code="blood_pressure"
            )
        if self.systolic is not None and self.systolic <= self.diastolic:
            raise ValidationError(
                {"systolic": _("Systolic must be higher than diastolic.")}, code="blood_pressure"
            )

    @property
    def gestational_age(self) -> dating.GestationalAge:
        return dating.GestationalAge(self.weeks * 7 + self.days)


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


# --- Plans, notes and the birth ---------------------------------------------------------------


class BirthWishes(Section):
    """The woman's own part of the card: her wishes for the birth and questions."""

    wishes = models.TextField(_("wishes for the birth"), blank=True)
    questions = models.TextField(_("questions for the midwife"), blank=True)

    class Meta:
        verbose_name = _("birth wishes")
        verbose_name_plural = _("birth wishes")


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


# --- Access log and API idempotency -----------------------------------------------------------


class AccessEvent(models.Model):
    """One read or write of a woman's card by someone other than her (Normen).

    Written only by healthcard.access.log_access(), in the same transaction as the access.
    Append-only. It outlives the card (withdrawal erases the card, not this log): the card is
    referred to by id, not by a foreign key, and the log holds no health data.
    """

    class Channel(models.TextChoices):
        API = "api", _("Record system (API)")
        ADMIN = "admin", _("Administration")

    class Action(models.TextChoices):
        READ = "read", _("read")
        WRITE = "write", _("wrote")

    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="access_events",
        verbose_name=_("woman"),
    )
    pregnancy_id = models.UUIDField(_("card"), null=True, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    section = models.CharField(_("what"), max_length=50)
    actor_name = models.CharField(_("who"), max_length=200)
    actor_hpr = models.CharField(_("HPR number"), max_length=9, blank=True)
    actor_role = models.CharField(_("role"), max_length=100, blank=True)
    org_nr = models.CharField(_("organisation number"), max_length=9, blank=True)
    org_name = models.CharField(_("organisation"), max_length=200, blank=True)
    source_system = models.CharField(_("source system"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("access")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["woman", "-at"])]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.get_action_display()} {self.section}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The access log is append-only.")


class IdempotencyRecord(models.Model):
    """The first answer to an API write sent with an Idempotency-Key, replayed on retries
    (healthcard.idempotency). It holds her data, so it is hers: scoped to her, erased with her
    card on withdrawal, and expired after a day."""

    client_id = models.CharField(max_length=200)
    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_records"
    )
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    record_id = models.UUIDField(null=True, blank=True)
    section = models.CharField(max_length=50)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("stored reply to a record system")
        verbose_name_plural = _("stored replies to record systems")
        constraints = [
            models.UniqueConstraint(
                fields=["client_id", "woman", "key"], name="one_answer_per_client_woman_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.key}"


class EntryRevision(models.Model):
    """An entry as it was before a correction: corrections replace, but never lose."""

    pregnancy = models.ForeignKey(Pregnancy, on_delete=models.CASCADE, related_name="revisions")
    entry_type = models.CharField(max_length=50)
    entry_id = models.BigIntegerField()
    version = models.PositiveIntegerField()
    document = models.JSONField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry_type", "entry_id", "version"], name="one_revision_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_type} {self.entry_id} v{self.version}"
