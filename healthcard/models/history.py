"""Her details and history: the card's first pages."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .card import PHONE, Entry, Section, note_field, tristate, within


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
    # Asked because the guideline offers the glucose tolerance test to women with a
    # background from Asia or Africa (Svangerskapsdiabetes); never inferred from her country.
    background_asia_africa = tristate(_("background from Asia or Africa"))
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
    caesarean_sections = models.PositiveSmallIntegerField(
        _("caesarean sections"), null=True, blank=True, validators=within(0, 30)
    )
    last_birth_year = models.PositiveSmallIntegerField(
        _("year of the last birth"), null=True, blank=True, validators=within(1950, 2100)
    )
    # What an earlier pregnancy tells this one's screening (Preeklampsi; Svangerskapsdiabetes).
    preeclampsia = tristate(_("pre-eclampsia, HELLP or eclampsia before"))
    gestational_diabetes = tristate(_("gestational diabetes before"))
    large_baby_or_shoulder_dystocia = tristate(_("a child over 4500 g or shoulder dystocia before"))
    note = note_field()

    class Meta:
        verbose_name = _("previous pregnancies")
        verbose_name_plural = _("previous pregnancies")


class Heredity(Section):
    none_known = tristate(_("no known hereditary disease"))
    parents_related = tristate(_("the parents are related"))
    hip_dysplasia = tristate(_("hip dysplasia in the family"))
    other = tristate(_("other hereditary disease"))
    diabetes_in_first_degree_relative = tristate(_("diabetes in a parent, sibling or child"))
    preeclampsia_in_mother_or_sister = tristate(_("pre-eclampsia in her mother or sister"))
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
    impaired_glucose_tolerance = tristate(_("impaired glucose tolerance"))
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
        "impaired_glucose_tolerance",
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
