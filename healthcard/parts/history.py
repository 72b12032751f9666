"""Her details and history (the card's first pages): who she is, earlier pregnancies,
heredity, illnesses, medication, lifestyle, height and weight before the pregnancy, and
whom she sees."""

from functools import partial

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import (
    VOLVEN,
    BeforePregnancy,
    CareTeamMember,
    Heredity,
    LifestyleFactor,
    MedicalConditions,
    Medication,
    MotherDetails,
    PreviousPregnancies,
)
from . import Part
from .fields import Body, Group, coded, field_of, num, text

# --- mother ------------------------------------------------------------------------------------

_mother = partial(field_of, MotherDetails)


class LanguageGroup(Group):
    """Volven 3303: ISO 639 codes of two or three letters."""

    code = _mother("language_code", required=True)
    display = _mother("language")
    codeSystem = serializers.ChoiceField(
        choices=[f"{VOLVEN}.3303"], required=False, write_only=True
    )


class MotherBody(Body):
    model = MotherDetails
    address = _mother("address")
    postNumber = _mother("post_number")
    postName = _mother("post_name")
    phone = _mother("phone")
    maritalStatus = _mother("marital_status")
    cohabitingCoparent = _mother("cohabiting_coparent")
    coparentName = _mother("coparent_name")
    paternityDeclared = _mother("paternity_declared")
    education = _mother("education")
    occupationAndIndustry = _mother("occupation")
    employedLast6Months = _mother("employed_last_6_months")
    employmentPercentage = _mother("employment_percentage")
    countryOfBirth = _mother("country_of_birth")
    # Her name comes from the population register through ID-porten, not from record systems.
    name = serializers.CharField(read_only=True)
    language = LanguageGroup()
    needsLanguageInterpreter = _mother("needs_interpreter")
    backgroundFromAsiaOrAfrica = _mother("background_asia_africa")
    note = _mother("note")


def _mother_document(m: MotherDetails) -> dict:
    return {
        "address": text(m.address),
        "postNumber": text(m.post_number),
        "postName": text(m.post_name),
        "phone": text(m.phone),
        "maritalStatus": text(m.marital_status),
        "cohabitingCoparent": m.cohabiting_coparent,
        "coparentName": text(m.coparent_name),
        "paternityDeclared": m.paternity_declared,
        "education": text(m.education),
        "occupationAndIndustry": text(m.occupation),
        "employedLast6Months": m.employed_last_6_months,
        "employmentPercentage": m.employment_percentage,
        "countryOfBirth": text(m.country_of_birth),
        "language": coded(m.language_code, m.language, f"{VOLVEN}.3303"),
        "needsLanguageInterpreter": m.needs_interpreter,
        "backgroundFromAsiaOrAfrica": m.background_asia_africa,
        "note": text(m.note),
    }


MOTHER = Part(
    name="mother",
    model=MotherDetails,
    component="Mother",
    body=MotherBody,
    document=_mother_document,
    schema={
        "name": "str",  # in the record document only (healthcard.record)
        **dict.fromkeys(["address", "postNumber", "postName", "phone"], "str?"),
        "maritalStatus": "str?",
        "cohabitingCoparent": "bool?",
        "coparentName": "str?",
        "paternityDeclared": "bool?",
        "education": "str?",
        "occupationAndIndustry": "str?",
        "employedLast6Months": "bool?",
        "employmentPercentage": "int?",
        "countryOfBirth": "str?",
        "language": "CodedValue?",
        "needsLanguageInterpreter": "bool?",
        "backgroundFromAsiaOrAfrica": "bool?",
        "note": "str?",
    },
    example={
        "address": "Storgata 1",
        "postNumber": "0155",
        "postName": "Oslo",
        "maritalStatus": "Samboer",
        "cohabitingCoparent": True,
        "occupationAndIndustry": "Lærer, skole",
        "employedLast6Months": True,
        "employmentPercentage": 100,
        "countryOfBirth": "Norge",
        "language": {"code": "NOB", "display": "Norsk bokmål"},
        "needsLanguageInterpreter": False,
    },
    accessed=_("your personal details"),
)

# --- previousPregnancies -------------------------------------------------------------------------

_previous = partial(field_of, PreviousPregnancies)


class PreviousPregnanciesBody(Body):
    # Deliberately no field for induced abortions: the card never records them.
    model = PreviousPregnancies
    numberOfPreviousPregnancies = _previous("previous_pregnancies")
    numberOfPreviousLiveBirths = _previous("live_births")
    spontaneousMiscarriages = _previous("spontaneous_miscarriages")
    stillBirths22weeks = _previous("stillbirths")
    numberOfEctopicPregnancies = _previous("ectopic_pregnancies")
    numberOfCaesareanSections = _previous("caesarean_sections")
    yearOfLastBirth = _previous("last_birth_year")
    previousPreeclampsia = _previous("preeclampsia")
    previousGestationalDiabetes = _previous("gestational_diabetes")
    previousChildOver4500gOrShoulderDystocia = _previous("large_baby_or_shoulder_dystocia")
    note = _previous("note")


PREVIOUS_PREGNANCIES = Part(
    name="previousPregnancies",
    model=PreviousPregnancies,
    component="PreviousPregnancies",
    body=PreviousPregnanciesBody,
    document=lambda p: {
        "numberOfPreviousPregnancies": p.previous_pregnancies,
        "numberOfPreviousLiveBirths": p.live_births,
        "spontaneousMiscarriages": p.spontaneous_miscarriages,
        "stillBirths22weeks": p.stillbirths,
        "numberOfEctopicPregnancies": p.ectopic_pregnancies,
        "numberOfCaesareanSections": p.caesarean_sections,
        "yearOfLastBirth": p.last_birth_year,
        "previousPreeclampsia": p.preeclampsia,
        "previousGestationalDiabetes": p.gestational_diabetes,
        "previousChildOver4500gOrShoulderDystocia": p.large_baby_or_shoulder_dystocia,
        "note": text(p.note),
    },
    schema={
        **dict.fromkeys(
            [
                "numberOfPreviousPregnancies",
                "numberOfPreviousLiveBirths",
                "spontaneousMiscarriages",
                "stillBirths22weeks",
                "numberOfEctopicPregnancies",
                "numberOfCaesareanSections",
                "yearOfLastBirth",
            ],
            "int?",
        ),
        **dict.fromkeys(
            [
                "previousPreeclampsia",
                "previousGestationalDiabetes",
                "previousChildOver4500gOrShoulderDystocia",
            ],
            "bool?",
        ),
        "note": "str?",
    },
    example={
        "numberOfPreviousPregnancies": 1,
        "numberOfPreviousLiveBirths": 1,
        "spontaneousMiscarriages": 0,
    },
    accessed=_("your previous pregnancies"),
)

# --- geneticDisorders ----------------------------------------------------------------------------

_heredity = partial(field_of, Heredity)


class GeneticDisordersBody(Body):
    model = Heredity
    noneKnown = _heredity("none_known")
    parentsAreRelatives = _heredity("parents_related")
    hipDysplasia = _heredity("hip_dysplasia")
    other = _heredity("other")
    diabetesInFirstDegreeRelative = _heredity("diabetes_in_first_degree_relative")
    preeclampsiaInMotherOrSister = _heredity("preeclampsia_in_mother_or_sister")
    note = _heredity("note")


GENETIC_DISORDERS = Part(
    name="geneticDisorders",
    model=Heredity,
    component="GeneticDisorders",
    body=GeneticDisordersBody,
    document=lambda h: {
        "noneKnown": h.none_known,
        "parentsAreRelatives": h.parents_related,
        "hipDysplasia": h.hip_dysplasia,
        "other": h.other,
        "diabetesInFirstDegreeRelative": h.diabetes_in_first_degree_relative,
        "preeclampsiaInMotherOrSister": h.preeclampsia_in_mother_or_sister,
        "note": text(h.note),
    },
    schema={
        **dict.fromkeys(
            [
                "noneKnown",
                "parentsAreRelatives",
                "hipDysplasia",
                "other",
                "diabetesInFirstDegreeRelative",
                "preeclampsiaInMotherOrSister",
            ],
            "bool?",
        ),
        "note": "str?",
    },
    example={"noneKnown": True},
    accessed=_("hereditary conditions in your family"),
)

# --- medicalConditions ---------------------------------------------------------------------------


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


MedicalConditionsBody = type(
    "MedicalConditionsBody",
    (Body,),
    {
        "__doc__": "Each condition of the card as yes / no / not recorded, and a note.",
        "__module__": __name__,
        "model": MedicalConditions,
        **{_camel(c): field_of(MedicalConditions, c) for c in MedicalConditions.CONDITIONS},
        "note": field_of(MedicalConditions, "note"),
    },
)

MEDICAL_CONDITIONS = Part(
    name="medicalConditions",
    model=MedicalConditions,
    component="MedicalConditions",
    body=MedicalConditionsBody,
    document=lambda m: {
        **{_camel(c): getattr(m, c) for c in MedicalConditions.CONDITIONS},
        "note": text(m.note),
    },
    schema={**{_camel(c): "bool?" for c in MedicalConditions.CONDITIONS}, "note": "str?"},
    example={"nothingParticular": True},
    accessed=_("your illnesses"),
)

# --- medication ----------------------------------------------------------------------------------

_medication = partial(field_of, Medication)


class FolateGroup(Group):
    takenBefore = _medication("folate_before")
    takenDuring = _medication("folate_during")


class MedicationBody(Body):
    model = Medication
    medicationFrequency = _medication("frequency")
    drugAllergy = _medication("drug_allergy")
    folate = FolateGroup()
    note = _medication("note")


MEDICATION = Part(
    name="medication",
    model=Medication,
    component="Medication",
    body=MedicationBody,
    document=lambda m: {
        "medicationFrequency": text(m.frequency),
        "drugAllergy": m.drug_allergy,
        "folate": {"takenBefore": m.folate_before, "takenDuring": m.folate_during},
        "note": text(m.note),
    },
    schema={
        "medicationFrequency": "str?",
        "drugAllergy": "bool?",
        "folate": {"takenBefore": "bool?", "takenDuring": "bool?"},
        "note": "str?",
    },
    example={
        "medicationFrequency": "none",
        "drugAllergy": False,
        "folate": {"takenBefore": True, "takenDuring": True},
    },
    accessed=_("your medication"),
)

# --- vitalMeasurementsBeforePregnancy ------------------------------------------------------------


class BeforePregnancyBody(Body):
    model = BeforePregnancy
    height = field_of(BeforePregnancy, "height_cm")
    prePregnancyWeight = field_of(BeforePregnancy, "weight_kg")
    bMI = serializers.FloatField(read_only=True, help_text="Computed from height and weight.")


BEFORE_PREGNANCY = Part(
    name="vitalMeasurementsBeforePregnancy",
    model=BeforePregnancy,
    component="VitalMeasurementsBeforePregnancy",
    body=BeforePregnancyBody,
    document=lambda b: {
        "height": num(b.height_cm),
        "prePregnancyWeight": num(b.weight_kg),
        "bMI": b.bmi,
    },
    schema={"height": "num?", "prePregnancyWeight": "num?", "bMI": "num?"},
    example={"height": 167, "prePregnancyWeight": 62.5},
    accessed=_("your height and weight before the pregnancy"),
)

# --- pointsOfContact -----------------------------------------------------------------------------

_contact = partial(field_of, CareTeamMember)


class PointOfContactBody(Body):
    model = CareTeamMember
    role = _contact("role")
    name = _contact("name")
    organisationName = _contact("organisation")
    organisationNumber = _contact("organisation_nr")
    hprNumber = _contact("hpr_nr")
    phone = _contact("phone")


POINTS_OF_CONTACT = Part(
    name="pointsOfContact",
    model=CareTeamMember,
    component="PointOfContact",
    body=PointOfContactBody,
    document=lambda m: {
        "role": m.role,
        "name": m.name,
        "organisationName": text(m.organisation),
        "organisationNumber": text(m.organisation_nr),
        "hprNumber": text(m.hpr_nr),
        "phone": text(m.phone),
    },
    schema={
        "role": "str",
        "name": "str",
        "organisationName": "str?",
        "organisationNumber": "str?",
        "hprNumber": "str?",
        "phone": "str?",
    },
    choices={"role": CareTeamMember.Role.values},
    example={
        "role": "midwife",
        "name": "Kari Jordmor",
        "organisationName": "Oslo kommune helsestasjon",
        "organisationNumber": "974778742",
    },
    accessed=_("your care team"),
)

# --- lifestyleFactors ----------------------------------------------------------------------------

_lifestyle = partial(field_of, LifestyleFactor)


class FirstConsultationUse(Group):
    stimuliFrequency = _lifestyle("frequency_first")
    dailyCount = _lifestyle("daily_count_first")


class Week36Use(Group):
    stimuliFrequency = _lifestyle("frequency_week36")
    dailyCount = _lifestyle("daily_count_week36")


class LifestyleFactorBody(Body):
    model = LifestyleFactor
    stimuliType = _lifestyle("stimulant")
    stimuliFrequencyFirstConsultation = FirstConsultationUse()
    stimuliFrequencyAtWeek36 = Week36Use()
    note = _lifestyle("note")


LIFESTYLE_FACTORS = Part(
    name="lifestyleFactors",
    model=LifestyleFactor,
    component="LifestyleFactor",
    body=LifestyleFactorBody,
    document=lambda f: {
        "stimuliType": f.stimulant,
        "stimuliFrequencyFirstConsultation": {
            "stimuliFrequency": text(f.frequency_first),
            "dailyCount": f.daily_count_first,
        },
        "stimuliFrequencyAtWeek36": {
            "stimuliFrequency": text(f.frequency_week36),
            "dailyCount": f.daily_count_week36,
        },
        "note": text(f.note),
    },
    schema={
        "stimuliType": "str",
        "stimuliFrequencyFirstConsultation": "StimuliFrequency",
        "stimuliFrequencyAtWeek36": "StimuliFrequency",
        "note": "str?",
    },
    choices={"stimuliType": LifestyleFactor.Stimulant.values},
    example={
        "stimuliType": "alcohol",
        "stimuliFrequencyFirstConsultation": {"stimuliFrequency": "never"},
    },
    accessed=_("your lifestyle information"),
)
