"""Input and output shapes of the clinician API (API.md). Input serializers are strict:
unknown fields are rejected, every value is checked against physiological bounds and code
lists, and to_model() maps the API's names onto the card's fields."""

import datetime

from django.utils import timezone
from rest_framework import serializers

from ..models import Consultation, FetalObservation, LabResult


class StrictSerializer(serializers.Serializer):
    """Rejects fields it does not know instead of silently dropping them."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


def not_in_future(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise serializers.ValidationError("The date is after today.")


class CodedValueSerializer(StrictSerializer):
    code = serializers.CharField(max_length=20)
    display = serializers.CharField(max_length=200, required=False)
    codeSystem = serializers.CharField(max_length=100, required=False)


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
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class GestationalAgeFields(StrictSerializer):
    pregnancyWeek = serializers.IntegerField(min_value=0, max_value=45)
    daysAfterFullPregnancyWeek = serializers.IntegerField(min_value=0, max_value=6, default=0)


class ConsultationInputSerializer(GestationalAgeFields):
    """An antenatal appointment: one row of the card's consultation table."""

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
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    fetusesVitalSigns = FetalVitalSignsSerializer(many=True, required=False, max_length=6)

    def validate_proteinInUrineTestResult(self, value):
        if value and value["code"] not in Consultation.UrineProtein.values:
            codes = ", ".join(Consultation.UrineProtein.values)
            raise serializers.ValidationError(f"Unknown code; Volven 8340 codes are {codes}.")
        return value

    def validate_fetusesVitalSigns(self, value):
        ids = [row["fosterId"] for row in value]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Each fosterId may appear once.")
        return value

    def to_model(self) -> tuple[dict, list[dict]]:
        data = self.validated_data
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
    measurementDate = serializers.DateField(validators=[not_in_future])
    measurement = serializers.DecimalField(
        max_digits=3, decimal_places=1, min_value=5, max_value=60
    )

    def to_model(self) -> tuple[dict, list]:
        data = self.validated_data
        return {
            "measured_on": data["measurementDate"],
            "weeks": data["pregnancyWeek"],
            "days": data["daysAfterFullPregnancyWeek"],
            "centimetres": data["measurement"],
        }, []


class LabResultInputSerializer(StrictSerializer):
    test = CodedValueSerializer()
    value = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    unit = serializers.CharField(max_length=20, required=False, allow_blank=True)
    result = CodedValueSerializer(required=False, allow_null=True)
    resultText = serializers.CharField(max_length=100, required=False, allow_blank=True)
    date = serializers.DateField(validators=[not_in_future])
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True)

    def validate_result(self, value):
        if value and value["code"] not in LabResult.Qualitative.values:
            raise serializers.ValidationError(
                "Unknown code; use T008 (negative) or T002 (positive)."
            )
        return value

    def validate(self, data):
        if data.get("value") is None and not data.get("result") and not data.get("resultText"):
            raise serializers.ValidationError("Give a value, a result code or a result text.")
        if data.get("value") is not None and not data.get("unit"):
            raise serializers.ValidationError({"unit": ["A value needs its unit."]})
        if not data["test"].get("display"):
            raise serializers.ValidationError({"test": ["Give the test's display name."]})
        return data

    def to_model(self) -> tuple[dict, list]:
        data = self.validated_data
        test = data["test"]
        return {
            "code": test["code"],
            "display": test["display"],
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
    metadata = serializers.DictField(required=False)
    dateLastPeriod = serializers.DateField(
        required=False, allow_null=True, validators=[not_in_future]
    )
    dueDateBasedOnUltrasound = serializers.DateField(required=False, allow_null=True)
    dueDateCorrectedDate = serializers.DateField(required=False, allow_null=True)
    dueDateCorrectionReason = serializers.CharField(
        max_length=200, required=False, allow_blank=True
    )
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
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True)

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

    def to_model(self) -> dict:
        data = self.validated_data
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


class ProblemSerializer(serializers.Serializer):
    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.ListField(child=serializers.DictField(), required=False)
