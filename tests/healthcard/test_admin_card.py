"""The card as a clinician reads it in the administration: in her voice, with the charts,
and what changed since she last looked, by whom."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from healthcard.demo import GP, week_30_full_history
from healthcard.models import Consultation
from healthcard.services import EntryWrite, ask_question, write_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def card_page(client, card) -> str:
    return client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()


def test_headings_speak_of_her_and_the_charts_are_there(midwife_client, card):
    page = card_page(midwife_client, card)
    assert "Om henne" in page and "Om deg" not in page
    assert "Hvem som følger deg opp" not in page
    assert "Hva er dette?" not in page  # her explanations are for her
    for chart in ("sf-chart-title", "weight-chart-title", "bp-chart-title"):
        assert f'id="{chart}"' in page


def test_what_changed_since_her_last_look_and_by_whom(midwife_client, card, kari):
    first = card_page(midwife_client, card)
    assert 'id="since-last"' not in first  # her first look: nothing to compare with
    write = EntryWrite(Consultation, {"date": timezone.localdate(), "weeks": 30, "days": 2})
    write_batch(card=card, actor=GP, sections=[], entries=[write])
    ask_question(card=card, woman=kari, text="Er dette normalt?", submission_id=uuid.uuid4())
    second = card_page(midwife_client, card)
    since = second[
        second.index('id="since-last"') : second.index(
            "</section>", second.index('id="since-last"')
        )
    ]
    assert "Lars Fastlege" in since and "skrev konsultasjon (uke 30)" in since
    assert "Hun selv" in since and "stilte et spørsmål" in since
    third = card_page(midwife_client, card)
    assert "Ingenting nytt fra andre." in third


def test_her_own_writes_are_not_news_to_her(midwife_client, card):
    card_page(midwife_client, card)
    response = midwife_client.post(
        reverse("admin:dhg_add_entry", args=[card.pk, "consultation"]),
        {"date": timezone.localdate().isoformat(), "weeks": "30", "days": "2"},
    )
    assert response.status_code == 302
    assert "Ingenting nytt fra andre." in card_page(midwife_client, card)
