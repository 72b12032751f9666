import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from healthcard.api.devkey import mint_token
from healthcard.models import EntryRevision
from tests.conftest import API, KARI

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
APPOINTMENT = {
    "date": TODAY,
    "pregnancyWeek": 30,
    "motherWeight": 76.5,
    "bloodPressure": {"systolic": 120, "diastolic": 80},
    "fetusesVitalSigns": [{"fosterId": 1, "fetalHeartRate": 140}],
}


@pytest.fixture
def epj_entry(kari):
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {mint_token()}",
        HTTP_NHN_PATIENT_NIN=KARI.nin,
        HTTP_NHN_SOURCE_SYSTEM="Test EPJ",
    )
    record_id = client.post(API + "record", {}, format="json").json()["metadata"]["recordId"]
    created = client.post(
        API + f"record/{record_id}/antenatalAppointments", APPOINTMENT, format="json"
    ).json()
    return client, API + f"record/{record_id}/antenatalAppointments/{created['metadata']['id']}"


def test_correction_with_the_current_version_replaces_and_keeps_the_old(epj_entry):
    client, url = epj_entry
    corrected = {
        **APPOINTMENT,
        "motherWeight": 66.5,
        "fetusesVitalSigns": [{"fosterId": 1, "fetalHeartRate": 150}],
    }
    response = client.put(url, corrected, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["motherWeight"], body["metadata"]["version"]) == (66.5, 2)
    assert body["fetusesVitalSigns"][0]["fetalHeartRate"] == 150
    revision = EntryRevision.objects.get()
    assert (revision.version, revision.document["motherWeight"]) == (1, 76.5)


def test_correction_of_a_stale_version_is_412(epj_entry):
    client, url = epj_entry
    client.put(url, APPOINTMENT, format="json", HTTP_IF_MATCH='"1"')
    response = client.put(url, APPOINTMENT, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert response.json()["currentVersion"] == 2


def test_correction_without_a_version_is_412(epj_entry):
    client, url = epj_entry
    assert client.put(url, APPOINTMENT, format="json").status_code == 412


def test_the_document_read_can_be_sent_back_with_its_metadata(epj_entry):
    client, url = epj_entry
    record_url = url.rsplit("/antenatalAppointments", 1)[0]
    entry = client.get(record_url).json()["antenatalAppointments"][0]
    entry["motherWeight"] = 70.0
    sent = {k: v for k, v in entry.items() if v is not None}
    response = client.put(url, sent, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
