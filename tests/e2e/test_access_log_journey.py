"""She reads who has seen her card in Chromium, and pages through it with the keyboard."""

import pytest
from playwright.sync_api import expect

from healthcard.selectors import ACCESS_LOG_PAGE
from healthcard.services import Actor
from tests.e2e.test_accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MIDWIFE = Actor(
    name="Kari Jordmor", hpr="1234567", role="Jordmor", org_name="Oslo kommune helsestasjon"
)


@pytest.fixture
def log_of_kari(kari):
    """Reads by as many midwives (one midwife's repeated reads would be one line)."""
    for number in range(ACCESS_LOG_PAGE + 3):
        reader = Actor(**{**MIDWIFE.__dict__, "name": f"Jordmor {number:02d}"})
        reader.log(woman=kari, card_id=None, action="read", sections=["record"])


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_log_page_has_no_violations(live_server, logged_in_page, log_of_kari, language):
    logged_in_page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    logged_in_page.goto(live_server.url + "/helsekort/innsyn/")
    assert_accessible(logged_in_page)


def test_she_loads_more_in_place_and_focus_follows(live_server, logged_in_page, log_of_kari):
    page = logged_in_page
    page.goto(live_server.url + "/helsekort/")
    page.get_by_role("link", name="Hvem har sett kortet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvem har sett helsekortet mitt")
    entries = page.locator(".dhg-log__entry")
    expect(entries.first).to_contain_text(
        f"Jordmor {ACCESS_LOG_PAGE + 2:02d}, Oslo kommune helsestasjon, så hele helsekortet ditt"
    )
    expect(entries).to_have_count(ACCESS_LOG_PAGE)

    more = page.get_by_role("link", name="Vis flere")
    more.focus()
    page.keyboard.press("Enter")
    expect(entries).to_have_count(ACCESS_LOG_PAGE + 3)
    expect(page.get_by_role("link", name="Vis flere")).to_have_count(0)
    assert page.url.endswith("/helsekort/innsyn/")  # in place: no new page
    expect(entries.nth(ACCESS_LOG_PAGE)).to_be_focused()
