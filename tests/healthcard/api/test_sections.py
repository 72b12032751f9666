"""Every section and list of the card can be written through the API and read back."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from healthcard import parts
from healthcard.api.devkey import mint_token
from tests.conftest import API, KARI

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
LAST_PERIOD = (timezone.localdate() - datetime.timedelta(days=18 * 7 + 3)).isoformat()

SECTIONS = {
    "mother": {
        "address": "Eksempelveien 2",
        "postNumber": "0368",
        "postName": "Oslo",
        "phone": "+47 99887766",
        "cohabitingCoparent": True,
        "employmentPercentage": 80,
        "language": {"code": "nor", "display": "Norsk"},
        "needsLanguageInterpreter": False,
    },
    "previousPregnancies": {
        "numberOfPreviousPregnancies": 2,
        "numberOfPreviousLiveBirths": 1,
        "spontaneousMiscarriages": 1,
    },
    "geneticDisorders": {"noneKnown": True, "parentsAreRelatives": False},
    "medicalConditions": {"nothingParticular": False, "diabetes": True, "note": "Type 1"},
    "medication": {
        "medicationFrequency": "regular",
        "drugAllergy": False,
        "folate": {"takenBefore": True, "takenDuring": True},
    },
    "vitalMeasurementsBeforePregnancy": {"height": 170, "prePregnancyWeight": 65},
    # 18+3 today, as the ultrasound below says
    "currentPregnancy": {"dateLastPeriod": LAST_PERIOD, "numberOfFetuses": 1},
    "rhesusDNegative": {"consentToFetalRhDTest": True},
}
COLLECTIONS = {
    "ultrasounds": {
        "kind": "routine",
        "date": TODAY,
        "pregnancyWeek": 18,
        "daysAfterFullPregnancyWeek": 3,
        "dueDate": (timezone.localdate() + datetime.timedelta(days=283 - 18 * 7 - 3)).isoformat(),
        "numberOfFetuses": 1,
        "placenta": "Bakre vegg",
    },
    "pointsOfContact": {
        "role": "midwife",
        "name": "Kari Jordmor",
        "organisationNumber": "974589095",
        "hprNumber": "9144900",
    },
    "lifestyleFactors": {
        "stimuliType": "snus",
        "stimuliFrequencyFirstConsultation": {"stimuliFrequency": "daily", "dailyCount": 4},
    },
    "notes": {"kind": "birth_plan", "text": "Ønsker tidlig epidural."},
    "birthStatus": {
        "fosterId": 1,
        "birthStatus": "live_birth",
        "dateTime": timezone.now().isoformat(),
    },
}


@pytest.fixture
def epj_with_record(kari):
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {mint_token()}",
        HTTP_NHN_PATIENT_NIN=KARI.nin,
        HTTP_NHN_SOURCE_SYSTEM="Test EPJ",
    )
    record_id = client.post(API + "record", {}, format="json").json()["metadata"]["recordId"]
    return client, record_id


@pytest.mark.parametrize(("section", "body"), SECTIONS.items())
def test_each_section_is_written_and_read_back(epj_with_record, section, body):
    client, record_id = epj_with_record
    response = client.put(API + f"record/{record_id}/{section}", body, format="json")
    assert response.status_code == 200, response.content
    stored = client.get(API + f"record/{record_id}").json()[section]
    for key, value in body.items():
        # Coded values come back with their code system added.
        assert stored[key] == value or value.items() <= stored[key].items()
    assert stored["metadata"]["lastUpdatedBy"]["sourceSystem"] == "Test EPJ"


@pytest.mark.parametrize(("collection", "body"), COLLECTIONS.items())
def test_each_list_takes_entries(epj_with_record, collection, body):
    client, record_id = epj_with_record
    response = client.post(API + f"record/{record_id}/{collection}", body, format="json")
    assert response.status_code == 201, response.content
    entries = client.get(API + f"record/{record_id}").json()[collection]
    assert [e["metadata"]["id"] for e in entries] == [response.json()["metadata"]["id"]]


def test_a_put_replaces_the_section_so_left_out_fields_become_unrecorded(epj_with_record):
    client, record_id = epj_with_record
    url = API + f"record/{record_id}/geneticDisorders"
    client.put(url, {"noneKnown": True, "hipDysplasia": True}, format="json")
    client.put(url, {"noneKnown": False}, format="json", HTTP_IF_MATCH='"1"')
    stored = client.get(API + f"record/{record_id}").json()["geneticDisorders"]
    assert (stored["noneKnown"], stored["hipDysplasia"]) == (False, None)


def test_the_card_never_takes_induced_abortions(epj_with_record):
    client, record_id = epj_with_record
    response = client.put(
        API + f"record/{record_id}/previousPregnancies",
        {"numberOfInducedAbortions": 1},
        format="json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "numberOfInducedAbortions"


def writable(section: str, document: dict) -> dict:
    """The section as read, without what the server computes (her name, the due date)."""
    fields = parts.BY_NAME[section].body().fields
    return {k: v for k, v in document.items() if not (k in fields and fields[k].read_only)}


def test_read_only_fields_are_refused_not_dropped(epj_with_record):
    client, record_id = epj_with_record
    for section, field, value in [
        ("mother", "name", "Eva"),
        ("currentPregnancy", "dueDate", "2027-01-01"),
    ]:
        body = {**SECTIONS[section], field: value}
        response = client.put(API + f"record/{record_id}/{section}", body, format="json")
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": field, "message": "Read-only: the server sets this; leave it out."}
        ]


def test_a_whole_record_read_can_be_written_back_unchanged(epj_with_record):
    """Read-modify-write: what GET record returns is accepted by PUT and POST, without the
    fields the server computes."""
    client, record_id = epj_with_record
    for section, body in SECTIONS.items():
        client.put(API + f"record/{record_id}/{section}", body, format="json")
    # Not a birth: her dating (week 18) makes one implausible; test_parts writes one back.
    collections = {name: body for name, body in COLLECTIONS.items() if name != "birthStatus"}
    for collection, body in collections.items():
        client.post(API + f"record/{record_id}/{collection}", body, format="json")
    record = client.get(API + f"record/{record_id}").json()
    for section in SECTIONS:
        response = client.put(
            API + f"record/{record_id}/{section}",
            writable(section, record[section]),
            format="json",
        )
        assert response.status_code == 200, (section, response.content)
    for collection in collections:
        entry = record[collection][0]
        response = client.put(
            API + f"record/{record_id}/{collection}/{entry['metadata']['id']}",
            entry,
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        assert response.status_code == 200, (collection, response.content)


@pytest.mark.parametrize(
    ("section", "field", "value", "message"),
    [
        ("previousPregnancies", "numberOfPreviousPregnancies", "2", "Must be a whole number."),
        ("previousPregnancies", "numberOfPreviousPregnancies", True, "Must be a whole number."),
        ("geneticDisorders", "noneKnown", "yes", "Must be true or false."),
        ("geneticDisorders", "noneKnown", 1, "Must be true or false."),
        ("medicalConditions", "note", 123, "Must be text."),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_not_converted(
    epj_with_record, section, field, value, message
):
    client, record_id = epj_with_record
    response = client.put(API + f"record/{record_id}/{section}", {field: value}, format="json")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": field, "message": message}]
