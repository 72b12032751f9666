"""What a record system reads in GET record besides the entries: the card's clinical alerts
(also in GET status, gone again when their cause is retracted), and her current name."""

import datetime

import pytest
from django.utils import timezone

from consent.services import withdraw_consent
from healthcard import parts
from healthcard.api.claims import CLAIM_HPR
from healthcard.models import AlertAcknowledgement
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
    assert alert["actionEn"].startswith("Blood pressure 140/90 or higher after week 20 with")
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


class TestAcknowledgement:
    """A record system acknowledges an alert by its id, as a midwife does in the admin."""

    def raise_alert(self, epj, card) -> dict:
        epj.post(API + f"record/{card.pk}/antenatalAppointments", DANGEROUS_VISIT, format="json")
        [alert] = epj.get(API + f"record/{card.pk}").json()["clinicalAlerts"]
        return alert

    def url(self, card, alert_id: str) -> str:
        return API + f"record/{card.pk}/clinicalAlerts/{alert_id}/acknowledgement"

    def test_acknowledged_with_a_note_it_no_longer_counts_as_open(self, epj_client, kari, card):
        epj = epj_client(kari, name="Kari Jordmor", org_name="Frogner helsestasjon")
        alert = self.raise_alert(epj, card)
        note = {"note": "Henvist til fødeavdelingen, time i dag kl. 14."}
        response = epj.post(self.url(card, alert["id"]), note, format="json")
        assert response.status_code == 200, response.content
        seen = response.json()
        assert (seen["id"], seen["code"]) == (alert["id"], "suspected-preeclampsia")
        assert seen["acknowledgedBy"]["name"] == "Kari Jordmor"
        assert seen["acknowledgedBy"]["note"] == note["note"]
        assert epj.get(API + "status").json()["hasOpenUrgentAlert"] is False
        [kept] = epj.get(API + f"record/{card.pk}").json()["clinicalAlerts"]
        assert kept["acknowledgedBy"]["note"] == note["note"]

        again = epj.post(self.url(card, alert["id"]), {"note": "Igjen."}, format="json")
        assert again.status_code == 200
        assert again.json()["acknowledgedBy"]["note"] == note["note"]  # the first one stands
        assert AlertAcknowledgement.objects.filter(card=card).count() == 1

    def test_an_alert_that_has_ended_or_never_was_is_404(self, epj_client, kari, card):
        epj = epj_client(kari)
        alert = self.raise_alert(epj, card)
        [entry] = epj.get(API + f"record/{card.pk}").json()["antenatalAppointments"]
        epj.post(
            API
            + f"record/{card.pk}/antenatalAppointments/{entry['metadata']['id']}/entered-in-error",
            {"reason": "Feil pasient."},
            format="json",
        )
        for alert_id in (alert["id"], "not-an-alert"):
            response = epj.post(self.url(card, alert_id), {}, format="json")
            assert response.status_code == 404
            assert "Read the record again" in response.json()["detail"]
        assert not AlertAcknowledgement.objects.exists()

    def test_a_bad_body_or_a_missing_source_system_is_refused(self, epj_client, kari, card):
        epj = epj_client(kari)
        alert = self.raise_alert(epj, card)
        too_long = epj.post(self.url(card, alert["id"]), {"note": "x" * 501}, format="json")
        assert too_long.status_code == 422
        assert [e["field"] for e in too_long.json()["errors"]] == ["note"]
        unknown = epj.post(self.url(card, alert["id"]), {"colour": "red"}, format="json")
        assert unknown.status_code == 422
        anonymous = epj_client(kari, source_system="")
        assert anonymous.post(self.url(card, alert["id"]), {}, format="json").status_code == 400
        assert not AlertAcknowledgement.objects.exists()

    def test_a_system_without_a_health_professional_cannot_acknowledge(
        self, epj_client, kari, card
    ):
        alert = self.raise_alert(epj_client(kari), card)
        machine = epj_client(kari, name="EPJ machine", **{CLAIM_HPR: ""})
        response = machine.post(self.url(card, alert["id"]), {}, format="json")
        assert response.status_code == 403
        assert "HPR number" in response.json()["detail"]
        assert not AlertAcknowledgement.objects.exists()

    def test_only_for_her_record_and_with_her_consent(self, epj_client, kari, card, ingrid):
        epj = epj_client(kari)
        alert = self.raise_alert(epj, card)
        other = epj_client(ingrid).post(self.url(card, alert["id"]), {}, format="json")
        assert other.status_code == 403  # Ingrid has not consented
        withdraw_consent(woman=kari)
        assert epj.post(self.url(card, alert["id"]), {}, format="json").status_code == 403
        assert not AlertAcknowledgement.objects.exists()
