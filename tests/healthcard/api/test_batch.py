import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from healthcard.api.devkey import mint_token
from healthcard.models import (
    AccessEvent,
    Consultation,
    CurrentPregnancy,
    FundalHeight,
    LabResult,
    Medication,
)
from tests.conftest import API, KARI

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
WHOLE_CONSULTATION = [
    {"method": "PUT", "path": "currentPregnancy", "body": {"numberOfFetuses": 1}},
    {
        "method": "POST",
        "path": "antenatalAppointments",
        "body": {
            "date": TODAY,
            "pregnancyWeek": 28,
            "motherWeight": 71.0,
            "bloodPressure": {"systolic": 118, "diastolic": 74},
        },
    },
    {
        "method": "POST",
        "path": "symphysisFundalHeights",
        "body": {"measurementDate": TODAY, "pregnancyWeek": 28, "measurement": 27.5},
    },
    {
        "method": "POST",
        "path": "clinicalTests",
        "body": {
            "test": {"code": "NOR05172", "display": "Hemoglobin"},
            "value": 11.8,
            "unit": "g/dL",
            "date": TODAY,
        },
    },
]


@pytest.fixture
def epj(kari):
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {mint_token()}",
        HTTP_NHN_PATIENT_NIN=KARI.nin,
        HTTP_NHN_SOURCE_SYSTEM="Test EPJ",
    )
    record_id = client.post(API + "record", {}, format="json").json()["metadata"]["recordId"]
    client.url = API + f"record/{record_id}/batch"
    return client


def test_a_whole_consultation_in_one_request(epj):
    response = epj.post(epj.url, {"operations": WHOLE_CONSULTATION}, format="json")
    assert response.status_code == 200, response.content
    assert [r["status"] for r in response.json()["results"]] == [200, 201, 201, 201]
    assert Consultation.objects.count() == FundalHeight.objects.count() == 1
    assert AccessEvent.objects.filter(action="write").count() == 5  # record + 4 writes


def test_one_bad_operation_writes_nothing_and_is_named(epj):
    broken = [*WHOLE_CONSULTATION[:3], {**WHOLE_CONSULTATION[3], "body": {"test": {}}}]
    response = epj.post(epj.url, {"operations": broken}, format="json")
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert any(f.startswith("operations[3].body.") for f in fields)
    assert not Consultation.objects.exists()
    assert not CurrentPregnancy.objects.exists()
    assert not FundalHeight.objects.exists()


def test_unknown_path_in_a_batch_is_404_and_writes_nothing(epj):
    response = epj.post(
        epj.url,
        {"operations": [WHOLE_CONSULTATION[1], {"method": "POST", "path": "nope", "body": {}}]},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["detail"].startswith("operations[1]:")
    assert not Consultation.objects.exists()


def test_retried_batch_is_answered_from_the_first(epj):
    first = epj.post(
        epj.url,
        {"operations": WHOLE_CONSULTATION[1:]},
        format="json",
        HTTP_IDEMPOTENCY_KEY="batch-1",
    )
    again = epj.post(
        epj.url,
        {"operations": WHOLE_CONSULTATION[1:]},
        format="json",
        HTTP_IDEMPOTENCY_KEY="batch-1",
    )
    assert first.json() == again.json()
    assert Consultation.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"operations": []},
        {"operations": "x"},
        {"operations": [{"method": "DELETE", "path": "x", "body": {}}]},
    ],
)
def test_malformed_batches_are_422(epj, body):
    assert epj.post(epj.url, body, format="json").status_code == 422


def test_queries_per_batch_do_not_grow_with_its_size(epj):
    counts = []
    for size in (1, 8, 32):
        operations = [op for _ in range(size) for op in WHOLE_CONSULTATION[1:]]
        with CaptureQueriesContext(connection) as queries:
            response = epj.post(
                epj.url,
                {"operations": operations},
                format="json",
                HTTP_IDEMPOTENCY_KEY=f"size-{size}",
            )
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
    assert Consultation.objects.count() == 1 + 8 + 32


def test_a_stale_section_names_its_operation_and_writes_nothing(epj):
    assert (
        epj.post(epj.url, {"operations": WHOLE_CONSULTATION[:1]}, format="json").status_code == 200
    )
    stale = [
        {"method": "PUT", "path": "medication", "body": {"medicationFrequency": "none"}},
        WHOLE_CONSULTATION[1],
        {**WHOLE_CONSULTATION[0], "ifMatch": "7"},  # the section is at version 1
    ]
    response = epj.post(epj.url, {"operations": stale}, format="json")
    assert response.status_code == 412
    assert response.json()["detail"].startswith("operations[2]:")
    assert response.json()["currentVersion"] == 1
    assert not Consultation.objects.exists()
    assert not Medication.objects.exists()


def test_a_batch_logs_each_entry_it_wrote_once(epj):
    two_visits = WHOLE_CONSULTATION[1:] * 2
    assert epj.post(epj.url, {"operations": two_visits}, format="json").status_code == 200
    logged = list(
        AccessEvent.objects.filter(action="write")
        .exclude(section="record")
        .values_list("section", "entry_id")
    )
    written = [
        (model._meta.model_name, pk)
        for model in (Consultation, FundalHeight, LabResult)
        for pk in model.objects.values_list("pk", flat=True)
    ]
    assert sorted(logged) == sorted(written) and len(written) == 6  # two of each
