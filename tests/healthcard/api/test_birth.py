"""The hospital records the birth: the record becomes DELIVERED, as in NHN's recordStatus,
and what cannot be a birth is refused with 422 naming the field."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from healthcard import parts
from healthcard.models import Baby, Birth, Card
from tests.conftest import API
from tests.factories import CurrentPregnancyFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def card(kari):
    """Kari at 39+4 today, one baby."""
    due = timezone.localdate() + datetime.timedelta(days=3)
    return CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=due).card


def birth(**changes) -> dict:
    born = timezone.localtime(NOW - datetime.timedelta(hours=2))
    body = {**parts.BY_NAME["birth"].example, "dateTime": born.isoformat(), **changes}
    body["pregnancyWeek"], body["daysAfterFullPregnancyWeek"] = (
        changes.get("pregnancyWeek", 39),
        changes.get("daysAfterFullPregnancyWeek", 4),
    )
    return body


def baby(**changes) -> dict:
    return {**parts.BY_NAME["birth"].example["babies"][0], **changes}


def put(epj, card, body):
    return epj.put(API + f"record/{card.pk}/birth", body, format="json")


def errors(response) -> list[str]:
    assert response.status_code == 422, response.content[:400]
    return [e["field"] for e in response.json()["errors"]]


def test_a_birth_marks_the_record_delivered_and_reads_back(epj_client, kari, card):
    epj = epj_client(kari)
    response = put(epj, card, birth())
    assert response.status_code in (200, 201), response.content
    document = epj.get(API + f"record/{card.pk}").json()
    assert document["metadata"]["recordStatus"] == {
        "status": "DELIVERED",
        "deliveryDate": timezone.localdate(NOW - datetime.timedelta(hours=2)).isoformat(),
        "liveBirth": True,
        "terminationDate": None,
        "closedDateTime": None,
    }
    written = document["birth"]
    assert (written["mode"], written["bloodLossMl"], written["perinealTear"]) == (
        "spontaneous_vaginal",
        350,
        "1",
    )
    [girl] = written["babies"]
    assert (girl["weightGrams"], girl["apgar5"], girl["sex"]) == (3480, 10, "female")
    status = epj.get(API + "status").json()
    assert status["hasActiveMaternityRecord"] is False
    assert "post-term" not in {a["code"] for a in document["clinicalAlerts"]}


def test_a_stillbirth_is_no_live_birth(epj_client, kari, card):
    put(
        epj_client(kari),
        card,
        birth(babies=[baby(birthStatus="stillbirth", apgar1=0, apgar5=0, apgar10=0)]),
    )
    card.refresh_from_db()
    assert (card.status, card.live_birth) == (Card.Status.DELIVERED, False)


def test_twins_each_have_a_row_and_a_rewrite_replaces_them(epj_client, kari, card):
    card.currentpregnancy.number_of_fetuses = 2
    card.currentpregnancy.save()
    epj = epj_client(kari)
    twins = [baby(), baby(fosterId=2, sex="male", weightGrams=2900)]
    assert put(epj, card, birth(babies=twins)).status_code in (200, 201)
    version = Birth.objects.get(card=card).version
    again = epj.put(
        API + f"record/{card.pk}/birth",
        birth(babies=[baby(), baby(fosterId=2, weightGrams=2950)]),
        format="json",
        HTTP_IF_MATCH=f'"{version}"',
    )
    assert again.status_code == 200, again.content
    assert sorted(Baby.objects.values_list("fetus", "weight_g")) == [(1, 3480), (2, 2950)]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"dateTime": (NOW + datetime.timedelta(hours=1)).isoformat()}, "dateTime"),
        ({"pregnancyWeek": 21}, "pregnancyWeek"),
        ({"pregnancyWeek": 30}, "pregnancyWeek"),  # the date says 39+4
        ({"mode": "teleport"}, "mode"),
        ({"complications": ["dragons"]}, "complications[0]"),
        ({"maternityUnitOrgNr": "993467048"}, "maternityUnitOrgNr"),
        ({"bloodLossMl": 20000}, "bloodLossMl"),
        ({"babies": []}, "babies"),
        ({"babies": [baby(fosterId=2)]}, "babies[0].fosterId"),  # she carries one baby
        ({"babies": [baby(), baby()]}, "babies"),
        ({"babies": [baby(apgar5=11)]}, "babies[0].apgar5"),
        ({"babies": [baby(weightGrams=200)]}, "babies[0].weightGrams"),
        ({"babies": [baby(lengthCm=90)]}, "babies[0].lengthCm"),
        ({"babies": [baby(birthStatus="unknown")]}, "babies[0].birthStatus"),
        ({"onset": "no_labour"}, "onset"),  # with a vaginal birth
        ({"mode": "planned_caesarean", "onset": "spontaneous"}, "mode"),
        ({"mode": "emergency_caesarean", "perinealTear": "2"}, "perinealTear"),
        ({"complications": ["other", "other"]}, "complications"),
        ({"complications": ["postpartum_haemorrhage"], "bloodLossMl": 200}, "bloodLossMl"),
        ({"babies": [baby(birthStatus="stillbirth", apgar5=9)]}, "babies[0].apgar1"),
        (
            {"babies": [baby(birthStatus="stillbirth", transferredToNeonatalCare=True)]},
            "babies[0].transferredToNeonatalCare",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_what_cannot_be_a_birth_is_refused_naming_the_field(epj_client, kari, card, changes, field):
    response = put(epj_client(kari), card, birth(**changes))
    assert field in errors(response)
    card.refresh_from_db()
    assert card.status == Card.Status.ACTIVE
    assert not Birth.objects.exists()


def test_a_birth_before_week_22_by_her_dating_is_refused(epj_client, kari):
    """At 20+2 by her due date: the claimed week 22 is within the tolerance, her dating is
    not."""
    due = timezone.localdate() + datetime.timedelta(days=283 - (20 * 7 + 2))
    card = CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=due).card
    born = timezone.localtime(NOW - datetime.timedelta(minutes=30)).isoformat()
    response = put(
        epj_client(kari), card, birth(dateTime=born, pregnancyWeek=22, daysAfterFullPregnancyWeek=0)
    )
    assert "dateTime" in errors(response)
    assert "TERMINATED" in response.json()["errors"][0]["message"]
    status = epj_client(kari).post(
        API + f"record/{card.pk}/birthStatus",
        {"fosterId": 1, "birthStatus": "live_birth", "dateTime": born},
        format="json",
    )
    assert "dateTime" in errors(status)
    card.refresh_from_db()
    assert card.status == Card.Status.ACTIVE


def test_she_reads_the_birth_on_her_card(epj_client, kari, card, kari_client):
    put(epj_client(kari), card, birth(complications=["postpartum_haemorrhage"], bloodLossMl=1200))
    urls = (reverse("healthcard:card_detail"), reverse("healthcard:card_health", args=[card.pk]))
    for url in urls:
        html = kari_client.get(url).content.decode()
        section = html[html.index('id="birth"') :]
        assert "Fødselen" in section and "Spontan vaginal" in section
        assert "3480 g" in section and "9 etter 1 min, 10 etter 5 min, 10 etter 10 min" in section
        assert "Blødning over 1000 ml" in section


def test_the_midwife_reads_it_in_the_admin(epj_client, kari, card, midwife_client):
    put(epj_client(kari), card, birth())
    html = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
    assert 'id="birth"' in html and "Ullevål sykehus, fødeavdelingen" in html


def test_a_birth_status_entry_also_delivers_the_record(epj_client, kari, card):
    epj = epj_client(kari)
    born = timezone.localtime(NOW - datetime.timedelta(hours=1))
    status = {"fosterId": 1, "birthStatus": "live_birth", "dateTime": born.isoformat()}
    response = epj.post(API + f"record/{card.pk}/birthStatus", status, format="json")
    assert response.status_code == 201, response.content
    recorded = epj.get(API + f"record/{card.pk}").json()["metadata"]["recordStatus"]
    assert (recorded["status"], recorded["deliveryDate"], recorded["liveBirth"]) == (
        "DELIVERED",
        born.date().isoformat(),
        True,
    )
