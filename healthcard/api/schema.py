"""The OpenAPI description of what the API answers: the record document of healthcard.record,
section by section, as JSON Schema components (added to the schema by add_components, a
drf-spectacular post-processing hook). tests/healthcard/api/test_schema.py checks real
responses against them, so they cannot drift from healthcard.record unnoticed.

Types are written short: "str", "int", "num", "bool", "date", "datetime", a component's
name, a nested {...} object or [item]; a trailing "?" means the value may be null.
"""

from ..models import BirthOutcome, CareTeamMember, ClinicalNote, LifestyleFactor, Ultrasound

BASIC = {
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "num": {"type": "number"},
    "bool": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
}


def _schema(spec, optional: tuple[str, ...] = ()) -> dict:
    """JSON Schema (OpenAPI 3.0) of a short type; objects list every key as required unless
    named in optional, and allow no other keys."""
    if isinstance(spec, dict):
        schema = {
            "type": "object",
            "properties": {name: _schema(value) for name, value in spec.items()},
            "required": [name for name in spec if name not in optional],
            "additionalProperties": False,
        }
        if not schema["required"]:
            del schema["required"]  # OpenAPI 3.0 wants it absent rather than empty
        return schema
    if isinstance(spec, list):
        return {"type": "array", "items": _schema(spec[0])}
    name, nullable = spec.rstrip("?"), spec.endswith("?")
    if name in BASIC:
        return {**BASIC[name], "nullable": True} if nullable else dict(BASIC[name])
    ref = {"$ref": f"#/components/schemas/{name}"}
    return {"allOf": [ref], "nullable": True} if nullable else ref


def _choice(values: list[str], nullable: bool = False) -> dict:
    return {"type": "string", "enum": values + ([None] if nullable else []), "nullable": nullable}


AUTHOR = {
    "userType": "str",
    "orgNr": "str?",
    "orgName": "str?",
    "hprNr": "str?",
    "hprRole": "str?",
    "name": "str",
    "sourceSystem": "str?",
}
METADATA = {
    "id": "str",
    "version": "int",
    "lastUpdated": "datetime",
    "enteredInError": "bool",
    "lastUpdatedBy": "Author",
    "enteredInErrorBy": {"name": "str", "orgName": "str?", "at": "datetime?", "reason": "str?"},
}
CODED = {"code": "str", "display": "str", "codeSystem": "str"}

# API name of each singleton section -> (component, fields besides metadata).
SECTIONS = {
    "mother": (
        "Mother",
        {
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
            "note": "str?",
        },
    ),
    "previousPregnancies": (
        "PreviousPregnancies",
        {
            **dict.fromkeys(
                [
                    "numberOfPreviousPregnancies",
                    "numberOfPreviousLiveBirths",
                    "spontaneousMiscarriages",
                    "stillBirths22weeks",
                    "numberOfEctopicPregnancies",
                ],
                "int?",
            ),
            "note": "str?",
        },
    ),
    "geneticDisorders": (
        "GeneticDisorders",
        {
            **dict.fromkeys(["noneKnown", "parentsAreRelatives", "hipDysplasia", "other"], "bool?"),
            "note": "str?",
        },
    ),
    "medicalConditions": (
        "MedicalConditions",
        {
            **dict.fromkeys(
                [
                    "nothingParticular",
                    "heartDisease",
                    "hypertension",
                    "kidneyDisease",
                    "diabetes",
                    "allergyAsthma",
                    "epilepsy",
                    "thrombosis",
                    "autoimmune",
                    "gynaecological",
                    "mentalHealth",
                    "other",
                ],
                "bool?",
            ),
            "note": "str?",
        },
    ),
    "medication": (
        "Medication",
        {
            "medicationFrequency": "str?",
            "drugAllergy": "bool?",
            "folate": {"takenBefore": "bool?", "takenDuring": "bool?"},
            "note": "str?",
        },
    ),
    "vitalMeasurementsBeforePregnancy": (
        "VitalMeasurementsBeforePregnancy",
        {"height": "num?", "prePregnancyWeight": "num?", "bMI": "num?"},
    ),
    "currentPregnancy": (
        "CurrentPregnancy",
        {
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
    ),
    "rhesusDNegative": (
        "RhesusDNegative",
        {
            "consentToFetalRhDTest": "bool?",
            "fetusRhDPositive": "bool?",
            "fetalRhDTestDate": "date?",
            "antiDProphylaxisGiven": "bool?",
            "antiDProphylaxisDate": "date?",
            "note": "str?",
        },
    ),
    "birthWishes": ("BirthWishes", {"wishes": "str?", "questions": "str?"}),
}

# API name of each list -> (component of one entry, fields besides metadata).
COLLECTIONS = {
    "antenatalAppointments": (
        "AntenatalAppointment",
        {
            "date": "date",
            "pregnancyWeek": "int",
            "daysAfterFullPregnancyWeek": "int",
            "motherWeight": "num?",
            "bloodPressure": "BloodPressure?",
            "proteinInUrineTestResult": "CodedValue?",
            "edema": "int?",
            "hemoglobin": "num?",
            "medication": "bool?",
            "employmentRate": "int?",
            "note": "str?",
            "fetusesVitalSigns": ["FetalVitalSigns"],
        },
    ),
    "symphysisFundalHeights": (
        "SymphysisFundalHeight",
        {
            "measurementDate": "date",
            "pregnancyWeek": "int",
            "daysAfterFullPregnancyWeek": "int",
            "measurement": "num",
        },
    ),
    "clinicalTests": (
        "ClinicalTest",
        {
            "test": "CodedValue",
            "value": "num?",
            "unit": "str?",
            "result": "CodedValue?",
            "resultText": "str?",
            "date": "date",
            "note": "str?",
        },
    ),
    "ultrasounds": (
        "Ultrasound",
        {
            "kind": "str",
            "date": "date",
            "pregnancyWeek": "int?",
            "daysAfterFullPregnancyWeek": "int?",
            "dueDate": "date?",
            "numberOfFetuses": "int?",
            "placenta": "str?",
            "remarks": "str?",
        },
    ),
    "pointsOfContact": (
        "PointOfContact",
        {
            "role": "str",
            "name": "str",
            "organisationName": "str?",
            "organisationNumber": "str?",
            "hprNumber": "str?",
            "phone": "str?",
        },
    ),
    "lifestyleFactors": (
        "LifestyleFactor",
        {
            "stimuliType": "str",
            "stimuliFrequencyFirstConsultation": "StimuliFrequency",
            "stimuliFrequencyAtWeek36": "StimuliFrequency",
            "note": "str?",
        },
    ),
    "notes": ("Note", {"kind": "str", "text": "str"}),
    "birthStatus": (
        "BirthStatus",
        {"fosterId": "int", "birthStatus": "str", "dateTime": "datetime"},
    ),
}
# Where the fields are code lists, say so.
CHOICES = {
    ("Ultrasound", "kind"): _choice(Ultrasound.Kind.values),
    ("PointOfContact", "role"): _choice(CareTeamMember.Role.values),
    ("LifestyleFactor", "stimuliType"): _choice(LifestyleFactor.Stimulant.values),
    ("Note", "kind"): _choice(ClinicalNote.Kind.values),
    ("BirthStatus", "birthStatus"): _choice(BirthOutcome.Outcome.values),
}


def _components() -> dict[str, dict]:
    components = {
        "Author": _schema(AUTHOR),
        "Metadata": _schema(METADATA, optional=("enteredInErrorBy",)),
        "CodedValue": _schema(CODED),
        "BloodPressure": _schema({"systolic": "int", "diastolic": "int"}),
        "FetalVitalSigns": _schema(
            {
                "fosterId": "int",
                "fetalHeartRate": "int?",
                "fetalPresentationLie": "str?",
                "motherFeelsBabyMovements": "bool?",
                "note": "str?",
            }
        ),
        "StimuliFrequency": _schema({"stimuliFrequency": "str?", "dailyCount": "int?"}),
    }
    for name, fields in [*SECTIONS.values(), *COLLECTIONS.values()]:
        components[name] = _schema({"metadata": "Metadata", **fields})
        for field in fields:
            if (name, field) in CHOICES:
                components[name]["properties"][field] = CHOICES[name, field]
    # In the record, mother always carries her name, even before the section is written.
    mother = components["Mother"]
    mother["properties"]["name"] = {"type": "string"}
    del mother["required"]
    record = {
        "metadata": {
            "recordId": "str",
            "version": "int",
            "recordLastUpdated": "datetime",
            "recordStatus": {
                "status": "str",
                "deliveryDate": "date?",
                "liveBirth": "bool?",
                "terminationDate": "date?",
            },
        },
        **{key: "Mother" if key == "mother" else f"{name}?" for key, (name, _) in SECTIONS.items()},
        **{key: [name] for key, (name, _) in COLLECTIONS.items()},
    }
    components["Record"] = _schema(record)
    components["Record"]["properties"]["metadata"]["properties"]["recordStatus"]["properties"][
        "status"
    ] = _choice(["ACTIVE", "DELIVERED", "TERMINATED"])
    return components


COMPONENTS = _components()


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def add_components(result, generator, request, public):
    """drf-spectacular post-processing hook: add the record's components to the schema."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    return result
