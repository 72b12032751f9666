"""The ID-porten login through the real OpenID Connect flow, driven with Django's test client
on our side and HTTP requests to the in-process provider on the other."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse

from portal.models import IDPortenSession, User
from tests.conftest import INGRID, KARI, LOW_ACR, NO_PID

pytestmark = pytest.mark.django_db


def log_in_through_idporten(client, sub: str, next_url: str = ""):
    """Run the authorization-code flow and return the response to the callback."""
    login_url = reverse("openid_connect_login", kwargs={"provider_id": "idporten"})
    started = client.post(login_url + (f"?next={next_url}" if next_url else ""))
    assert started.status_code == 302
    authorize = requests.post(
        started["Location"], data={"sub": sub}, allow_redirects=False, timeout=10
    )
    assert authorize.status_code == 302, authorize.text
    callback = urlsplit(authorize.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


class TestIDPortenLogin:
    def test_first_login_creates_a_user_identified_by_pid(self, client, idporten):
        response = log_in_through_idporten(client, KARI.sub)

        assert response.status_code == 302
        assert response["Location"] == reverse("healthcard:card_detail")
        user = User.objects.get(national_id=KARI.nin)
        assert user.full_name == "Kari Nordmann"
        assert not user.has_usable_password()
        assert KARI.nin not in user.username  # the username never carries her number
        assert client.get(reverse("healthcard:card_detail")).status_code == 200

    def test_existing_woman_is_found_by_pid_not_duplicated(self, client, idporten):
        existing = User.objects.create(username="kari", national_id=KARI.nin, full_name="K N")

        log_in_through_idporten(client, KARI.sub)

        assert User.objects.filter(national_id=KARI.nin).count() == 1
        existing.refresh_from_db()
        assert existing.full_name == "Kari Nordmann"  # the name from ID-porten is kept current
        assert int(client.session["_auth_user_id"]) == existing.pk

    def test_second_login_reuses_the_same_user(self, client, idporten):
        log_in_through_idporten(client, KARI.sub)
        client.post(reverse("account_logout"))
        log_in_through_idporten(client, KARI.sub)
        assert User.objects.filter(national_id=KARI.nin).count() == 1

    def test_login_returns_to_the_page_she_asked_for(self, client, idporten):
        response = log_in_through_idporten(client, INGRID.sub, next_url="/helsekort/")
        assert response["Location"] == "/helsekort/"

    def test_login_without_pid_claim_is_refused(self, client, idporten):
        response = log_in_through_idporten(client, NO_PID.sub)

        assert response.status_code == 403
        assert "gyldig fødselsnummer" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert not User.objects.exists()

    def test_login_below_the_required_assurance_level_is_refused(self, client, idporten):
        response = log_in_through_idporten(client, LOW_ACR.sub)

        assert response.status_code == 403
        assert "sikkerhetsnivå" in response.content.decode()
        assert not User.objects.filter(national_id=INGRID.nin).exists()

    def test_login_page_posts_to_idporten_with_the_next_page(self, client):
        response = client.get(reverse("portal:login") + "?next=/helsekort/")
        html = response.content.decode()
        assert 'method="post"' in html
        assert "/accounts/oidc/idporten/login/?next=%2Fhelsekort%2F" in html

    def test_login_page_ignores_next_pointing_elsewhere(self, client):
        response = client.get(reverse("portal:login") + "?next=https://evil.example/")
        action = re.search(r'action="([^"]*idporten/login/[^"]*)"', response.content.decode())
        assert action is not None
        assert "evil.example" not in action.group(1)

    def test_logout_ends_the_session(self, kari_client):
        response = kari_client.post(reverse("account_logout"))
        assert response.status_code == 302
        assert kari_client.get(reverse("healthcard:card_detail")).status_code == 302

    def test_idporten_login_by_get_is_not_started(self, client, idporten):
        # A login started by a link could be forged by another site (login CSRF).
        response = client.get(reverse("openid_connect_login", kwargs={"provider_id": "idporten"}))
        assert response.status_code == 200
        assert "Fortsett til ID-porten" in response.content.decode()

    def test_local_signup_is_closed(self, client):
        response = client.post(
            reverse("account_signup"),
            {
                "username": "someone",
                "password1": "x-very-long-pass-1",
                "password2": "x-very-long-pass-1",
            },
        )
        assert not User.objects.filter(username="someone").exists()
        assert response.status_code in (200, 403)


class TestIDPortenSession:
    """Her ID-porten session and ours end together, whichever side she logs out on."""

    def test_the_login_asks_idporten_to_speak_her_language(self, client, idporten):
        client.cookies["django_language"] = "nn"
        html = client.get(reverse("portal:login")).content.decode()
        action = re.search(r'<form action="([^"]+)"', html).group(1).replace("&amp;", "&")
        started = client.post(action)
        query = parse_qs(urlsplit(started["Location"]).query)
        assert query["ui_locales"] == ["nn"] and query["acr_values"] == ["idporten-loa-high"]

    def test_logging_out_here_ends_her_idporten_session_too(self, client, idporten):
        log_in_through_idporten(client, KARI.sub)
        assert IDPortenSession.objects.filter(sid=f"standin-session-{KARI.sub}").count() == 1
        client.cookies["django_language"] = "en"

        response = client.post(reverse("account_logout"))

        # A form her browser posts to ID-porten: the ID token, which names her, in no URL.
        html = response.content.decode()
        action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
        assert action == f"{idporten}/oauth2/end_session"
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
        assert fields["id_token_hint"].count(".") == 2  # the signed ID token itself
        assert fields["post_logout_redirect_uri"] == "http://testserver/logget-ut/"
        assert fields["ui_locales"] == "en"
        assert "_auth_user_id" not in client.session  # logged out here at once
        assert not IDPortenSession.objects.exists()
        ended = requests.post(action, data=fields, timeout=10)  # ID-porten takes it
        assert ended.status_code == 200 and "End session" in ended.text

    def test_idporten_sends_her_back_to_a_page_that_says_both_are_ended(self, client, kari):
        html = client.get(reverse("portal:logged_out")).content.decode()
        assert "Du er logget ut av helsekortet og av ID-porten." in html
        client.force_login(kari)  # still logged in: not told she is logged out
        assert client.get(reverse("portal:logged_out"))["Location"] == "/helsekort/"

    def test_logging_out_in_another_service_ends_her_session_here(self, client, idporten):
        log_in_through_idporten(client, KARI.sub)
        other = Client()
        log_in_through_idporten(other, INGRID.sub)
        url = reverse("idporten_frontchannel_logout")

        response = Client().get(url, {"iss": idporten, "sid": f"standin-session-{KARI.sub}"})

        assert response.status_code == 200
        assert "X-Frame-Options" not in response  # ID-porten loads it in a frame
        assert client.get(reverse("healthcard:card_detail")).status_code == 302  # ended
        assert other.get(reverse("healthcard:card_detail")).status_code == 200  # not hers

    def test_a_frontchannel_call_from_another_issuer_ends_nothing(self, client, idporten):
        log_in_through_idporten(client, KARI.sub)
        url = reverse("idporten_frontchannel_logout")
        sid = f"standin-session-{KARI.sub}"
        for params in ({"iss": "https://evil.example", "sid": sid}, {"iss": idporten}):
            assert Client().get(url, params).status_code == 400
        assert client.get(reverse("healthcard:card_detail")).status_code == 200

    def test_without_an_idporten_login_logout_stays_here(self, kari_client):
        response = kari_client.post(reverse("account_logout"))
        assert response["Location"] == "/"
        assert kari_client.get(reverse("healthcard:card_detail")).status_code == 302

    def test_logout_is_a_post(self, kari_client):
        assert kari_client.get(reverse("account_logout")).status_code == 405
