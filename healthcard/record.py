"""The whole card as one JSON document in the shape of Norsk helsenett's maternity record
(DOMAIN.md §3.2): `metadata` and one key per section, each section or entry with its own
`metadata` (id, version, lastUpdated, enteredInError, lastUpdatedBy). Used by the woman's
download and by the clinician API. Expects the card loaded with every list prefetched."""

import datetime

from django.utils import timezone

from .models import (
    VOLVEN,
    BirthOutcome,
    CareTeamMember,
    ClinicalNote,
    Consultation,
    FundalHeight,
    LabResult,
    LifestyleFactor,
    MedicalConditions,
    Pregnancy,
    Provenance,
    Ultrasound,
)


def _iso(value):
    """Dates as YYYY-MM-DD; times in Norwegian local time with their offset."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat() if value else None


def _num(value):
    return float(value) if value is not None else None


def _coded(code: str, display: str, system: str) -> dict | None:
    return {"code": code, "display": display, "codeSystem": system} if code else None


def _metadata(row: Provenance) -> dict:
    meta = {
        "id": str(row.pk),
        "version": row.version,
        "lastUpdated": _iso(row.recorded_at),
        "enteredInError": row.entered_in_error,
        "lastUpdatedBy": {
            "userType": row.recorded_by_type,
            "orgNr": row.org_nr or None,
            "orgName": row.org_name or None,
            "hprNr": row.recorded_by_hpr or None,
            "hprRole": row.recorded_by_role or None,
            "name": row.recorded_by_name,
            "sourceSystem": row.source_system or None,
        },
    }
    if row.entered_in_error:
        meta["enteredInErrorBy"] = {
            "name": row.retracted_by_name,
            "orgName": row.retracted_by_org_name or None,
            "at": _iso(row.retracted_at),
            "reason": row.retraction_reason or None,
        }
    return meta


def _attr(name, convert=lambda v: v):
    return lambda row: convert(getattr(row, name))


def _text(name):
    return lambda row: getattr(row, name) or None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


# Singleton sections: API key -> (one-to-one name on Pregnancy, {API field: getter}).
SECTIONS = {
    "mother": (
        "motherdetails",
        {
            "address": _text("address"),
            "postNumber": _text("post_number"),
            "postName": _text("post_name"),
            "phone": _text("phone"),
            "maritalStatus": _text("marital_status"),
            "cohabitingCoparent": _attr("cohabiting_coparent"),
            "coparentName": _text("coparent_name"),
            "paternityDeclared": _attr("paternity_declared"),
            "education": _text("education"),
            "occupationAndIndustry": _text("occupation"),
            "employedLast6Months": _attr("employed_last_6_months"),
            "employmentPercentage": _attr("employment_percentage"),
            "countryOfBirth": _text("country_of_birth"),
            "language": lambda r: _coded(r.language_code, r.language, f"{VOLVEN}.3303"),
            "needsLanguageInterpreter": _attr("needs_interpreter"),
            "note": _text("note"),
        },
    ),
    "previousPregnancies": (
        "previouspregnancies",
        {
            "numberOfPreviousPregnancies": _attr("previous_pregnancies"),
            "numberOfPreviousLiveBirths": _attr("live_births"),
            "spontaneousMiscarriages": _attr("spontaneous_miscarriages"),
            "stillBirths22weeks": _attr("stillbirths"),
            "numberOfEctopicPregnancies": _attr("ectopic_pregnancies"),
            "note": _text("note"),
        },
    ),
    "geneticDisorders": (
        "heredity",
        {
            "noneKnown": _attr("none_known"),
            "parentsAreRelatives": _attr("parents_related"),
            "hipDysplasia": _attr("hip_dysplasia"),
            "other": _attr("other"),
            "note": _text("note"),
        },
    ),
    "medicalConditions": (
        "medicalconditions",
        {
            **{_camel(name): _attr(name) for name in MedicalConditions.CONDITIONS},
            "note": _text("note"),
        },
    ),
    "medication": (
        "medication",
        {
            "medicationFrequency": _text("frequency"),
            "drugAllergy": _attr("drug_allergy"),
            "folate": lambda r: {"takenBefore": r.folate_before, "takenDuring": r.folate_during},
            "note": _text("note"),
        },
    ),
    "vitalMeasurementsBeforePregnancy": (
        "beforepregnancy",
        {
            "height": _attr("height_cm", _num),
            "prePregnancyWeight": _attr("weight_kg", _num),
            "bMI": lambda r: r.bmi,
        },
    ),
    "currentPregnancy": (
        "currentpregnancy",
        {
            "dateLastPeriod": _attr("last_period", _iso),
            "dueDate": _attr("due_date_lmp", _iso),
            "dueDateBasedOnUltrasound": _attr("due_date_ultrasound", _iso),
            "dueDateCorrectedDate": _attr("due_date_corrected", _iso),
            "dueDateCorrectionReason": _text("correction_reason"),
            "numberOfFetuses": _attr("number_of_fetuses"),
            "assistedConception": _attr("assisted_conception"),
            "assistedConceptionDate": _attr("assisted_conception_date", _iso),
            "hasPrenatalDiagnosticsTests": _attr("prenatal_diagnostics_informed"),
            "birthPreparationTalk": _attr("birth_preparation_talk"),
            "breastfeedingGuidance": _attr("breastfeeding_guidance"),
            "note": _text("note"),
        },
    ),
    "rhesusDNegative": (
        "rhesusnegative",
        {
            "consentToFetalRhDTest": _attr("consent_fetal_test"),
            "fetusRhDPositive": _attr("fetus_rhd_positive"),
            "fetalRhDTestDate": _attr("fetal_test_date", _iso),
            "antiDProphylaxisGiven": _attr("anti_d_given"),
            "antiDProphylaxisDate": _attr("anti_d_date", _iso),
            "note": _text("note"),
        },
    ),
    "birthWishes": ("birthwishes", {"wishes": _text("wishes"), "questions": _text("questions")}),
}


def section_document(row: Provenance, key: str) -> dict:
    _, fields = SECTIONS[key]
    return {"metadata": _metadata(row), **{name: get(row) for name, get in fields.items()}}


def _consultation(c: Consultation) -> dict:
    return {
        "date": _iso(c.date),
        "pregnancyWeek": c.weeks,
        "daysAfterFullPregnancyWeek": c.days,
        "motherWeight": _num(c.weight_kg),
        "bloodPressure": {"systolic": c.systolic, "diastolic": c.diastolic} if c.systolic else None,
        "proteinInUrineTestResult": _coded(
            c.urine_protein, c.get_urine_protein_display(), f"{VOLVEN}.8340"
        ),
        "edema": c.oedema,
        "hemoglobin": _num(c.hemoglobin),
        "medication": c.medication_in_use,
        "employmentRate": c.employment_rate,
        "note": c.note or None,
        "fetusesVitalSigns": [
            {
                "fosterId": f.fetus,
                "fetalHeartRate": f.heart_rate,
                "fetalPresentationLie": f.presentation or None,
                "motherFeelsBabyMovements": f.movements_felt,
                "note": f.note or None,
            }
            for f in c.fetuses.all()
        ],
    }


def _lab(result: LabResult) -> dict:
    return {
        "test": _coded(result.code, result.display, result.code_system),
        "value": _num(result.value),
        "unit": result.unit or None,
        "result": _coded(result.qualitative, result.get_qualitative_display(), f"{VOLVEN}.8340"),
        "resultText": result.value_text or None,
        "date": _iso(result.taken_on),
        "note": result.note or None,
    }


def _fundal_height(m: FundalHeight) -> dict:
    return {
        "measurementDate": _iso(m.measured_on),
        "pregnancyWeek": m.weeks,
        "daysAfterFullPregnancyWeek": m.days,
        "measurement": _num(m.centimetres),
    }


def _ultrasound(u: Ultrasound) -> dict:
    return {
        "kind": u.kind,
        "date": _iso(u.examined_on),
        "pregnancyWeek": u.weeks,
        "daysAfterFullPregnancyWeek": u.days,
        "dueDate": _iso(u.due_date),
        "numberOfFetuses": u.number_of_fetuses,
        "placenta": u.placenta or None,
        "remarks": u.remarks or None,
    }


def _contact(m: CareTeamMember) -> dict:
    return {
        "role": m.role,
        "name": m.name,
        "organisationName": m.organisation or None,
        "organisationNumber": m.organisation_nr or None,
        "hprNumber": m.hpr_nr or None,
        "phone": m.phone or None,
    }


def _lifestyle(f: LifestyleFactor) -> dict:
    return {
        "stimuliType": f.stimulant,
        "stimuliFrequencyFirstConsultation": {
            "stimuliFrequency": f.frequency_first or None,
            "dailyCount": f.daily_count_first,
        },
        "stimuliFrequencyAtWeek36": {
            "stimuliFrequency": f.frequency_week36 or None,
            "dailyCount": f.daily_count_week36,
        },
        "note": f.note or None,
    }


def _note(n: ClinicalNote) -> dict:
    return {"kind": n.kind, "text": n.text}


def _birth(b: BirthOutcome) -> dict:
    return {"fosterId": b.fetus, "birthStatus": b.outcome, "dateTime": _iso(b.born_at)}


# List sections: API key -> (related name on Pregnancy, model, document of one entry).
COLLECTIONS = {
    "pointsOfContact": ("careteammembers", CareTeamMember, _contact),
    "lifestyleFactors": ("lifestylefactors", LifestyleFactor, _lifestyle),
    "clinicalTests": ("labresults", LabResult, _lab),
    "ultrasounds": ("ultrasounds", Ultrasound, _ultrasound),
    "antenatalAppointments": ("consultations", Consultation, _consultation),
    "symphysisFundalHeights": ("fundalheights", FundalHeight, _fundal_height),
    "notes": ("clinicalnotes", ClinicalNote, _note),
    "birthStatus": ("birthoutcomes", BirthOutcome, _birth),
}
_DOCUMENT_OF = {model: document for _, model, document in COLLECTIONS.values()}


def entry_document(entry: Provenance) -> dict:
    """One list entry as the record shows it."""
    return {"metadata": _metadata(entry), **_DOCUMENT_OF[type(entry)](entry)}


def record_document(card: Pregnancy) -> dict:
    document = {
        "metadata": {
            "recordId": str(card.pk),
            "version": card.version,
            "recordLastUpdated": _iso(card.last_updated),
            "recordStatus": {
                "status": card.status.upper(),
                "deliveryDate": _iso(card.delivery_date),
                "liveBirth": card.live_birth,
                "terminationDate": _iso(card.termination_date),
            },
        },
    }
    for key, (attribute, _) in SECTIONS.items():
        row = getattr(card, attribute, None)
        document[key] = section_document(row, key) if row is not None else None
    document["mother"] = {"name": card.woman.get_full_name(), **(document["mother"] or {})}
    for key, (related, _, _) in COLLECTIONS.items():
        document[key] = [entry_document(entry) for entry in getattr(card, related).all()]
    return document
