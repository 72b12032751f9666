"""The demo data tells whole stories, written through the same services as real data (so
its plausibility checks pass): among them a birth with the checks after it, and a woman
whose second card carried her history over from her first, closed one."""

import pytest
from django.core.management import call_command

from healthcard.models import Card, PreviousPregnancies
from portal.demo import DEMO_WOMEN
from portal.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo")
    return {w.given_name: User.objects.get(national_id=w.nin) for w in DEMO_WOMEN}


def test_marte_has_a_closed_card_and_a_current_one_carried_over_from_it(demo):
    earlier, current = demo["Marte"].cards.order_by("created_at")
    assert (earlier.status, current.status) == (Card.Status.CLOSED, Card.Status.ACTIVE)
    assert earlier.created_at.year < current.created_at.year
    assert earlier.birth.babies.get().weight_g == 3350
    assert current.carried_over_from == earlier
    history = PreviousPregnancies.objects.get(card=current)
    assert (history.previous_pregnancies, history.live_births, history.last_birth_year) == (
        2,
        1,
        earlier.delivery_date.year,
    )


def test_nora_has_a_birth_and_the_checks_after_it(demo):
    card = demo["Nora"].cards.get()
    assert card.status == Card.Status.DELIVERED
    assert card.birth.babies.count() == 1
    assert [v.kind for v in card.postpartumvisits.order_by("date")] == [
        "home_visit",
        "health_station",
    ]


def test_loading_twice_adds_nothing(demo):
    call_command("load_demo")
    assert Card.objects.count() == 6  # five consenting women, Marte with two cards


def test_hanne_has_consented_and_waits_for_her_card(demo):
    from consent.selectors import has_active_consent

    assert has_active_consent(woman=demo["Hanne"]) and not demo["Hanne"].cards.exists()
    assert not has_active_consent(woman=demo["Emma"])
    call_command("load_demo")  # a second load gives her no second consent
    assert demo["Hanne"].consent_events.count() == 1
