"""The handover to the child's health station: the birth, the babies, feeding and what to
follow up, read through the API with her consent and logged."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consent.services import withdraw_consent
from healthcard.api.claims import CLAIM_ORG_PARENT
from healthcard.models import AccessEvent, Birth, Card, PostpartumVisit
from tests.conftest import API
from tests.factories import (
    BabyFactory,
    BirthFactory,
    CardFactory,
    CurrentPregnancyFactory,
    PostpartumVisitFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HEALTH_STATION = "998877601"


@pytest.fixture
def delivered(kari):
    """Twins born at 35+2 ten days ago; one in neonatal care; Kari's EPDS 14 on day 8."""
    card = CurrentPregnancyFactory(
        card__woman=kari,
        due_date_ultrasound=TODAY + datetime.timedelta(days=26),
        number_of_fetuses=2,
    ).card
    birth = BirthFactory(
        card=card,
        born_at=timezone.now() - datetime.timedelta(days=10),
        weeks=35,
        days=2,
        mode=Birth.Mode.EMERGENCY_CAESAREAN,
        baby=None,
    )
    BabyFactory(birth=birth, fetus=1, weight_g=2300, apgar_5=9, neonatal_care=True)
    BabyFactory(birth=birth, fetus=2, weight_g=2600, apgar_5=6)
    PostpartumVisitFactory(
        card=card,
        date=TODAY - datetime.timedelta(days=8),
        kind=PostpartumVisit.Kind.HOME_VISIT,
        feeding=PostpartumVisit.Feeding.MIXED,
        baby_weight_g=2250,
    )
    PostpartumVisitFactory(
        card=card,
        date=TODAY - datetime.timedelta(days=2),
        kind=PostpartumVisit.Kind.HEALTH_STATION,
        epds_score=14,
    )
    Card.objects.filter(pk=card.pk).update(
        status=Card.Status.DELIVERED, delivery_date=TODAY - datetime.timedelta(days=10)
    )
    return card


def get(epj, card):
    return epj.get(API + f"record/{card.pk}/handover")


def test_the_health_station_reads_what_to_follow_up(epj_client, kari, delivered):
    response = get(epj_client(kari, **{CLAIM_ORG_PARENT: HEALTH_STATION}), delivered)
    assert response.status_code == 200, response.content
    handover = response.json()
    assert handover["birth"]["mode"] == "emergency_caesarean"
    assert [b["weightGrams"] for b in handover["birth"]["babies"]] == [2300, 2600]
    assert handover["feeding"] == {
        "value": "mixed",
        "on": str(TODAY - datetime.timedelta(days=8)),
    }  # the latest visit that asked
    assert handover["latestBabyWeight"]["grams"] == 2250
    codes = [item["code"] for item in handover["followUp"]]
    assert codes == [
        "probable-depression",
        "preterm",
        "neonatal-care",
        "low-birth-weight",
        "low-apgar",
    ]
    assert "Baby 1 was in neonatal care." in [i["text"] for i in handover["followUp"]]


def test_a_stillbirth_asks_nothing_of_the_baby(epj_client, kari):
    card = CurrentPregnancyFactory(card__woman=kari).card
    birth = BirthFactory(card=card, weeks=30, baby=None)
    BabyFactory(birth=birth, outcome="stillbirth", weight_g=1400)
    Card.objects.filter(pk=card.pk).update(status=Card.Status.DELIVERED, delivery_date=TODAY)
    handover = get(epj_client(kari), card).json()
    assert handover["followUp"] == []


def test_the_read_is_in_her_access_log(epj_client, kari, delivered):
    get(epj_client(kari, **{CLAIM_ORG_PARENT: HEALTH_STATION}), delivered)
    event = AccessEvent.objects.filter(woman=kari).latest("pk")
    assert (event.action, event.section, event.org_nr) == ("read", "handover", HEALTH_STATION)


def test_there_is_nothing_to_hand_over_before_the_birth(epj_client, kari):
    card = CardFactory(woman=kari)
    response = get(epj_client(kari), card)
    assert response.status_code == 409
    assert "No birth" in response.json()["detail"]


def test_without_her_consent_there_is_no_handover(epj_client, kari, delivered):
    epj = epj_client(kari)
    withdraw_consent(woman=kari)
    assert get(epj, delivered).status_code == 403


def test_another_womans_record_is_not_found(epj_client, kari, ingrid, delivered):
    from consent.services import give_consent

    give_consent(woman=ingrid)
    assert get(epj_client(ingrid), delivered).status_code == 404


def test_the_handover_costs_the_same_queries_with_more_visits(epj_client, kari, delivered):
    epj = epj_client(kari)
    get(epj, delivered)
    with CaptureQueriesContext(connection) as few:
        get(epj, delivered)
    for day in range(3, 8):
        PostpartumVisitFactory(card=delivered, date=TODAY - datetime.timedelta(days=day))
    with CaptureQueriesContext(connection) as many:
        get(epj, delivered)
    assert len(many) == len(few)
