import re

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


class TestPages:
    def test_front_page_explains_the_service_in_bokmal(self, client):
        response = client.get(reverse("portal:home"))
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="nb">' in html
        assert "Helsekortet for gravide, nå digitalt" in html
        assert response["Content-Language"] == "nb"

    def test_browser_language_does_not_switch_the_page_away_from_bokmal(self, client):
        response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert "Helsekortet for gravide, nå digitalt" in response.content.decode()

    def test_language_switch_gives_english(self, client):
        response = client.post(
            reverse("set_language"), {"language": "en", "next": "/"}, follow=True
        )
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert "Your pregnancy health card, digital" in html

    def test_language_switch_gives_nynorsk_and_marks_the_current_language(self, client):
        response = client.post(
            reverse("set_language"), {"language": "nn", "next": "/"}, follow=True
        )
        html = response.content.decode()
        assert '<html lang="nn">' in html and response["Content-Language"] == "nn"
        assert "Helsekortet for gravide, no digitalt" in html
        assert '<span class="dhg-language__current" lang="nn" aria-current="true">Nynorsk' in html
        for code, name in (("nb", "Bokmål"), ("en", "English")):
            assert f'name="language" value="{code}" lang="{code}">{name}</button>' in html

    def test_privacy_page_names_the_controller_the_contact_and_the_retention(
        self, client, settings
    ):
        settings.DHG_DATA_CONTROLLER = "Norsk helsenett SF"
        settings.DHG_PRIVACY_CONTACT_EMAIL = "personvern@example.no"
        html = client.get(reverse("portal:privacy")).content.decode()
        assert "Norsk helsenett SF (organisasjonsnummer 994598759) har ansvaret" in html
        assert 'href="mailto:personvern@example.no"' in html
        assert "12 uker etter fødselen lukkes kortet." in html  # lifecycle.CLOSE_AFTER
        assert "De slettes uansett etter 24 timer." in html  # idempotency.REPLY_LIFETIME
        assert 'href="/samtykke/tekst/2026-12/"' in html and "Klage til Datatilsynet." in html

    def test_every_page_links_to_the_privacy_page(self, client):
        html = client.get(reverse("portal:home")).content.decode()
        assert '<a href="/personvern/">Personvern</a>' in html

    def test_logged_out_visitor_is_sent_to_login(self, client):
        response = client.get(reverse("healthcard:card_detail"))
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:login") + "?next=/helsekort/"

    def test_allauth_password_login_page_sends_citizens_to_idporten_login(self, client):
        response = client.get("/accounts/login/?next=/helsekort/")
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:login") + "?next=/helsekort/"

    def test_logged_in_woman_sees_her_card_with_her_name(self, kari_client):
        response = kari_client.get(reverse("healthcard:card_detail"))
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Mitt helsekort</h1>" in html
        assert "Kari Nordmann" in html
        assert "Helsekortet ditt er tomt foreløpig" in html

    def test_logged_in_woman_on_login_page_goes_to_her_card(self, kari_client):
        response = kari_client.get(reverse("portal:login"))
        assert response["Location"] == reverse("healthcard:card_detail")

    def test_unknown_page_gets_the_portal_404(self, client):
        response = client.get("/finnes-ikke/")
        assert response.status_code == 404
        assert "Vi fant ikke siden" in response.content.decode()

    def test_form_post_without_csrf_token_gets_a_clear_403(self, settings):
        from django.test import Client

        response = Client(enforce_csrf_checks=True).post(
            reverse("set_language"), {"language": "en"}
        )
        assert response.status_code == 403
        assert "Skjemaet er utløpt" in response.content.decode()

    def test_500_page_renders_without_a_request_context(self):
        from django.template.loader import render_to_string

        html = render_to_string("500.html")
        assert "Noe gikk galt hos oss" in html

    def test_403_page(self, rf):
        from django.views.defaults import permission_denied

        response = permission_denied(rf.get("/"), exception=None)
        assert response.status_code == 403
        assert "Du har ikke tilgang til denne siden" in response.content.decode()

    def test_card_page_is_get_only(self, kari_client):
        assert kari_client.post(reverse("healthcard:card_detail")).status_code == 405


class TestMainMenu:
    @pytest.mark.parametrize(
        "name, current",
        [
            ("healthcard:card_detail", "Mitt helsekort"),
            ("consent:settings", "Samtykke"),
            ("healthcard:access_log", "Hvem har sett kortet"),
        ],
    )
    def test_marks_the_page_she_is_on(self, kari_client, name, current):
        html = kari_client.get(reverse(name)).content.decode()
        menu = html[html.index('<nav class="dhg-nav"') : html.index("</nav>")]
        assert menu.count('aria-current="page"') == 1
        assert re.search(rf'aria-current="page">{current}</a>', menu)

    def test_pages_outside_it_mark_nothing_and_share_one_rendered_menu(self, kari_client):
        cache.clear()
        for number in range(5):
            response = kari_client.get(f"/finnes-ikke-{number}/")
            assert response.status_code == 404
            assert 'class="dhg-nav"' in response.content.decode()
            assert 'aria-current="page"' not in response.content.decode()
        menus = [key for key in cache._cache if "dhg_main_menu" in key]
        assert len(menus) == 1


class TestSessionIdleTimeout:
    def test_active_session_is_refreshed_at_most_once_a_minute(self, kari_client, monkeypatch):
        from django.contrib.sessions.models import Session

        clock = [1_000_000.0]
        monkeypatch.setattr("portal.middleware.time.time", lambda: clock[0])
        kari_client.get(reverse("portal:home"))
        first_expiry = Session.objects.get().expire_date

        clock[0] += 30
        kari_client.get(reverse("portal:home"))
        assert Session.objects.get().expire_date == first_expiry

        clock[0] += 31
        kari_client.get(reverse("portal:home"))
        assert Session.objects.get().expire_date > first_expiry

    def test_session_expires_after_thirty_idle_minutes(self, settings):
        assert settings.SESSION_COOKIE_AGE == 30 * 60
        assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
