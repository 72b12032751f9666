"""The card after the birth, end to end: the hospital records the birth through the API, the
midwife records her home visit in the administration, and Kari reads both on her
card; the delivered card's pages, and the midwife's, pass axe."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from rest_framework.test import APIClient

from healthcard import parts
from healthcard.api.devkey import mint_token
from healthcard.demo import delivered, rhd_negative_week_28
from healthcard.models import Card
from portal.management.commands.demo_totp_code import current_code
from tests.conftest import API, KARI, MIDWIFE_TOTP_SECRET
from tests.e2e.test_accessibility import assert_accessible
from tests.factories import CurrentPregnancyFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def hospital_records_the_birth(card) -> None:
    hospital = APIClient()
    hospital.credentials(
        HTTP_AUTHORIZATION=f"Bearer {mint_token(name='Hanne Fødejordmor')}",
        HTTP_NHN_PATIENT_NIN=KARI.nin,
        HTTP_NHN_SOURCE_SYSTEM="Sykehus EPJ",
    )
    born = timezone.localtime() - datetime.timedelta(days=2)
    body = {
        **parts.BY_NAME["birth"].example,
        "dateTime": born.isoformat(),
        "pregnancyWeek": 39,
        "daysAfterFullPregnancyWeek": 2,
    }
    body["babies"] = [{**body["babies"][0], "weightGrams": 3480, "sex": "female"}]
    response = hospital.put(API + f"record/{card.pk}/birth", body, format="json")
    assert response.status_code in (200, 201), response.content


def log_in_as_midwife(page, live_server) -> None:
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Brukernavn").fill("jorunn")
    page.get_by_label("Passord").fill("jorunn-long-password-1")
    page.get_by_role("button", name="Logg inn").or_(page.locator("input[type=submit]")).click()
    page.get_by_label("Kode").fill(current_code(MIDWIFE_TOTP_SECRET))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Finn en gravid")).to_be_visible()


def test_a_birth_and_a_home_visit_reach_her_card(live_server, page, browser, kari, midwife, client):
    due = timezone.localdate() + datetime.timedelta(days=3)
    card = CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=due).card
    hospital_records_the_birth(card)

    log_in_as_midwife(page, live_server)
    page.get_by_label("Fødselsnummer").fill(KARI.nin)
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Helsekort fra").click()
    expect(page.get_by_role("heading", name="Fødselen", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Til helsestasjonen for barnet")).to_be_visible()
    page.get_by_text("Ny kontroll etter fødselen").click()
    form = page.locator("#new-postpartumvisit")
    form.get_by_label("Dato").fill(timezone.localdate().isoformat())
    form.get_by_label("Type kontroll").select_option(label="Hjemmebesøk")
    form.get_by_label("Ernæring").select_option(label="Bare morsmelk")
    form.get_by_label("Barnets vekt (g)").fill("3390")
    form.get_by_label("Merknad").fill("Hjemmebesøk dag 2, alt vel.")
    form.get_by_role("button", name="Lagre kontrollen").click()
    expect(page.get_by_text("Lagret på helsekortet hennes.")).to_be_visible()
    assert_accessible(page)

    client.force_login(kari)
    her = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    her.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    her.goto(live_server.url + "/helsekort/")
    birth = her.locator("section").filter(
        has=her.get_by_role("heading", name="Fødselen", exact=True)
    )
    expect(birth).to_contain_text("3480 g")
    expect(birth).to_contain_text("Hanne Fødejordmor")
    after = her.locator("section").filter(has=her.get_by_role("heading", name="Etter fødselen"))
    expect(after.get_by_role("row").filter(has_text="Hjemmebesøk dag 2, alt vel.")).to_contain_text(
        "3390 g"
    )
    expect(after).to_contain_text("Kontroll etter seks uker")  # what is still to come
    assert_accessible(her)
    for link in ("Prøver og ultralyd", "Helse og historikk", "Alle mine helsekort"):
        her.get_by_role("link", name=link).first.click()
        assert_accessible(her)
        assert her.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("story", ["delivered", "closed"])
def test_the_pages_of_a_card_after_the_birth_pass_axe_and_reflow(
    live_server, logged_in_page, kari, story, language
):
    if story == "delivered":
        card = delivered(kari)
    else:
        rhd_negative_week_28(kari)  # a closed card of an earlier pregnancy, and a current one
        card = kari.cards.get(status=Card.Status.CLOSED)
    page = logged_in_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    for name in ("card_by_id", "card_tests", "card_health", "birth_wishes", "card_print"):
        response = page.goto(live_server.url + reverse(f"healthcard:{name}", args=[card.pk]))
        assert response.status == 200
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, name
    page.goto(live_server.url + reverse("healthcard:card_list"))
    assert_accessible(page)
