"""The OpenAPI document tells the truth: every operation's example is sent to the real
application, and each answer (success and error alike) must match the status codes and the
body schema the document gives for that operation."""

import pytest
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from healthcard import parts
from healthcard.api.devkey import mint_token
from healthcard.demo import delivered, week_30_full_history
from tests.conftest import API, KARI
from tests.healthcard.api.test_alerts import DANGEROUS_VISIT

SECTION_EXAMPLES = {name: part.example for name, part in parts.WRITABLE_SECTIONS.items()}
LIST_EXAMPLES = {name: part.example for name, part in parts.WRITABLE_LISTS.items()}

pytestmark = pytest.mark.django_db

CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def call(api_schema, kari):
    headers = {
        "Authorization": f"Bearer {mint_token()}",
        "nhn-patient-nin": KARI.nin,
        "nhn-source-system": "Schema test",
    }

    def call(method: str, path: str, expect: int, *, body=None, extra=None, **path_parameters):
        operation = api_schema[API + path][method]
        case = operation.Case(
            path_parameters=path_parameters,
            headers={**headers, **(extra or {})},
            **({"body": body} if body is not None else {}),
        )
        response = case.call()
        assert response.status_code == expect, response.text
        case.validate_response(response, checks=CHECKS)
        return response.json()

    return call


def test_reads_match_the_schema(call, kari):
    card = week_30_full_history(kari)
    assert call("GET", "status", 200)["latestRecordId"] == str(card.pk)
    record = call("GET", "record/{record_id}", 200, record_id=card.pk)
    assert record["antenatalAppointments"] and record["currentPregnancy"]


def test_the_handover_matches_the_schema(call, kari):
    card = delivered(kari)
    handover = call("GET", "record/{record_id}/handover", 200, record_id=card.pk)
    assert handover["birth"]["babies"] and handover["postpartumVisits"]


def test_clinical_alerts_match_the_schema(call, kari):
    card = week_30_full_history(kari)
    path = "record/{record_id}/antenatalAppointments"
    call("POST", path, 201, body=DANGEROUS_VISIT, record_id=card.pk)
    record = call("GET", "record/{record_id}", 200, record_id=card.pk)
    assert "suspected-preeclampsia" in [alert["code"] for alert in record["clinicalAlerts"]]


def test_every_write_and_its_answer_match_the_schema(call):
    record_id = call("POST", "record", 201)["metadata"]["recordId"]
    ids = {"record_id": record_id}
    call("POST", "record", 409)
    # A baby's birth status is written once, before the birth section says it for all.
    lists = {name: body for name, body in LIST_EXAMPLES.items() if name != "birthStatus"}
    born = call(
        "POST", "record/{record_id}/birthStatus", 201, body=LIST_EXAMPLES["birthStatus"], **ids
    )
    call("POST", "record/{record_id}/birthStatus", 422, body=LIST_EXAMPLES["birthStatus"], **ids)
    call(
        "PUT",
        "record/{record_id}/birthStatus/{entry_id}",
        200,
        body=LIST_EXAMPLES["birthStatus"],
        extra={"If-Match": "1"},
        entry_id=int(born["metadata"]["id"]),
        **ids,
    )
    for part, body in SECTION_EXAMPLES.items():
        call("PUT", f"record/{{record_id}}/{part}", 200, body=body, **ids)
        call("PUT", f"record/{{record_id}}/{part}", 412, body=body, extra={"If-Match": "9"}, **ids)
    for part, body in lists.items():
        entry = call("POST", f"record/{{record_id}}/{part}", 201, body=body, **ids)
        entry_ids = {**ids, "entry_id": int(entry["metadata"]["id"])}
        version = {"If-Match": str(entry["metadata"]["version"])}
        call(
            "PUT",
            f"record/{{record_id}}/{part}/{{entry_id}}",
            200,
            body=body,
            extra=version,
            **entry_ids,
        )
        call(
            "POST",
            f"record/{{record_id}}/{part}/{{entry_id}}/entered-in-error",
            200,
            body={"reason": "Feil pasient."},
            **entry_ids,
        )
        call("POST", f"record/{{record_id}}/{part}", 422, body={**body, "colour": "blue"}, **ids)
    batch = {
        "operations": [
            {"method": "POST", "path": part, "body": body} for part, body in lists.items()
        ]
    }
    call("POST", "record/{record_id}/batch", 200, body=batch, **ids)
    record = call("GET", "record/{record_id}", 200, **ids)
    assert all(record[part] for part in LIST_EXAMPLES)
    assert all(record[part] for part in SECTION_EXAMPLES)
