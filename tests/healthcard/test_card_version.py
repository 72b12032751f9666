"""The light query every card page view and API read makes first: which of her cards, its
version and her consent, and that a logged-in session which has expired is logged out."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from consent.models import ConsentEvent
from consent.services import give_consent, withdraw_consent
from healthcard.models import Card
from healthcard.selectors import card_version_of
from tests.factories import CardFactory, WomanFactory

pytestmark = pytest.mark.django_db


def test_an_expired_login_is_logged_out(client):
    client.force_login(WomanFactory())
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("healthcard:card_detail"))
    assert response.status_code == 302 and "/logg-inn/" in response.url


class TestCardVersion:
    def test_her_active_card_before_her_older_ones_with_her_consent(self):
        woman = WomanFactory()
        CardFactory(woman=woman, status=Card.Status.DELIVERED)
        active = CardFactory(woman=woman)
        card = card_version_of(woman=woman)
        assert (card.pk, card.version, card.status) == (active.pk, active.version, "active")
        assert card.consent_kind == ConsentEvent.Kind.GIVEN
        assert card.consent_since == ConsentEvent.objects.get(woman=woman).created_at

    def test_by_id_only_her_own(self):
        woman, other = WomanFactory(), WomanFactory()
        hers, theirs = CardFactory(woman=woman), CardFactory(woman=other)
        assert card_version_of(woman=woman, card_id=hers.pk).pk == hers.pk
        assert card_version_of(woman=woman, card_id=theirs.pk) is None

    def test_consent_is_her_latest_event(self):
        woman = WomanFactory()
        withdraw_consent(woman=woman)
        CardFactory(woman=woman)  # (only the model allows a card without consent)
        assert card_version_of(woman=woman).consent_kind == ConsentEvent.Kind.WITHDRAWN
        again = give_consent(woman=woman)
        card = card_version_of(woman=woman)
        assert (card.consent_kind, card.consent_since) == ("given", again.created_at)


def test_a_query_run_again_and_again_is_prepared_by_the_server():
    """PostgreSQL parses and plans it once per connection (settings: prepare_threshold)."""
    woman = WomanFactory()
    for _ in range(6):
        card_version_of(woman=woman)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("consent_consentevent" in statement for statement in prepared)
