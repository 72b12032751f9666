"""While the database is away every request answers 503 with Retry-After (never a 500), as
HTML for pages and problem+json for the API. scripts/fault stops a real PostgreSQL mid-run;
here the database connection fails every query instead."""

import contextlib

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from healthcard import parts
from healthcard.api.devkey import mint_token
from healthcard.demo import week_30_full_history
from healthcard.models import Consultation, FundalHeight
from tests.conftest import API, KARI

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
SF = {"measurementDate": TODAY, "pregnancyWeek": 30, "measurement": 29.5}  # Kari is 30+2
APPOINTMENT = {**parts.BY_NAME["antenatalAppointments"].example, "date": TODAY, "pregnancyWeek": 30}


@contextlib.contextmanager
def database_away():
    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


def record_system(idempotency_key: str) -> dict:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {mint_token()}",
        "HTTP_NHN_PATIENT_NIN": KARI.nin,
        "HTTP_NHN_SOURCE_SYSTEM": "Test EPJ",
        "HTTP_IDEMPOTENCY_KEY": idempotency_key,
    }


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_pages_answer_503_with_retry_after(client, kari):
    card = week_30_full_history(kari)
    client.force_login(kari)
    with database_away():
        for path in ("/", "/helsekort/", f"/helsekort/{card.pk}/", "/samtykke/", "/admin/"):
            response = client.get(path)
            assert response.status_code == 503, path
            assert response["Retry-After"] == "30"
            assert "utilgjengelig" in response.content.decode()


def test_the_api_answers_503_problem_json(client, kari):
    card = week_30_full_history(kari)
    headers = record_system(idempotency_key="fault-1")
    with database_away():
        read = client.get(f"{API}record/{card.pk}", **headers)
        write = client.post(
            f"{API}record/{card.pk}/symphysisFundalHeights",
            SF,
            content_type="application/json",
            **headers,
        )
    for response in (read, write):
        assert response.status_code == 503
        assert response["Content-Type"] == "application/problem+json"
        assert response["Retry-After"] == "30"
        assert response.json()["status"] == 503


def test_other_errors_stay_500(client, monkeypatch):
    def broken(request):
        raise RuntimeError("a bug")

    monkeypatch.setattr("portal.views.render", broken)
    response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_retried_write_after_the_outage_is_stored_once(client, kari):
    """The suite's short version of scripts/fault: the first attempt meets the outage, the
    retry with the same Idempotency-Key is stored, and a second retry is answered from it."""
    card = week_30_full_history(kari)
    headers = record_system(idempotency_key="visit-28")
    body = {
        "operations": [
            {"method": "POST", "path": "symphysisFundalHeights", "body": SF},
            {"method": "POST", "path": "antenatalAppointments", "body": APPOINTMENT},
        ]
    }
    url = f"{API}record/{card.pk}/batch"
    before = (FundalHeight.objects.count(), Consultation.objects.count())

    def send():
        return client.post(url, body, content_type="application/json", **headers)

    with database_away():
        assert send().status_code == 503
    assert (FundalHeight.objects.count(), Consultation.objects.count()) == before
    first, retry = send(), send()
    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()
    assert (FundalHeight.objects.count(), Consultation.objects.count()) == (
        before[0] + 1,
        before[1] + 1,
    )
