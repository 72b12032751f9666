"""This pregnancy: its dating, the RhD-negative pathway, ultrasound examinations and tests."""

from functools import partial

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import VOLVEN, CurrentPregnancy, LabResult, RhesusNegative, Ultrasound
from . import Part
from .fields import Body, Coded, Group, coded, field_of, iso, num, text

# --- currentPregnancy ----------------------------------------------------------------------------

_current = partial(field_of, CurrentPregnancy)


class CurrentPregnancyBody(Body):
    model = CurrentPregnancy
    dateLastPeriod = _current("last_period")
    dueDateBasedOnUltrasound = _current("due_date_ultrasound")
    dueDate = serializers.DateField(read_only=True, help_text="Computed: last period + 283 days.")
    dueDateCorrectedDate = _current("due_date_corrected")
    dueDateCorrectionReason = _current("correction_reason")
    numberOfFetuses = _current("number_of_fetuses")
    assistedConception = _current("assisted_conception")
    assistedConceptionDate = _current("assisted_conception_date")
    hasPrenatalDiagnosticsTests = _current("prenatal_diagnostics_informed")
    birthPreparationTalk = _current("birth_preparation_talk")
    breastfeedingGuidance = _current("breastfeeding_guidance")
    note = _current("note")

    def validate(self, data):
        last_period, due = data.get("last_period"), data.get("due_date_ultrasound")
        if last_period and due and not 200 <= (due - last_period).days <= 320:
            raise serializers.ValidationError(
                {
                    "dueDateBasedOnUltrasound": [
                        _("The due date must be 200–320 days after the last period.")
                    ]
                }
            )
        return data


CURRENT_PREGNANCY = Part(
    name="currentPregnancy",
    model=CurrentPregnancy,
    component="CurrentPregnancy",
    body=CurrentPregnancyBody,
    document=lambda c: {
        "dateLastPeriod": iso(c.last_period),
        "dueDate": iso(c.due_date_lmp),
        "dueDateBasedOnUltrasound": iso(c.due_date_ultrasound),
        "dueDateCorrectedDate": iso(c.due_date_corrected),
        "dueDateCorrectionReason": text(c.correction_reason),
        "numberOfFetuses": c.number_of_fetuses,
        "assistedConception": c.assisted_conception,
        "assistedConceptionDate": iso(c.assisted_conception_date),
        "hasPrenatalDiagnosticsTests": c.prenatal_diagnostics_informed,
        "birthPreparationTalk": c.birth_preparation_talk,
        "breastfeedingGuidance": c.breastfeeding_guidance,
        "note": text(c.note),
    },
    schema={
        "dateLastPeriod": "date?",
        "dueDate": "date?",
        "dueDateBasedOnUltrasound": "date?",
        "dueDateCorrectedDate": "date?",
        "dueDateCorrectionReason": "str?",
        "numberOfFetuses": "int?",
        "assistedConception": "bool?",
        "assistedConceptionDate": "date?",
        "hasPrenatalDiagnosticsTests": "bool?",
        "birthPreparationTalk": "bool?",
        "breastfeedingGuidance": "bool?",
        "note": "str?",
    },
    example={
        "dateLastPeriod": "2026-03-02",
        "numberOfFetuses": 1,
        "hasPrenatalDiagnosticsTests": True,
    },
    accessed=_("the details of this pregnancy"),
)

# --- rhesusDNegative -----------------------------------------------------------------------------

_rhesus = partial(field_of, RhesusNegative)


class RhesusNegativeBody(Body):
    model = RhesusNegative
    consentToFetalRhDTest = _rhesus("consent_fetal_test")
    fetusRhDPositive = _rhesus("fetus_rhd_positive")
    fetalRhDTestDate = _rhesus("fetal_test_date")
    antiDProphylaxisGiven = _rhesus("anti_d_given")
    antiDProphylaxisDate = _rhesus("anti_d_date")
    note = _rhesus("note")


RHESUS_NEGATIVE = Part(
    name="rhesusDNegative",
    model=RhesusNegative,
    component="RhesusDNegative",
    body=RhesusNegativeBody,
    document=lambda r: {
        "consentToFetalRhDTest": r.consent_fetal_test,
        "fetusRhDPositive": r.fetus_rhd_positive,
        "fetalRhDTestDate": iso(r.fetal_test_date),
        "antiDProphylaxisGiven": r.anti_d_given,
        "antiDProphylaxisDate": iso(r.anti_d_date),
        "note": text(r.note),
    },
    schema={
        "consentToFetalRhDTest": "bool?",
        "fetusRhDPositive": "bool?",
        "fetalRhDTestDate": "date?",
        "antiDProphylaxisGiven": "bool?",
        "antiDProphylaxisDate": "date?",
        "note": "str?",
    },
    example={"consentToFetalRhDTest": True},
    accessed=_("your RhD details"),
)

# --- ultrasounds ---------------------------------------------------------------------------------

_ultrasound = partial(field_of, Ultrasound)


class UltrasoundBody(Body):
    model = Ultrasound
    kind = _ultrasound("kind")
    date = _ultrasound("examined_on")
    pregnancyWeek = _ultrasound("weeks")
    daysAfterFullPregnancyWeek = _ultrasound("days")
    dueDate = _ultrasound("due_date")
    numberOfFetuses = _ultrasound("number_of_fetuses")
    placenta = _ultrasound("placenta")
    remarks = _ultrasound("remarks")


ULTRASOUNDS = Part(
    name="ultrasounds",
    model=Ultrasound,
    component="Ultrasound",
    body=UltrasoundBody,
    document=lambda u: {
        "kind": u.kind,
        "date": iso(u.examined_on),
        "pregnancyWeek": u.weeks,
        "daysAfterFullPregnancyWeek": u.days,
        "dueDate": iso(u.due_date),
        "numberOfFetuses": u.number_of_fetuses,
        "placenta": text(u.placenta),
        "remarks": text(u.remarks),
    },
    schema={
        "kind": "str",
        "date": "date",
        "pregnancyWeek": "int?",
        "daysAfterFullPregnancyWeek": "int?",
        "dueDate": "date?",
        "numberOfFetuses": "int?",
        "placenta": "str?",
        "remarks": "str?",
    },
    choices={"kind": Ultrasound.Kind.values},
    example={
        "kind": "routine",
        "date": "2026-07-09",
        "pregnancyWeek": 18,
        "daysAfterFullPregnancyWeek": 3,
        "dueDate": "2026-12-04",
        "numberOfFetuses": 1,
    },
    accessed=_("your ultrasound examinations"),
    one=_("an ultrasound examination"),
)

# --- clinicalTests -------------------------------------------------------------------------------

_lab = partial(field_of, LabResult)


class TestGroup(Group):
    """The test as an NLK code (or another code system), with its name."""

    code = _lab("code")
    display = _lab("display", required=False)
    codeSystem = _lab("code_system")


class LabResultBody(Body):
    model = LabResult
    test = TestGroup(required=True)
    value = _lab("value")
    unit = _lab("unit")
    result = Coded(
        LabResult.Qualitative,
        "8340",
        "Unknown code; use T008 (negative) or T002 (positive).",
        source="qualitative",
    )
    resultText = _lab("value_text")
    date = _lab("taken_on")
    note = _lab("note")

    def validate(self, data):
        if data.get("value") is None and not data.get("qualitative") and not data.get("value_text"):
            raise serializers.ValidationError(
                {
                    "value": [
                        _("Give a value, a result code (result) or a result text (resultText).")
                    ]
                }
            )
        if data.get("value") is not None and not data.get("unit"):
            raise serializers.ValidationError({"unit": [_("A value needs its unit.")]})
        return data


CLINICAL_TESTS = Part(
    name="clinicalTests",
    model=LabResult,
    component="ClinicalTest",
    body=LabResultBody,
    document=lambda r: {
        "test": coded(r.code, r.display, r.code_system),
        "value": num(r.value),
        "unit": text(r.unit),
        "result": coded(r.qualitative, r.get_qualitative_display(), f"{VOLVEN}.8340"),
        "resultText": text(r.value_text),
        "date": iso(r.taken_on),
        "note": text(r.note),
    },
    schema={
        "test": "CodedValue",
        "value": "num?",
        "unit": "str?",
        "result": "CodedValue?",
        "resultText": "str?",
        "date": "date",
        "note": "str?",
    },
    example={
        "test": {"code": "NOR05172", "display": "Hemoglobin"},
        "value": 11.8,
        "unit": "g/dL",
        "date": "2026-09-14",
    },
    accessed=_("your test results"),
    one=_("a test result"),
)
