"""Input and output shapes of the clinician API (API.md). Input serializers are strict:
unknown fields are rejected, every value is checked against physiological bounds and code
lists, and to_model(validated data) maps the API's names onto the card's fields."""

import datetime

from django.core.validators import RegexValidator
from django.utils import timezone, translation
from rest_framework import serializers

from ..models import (
    VOLVEN,
    BirthOutcome,
    CareTeamMember,
    ClinicalNote,
    Consultation,
    FetalObservation,
    LabResult,
    LifestyleFactor,
    MedicalConditions,
    Medication,
    Ultrasound,
)


class StrictSerializer(serializers.Serializer):
    """Rejects fields it does not know, and read-only ones (computed by the server), instead
    of silently dropping them; every bad field is named at once, these with the others."""

    def to_internal_value(self, data):
        refused = {}
        if isinstance(data, dict):
            for name in data:
                if name not in self.fields:
                    refused[name] = ["Unknown field."]
                elif self.fields[name].read_only:
                    refused[name] = ["Read-only: the server sets this; leave it out."]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as invalid:
            if not refused or not isinstance(invalid.detail, dict):
                raise
            raise serializers.ValidationError({**invalid.detail, **refused}) from None
        if refused:
            raise serializers.ValidationError(refused)
        return value

    @classmethod
    def api_name(cls, model_field: str) -> str:
        """The API's name for a model field named in a plausibility error."""
        names = getattr(cls, "API_NAMES", {}) or {
            model: api for api, model in getattr(cls, "FIELDS", {}).items()
        }
        if model_field.startswith("fetuses["):  # a consultation's fetal rows
            return model_field.replace("fetuses[", "fetusesVitalSigns[").replace(
                ".fetus", ".fosterId"
            )
        return names.get(model_field, model_field)


class OptionalText(serializers.CharField):
    """Optional text: null (as the record shows an empty text) or blank is stored as ""."""

    def __init__(self, pattern: str | None = None, **kwargs):
        super().__init__(required=False, allow_blank=True, allow_null=True, **kwargs)
        if pattern:
            self.validators.append(RegexValidator(pattern, "The value has the wrong format."))

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)


def _coded_as_volven(value: dict, choice) -> dict:
    """A Volven 8340 code whose display or code system, when sent, says the same as the code
    (the record shows the code's own display, so a contradicting one is refused)."""
    with translation.override("en"):
        english = str(choice.label)
    with translation.override("nb"):
        norwegian = str(choice.label)
    display = value.get("display")
    if display and display.casefold() not in {english.casefold(), norwegian.casefold()}:
        raise serializers.ValidationError(
            {"display": [f"{choice.value} is {english!r}, not {display!r}."]}
        )
    system = value.get("codeSystem")
    if system and system != f"{VOLVEN}.8340":
        raise serializers.ValidationError({"codeSystem": [f"{choice.value} is in {VOLVEN}.8340."]})
    return value


def not_in_future(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise serializers.ValidationError("The date is after today.")


class CodedValueSerializer(StrictSerializer):
    code = serializers.CharField(max_length=20)
    display = serializers.CharField(max_length=200, required=False)
    codeSystem = serializers.CharField(max_length=100, required=False)


class LanguageSerializer(CodedValueSerializer):
    """Volven 3303: ISO 639 codes of two or three letters."""

    code = serializers.RegexField(r"^[A-Za-z]{2,3}$", max_length=3)


class BloodPressureSerializer(StrictSerializer):
    systolic = serializers.IntegerField(min_value=50, max_value=260)
    diastolic = serializers.IntegerField(min_value=20, max_value=180)

    def validate(self, data):
        if data["systolic"] <= data["diastolic"]:
            raise serializers.ValidationError(
                {"systolic": ["Systolic must be higher than diastolic."]}
            )
        return data


class FetalVitalSignsSerializer(StrictSerializer):
    fosterId = serializers.IntegerField(min_value=1, max_value=6)
    fetalHeartRate = serializers.IntegerField(
        min_value=50, max_value=240, required=False, allow_null=True
    )
    fetalPresentationLie = serializers.ChoiceField(
        choices=FetalObservation.Presentation.values, required=False, allow_null=True
    )
    motherFeelsBabyMovements = serializers.BooleanField(required=False, allow_null=True)
    note = OptionalText(max_length=500)


class EntryInputSerializer(StrictSerializer):
    """A list entry. A client may send back the metadata it read; only its version is used
    (for a correction), the rest is the server's."""

    metadata = serializers.DictField(required=False)


class GestationalAgeFields(EntryInputSerializer):
    pregnancyWeek = serializers.IntegerField(min_value=0, max_value=45)
    daysAfterFullPregnancyWeek = serializers.IntegerField(min_value=0, max_value=6, default=0)


class ConsultationInputSerializer(GestationalAgeFields):
    """An antenatal appointment: one row of the card's consultation table."""

    API_NAMES = {"date": "date", "weeks": "pregnancyWeek", "days": "daysAfterFullPregnancyWeek"}

    date = serializers.DateField(validators=[not_in_future])
    motherWeight = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=30, max_value=250, required=False, allow_null=True
    )
    bloodPressure = BloodPressureSerializer(required=False, allow_null=True)
    proteinInUrineTestResult = CodedValueSerializer(required=False, allow_null=True)
    edema = serializers.IntegerField(min_value=0, max_value=3, required=False, allow_null=True)
    hemoglobin = serializers.DecimalField(
        max_digits=3, decimal_places=1, min_value=4, max_value=20, required=False, allow_null=True
    )
    medication = serializers.BooleanField(required=False, allow_null=True)
    employmentRate = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    note = OptionalText(max_length=4000)
    fetusesVitalSigns = FetalVitalSignsSerializer(many=True, required=False, max_length=6)

    def validate_proteinInUrineTestResult(self, value):
        if not value:
            return value
        if value["code"] not in Consultation.UrineProtein.values:
            codes = ", ".join(Consultation.UrineProtein.values)
            raise serializers.ValidationError(f"Unknown code; Volven 8340 codes are {codes}.")
        return _coded_as_volven(value, Consultation.UrineProtein(value["code"]))

    def validate_fetusesVitalSigns(self, value):
        ids = [row["fosterId"] for row in value]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Each fosterId may appear once.")
        return value

    def to_model(self, data) -> tuple[dict, list[dict]]:
        pressure = data.get("bloodPressure") or {}
        protein = data.get("proteinInUrineTestResult") or {}
        values = {
            "date": data["date"],
            "weeks": data["pregnancyWeek"],
            "days": data["daysAfterFullPregnancyWeek"],
            "weight_kg": data.get("motherWeight"),
            "systolic": pressure.get("systolic"),
            "diastolic": pressure.get("diastolic"),
            "urine_protein": protein.get("code", ""),
            "oedema": data.get("edema"),
            "hemoglobin": data.get("hemoglobin"),
            "medication_in_use": data.get("medication"),
            "employment_rate": data.get("employmentRate"),
            "note": data.get("note", ""),
        }
        fetuses = [
            {
                "fetus": row["fosterId"],
                "heart_rate": row.get("fetalHeartRate"),
                "presentation": row.get("fetalPresentationLie") or "",
                "movements_felt": row.get("motherFeelsBabyMovements"),
                "note": row.get("note", ""),
            }
            for row in data.get("fetusesVitalSigns", [])
        ]
        return values, fetuses


class FundalHeightInputSerializer(GestationalAgeFields):
    API_NAMES = {
        "measured_on": "measurementDate",
        "weeks": "pregnancyWeek",
        "centimetres": "measurement",
    }
    measurementDate = serializers.DateField(validators=[not_in_future])
    measurement = serializers.DecimalField(
        max_digits=3, decimal_places=1, min_value=5, max_value=60
    )

    def to_model(self, data) -> tuple[dict, list]:
        return {
            "measured_on": data["measurementDate"],
            "weeks": data["pregnancyWeek"],
            "days": data["daysAfterFullPregnancyWeek"],
            "centimetres": data["measurement"],
        }, []


class LabResultInputSerializer(EntryInputSerializer):
    API_NAMES = {
        "code": "test.code",
        "display": "test.display",
        "code_system": "test.codeSystem",
        "taken_on": "date",
        "value": "value",
        "unit": "unit",
        "qualitative": "result.code",
    }
    test = CodedValueSerializer()
    value = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    unit = OptionalText(max_length=20)
    result = CodedValueSerializer(required=False, allow_null=True)
    resultText = OptionalText(max_length=100)
    date = serializers.DateField(validators=[not_in_future])
    note = OptionalText(max_length=4000)

    def validate_result(self, value):
        if not value:
            return value
        if value["code"] not in LabResult.Qualitative.values:
            raise serializers.ValidationError(
                "Unknown code; use T008 (negative) or T002 (positive)."
            )
        return _coded_as_volven(value, LabResult.Qualitative(value["code"]))

    def validate(self, data):
        if data.get("value") is None and not data.get("result") and not data.get("resultText"):
            raise serializers.ValidationError(
                {"value": ["Give a value, a result code (result) or a result text (resultText)."]}
            )
        if data.get("value") is not None and not data.get("unit"):
            raise serializers.ValidationError({"unit": ["A value needs its unit."]})
        return data

    def to_model(self, data) -> tuple[dict, list]:
        test = data["test"]
        return {
            "code": test["code"],
            "display": test.get("display", ""),  # the code's own is stored (validation)
            "code_system": test.get("codeSystem")
            or LabResult._meta.get_field("code_system").default,
            "value": data.get("value"),
            "unit": data.get("unit", ""),
            "qualitative": (data.get("result") or {}).get("code", ""),
            "value_text": data.get("resultText", ""),
            "taken_on": data["date"],
            "note": data.get("note", ""),
        }, []


class CurrentPregnancyInputSerializer(StrictSerializer):
    API_NAMES = {
        "last_period": "dateLastPeriod",
        "due_date_corrected": "dueDateCorrectedDate",
        "correction_reason": "dueDateCorrectionReason",
        "due_date_ultrasound": "dueDateBasedOnUltrasound",
        "assisted_conception_date": "assistedConceptionDate",
    }
    metadata = serializers.DictField(required=False)
    dateLastPeriod = serializers.DateField(
        required=False, allow_null=True, validators=[not_in_future]
    )
    dueDateBasedOnUltrasound = serializers.DateField(required=False, allow_null=True)
    dueDate = serializers.DateField(read_only=True, help_text="Computed: last period + 283 days.")
    dueDateCorrectedDate = serializers.DateField(required=False, allow_null=True)
    dueDateCorrectionReason = OptionalText(max_length=200)
    numberOfFetuses = serializers.IntegerField(
        min_value=1, max_value=6, required=False, allow_null=True
    )
    assistedConception = serializers.BooleanField(required=False, allow_null=True)
    assistedConceptionDate = serializers.DateField(
        required=False, allow_null=True, validators=[not_in_future]
    )
    hasPrenatalDiagnosticsTests = serializers.BooleanField(required=False, allow_null=True)
    birthPreparationTalk = serializers.BooleanField(required=False, allow_null=True)
    breastfeedingGuidance = serializers.BooleanField(required=False, allow_null=True)
    note = OptionalText(max_length=4000)

    def validate(self, data):
        last_period, due = data.get("dateLastPeriod"), data.get("dueDateBasedOnUltrasound")
        if last_period and due and not 200 <= (due - last_period).days <= 320:
            raise serializers.ValidationError(
                {
                    "dueDateBasedOnUltrasound": [
                        "The due date must be 200–320 days after the last period."
                    ]
                }
            )
        return data

    def to_model(self, data) -> dict:
        return {
            "last_period": data.get("dateLastPeriod"),
            "due_date_ultrasound": data.get("dueDateBasedOnUltrasound"),
            "due_date_corrected": data.get("dueDateCorrectedDate"),
            "correction_reason": data.get("dueDateCorrectionReason", ""),
            "number_of_fetuses": data.get("numberOfFetuses"),
            "assisted_conception": data.get("assistedConception"),
            "assisted_conception_date": data.get("assistedConceptionDate"),
            "prenatal_diagnostics_informed": data.get("hasPrenatalDiagnosticsTests"),
            "birth_preparation_talk": data.get("birthPreparationTalk"),
            "breastfeeding_guidance": data.get("breastfeedingGuidance"),
            "note": data.get("note", ""),
        }


class StatusSerializer(serializers.Serializer):
    hasGivenConsent = serializers.BooleanField()
    hasActiveMaternityRecord = serializers.BooleanField()
    latestRecordId = serializers.UUIDField(allow_null=True)
    lastChangedDateTime = serializers.DateTimeField(allow_null=True)


class CreateRecordSerializer(StrictSerializer):
    """POST record takes no body beyond an optional empty object."""


class RetractionSerializer(StrictSerializer):
    """Why the entry was entered in error: she sees it on her card beside the struck entry."""

    reason = serializers.CharField(max_length=500)


class ProblemSerializer(serializers.Serializer):
    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.DictField(), required=False)


# --- The other singleton sections ------------------------------------------------------------


def _bool():
    return serializers.BooleanField(required=False, allow_null=True)


def _text(length: int = 200):
    return OptionalText(max_length=length)


def _count():
    return serializers.IntegerField(min_value=0, max_value=30, required=False, allow_null=True)


class SectionInputSerializer(StrictSerializer):
    """A flat section: FIELDS maps each API field to its model field. A PUT replaces the
    section, so a field left out is stored as not recorded."""

    FIELDS: dict[str, str] = {}
    metadata = serializers.DictField(required=False)

    def to_model(self, data) -> dict:
        values = {}
        for api_name, model_name in self.FIELDS.items():
            value = data.get(api_name)
            is_text = isinstance(
                self.fields[api_name], serializers.CharField | serializers.ChoiceField
            )
            values[model_name] = "" if value is None and is_text else value
        return values


class MotherInputSerializer(SectionInputSerializer):
    FIELDS = {
        "address": "address",
        "postNumber": "post_number",
        "postName": "post_name",
        "phone": "phone",
        "maritalStatus": "marital_status",
        "cohabitingCoparent": "cohabiting_coparent",
        "coparentName": "coparent_name",
        "paternityDeclared": "paternity_declared",
        "education": "education",
        "occupationAndIndustry": "occupation",
        "employedLast6Months": "employed_last_6_months",
        "employmentPercentage": "employment_percentage",
        "countryOfBirth": "country_of_birth",
        "needsLanguageInterpreter": "needs_interpreter",
        "note": "note",
    }
    address = _text()
    postNumber = OptionalText(max_length=20, pattern=r"^\d{4}$")
    postName = _text(100)
    phone = OptionalText(max_length=20, pattern=r"^\+?[0-9 ]{8,20}$")
    maritalStatus = _text(100)
    cohabitingCoparent = _bool()
    coparentName = _text()
    paternityDeclared = _bool()
    education = _text()
    occupationAndIndustry = _text()
    employedLast6Months = _bool()
    employmentPercentage = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    countryOfBirth = _text(100)
    # Her name comes from the population register through ID-porten, not from record systems.
    name = serializers.CharField(read_only=True)
    language = LanguageSerializer(required=False, allow_null=True)
    needsLanguageInterpreter = _bool()
    note = _text(4000)

    def to_model(self, data) -> dict:
        language = data.get("language") or {}
        return {
            **super().to_model(data),
            "language_code": language.get("code", ""),
            "language": language.get("display", ""),
        }


class PreviousPregnanciesInputSerializer(SectionInputSerializer):
    # Deliberately no field for induced abortions: the card never records them.
    FIELDS = {
        "numberOfPreviousPregnancies": "previous_pregnancies",
        "numberOfPreviousLiveBirths": "live_births",
        "spontaneousMiscarriages": "spontaneous_miscarriages",
        "stillBirths22weeks": "stillbirths",
        "numberOfEctopicPregnancies": "ectopic_pregnancies",
        "note": "note",
    }
    numberOfPreviousPregnancies = _count()
    numberOfPreviousLiveBirths = _count()
    spontaneousMiscarriages = _count()
    stillBirths22weeks = _count()
    numberOfEctopicPregnancies = _count()
    note = _text(4000)


class GeneticDisordersInputSerializer(SectionInputSerializer):
    FIELDS = {
        "noneKnown": "none_known",
        "parentsAreRelatives": "parents_related",
        "hipDysplasia": "hip_dysplasia",
        "other": "other",
        "note": "note",
    }
    noneKnown = _bool()
    parentsAreRelatives = _bool()
    hipDysplasia = _bool()
    other = _bool()
    note = _text(4000)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


MedicalConditionsInputSerializer = type(
    "MedicalConditionsInputSerializer",
    (SectionInputSerializer,),
    {
        "__doc__": "Each condition of the card as yes / no / not recorded, and a note.",
        "FIELDS": {**{_camel(c): c for c in MedicalConditions.CONDITIONS}, "note": "note"},
        **{_camel(c): _bool() for c in MedicalConditions.CONDITIONS},
        "note": _text(4000),
    },
)


class FolateSerializer(StrictSerializer):
    takenBefore = _bool()
    takenDuring = _bool()


class MedicationInputSerializer(SectionInputSerializer):
    FIELDS = {"medicationFrequency": "frequency", "drugAllergy": "drug_allergy", "note": "note"}
    medicationFrequency = serializers.ChoiceField(
        choices=Medication.Frequency.values, required=False, allow_blank=True, allow_null=True
    )
    drugAllergy = _bool()
    folate = FolateSerializer(required=False, allow_null=True)
    note = _text(4000)

    def to_model(self, data) -> dict:
        folate = data.get("folate") or {}
        return {
            **super().to_model(data),
            "folate_before": folate.get("takenBefore"),
            "folate_during": folate.get("takenDuring"),
        }


class BeforePregnancyInputSerializer(SectionInputSerializer):
    FIELDS = {"height": "height_cm", "prePregnancyWeight": "weight_kg"}
    bMI = serializers.FloatField(read_only=True, help_text="Computed from height and weight.")
    height = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=100,
        max_value=230,
        required=False,
        allow_null=True,
    )
    prePregnancyWeight = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=30, max_value=250, required=False, allow_null=True
    )


class RhesusNegativeInputSerializer(SectionInputSerializer):
    FIELDS = {
        "consentToFetalRhDTest": "consent_fetal_test",
        "fetusRhDPositive": "fetus_rhd_positive",
        "fetalRhDTestDate": "fetal_test_date",
        "antiDProphylaxisGiven": "anti_d_given",
        "antiDProphylaxisDate": "anti_d_date",
        "note": "note",
    }
    consentToFetalRhDTest = _bool()
    fetusRhDPositive = _bool()
    fetalRhDTestDate = serializers.DateField(
        required=False, allow_null=True, validators=[not_in_future]
    )
    antiDProphylaxisGiven = _bool()
    antiDProphylaxisDate = serializers.DateField(
        required=False, allow_null=True, validators=[not_in_future]
    )
    note = _text(4000)


# --- The other list entries ------------------------------------------------------------------


class UltrasoundInputSerializer(EntryInputSerializer):
    API_NAMES = {
        "examined_on": "date",
        "weeks": "pregnancyWeek",
        "due_date": "dueDate",
        "number_of_fetuses": "numberOfFetuses",
    }
    kind = serializers.ChoiceField(choices=Ultrasound.Kind.values)
    date = serializers.DateField(validators=[not_in_future])
    pregnancyWeek = serializers.IntegerField(
        min_value=5, max_value=45, required=False, allow_null=True
    )
    daysAfterFullPregnancyWeek = serializers.IntegerField(
        min_value=0, max_value=6, required=False, allow_null=True
    )
    dueDate = serializers.DateField(required=False, allow_null=True)
    numberOfFetuses = serializers.IntegerField(
        min_value=1, max_value=6, required=False, allow_null=True
    )
    placenta = _text(100)
    remarks = _text(4000)

    def to_model(self, data) -> tuple[dict, list]:
        return {
            "kind": data["kind"],
            "examined_on": data["date"],
            "weeks": data.get("pregnancyWeek"),
            "days": data.get("daysAfterFullPregnancyWeek"),
            "due_date": data.get("dueDate"),
            "number_of_fetuses": data.get("numberOfFetuses"),
            "placenta": data.get("placenta", ""),
            "remarks": data.get("remarks", ""),
        }, []


class PointOfContactInputSerializer(EntryInputSerializer):
    API_NAMES = {"organisation_nr": "organisationNumber"}
    role = serializers.ChoiceField(choices=CareTeamMember.Role.values)
    name = serializers.CharField(max_length=200)
    organisationName = _text()
    organisationNumber = OptionalText(max_length=20, pattern=r"^\d{9}$")
    hprNumber = OptionalText(max_length=20, pattern=r"^\d{7,9}$")
    phone = OptionalText(max_length=20, pattern=r"^\+?[0-9 ]{8,20}$")

    def to_model(self, data) -> tuple[dict, list]:
        return {
            "role": data["role"],
            "name": data["name"],
            "organisation": data.get("organisationName", ""),
            "organisation_nr": data.get("organisationNumber", ""),
            "hpr_nr": data.get("hprNumber", ""),
            "phone": data.get("phone", ""),
        }, []


class StimulantUseSerializer(StrictSerializer):
    stimuliFrequency = serializers.ChoiceField(
        choices=LifestyleFactor.Frequency.values, required=False, allow_null=True
    )
    dailyCount = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )


class LifestyleFactorInputSerializer(EntryInputSerializer):
    API_NAMES = {
        "daily_count_first": "stimuliFrequencyFirstConsultation.dailyCount",
        "daily_count_week36": "stimuliFrequencyAtWeek36.dailyCount",
    }
    stimuliType = serializers.ChoiceField(choices=LifestyleFactor.Stimulant.values)
    stimuliFrequencyFirstConsultation = StimulantUseSerializer(required=False, allow_null=True)
    stimuliFrequencyAtWeek36 = StimulantUseSerializer(required=False, allow_null=True)
    note = _text(4000)

    def to_model(self, data) -> tuple[dict, list]:
        first = data.get("stimuliFrequencyFirstConsultation") or {}
        week36 = data.get("stimuliFrequencyAtWeek36") or {}
        return {
            "stimulant": data["stimuliType"],
            "frequency_first": first.get("stimuliFrequency") or "",
            "daily_count_first": first.get("dailyCount"),
            "frequency_week36": week36.get("stimuliFrequency") or "",
            "daily_count_week36": week36.get("dailyCount"),
            "note": data.get("note", ""),
        }, []


class NoteInputSerializer(EntryInputSerializer):
    kind = serializers.ChoiceField(choices=ClinicalNote.Kind.values, default=ClinicalNote.Kind.NOTE)
    text = serializers.CharField(max_length=8000)

    def to_model(self, data) -> tuple[dict, list]:
        return {"kind": data["kind"], "text": data["text"]}, []


class BirthStatusInputSerializer(EntryInputSerializer):
    API_NAMES = {"fetus": "fosterId", "born_at": "dateTime"}
    fosterId = serializers.IntegerField(min_value=1, max_value=6)
    birthStatus = serializers.ChoiceField(choices=BirthOutcome.Outcome.values)
    dateTime = serializers.DateTimeField()

    def validate_dateTime(self, value):
        if value > timezone.now():
            raise serializers.ValidationError("The time is in the future.")
        return value

    def to_model(self, data) -> tuple[dict, list]:
        return {
            "fetus": data["fosterId"],
            "outcome": data["birthStatus"],
            "born_at": data["dateTime"],
        }, []


class BatchOperationSerializer(StrictSerializer):
    method = serializers.ChoiceField(choices=["POST", "PUT"])
    path = serializers.CharField(max_length=50, help_text="A list (POST) or a section (PUT).")
    body = serializers.DictField()
    ifMatch = OptionalText(max_length=20, help_text="The section's version (PUT only).")

    def validate(self, data):
        if data["method"] == "POST" and data.get("ifMatch"):
            raise serializers.ValidationError(
                {"ifMatch": ["A POST adds a new entry: it has no version to match."]}
            )
        return data


class BatchSerializer(StrictSerializer):
    operations = BatchOperationSerializer(many=True, allow_empty=False, max_length=200)


class BatchResultSerializer(serializers.Serializer):
    results = serializers.ListField(child=serializers.DictField())
