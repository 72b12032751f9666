"""The session, the logged-in user and the card's version are read in hand-written SQL on
every request (portal.db): they must give exactly what the ORM would."""

import datetime

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from consent.models import ConsentEvent
from consent.services import give_consent, withdraw_consent
from healthcard.models import Pregnancy
from healthcard.selectors import card_version_for_owner
from portal.auth_backends import AuthenticationBackend
from portal.db import fetch_instance
from portal.models import User
from portal.sessions import SessionStore
from tests.factories import CitizenFactory, PregnancyFactory

pytestmark = pytest.mark.django_db


class TestFetchInstance:
    def test_fields_fill_the_model_and_other_columns_become_attributes(self):
        woman = CitizenFactory(full_name="Kari Nordmann")
        user = fetch_instance(
            User, "SELECT full_name, id, 42 AS answer FROM portal_user WHERE id = %s", [woman.pk]
        )
        assert (user.pk, user.full_name, user.answer) == (woman.pk, "Kari Nordmann", 42)
        assert user._state.adding is False  # saves update, not insert
        user.full_name = "Kari N."
        user.save(update_fields=["full_name"])
        assert User.objects.get(pk=woman.pk).full_name == "Kari N."

    def test_no_row_is_none(self):
        assert fetch_instance(User, "SELECT id FROM portal_user WHERE id = %s", [-1]) is None

    def test_a_field_that_needs_conversion_is_refused(self):
        CitizenFactory()  # and her consent event
        with pytest.raises(TypeError, match="needs the ORM"):
            fetch_instance(ConsentEvent, "SELECT id, erased FROM consent_consentevent", [])


class TestSessions:
    def test_a_saved_session_loads(self):
        session = SessionStore()
        session["answer"] = 42
        session.create()
        assert SessionStore(session.session_key).load() == {"answer": 42}

    def test_an_expired_session_is_not_loaded_and_gets_a_new_key(self):
        session = SessionStore()
        session["answer"] = 42
        session.create()
        Session.objects.filter(session_key=session.session_key).update(
            expire_date=timezone.now() - datetime.timedelta(seconds=1)
        )
        again = SessionStore(session.session_key)
        assert again.load() == {}
        assert again.session_key is None

    def test_an_expired_login_is_logged_out(self, client):
        client.force_login(CitizenFactory())
        Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
        response = client.get(reverse("healthcard:card_detail"))
        assert response.status_code == 302 and "/logg-inn/" in response.url


class TestAuthenticationBackend:
    def request_for(self, user) -> object:
        request = RequestFactory().get("/")
        request.session = SessionStore()
        request.session[SESSION_KEY] = str(user.pk)
        request.session[BACKEND_SESSION_KEY] = "portal.auth_backends.AuthenticationBackend"
        request.session["_auth_user_hash"] = user.get_session_auth_hash()
        return request

    def test_loads_the_same_user_as_the_orm(self):
        woman = CitizenFactory()
        loaded = get_user(self.request_for(woman))
        assert loaded == woman
        orm = User.objects.get(pk=woman.pk)
        for field in User._meta.concrete_fields:
            assert getattr(loaded, field.attname) == getattr(orm, field.attname), field.name

    def test_an_inactive_user_is_not_loaded(self):
        woman = CitizenFactory()
        request = self.request_for(woman)
        User.objects.filter(pk=woman.pk).update(is_active=False)
        assert get_user(request).is_anonymous

    @pytest.mark.parametrize("user_id", ["not-a-number", "-1", "999999999"])
    def test_an_unknown_or_malformed_id_is_nobody(self, user_id):
        assert AuthenticationBackend().get_user(user_id) is None


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
    assert any("LATERAL" in statement for statement in prepared)
