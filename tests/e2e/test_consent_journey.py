"""A woman gives consent, sees her card, withdraws after the download offer, and gets her
receipt, in Chromium; every page passes axe."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from consent.selectors import has_active_consent
from healthcard.demo import MIDWIFE
from healthcard.models import Card, Consultation
from healthcard.services import add_entry, create_card
from tests.e2e.test_accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ingrid_page(page, live_server, ingrid, client):
    client.force_login(ingrid)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_give_see_card_withdraw_and_receipt(live_server, ingrid_page, ingrid):
    page = ingrid_page
    page.goto(live_server.url + "/helsekort/")
    expect(page.get_by_role("main")).to_contain_text("trenger vi samtykket ditt")
    assert_accessible(page)

    page.get_by_label("Jeg har lest teksten over og samtykker").check()
    with page.expect_request(lambda r: r.method == "POST" and r.headers.get("hx-request")):
        page.get_by_role("button", name="Gi samtykke").click()
    expect(page.get_by_role("status")).to_contain_text("Takk. Du har samtykket")
    expect(page.get_by_text("trenger vi samtykket ditt")).to_have_count(0)  # no longer true
    assert has_active_consent(woman=ingrid)

    # Her midwife opens the card and records the first consultation.
    card = create_card(woman=ingrid)
    add_entry(
        card=card,
        model=Consultation,
        actor=MIDWIFE,
        date="2026-11-02",
        weeks=9,
        note="Første konsultasjon",
    )
    page.get_by_role("link", name="Gå til mitt helsekort").click()
    expect(page.get_by_role("main")).to_contain_text("Første konsultasjon")
    expect(page.get_by_role("main")).to_contain_text("Du samtykket til digitalt helsekort")

    page.get_by_role("link", name="Ditt samtykke").click()
    page.get_by_role("link", name="Trekk samtykke").click()
    expect(page.get_by_role("link", name="Last ned helsekortet (JSON)")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned helsekortet (JSON)").click()
    assert download.value.suggested_filename.startswith("helsekort-")

    page.get_by_role("button", name="Trekk samtykket og slett helsekortet").click()
    # Not confirmed yet: the browser keeps the form until the box is ticked.
    expect(page.get_by_role("heading", level=1)).to_have_text("Trekk samtykke")
    assert Card.objects.exists()
    page.get_by_label("Jeg forstår at helsekortet mitt blir slettet").check()
    page.get_by_role("button", name="Trekk samtykket og slett helsekortet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Samtykket ditt er trukket")
    expect(page.get_by_role("status")).to_contain_text("Konsultasjoner: 1")
    assert_accessible(page)
    assert not Card.objects.exists()

    page.get_by_role("link", name="Mitt helsekort").click()
    expect(page.get_by_role("main")).to_contain_text("helsekortet ditt er slettet")
    assert_accessible(page)

    page.goto(live_server.url + "/samtykke/")
    expect(page.get_by_role("table")).to_contain_text("Samtykke trukket")
    assert_accessible(page)
