"""The consultations (the card's table of visits), symphysis-fundus heights and notes."""

from functools import partial

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import (
    VOLVEN,
    BookedAppointment,
    ClinicalNote,
    Consultation,
    FetalObservation,
    FundalHeight,
)
from . import Part
from .fields import Body, Coded, Group, coded, field_of, iso, num, text

# --- antenatalAppointments -----------------------------------------------------------------------

_visit = partial(field_of, Consultation)
_fetus = partial(field_of, FetalObservation)


class BloodPressureGroup(Group):
    systolic = _visit("systolic", required=True)
    diastolic = _visit("diastolic", required=True)

    def validate(self, data):
        if data["systolic"] <= data["diastolic"]:
            raise serializers.ValidationError(
                {"systolic": [_("Systolic must be higher than diastolic.")]}
            )
        return data


class FetalVitalSignsBody(Body):
    model = FetalObservation
    metadata = None  # a row of its consultation, without metadata of its own
    fosterId = _fetus("fetus", required=True)
    fetalHeartRate = _fetus("heart_rate")
    fetalPresentationLie = _fetus("presentation")
    motherFeelsBabyMovements = _fetus("movements_felt")
    note = _fetus("note")


class ConsultationBody(Body):
    """An antenatal appointment: one row of the card's consultation table."""

    model = Consultation
    date = _visit("date")
    pregnancyWeek = _visit("weeks")
    daysAfterFullPregnancyWeek = _visit("days")
    motherWeight = _visit("weight_kg")
    bloodPressure = BloodPressureGroup()
    proteinInUrineTestResult = Coded(
        Consultation.UrineProtein,
        "8340",
        "Unknown code; Volven 8340 codes are " + ", ".join(Consultation.UrineProtein.values) + ".",
        source="urine_protein",
    )
    edema = _visit("oedema")
    hemoglobin = _visit("hemoglobin")
    headache = _visit("headache")
    visualDisturbance = _visit("visual_disturbance")
    epigastricPain = _visit("epigastric_pain")
    medication = _visit("medication_in_use")
    employmentRate = _visit("employment_rate")
    nextAppointmentDate = _visit("next_check_on")
    note = _visit("note")
    fetusesVitalSigns = FetalVitalSignsBody(
        many=True, required=False, max_length=6, source="fetuses"
    )

    def validate_fetusesVitalSigns(self, value):
        ids = [row["fetus"] for row in value]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(_("Each fosterId may appear once."))
        return value


def _consultation_document(c: Consultation) -> dict:
    return {
        "date": iso(c.date),
        "pregnancyWeek": c.weeks,
        "daysAfterFullPregnancyWeek": c.days,
        "motherWeight": num(c.weight_kg),
        "bloodPressure": {"systolic": c.systolic, "diastolic": c.diastolic} if c.systolic else None,
        "proteinInUrineTestResult": coded(
            c.urine_protein, c.get_urine_protein_display(), f"{VOLVEN}.8340"
        ),
        "edema": c.oedema,
        "hemoglobin": num(c.hemoglobin),
        "headache": c.headache,
        "visualDisturbance": c.visual_disturbance,
        "epigastricPain": c.epigastric_pain,
        "medication": c.medication_in_use,
        "employmentRate": c.employment_rate,
        "nextAppointmentDate": iso(c.next_check_on),
        "note": text(c.note),
        "fetusesVitalSigns": [
            {
                "fosterId": f.fetus,
                "fetalHeartRate": f.heart_rate,
                "fetalPresentationLie": text(f.presentation),
                "motherFeelsBabyMovements": f.movements_felt,
                "note": text(f.note),
            }
            for f in c.fetuses.all()
        ],
    }


ANTENATAL_APPOINTMENTS = Part(
    name="antenatalAppointments",
    model=Consultation,
    component="AntenatalAppointment",
    body=ConsultationBody,
    document=_consultation_document,
    schema={
        "date": "date",
        "pregnancyWeek": "int",
        "daysAfterFullPregnancyWeek": "int",
        "motherWeight": "num?",
        "bloodPressure": "BloodPressure?",
        "proteinInUrineTestResult": "CodedValue?",
        "edema": "int?",
        "hemoglobin": "num?",
        "headache": "bool?",
        "visualDisturbance": "bool?",
        "epigastricPain": "bool?",
        "medication": "bool?",
        "employmentRate": "int?",
        "nextAppointmentDate": "date?",
        "note": "str?",
        "fetusesVitalSigns": ["FetalVitalSigns"],
    },
    example={
        "date": "2026-09-14",
        "pregnancyWeek": 28,
        "daysAfterFullPregnancyWeek": 0,
        "motherWeight": 71.5,
        "bloodPressure": {"systolic": 118, "diastolic": 74},
        "proteinInUrineTestResult": {"code": "T008"},
        "edema": 0,
        "hemoglobin": 11.8,
        "fetusesVitalSigns": [
            {"fosterId": 1, "fetalHeartRate": 140, "motherFeelsBabyMovements": True}
        ],
    },
    accessed=_("your consultations"),
    one=_("a consultation"),
    prefetch=lambda: Prefetch(
        "consultations",
        Consultation.objects.prefetch_related(
            Prefetch("fetuses", FetalObservation.objects.order_by("fetus"))
        ),
    ),
)

# --- symphysisFundalHeights ----------------------------------------------------------------------

_sf = partial(field_of, FundalHeight)


class FundalHeightBody(Body):
    model = FundalHeight
    measurementDate = _sf("measured_on")
    pregnancyWeek = _sf("weeks")
    daysAfterFullPregnancyWeek = _sf("days")
    measurement = _sf("centimetres")


SYMPHYSIS_FUNDAL_HEIGHTS = Part(
    name="symphysisFundalHeights",
    model=FundalHeight,
    component="SymphysisFundalHeight",
    body=FundalHeightBody,
    document=lambda m: {
        "measurementDate": iso(m.measured_on),
        "pregnancyWeek": m.weeks,
        "daysAfterFullPregnancyWeek": m.days,
        "measurement": num(m.centimetres),
    },
    schema={
        "measurementDate": "date",
        "pregnancyWeek": "int",
        "daysAfterFullPregnancyWeek": "int",
        "measurement": "num",
    },
    example={"measurementDate": "2026-09-14", "pregnancyWeek": 28, "measurement": 27.5},
    accessed=_("your symphysis-fundus height measurements"),
    one=_("a symphysis-fundus height"),
)

# --- notes ---------------------------------------------------------------------------------------


class NoteBody(Body):
    model = ClinicalNote
    kind = field_of(ClinicalNote, "kind")
    text = field_of(ClinicalNote, "text")


NOTES = Part(
    name="notes",
    model=ClinicalNote,
    component="Note",
    body=NoteBody,
    document=lambda n: {"kind": n.kind, "text": n.text},
    schema={"kind": "str", "text": "str"},
    choices={"kind": ClinicalNote.Kind.values},
    example={"kind": "note", "text": "Samtale om fødselsforberedelse."},
    accessed=_("the notes on your card"),
    one=_("a note"),
)


# --- bookedAppointments ------------------------------------------------------------------------

_booking = partial(field_of, BookedAppointment)


TIMES = ("%H:%M", "%H:%M:%S", "%H:%M:%S.%f")


class BookedAppointmentBody(Body):
    model = BookedAppointment
    # A date and a time with its offset: a bare date would book her for midnight.
    startsAt = _booking(
        "starts_at",
        input_formats=["%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z"],
    )
    place = _booking("place")
    withWhom = _booking("with_whom")
    note = _booking("note")


BOOKED_APPOINTMENTS = Part(
    name="bookedAppointments",
    model=BookedAppointment,
    component="BookedAppointment",
    body=BookedAppointmentBody,
    document=lambda b: {
        "startsAt": iso(b.starts_at),
        "place": b.place,
        "withWhom": text(b.with_whom),
        "note": text(b.note),
    },
    schema={"startsAt": "datetime", "place": "str", "withWhom": "str?", "note": "str?"},
    example={
        "startsAt": "2026-12-14T09:30:00+01:00",
        "place": "Frogner helsestasjon, Sørkedalsveien 8",
        "withWhom": "Jorunn Jordmor",
    },
    accessed=_("your booked appointments"),
    one=_("a booked appointment"),
)
