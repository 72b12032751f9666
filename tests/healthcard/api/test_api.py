"""The clinician API as a record system calls it: through the full Django stack, with signed
tokens, the patient header and JSON bodies."""

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from consent.services import withdraw_consent
from healthcard.api.claims import SCOPE_READ
from healthcard.api.devkey import mint_token
from healthcard.demo import week_30_full_history
from healthcard.models import AccessEvent, Consultation, FundalHeight
from tests.conftest import API, KARI
from tests.factories import (
    CardFactory,
    ConsultationFactory,
    FundalHeightFactory,
    LabResultFactory,
    WomanFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
APPOINTMENT = {
    "date": TODAY,
    "pregnancyWeek": 30,  # Kari (week_30_full_history) is 30+2 today
    "daysAfterFullPregnancyWeek": 2,
    "motherWeight": 70.5,
    "bloodPressure": {"systolic": 118, "diastolic": 76},
    "proteinInUrineTestResult": {"code": "T008"},
    "edema": 0,
    "fetusesVitalSigns": [{"fosterId": 1, "fetalHeartRate": 142, "motherFeelsBabyMovements": True}],
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def epj():
    """A record system with a valid token, calling about Kari."""
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {mint_token()}",
        HTTP_NHN_PATIENT_NIN=KARI.nin,
        HTTP_NHN_SOURCE_SYSTEM="Test EPJ",
    )
    return client


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


class TestAuthentication:
    def test_no_token_gets_401_with_www_authenticate(self, kari):
        response = APIClient().get(API + "status", HTTP_NHN_PATIENT_NIN=KARI.nin)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert problem(response)["status"] == 401

    @pytest.mark.parametrize(
        "make_token",
        [
            pytest.param(
                lambda: jwt.encode(
                    {"iss": "x", "aud": "nhn:maternity-record", "exp": int(time.time()) + 60},
                    None,
                    algorithm="none",
                ),
                id="alg-none",
            ),
            pytest.param(
                lambda: jwt.encode(
                    {
                        "iss": "https://dhg.local/dev-issuer",
                        "aud": "nhn:maternity-record",
                        "iat": int(time.time()),
                        "exp": int(time.time()) + 60,
                    },
                    rsa.generate_private_key(public_exponent=65537, key_size=2048),
                    algorithm="RS256",
                    headers={"kid": "dhg-dev-key", "typ": "at+jwt"},
                ),
                id="wrong-key",
            ),
            pytest.param(lambda: mint_token(exp=int(time.time()) - 120), id="expired"),
            pytest.param(lambda: mint_token(nbf=int(time.time()) + 600), id="not-yet-valid"),
            pytest.param(lambda: mint_token(aud="someone-else"), id="wrong-audience"),
            pytest.param(lambda: mint_token(iss="https://evil.example"), id="wrong-issuer"),
            pytest.param(lambda: "not.a.jwt", id="garbage"),
        ],
    )
    def test_bad_tokens_are_refused(self, kari, make_token):
        client = APIClient()
        client.credentials(
            HTTP_AUTHORIZATION=f"Bearer {make_token()}", HTTP_NHN_PATIENT_NIN=KARI.nin
        )
        response = client.get(API + "status")
        assert response.status_code == 401, response.content
        assert problem(response)["type"].endswith("unauthorized")

    def test_a_forged_payload_under_a_real_signature_is_refused(self, kari):
        header, payload, signature = mint_token(scope=SCOPE_READ).split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
        claims["scope"] += " nhn:maternity-record/write"
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        client = APIClient()
        client.credentials(
            HTTP_AUTHORIZATION=f"Bearer {header}.{forged}.{signature}",
            HTTP_NHN_PATIENT_NIN=KARI.nin,
        )
        assert client.get(API + "status").status_code == 401

    def test_writing_needs_the_write_scope(self, epj, kari):
        epj.credentials(
            HTTP_AUTHORIZATION=f"Bearer {mint_token(scope=SCOPE_READ)}",
            HTTP_NHN_PATIENT_NIN=KARI.nin,
            HTTP_NHN_SOURCE_SYSTEM="Test EPJ",
        )
        response = epj.post(API + "record", {}, format="json")
        assert response.status_code == 403
        assert "nhn:maternity-record/write" in problem(response)["detail"]


class TestPatientHeader:
    def test_missing_header_is_400(self, epj):
        epj.credentials(HTTP_AUTHORIZATION=f"Bearer {mint_token()}")
        response = epj.get(API + "status")
        assert response.status_code == 400
        assert "nhn-patient-nin" in problem(response)["detail"]

    def test_invalid_number_is_400_and_never_echoed(self, epj):
        epj.credentials(
            HTTP_AUTHORIZATION=f"Bearer {mint_token()}", HTTP_NHN_PATIENT_NIN="12345678901"
        )
        response = epj.get(API + "status")
        assert response.status_code == 400
        assert "12345678901" not in response.content.decode()


class TestStatus:
    def test_unknown_woman_has_no_consent_and_no_record(self, epj):
        assert epj.get(API + "status").json() == {
            "hasGivenConsent": False,
            "hasActiveMaternityRecord": False,
            "latestRecordId": None,
            "lastChangedDateTime": None,
            "hasOpenUrgentAlert": False,
        }

    def test_consenting_woman_with_a_card(self, epj, card):
        body = epj.get(API + "status").json()
        assert body["hasGivenConsent"] and body["hasActiveMaternityRecord"]
        assert body["latestRecordId"] == str(card.pk)
        assert AccessEvent.objects.filter(section="status", action="read").count() == 1


class TestRecord:
    def test_create_then_conflict(self, epj, kari):
        response = epj.post(API + "record", {}, format="json")
        assert response.status_code == 201
        record_id = response.json()["metadata"]["recordId"]
        assert response.json()["metadata"]["recordStatus"]["status"] == "ACTIVE"
        again = epj.post(API + "record", {}, format="json")
        assert again.status_code == 409
        assert problem(again)["recordId"] == record_id

    def test_no_consent_is_403_with_a_consent_problem_type(self, epj, kari):
        withdraw_consent(woman=kari)
        response = epj.post(API + "record", {}, format="json")
        assert response.status_code == 403
        assert problem(response)["type"].endswith("consent-missing")

    def test_read_the_whole_record_and_it_is_logged(self, epj, card):
        response = epj.get(API + f"record/{card.pk}")
        assert response.status_code == 200
        document = response.json()
        assert len(document["antenatalAppointments"]) == 6
        assert any(a["metadata"]["enteredInError"] for a in document["antenatalAppointments"])
        event = AccessEvent.objects.get(action="read", section="record")
        assert (event.actor_name, event.actor_hpr, event.org_nr, event.channel) == (
            "Kari Jordmor",
            "9144900",
            "974589095",
            "api",
        )

    def test_another_womans_record_is_404(self, epj, kari):
        other = CardFactory(woman=WomanFactory())
        response = epj.get(API + f"record/{other.pk}")
        assert response.status_code == 404
        assert not AccessEvent.objects.filter(section="record").exists()

    def test_withdrawal_takes_effect_on_the_next_request(self, epj, card, kari):
        assert epj.get(API + f"record/{card.pk}").status_code == 200
        withdraw_consent(woman=kari)
        assert epj.get(API + f"record/{card.pk}").status_code == 403


class TestAddingEntries:
    def test_appointment_is_stored_with_provenance_and_logged(self, epj, card):
        response = epj.post(
            API + f"record/{card.pk}/antenatalAppointments", APPOINTMENT, format="json"
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["bloodPressure"] == {"systolic": 118, "diastolic": 76}
        assert body["fetusesVitalSigns"][0]["fetalHeartRate"] == 142
        by = body["metadata"]["lastUpdatedBy"]
        assert (by["name"], by["hprNr"], by["orgNr"], by["sourceSystem"]) == (
            "Kari Jordmor",
            "9144900",
            "974589095",
            "Test EPJ",
        )
        assert (
            AccessEvent.objects.filter(
                action="write", section="consultation", actor_name="Kari Jordmor"
            ).count()
            == 1
        )

    def test_retry_with_the_same_idempotency_key_writes_once(self, epj, card):
        url = API + f"record/{card.pk}/antenatalAppointments"
        before = Consultation.objects.count()
        first = epj.post(url, APPOINTMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        again = epj.post(url, APPOINTMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
        assert (first.status_code, again.status_code) == (201, 201)
        assert again.json() == first.json()
        assert again["Idempotent-Replayed"] == "true"
        assert Consultation.objects.count() == before + 1

    def test_same_key_with_another_body_is_422(self, epj, card):
        url = API + f"record/{card.pk}/antenatalAppointments"
        epj.post(url, APPOINTMENT, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
        response = epj.post(
            url, {**APPOINTMENT, "edema": 2}, format="json", HTTP_IDEMPOTENCY_KEY="k-2"
        )
        assert response.status_code == 422

    def test_every_bad_field_is_named(self, epj, card):
        bad = {
            **APPOINTMENT,
            "pregnancyWeek": 50,
            "date": "2999-01-01",
            "colour": "blue",
            "bloodPressure": {"systolic": 70, "diastolic": 90},
            "proteinInUrineTestResult": {"code": "X"},
        }
        response = epj.post(API + f"record/{card.pk}/antenatalAppointments", bad, format="json")
        assert response.status_code == 422
        fields = {e["field"] for e in problem(response)["errors"]}
        assert {"colour"} <= fields
        response = epj.post(
            API + f"record/{card.pk}/antenatalAppointments",
            {k: v for k, v in bad.items() if k != "colour"},
            format="json",
        )
        fields = {e["field"] for e in problem(response)["errors"]}
        assert {
            "pregnancyWeek",
            "date",
            "bloodPressure.systolic",
            "proteinInUrineTestResult",
        } <= fields

    @pytest.mark.parametrize(
        ("row", "field"),
        [
            ({"fosterId": 1, "metadata": {"id": "1"}}, "metadata"),
            ({"fosterId": 1, "fetalPresentationLie": ""}, "fetalPresentationLie"),
        ],
    )
    def test_a_fetal_row_takes_only_its_own_fields_and_real_codes(self, epj, card, row, field):
        url = API + f"record/{card.pk}/antenatalAppointments"
        response = epj.post(url, {**APPOINTMENT, "fetusesVitalSigns": [row]}, format="json")
        assert response.status_code == 422
        assert field in json.dumps(problem(response))

    def test_one_write_leaves_nothing_behind_for_the_next(self, epj, card):
        """Each kind of body is checked by one serializer per process: a rejected body, or one
        with twins, must not colour the next."""
        url = API + f"record/{card.pk}/antenatalAppointments"
        twins = [
            {"fosterId": 1, "fetalHeartRate": 150},
            {"fosterId": 2, "fetalHeartRate": 138},
        ]
        card.currentpregnancy.number_of_fetuses = 2
        card.currentpregnancy.save()
        bad = {**APPOINTMENT, "pregnancyWeek": 50, "fetusesVitalSigns": twins}
        assert epj.post(url, bad, format="json").status_code == 422
        assert epj.post(url, {**APPOINTMENT, "fetusesVitalSigns": twins}, format="json").json()[
            "fetusesVitalSigns"
        ] == [
            {
                **twins[0],
                "fetalPresentationLie": None,
                "motherFeelsBabyMovements": None,
                "note": None,
            },
            {
                **twins[1],
                "fetalPresentationLie": None,
                "motherFeelsBabyMovements": None,
                "note": None,
            },
        ]
        single = epj.post(url, APPOINTMENT, format="json")
        assert single.status_code == 201
        assert single.json()["fetusesVitalSigns"] == [
            {
                "fosterId": 1,
                "fetalHeartRate": 142,
                "fetalPresentationLie": None,
                "motherFeelsBabyMovements": True,
                "note": None,
            }
        ]

    def test_malformed_json_is_400(self, epj, card):
        response = epj.post(
            API + f"record/{card.pk}/antenatalAppointments",
            "{nope",
            content_type="application/json",
        )
        assert response.status_code == 400
        assert problem(response)["status"] == 400

    def test_too_large_body_is_413(self, epj, card, settings):
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        response = epj.post(
            API + f"record/{card.pk}/antenatalAppointments",
            {**APPOINTMENT, "note": "x" * 2000},
            format="json",
        )
        assert response.status_code == 413

    def test_writes_need_the_source_system(self, epj, card):
        epj.credentials(HTTP_AUTHORIZATION=f"Bearer {mint_token()}", HTTP_NHN_PATIENT_NIN=KARI.nin)
        response = epj.post(
            API + f"record/{card.pk}/antenatalAppointments", APPOINTMENT, format="json"
        )
        assert response.status_code == 400
        assert "nhn-source-system" in problem(response)["detail"]

    def test_entered_in_error_keeps_the_entry_flagged(self, epj, card):
        created = epj.post(
            API + f"record/{card.pk}/symphysisFundalHeights",
            {"measurementDate": TODAY, "pregnancyWeek": 30, "measurement": 29.0},
            format="json",
        )
        entry_id = created.json()["metadata"]["id"]
        response = epj.post(
            API + f"record/{card.pk}/symphysisFundalHeights/{entry_id}/entered-in-error",
            {"reason": "Målt på feil pasient."},
            format="json",
        )
        assert response.status_code == 200
        assert response.json()["metadata"]["enteredInError"] is True
        retracted_by = response.json()["metadata"]["enteredInErrorBy"]
        assert retracted_by["name"] == "Kari Jordmor"
        assert retracted_by["reason"] == "Målt på feil pasient."

    def test_a_retraction_names_its_reason(self, epj, card):
        entry = FundalHeightFactory(card=card)
        url = API + f"record/{card.pk}/symphysisFundalHeights/{entry.pk}/entered-in-error"
        response = epj.post(url, {}, format="json")
        assert response.status_code == 422
        assert [e["field"] for e in problem(response)["errors"]] == ["reason"]
        assert not FundalHeight.objects.get(pk=entry.pk).entered_in_error

    def test_a_retraction_of_a_changed_entry_is_412(self, epj, card):
        entry = FundalHeightFactory(card=card, version=2)
        url = API + f"record/{card.pk}/symphysisFundalHeights/{entry.pk}/entered-in-error"
        response = epj.post(url, {"reason": "Feil."}, format="json", HTTP_IF_MATCH='"1"')
        assert response.status_code == 412
        assert problem(response)["currentVersion"] == 2
        assert not FundalHeight.objects.get(pk=entry.pk).entered_in_error

    def test_a_retracted_entry_cannot_be_corrected(self, epj, card):
        entry = FundalHeightFactory(card=card)
        url = API + f"record/{card.pk}/symphysisFundalHeights/{entry.pk}"
        epj.post(url + "/entered-in-error", {"reason": "Feil."}, format="json")
        body = {"measurementDate": TODAY, "pregnancyWeek": 30, "measurement": 30.0}
        response = epj.put(url, body, format="json", HTTP_IF_MATCH='"2"')
        assert response.status_code == 409
        assert FundalHeight.objects.get(pk=entry.pk).centimetres != 30

    def test_lab_result_with_value_and_unit(self, epj, card):
        response = epj.post(
            API + f"record/{card.pk}/clinicalTests",
            {
                "test": {"code": "NOR05172", "display": "Hemoglobin"},
                "value": 11.9,
                "unit": "g/dL",
                "date": TODAY,
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["test"]["codeSystem"].endswith("7280")

    def test_unknown_collection_is_404(self, epj, card):
        response = epj.post(API + f"record/{card.pk}/inducedAbortions", {}, format="json")
        assert response.status_code == 404


class TestSections:
    def test_optimistic_concurrency_with_if_match(self, epj, kari):
        record_id = epj.post(API + "record", {}, format="json").json()["metadata"]["recordId"]
        url = API + f"record/{record_id}/currentPregnancy"
        first = epj.put(url, {"numberOfFetuses": 1}, format="json")
        assert first.status_code == 200, first.content
        assert first.json()["metadata"]["version"] == 1

        unversioned = epj.put(url, {"numberOfFetuses": 2}, format="json")
        assert unversioned.status_code == 412
        stale = epj.put(url, {"numberOfFetuses": 2}, format="json", HTTP_IF_MATCH='"7"')
        assert stale.status_code == 412
        assert problem(stale)["currentVersion"] == 1

        current = epj.put(url, {"numberOfFetuses": 2}, format="json", HTTP_IF_MATCH='"1"')
        assert current.status_code == 200
        assert (current.json()["numberOfFetuses"], current.json()["metadata"]["version"]) == (2, 2)

    def test_due_date_inconsistent_with_last_period_is_422(self, epj, kari):
        record_id = epj.post(API + "record", {}, format="json").json()["metadata"]["recordId"]
        response = epj.put(
            API + f"record/{record_id}/currentPregnancy",
            {"dateLastPeriod": "2026-06-01", "dueDateBasedOnUltrasound": "2026-07-01"},
            format="json",
        )
        assert response.status_code == 422
        assert problem(response)["errors"][0]["field"] == "dueDateBasedOnUltrasound"


class TestRateLimit:
    def test_too_many_requests_get_429_with_retry_after(self, epj, kari, settings):
        settings.DHG_API_RATE = "3/min"
        codes = [epj.get(API + "status").status_code for _ in range(4)]
        assert codes[:3] == [200, 200, 200]
        assert codes[3] == 429


class TestOpenAPI:
    def test_schema_describes_every_operation(self, client):
        response = client.get("/api/schema/?format=json")
        assert response.status_code == 200
        schema = json.loads(response.content)
        operations = {
            op["operationId"]
            for path in schema["paths"].values()
            for op in path.values()
            if isinstance(op, dict) and "operationId" in op
        }
        sections = {"Mother", "CurrentPregnancy", "RhesusDNegative", "Medication"}
        lists = {"AntenatalAppointment", "SymphysisFundalHeight", "ClinicalTest", "Ultrasound"}
        assert {
            "getStatus",
            "createRecord",
            "getRecord",
            "batch",
            *(f"put{name}" for name in sections),
            *(f"{verb}{name}" for name in lists for verb in ("add", "correct", "retract")),
        } <= operations

    def test_every_write_says_a_closed_record_is_409(self, client):
        schema = json.loads(client.get("/api/schema/?format=json").content)
        without = [
            op["operationId"]
            for path in schema["paths"].values()
            for method, op in path.items()
            if method in ("post", "put") and "409" not in op["responses"]
        ]
        assert without == []

    def test_every_operation_with_a_body_has_an_example(self, client):
        schema = json.loads(client.get("/api/schema/?format=json").content)
        without = [
            op["operationId"]
            for path in schema["paths"].values()
            for op in path.values()
            if "requestBody" in op
            and not op["requestBody"]["content"]["application/json"].get("examples")
        ]
        assert without == []

    def test_docs_page_loads_nothing_from_the_internet(self, client):
        html = client.get("/api/docs/").content.decode()
        assert "redoc" in html.lower()
        assert "cdn." not in html and "https://" not in html.split("<body")[0]


@pytest.mark.parametrize("entries", [1, 10, 40, 100])
def test_get_record_query_count_does_not_grow(epj, kari, django_assert_num_queries, entries):
    card = CardFactory(woman=kari)
    ConsultationFactory.create_batch(entries, card=card)
    FundalHeightFactory.create_batch(entries, card=card)
    LabResultFactory.create_batch(entries, card=card)
    # the woman with her consent; the record's version, the log insert; the record with its
    # sections, 13 lists and the fetal rows, its acknowledged alerts; the savepoint pair of its
    # transaction in the test's
    with django_assert_num_queries(21):
        response = epj.get(API + f"record/{card.pk}")
    assert len(response.json()["antenatalAppointments"]) == entries
    # Unchanged since: the woman with her consent, the record's version and the log insert.
    with django_assert_num_queries(5):
        again = epj.get(API + f"record/{card.pk}")
    assert again.json() == response.json()
    assert AccessEvent.objects.filter(section="record", action="read").count() == 2
