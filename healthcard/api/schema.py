"""The OpenAPI description of what the API answers: the record document of healthcard.record,
section by section, as JSON Schema components (added to the schema by add_components, a
drf-spectacular post-processing hook) from each part's declaration (healthcard.parts).
tests/healthcard/api/test_schema.py checks real responses against them, so they cannot
drift from healthcard.record unnoticed.

Types are written short: "str", "int", "num", "bool", "date", "datetime", a component's
name, a nested {...} object or [item]; a trailing "?" means the value may be null.
"""

from .. import handover, parts, questionnaires
from ..clinical import rules
from ..models import SYMPTOM_CHOICES, Card, HomeMeasurement

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
    "lastUpdatedBy": "Actor",
    "enteredInErrorBy": {"name": "str", "orgName": "str?", "at": "datetime?", "reason": "str?"},
}
CODED = {"code": "str", "display": "str", "codeSystem": "str"}


def _components() -> dict[str, dict]:
    components = {
        "Actor": _schema(AUTHOR),
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
        "Baby": _schema(
            {
                "fosterId": "int",
                "birthStatus": "str",
                "sex": "str?",
                "weightGrams": "int?",
                "lengthCm": "num?",
                "headCircumferenceCm": "num?",
                "apgar1": "int?",
                "apgar5": "int?",
                "apgar10": "int?",
                "presentation": "str?",
                "transferredToNeonatalCare": "bool?",
            }
        ),
        "HomeBloodGlucose": _schema({"mmolPerL": "num", "timing": "str"}),
        "QuestionnaireAnswer": _schema(
            {"linkId": "str", "question": "str", "answer": "str", "display": "str", "score": "int?"}
        ),
        "StimuliFrequency": _schema({"stimuliFrequency": "str?", "dailyCount": "int?"}),
        "ClinicalAlert": _schema(
            {
                "id": "str",
                "code": "str",
                "severity": "str",
                "title": "str",
                "action": "str",
                "titleEn": "str",
                "actionEn": "str",
                "guidelineReference": {"title": "str", "url": "str"},
                "basedOn": [{"list": "str", "id": "str", "version": "int"}],
                "raisedAt": "date",
                "acknowledgedBy": "AlertAcknowledgement?",
            }
        ),
        "Handover": _schema(
            {
                "recordId": "str",
                "recordVersion": "int",
                "birth": "Birth",
                "feeding": "HandoverFeeding?",
                "latestBabyWeight": "HandoverWeight?",
                "postpartumVisits": [{"date": "date", "kind": "str", "epdsScore": "int?"}],
                "followUp": [{"code": "str", "text": "str"}],
            }
        ),
        "HandoverFeeding": _schema({"value": "str", "on": "date"}),
        "HandoverWeight": _schema({"grams": "int", "on": "date"}),
        "CarriedOver": _schema({"fromRecordId": "str", "sections": ["str"]}),
        "AlertAcknowledgement": _schema(
            {
                "name": "str",
                "hprNr": "str?",
                "orgName": "str?",
                "at": "datetime",
                "note": "str?",
            }
        ),
    }
    components["ClinicalAlert"]["properties"]["code"] = _choice([r.code for r in rules.RULES])
    components["ClinicalAlert"]["properties"]["severity"] = _choice(list(rules.SEVERITY_ORDER))
    for part in parts.PARTS:
        components[part.component] = _schema({"metadata": "Metadata", **part.schema})
        for field, values in part.choices.items():
            optional = str(part.schema[field]).endswith("?")  # a code the card may leave out
            components[part.component]["properties"][field] = _choice(values, nullable=optional)
    components["HomeBloodGlucose"]["properties"]["timing"] = _choice(
        HomeMeasurement.GlucoseTiming.values
    )
    # An answer is an option's code, a list of codes, a date, a number or a text.
    components["QuestionnaireAnswer"]["properties"]["answer"] = {
        "oneOf": [
            {"type": "string"},
            {"type": "number"},
            {"type": "array", "items": {"type": "string"}},
        ]
    }
    components["QuestionnaireResponse"]["properties"]["questionnaire"] = _choice(
        list(questionnaires.CURRENT)
    )
    components["DailyNote"]["properties"]["symptoms"]["items"] = _choice(
        [code for code, _label in SYMPTOM_CHOICES]
    )
    # In the record, mother always carries her name, even before the section is written.
    del components["Mother"]["required"]
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
                "closedDateTime": "datetime?",
            },
            "carriedOver": "CarriedOver?",
        },
        **{p.name: "Mother" if p.name == "mother" else f"{p.component}?" for p in parts.SECTIONS},
        **{p.name: [p.component] for p in parts.LISTS},
        "clinicalAlerts": ["ClinicalAlert"],
    }
    components["Handover"]["properties"]["followUp"]["items"]["properties"]["code"] = _choice(
        [*handover.FOLLOW_UP_ALERTS, *handover.FOLLOW_UP_CODES]
    )
    components["Record"] = _schema(record)
    components["Record"]["properties"]["metadata"]["properties"]["recordStatus"]["properties"][
        "status"
    ] = _choice([status.upper() for status in Card.Status.values])
    return components


COMPONENTS = _components()


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def add_components(result, generator, request, public):
    """drf-spectacular post-processing hook: add the record's components to the schema."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    return result
