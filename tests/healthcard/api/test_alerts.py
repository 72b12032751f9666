"""What a record system reads in GET record besides the entries: the card's clinical alerts
(also in GET status, gone again when their cause is retracted), and her current name."""

import datetime

import pytest
from django.utils import timezone

from healthcard import parts
from tests.conftest import API
from tests.factories import CurrentPregnancyFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DANGEROUS_VISIT = {
    **parts.BY_NAME["antenatalAppointments"].example,
    "date": TODAY.isoformat(),
    "pregnancyWeek": 30,
    "daysAfterFullPregnancyWeek": 0,
    "bloodPressure": {"systolic": 150, "diastolic": 98},
    "proteinInUrineTestResult": {"code": "T049"},
    "edema": 2,
}


@pytest.fixture
def card(kari):
    due = TODAY + datetime.timedelta(days=283 - 30 * 7)
    return CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=due).card


def test_a_dangerous_visit_raises_an_urgent_alert_and_its_retraction_ends_it(
    epj_client, kari, card
):
    epj = epj_client(kari)
    assert epj.get(API + "status").json()["hasOpenUrgentAlert"] is False
    visit = epj.post(
        API + f"record/{card.pk}/antenatalAppointments", DANGEROUS_VISIT, format="json"
    )
    entry_id = visit.json()["metadata"]["id"]

    [alert] = epj.get(API + f"record/{card.pk}").json()["clinicalAlerts"]
    assert (alert["code"], alert["severity"]) == ("suspected-preeclampsia", "urgent")
    assert alert["basedOn"] == [{"list": "antenatalAppointments", "id": entry_id, "version": 1}]
    assert alert["raisedAt"] == TODAY.isoformat()
    assert alert["title"] == "Mistanke om preeklampsi"
    assert alert["titleEn"] == "Suspected pre-eclampsia"
    assert alert["actionEn"].startswith("Blood pressure 140/90 or higher with protein")
    assert alert["guidelineReference"]["url"].startswith("https://www.helsedirektoratet.no/")
    assert epj.get(API + "status").json()["hasOpenUrgentAlert"] is True

    epj.post(
        API + f"record/{card.pk}/antenatalAppointments/{entry_id}/entered-in-error",
        {"reason": "Feil pasient."},
        format="json",
    )
    assert epj.get(API + f"record/{card.pk}").json()["clinicalAlerts"] == []
    assert epj.get(API + "status").json()["hasOpenUrgentAlert"] is False


def test_signs_written_at_a_visit_raise_the_same_day_alert(epj_client, kari, card):
    epj = epj_client(kari)
    visit = {**DANGEROUS_VISIT, "bloodPressure": {"systolic": 124, "diastolic": 78},
             "proteinInUrineTestResult": {"code": "T008"}, "edema": 0,
             "headache": True, "visualDisturbance": True, "epigastricPain": False}  # fmt: skip
    response = epj.post(API + f"record/{card.pk}/antenatalAppointments", visit, format="json")
    assert response.status_code == 201, response.content
    document = epj.get(API + f"record/{card.pk}").json()
    [written] = document["antenatalAppointments"]
    assert (written["headache"], written["visualDisturbance"], written["epigastricPain"]) == (
        True,
        True,
        False,
    )
    assert [a["code"] for a in document["clinicalAlerts"]] == ["preeclampsia-symptoms"]
    assert epj.get(API + "status").json()["hasOpenUrgentAlert"] is True


def test_a_symptom_must_be_yes_no_or_null(epj_client, kari, card):
    visit = {**DANGEROUS_VISIT, "headache": "sometimes"}
    response = epj_client(kari).post(
        API + f"record/{card.pk}/antenatalAppointments", visit, format="json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["headache"]


def test_the_record_names_her_as_she_is_now_even_from_its_copy(epj_client, kari, card):
    """Her name comes from ID-porten at login, which does not make a new card version."""
    epj = epj_client(kari)
    assert epj.get(API + f"record/{card.pk}").json()["mother"]["name"] == kari.get_full_name()
    kari.full_name = "Kari Nyttnavn"
    kari.save()
    assert epj.get(API + f"record/{card.pk}").json()["mother"]["name"] == "Kari Nyttnavn"
