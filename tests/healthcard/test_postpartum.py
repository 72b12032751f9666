"""After the birth: the checks of the postpartum period, through the API and the admin, the
rules that read them, and what she sees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from healthcard import parts
from healthcard.clinical import rules
from healthcard.models import Card, PostpartumVisit
from tests.conftest import API
from tests.factories import CurrentPregnancyFactory, PostpartumVisitFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def card(kari):
    """Kari, delivered three days ago."""
    due = TODAY + datetime.timedelta(days=1)
    card = CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=due).card
    card.status = Card.Status.DELIVERED
    card.delivery_date = TODAY - datetime.timedelta(days=3)
    card.save()
    return card


def codes(card) -> list[str]:
    card.refresh_from_db()
    return [a.code for a in rules.alerts(rules.Facts.of(card, TODAY))]


class TestRules:
    @pytest.mark.parametrize(
        ("pressure", "expected"),
        [((139, 89), []), ((140, 80), ["postpartum-hypertension"]),
         ((159, 109), ["postpartum-hypertension"]),
         ((160, 100), ["postpartum-severe-hypertension"])],
    )  # fmt: skip
    def test_blood_pressure_after_the_birth(self, card, pressure, expected):
        PostpartumVisitFactory(card=card, systolic=pressure[0], diastolic=pressure[1])
        assert codes(card) == expected

    def test_a_later_normal_pressure_ends_it(self, card):
        PostpartumVisitFactory(
            card=card, systolic=150, diastolic=95, date=TODAY - datetime.timedelta(2)
        )
        PostpartumVisitFactory(card=card, systolic=128, diastolic=80)
        assert codes(card) == []

    @pytest.mark.parametrize(
        ("score", "expected"),
        [(9, []), (10, ["possible-depression"]), (12, ["possible-depression"]),
         (13, ["probable-depression"])],
    )  # fmt: skip
    def test_epds(self, card, score, expected):
        PostpartumVisitFactory(card=card, epds_score=score)
        assert codes(card) == expected

    def test_thoughts_of_self_harm_are_urgent(self, card):
        PostpartumVisitFactory(card=card, epds_score=8, epds_self_harm=True)
        assert codes(card) == ["thoughts-of-self-harm"]

    def test_heavy_bleeding_is_urgent_and_a_wound_problem_a_warning(self, card):
        PostpartumVisitFactory(card=card, bleeding="heavy", wound="problem")
        assert codes(card) == ["postpartum-heavy-bleeding", "postpartum-wound-problem"]
        PostpartumVisitFactory(card=card, bleeding="normal", wound="healing")  # seen again
        assert codes(card) == []

    def test_a_retracted_visit_raises_nothing(self, card):
        PostpartumVisitFactory(card=card, epds_score=20, entered_in_error=True)
        assert codes(card) == []


class TestApi:
    def body(self, **changes) -> dict:
        return {**parts.BY_NAME["postpartumVisits"].example, "date": TODAY.isoformat(), **changes}

    def test_a_home_visit_is_written_and_raises_what_it_should(self, epj_client, kari, card):
        epj = epj_client(kari)
        visit = self.body(bloodPressure={"systolic": 162, "diastolic": 104}, epdsScore=11)
        response = epj.post(API + f"record/{card.pk}/postpartumVisits", visit, format="json")
        assert response.status_code == 201, response.content
        document = epj.get(API + f"record/{card.pk}").json()
        [written] = document["postpartumVisits"]
        assert (written["kind"], written["epdsScore"]) == ("home_visit", 11)
        alerts = [a["code"] for a in document["clinicalAlerts"]]
        assert alerts == ["postpartum-severe-hypertension", "possible-depression"]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"epdsScore": 31}, "epdsScore"),
            ({"kind": "party"}, "kind"),
            ({"babyWeightGrams": 100}, "babyWeightGrams"),
            ({"bloodPressure": {"systolic": 80, "diastolic": 90}}, "bloodPressure.systolic"),
            ({"date": (TODAY + datetime.timedelta(1)).isoformat()}, "date"),
            ({"date": (TODAY - datetime.timedelta(4)).isoformat()}, "date"),  # before the birth
        ],
    )
    def test_bad_input_is_refused_naming_the_field(self, epj_client, kari, card, changes, field):
        response = epj_client(kari).post(
            API + f"record/{card.pk}/postpartumVisits", self.body(**changes), format="json"
        )
        assert response.status_code == 422, response.content
        assert field in [e["field"] for e in response.json()["errors"]]
        assert not PostpartumVisit.objects.exists()


def test_a_check_after_the_birth_needs_the_birth(epj_client, kari):
    card = CurrentPregnancyFactory(card__woman=kari).card
    response = epj_client(kari).post(
        API + f"record/{card.pk}/postpartumVisits",
        {**parts.BY_NAME["postpartumVisits"].example, "date": TODAY.isoformat()},
        format="json",
    )
    assert response.status_code == 422
    assert "birth recorded first" in response.json()["errors"][0]["message"]


def test_the_midwife_records_a_home_visit_in_the_admin(midwife_client, card):
    url = reverse("admin:dhg_add_entry", args=[card.pk, "postpartumvisit"])
    form = {"date": TODAY.isoformat(), "kind": "home_visit", "systolic": "126",
            "diastolic": "80", "feeding": "breast", "epds_self_harm": "unknown",
            "contraception_discussed": "true", "baby_weight_g": "3400"}  # fmt: skip
    response = midwife_client.post(url, form, follow=True)
    html = response.content.decode()
    assert "Lagret på helsekortet hennes." in html
    [visit] = PostpartumVisit.objects.filter(card=card)
    assert (visit.systolic, visit.contraception_discussed, visit.recorded_by_name) == (
        126,
        True,
        "Jorunn Jordmor",
    )
    assert 'id="postpartumvisit"' in html and "3400 g" in html


def test_she_sees_the_checks_after_the_birth_and_which_are_done(kari_client, card):
    PostpartumVisitFactory(card=card, kind="home_visit", baby_weight_g=3350)
    html = kari_client.get(reverse("healthcard:card_by_id", args=[card.pk])).content.decode()
    section = html[html.index('id="postpartumvisit"') :]
    assert "Etter fødselen" in section
    assert "Hjemmebesøk fra jordmor" in section and "– gjort" in section
    assert "Kontroll etter seks uker" in section and "3350 g" in section
