"""What she records herself (healthcard.models.hers): in the record for the clinicians who
follow her up to read, never written by a record system (no body: the API has no route to
write them)."""

from django.utils.translation import gettext_lazy as _

from ..models import DailyNote, HomeMeasurement, QuestionnaireResponse
from . import Part
from .fields import iso, num, text


def _home_measurement_document(m: HomeMeasurement) -> dict:
    return {
        "dateTime": iso(m.measured_at),
        "bloodPressure": {"systolic": m.systolic, "diastolic": m.diastolic} if m.systolic else None,
        "pulse": m.pulse,
        "weightKg": num(m.weight_kg),
        "bloodGlucose": {"mmolPerL": num(m.glucose_mmol), "timing": m.glucose_timing}
        if m.glucose_mmol is not None
        else None,
    }


HOME_MEASUREMENTS = Part(
    name="homeMeasurements",
    model=HomeMeasurement,
    component="HomeMeasurement",
    document=_home_measurement_document,
    schema={
        "dateTime": "datetime",
        "bloodPressure": "BloodPressure?",
        "pulse": "int?",
        "weightKg": "num?",
        "bloodGlucose": "HomeBloodGlucose?",
    },
    accessed=_("your home measurements"),
    one=_("a home measurement"),
)


def _daily_note_document(n: DailyNote) -> dict:
    return {
        "date": iso(n.date),
        "fetalMovements": text(n.movements),
        "symptoms": list(n.symptoms),
        "text": text(n.text),
    }


DAILY_NOTES = Part(
    name="dailyNotes",
    model=DailyNote,
    component="DailyNote",
    document=_daily_note_document,
    schema={"date": "date", "fetalMovements": "str?", "symptoms": ["str"], "text": "str?"},
    choices={"fetalMovements": DailyNote.Movements.values},
    accessed=_("your notes of the baby's movements and how you feel"),
    one=_("a note of the baby's movements and how you feel"),
)


QUESTIONNAIRE_RESPONSES = Part(
    name="questionnaireResponses",
    model=QuestionnaireResponse,
    component="QuestionnaireResponse",
    document=lambda r: {
        "questionnaire": r.questionnaire,
        "version": r.questionnaire_version,
        "date": iso(r.date),
        "language": r.language,
        "score": r.score,
        "answers": r.answers,
    },
    schema={
        "questionnaire": "str",
        "version": "str",
        "date": "date",
        "language": "str",
        "score": "int?",
        "answers": ["QuestionnaireAnswer"],
    },
    accessed=_("your answers to questionnaires"),
    one=_("your answers to a questionnaire"),
)
