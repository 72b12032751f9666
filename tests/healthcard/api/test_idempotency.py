"""A stored reply is hers: scoped to her, behind the consent gate, logged when replayed,
erased with her card, and gone after a day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consent.services import give_consent, withdraw_consent
from healthcard import parts
from healthcard.models import AccessEvent, Consultation, IdempotencyRecord
from tests.conftest import API
from tests.factories import CardFactory, WomanFactory
from tests.races import epj

pytestmark = pytest.mark.django_db

APPOINTMENT = parts.BY_NAME["antenatalAppointments"].example


def post(woman, card, key: str):
    return epj(woman.national_id).post(
        API + f"record/{card.pk}/antenatalAppointments",
        APPOINTMENT,
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


@pytest.fixture
def kari_card():
    return CardFactory()


def test_the_same_key_and_body_for_another_woman_is_her_own_write(kari_card):
    other_card = CardFactory()
    first = post(kari_card.woman, kari_card, "visit-1")
    # Another woman's record id in the path: the key is hers, so this is a new request...
    second = post(other_card.woman, other_card, "visit-1")
    assert (first.status_code, second.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in second
    assert second.json()["metadata"]["id"] != first.json()["metadata"]["id"]
    assert Consultation.objects.filter(card=other_card).count() == 1
    # ...and asking about her with Kari's record id is 404, never Kari's stored entry.
    crossed = epj(other_card.woman.national_id).post(
        API + f"record/{kari_card.pk}/antenatalAppointments",
        APPOINTMENT,
        format="json",
        HTTP_IDEMPOTENCY_KEY="visit-1",
    )
    assert crossed.status_code == 404
    assert "Idempotent-Replayed" not in crossed


def test_a_replay_is_logged_as_a_read_of_what_it_shows(kari_card):
    post(kari_card.woman, kari_card, "visit-2")
    last = AccessEvent.objects.order_by("-id").first().pk
    again = post(kari_card.woman, kari_card, "visit-2")
    assert again["Idempotent-Replayed"] == "true"
    [event] = AccessEvent.objects.filter(pk__gt=last)
    assert (event.action, event.section, event.card_id) == (
        "read",
        "consultation",
        kari_card.pk,
    )


def test_a_replay_after_withdrawal_is_refused_and_the_reply_is_gone(kari_card):
    woman = kari_card.woman
    post(woman, kari_card, "visit-3")
    assert IdempotencyRecord.objects.filter(woman=woman).exists()
    withdraw_consent(woman=woman)
    assert not IdempotencyRecord.objects.filter(woman=woman).exists()
    assert post(woman, kari_card, "visit-3").status_code == 403
    give_consent(woman=woman)  # consenting again brings nothing back
    assert post(woman, kari_card, "visit-3").status_code == 404  # her old card is erased


def test_a_reply_expires_after_a_day(kari_card):
    first = post(kari_card.woman, kari_card, "visit-4")
    IdempotencyRecord.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    later = post(kari_card.woman, kari_card, "visit-4")
    assert later.status_code == 201 and "Idempotent-Replayed" not in later
    assert later.json()["metadata"]["id"] != first.json()["metadata"]["id"]
    assert IdempotencyRecord.objects.count() == 1  # the expired one went


def test_expired_replies_of_other_women_are_purged_by_later_writes(kari_card):
    someone = WomanFactory()
    IdempotencyRecord.objects.create(
        client_id="old-client",
        woman=someone,
        key="k",
        request_hash="x",
        section="s",
        status=201,
        body={},
    )
    IdempotencyRecord.objects.update(created_at=timezone.now() - datetime.timedelta(days=3))
    post(kari_card.woman, kari_card, "visit-5")
    assert not IdempotencyRecord.objects.filter(woman=someone).exists()


def test_a_replayed_batch_reads_in_plain_words_in_her_access_log(kari, kari_client):
    """The replay is logged as a read of what the batch wrote, in her words."""
    card = CardFactory(woman=kari)
    api = epj(kari.national_id)
    batch = {
        "operations": [{"method": "POST", "path": "antenatalAppointments", "body": APPOINTMENT}]
    }
    for _ in range(2):
        response = api.post(
            API + f"record/{card.pk}/batch", batch, format="json", HTTP_IDEMPOTENCY_KEY="b-1"
        )
        assert response.status_code == 200, response.content
    assert response["Idempotent-Replayed"] == "true"
    log = kari_client.get(reverse("healthcard:access_log")).content.decode()
    assert "det den nettopp hadde skrevet på helsekortet ditt" in log
    assert "batch" not in log
