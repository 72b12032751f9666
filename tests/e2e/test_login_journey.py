"""A woman logs in through the ID-porten stand-in in Chromium and lands on her card."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import KARI

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class TestLoginJourney:
    def test_woman_logs_in_with_idporten_and_sees_her_card(self, live_server, page, idporten):
        page.goto(live_server.url + "/")
        page.get_by_role("link", name="Logg inn for å se helsekortet ditt").click()
        page.get_by_role("button", name="Logg inn med ID-porten").click()

        # The OpenID Connect provider's own page: pick the woman.
        expect(page).to_have_url(re.compile(re.escape(idporten) + "/oauth2/authorize"))
        page.get_by_role("button", name=KARI.sub).click()

        expect(page).to_have_url(live_server.url + "/helsekort/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Mitt helsekort")
        expect(page.locator("#who")).to_contain_text("Kari Nordmann")
        # A woman new to the service is asked for her consent before anything else.
        expect(page.get_by_role("main")).to_contain_text("Hei, Kari Nordmann.")
        expect(page.get_by_role("button", name="Gi samtykke")).to_be_visible()

    def test_logged_out_visitor_is_sent_to_login_and_back(self, live_server, page, idporten):
        page.goto(live_server.url + "/helsekort/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")

        page.get_by_role("button", name="Logg inn med ID-porten").click()
        page.get_by_role("button", name=KARI.sub).click()
        expect(page).to_have_url(live_server.url + "/helsekort/")

    def test_logout_ends_the_idporten_session_too_and_comes_back(self, live_server, page, idporten):
        page.goto(live_server.url + "/logg-inn/")
        page.get_by_role("button", name="Logg inn med ID-porten").click()
        page.get_by_role("button", name=KARI.sub).click()
        expect(page.locator("#who")).to_contain_text("Kari Nordmann")

        page.get_by_role("button", name="Logg ut").click()  # our page posts on to ID-porten
        expect(page).to_have_url(re.compile(re.escape(idporten) + "/oauth2/end_session$"))
        page.get_by_role("button", name="End session").click()  # the stand-in's own page

        expect(page).to_have_url(live_server.url + "/logget-ut/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Du er logget ut")
        page.goto(live_server.url + "/helsekort/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")

    def test_logout_returns_to_front_page_and_closes_the_card(self, live_server, logged_in_page):
        page = logged_in_page
        page.goto(live_server.url + "/helsekort/")
        page.get_by_role("button", name="Logg ut").click()

        expect(page).to_have_url(live_server.url + "/")
        expect(page.get_by_role("link", name="Logg inn").first).to_be_visible()
        page.goto(live_server.url + "/helsekort/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")

    def test_language_switch_between_all_three_without_javascript(self, live_server, browser):
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(live_server.url + "/nar-skal-du-ta-kontakt/")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_have_text("Når skal du ta kontakt med fødeavdelingen")
        expect(page.get_by_text("Bokmål", exact=True)).to_have_attribute("aria-current", "true")

        page.get_by_role("button", name="Nynorsk").click()
        expect(page).to_have_url(live_server.url + "/nar-skal-du-ta-kontakt/")  # same page
        expect(heading).to_have_text("Når skal du ta kontakt med fødeavdelinga")
        expect(page.locator("html")).to_have_attribute("lang", "nn")
        expect(page.get_by_role("button", name="Bokmål")).to_have_attribute("lang", "nb")

        page.get_by_role("button", name="English").click()
        expect(heading).to_have_text("When to contact the maternity unit")
        expect(page.locator("html")).to_have_attribute("lang", "en")

        page.get_by_role("button", name="Bokmål").click()
        expect(heading).to_have_text("Når skal du ta kontakt med fødeavdelingen")
        context.close()

    def test_skip_link_is_first_and_moves_focus_to_main(self, live_server, page):
        page.goto(live_server.url + "/")
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Hopp til hovedinnhold")
        expect(skip).to_be_focused()
        expect(skip).to_be_visible()
        page.keyboard.press("Enter")
        expect(page.locator("main")).to_be_focused()
