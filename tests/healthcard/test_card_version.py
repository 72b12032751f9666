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
from healthcard.models import Pregnancy
from healthcard.selectors import card_version_for_owner
from tests.factories import CitizenFactory, PregnancyFactory

pytestmark = pytest.mark.django_db


def test_an_expired_login_is_logged_out(client):
    client.force_login(CitizenFactory())
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("healthcard:card_detail"))
    assert response.status_code == 302 and "/logg-inn/" in response.url


class TestCardVersion:
    def test_her_active_card_before_her_older_ones_with_her_consent(self):
        woman = CitizenFactory()
        PregnancyFactory(woman=woman, status=Pregnancy.Status.DELIVERED)
        active = PregnancyFactory(woman=woman)
        card = card_version_for_owner(owner=woman)
        assert (card.pk, card.version, card.status) == (active.pk, active.version, "active")
        assert card.consent_kind == ConsentEvent.Kind.GIVEN
        assert card.consent_since == ConsentEvent.objects.get(citizen=woman).created_at

    def test_by_id_only_her_own(self):
        woman, other = CitizenFactory(), CitizenFactory()
        hers, theirs = PregnancyFactory(woman=woman), PregnancyFactory(woman=other)
        assert card_version_for_owner(owner=woman, record_id=hers.pk).pk == hers.pk
        assert card_version_for_owner(owner=woman, record_id=theirs.pk) is None

    def test_consent_is_her_latest_event(self):
        woman = CitizenFactory()
        withdraw_consent(citizen=woman)
        PregnancyFactory(woman=woman)  # (only the model allows a card without consent)
        assert card_version_for_owner(owner=woman).consent_kind == ConsentEvent.Kind.WITHDRAWN
        again = give_consent(citizen=woman)
        card = card_version_for_owner(owner=woman)
        assert (card.consent_kind, card.consent_since) == ("given", again.created_at)


def test_a_query_run_again_and_again_is_prepared_by_the_server():
    """PostgreSQL parses and plans it once per connection (settings: prepare_threshold)."""
    woman = CitizenFactory()
    for _ in range(6):
        card_version_for_owner(owner=woman)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("consent_consentevent" in statement for statement in prepared)
