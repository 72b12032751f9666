"""A health-station midwife's day in the administration, without a record system: she logs
in with her authenticator code, opens the card of a woman who has none, records this
pregnancy and her history, the first consultation (whose blood pressure raises an urgent
alert, which she follows up), answers the woman's question and books the next appointment.
Every page passes axe and fits a 320 px phone."""

import datetime
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from healthcard.models import Card
from healthcard.services import ask_question
from portal.management.commands.demo_totp_code import current_code
from tests.conftest import KARI, MIDWIFE_TOTP_SECRET
from tests.e2e.test_accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def checked(page) -> None:
    """axe at a laptop's width, and reflow on the smallest phone."""
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_midwifes_day(live_server, page, kari, midwife):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Brukernavn").fill("jorunn")
    page.get_by_label("Passord").fill("jorunn-long-password-1")
    page.locator("input[type=submit]").click()
    page.get_by_label("Kode").fill(current_code(MIDWIFE_TOTP_SECRET))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Finn en gravid")).to_be_visible()

    # Her worklist is empty this morning: no card has been written by her health station.
    page.goto(live_server.url + "/admin/healthcard/card/arbeidsliste/")
    checked(page)

    # Kari comes for her first consultation: she has consented, but has no card.
    page.goto(live_server.url + "/admin/healthcard/card/")
    page.get_by_label("Fødselsnummer").fill(KARI.nin)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Hun har samtykket, men har ikke helsekort ennå.")).to_be_visible()
    checked(page)
    page.get_by_role("button", name="Opprett helsekort").click()
    expect(page.get_by_text("Helsekortet er opprettet.")).to_be_visible()
    checked(page)
    card = Card.objects.get(woman=kari)

    # This pregnancy: her last period twelve weeks ago, one baby.
    page.get_by_role("link", name="Dette svangerskapet", exact=True).click()
    expect(page.get_by_role("heading", name="Registrer", exact=True)).to_be_visible()
    checked(page)
    last_period = timezone.localdate() - datetime.timedelta(weeks=12)
    page.get_by_label("Siste menstruasjon").fill(last_period.isoformat())
    page.get_by_label("Antall fostre").fill("1")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Lagret på helsekortet hennes.")).to_be_visible()

    # Her history: two earlier pregnancies, one birth, one miscarriage.
    page.get_by_role("link", name="Tidligere svangerskap", exact=True).click()
    page.get_by_label("Tidligere svangerskap", exact=True).fill("2")
    page.get_by_label("Levendefødte barn").fill("1")
    page.get_by_label("Spontanaborter").fill("1")
    page.get_by_label("Tidligere preeklampsi, HELLP eller eklampsi").select_option("false")
    checked(page)
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Lagret på helsekortet hennes.")).to_be_visible()
    expect(page.locator("#parts")).to_contain_text("Tidligere svangerskap (registrert)")

    # The first consultation: her blood pressure is high.
    page.get_by_text("Ny konsultasjon").click()
    form = page.locator("#new-consultation")
    expect(form.get_by_label("Uker", exact=True)).to_have_value("12")
    form.get_by_label("Systolisk").fill("165")
    form.get_by_label("Diastolisk").fill("112")
    form.get_by_role("button", name="Lagre konsultasjonen").click()
    expect(page.get_by_text("Haster:").first).to_be_visible()
    checked(page)

    # She follows it up and marks it so.
    alerts = page.locator("#alerts")
    alerts.get_by_role("button", name="Marker som sett og fulgt opp").first.click()
    expect(page.get_by_text("Varselet er markert som sett og fulgt opp.")).to_be_visible()
    expect(page.locator("#alerts")).to_contain_text("Sett og fulgt opp av Jorunn Jordmor")

    # Kari has asked a question from home; the midwife answers it on the card.
    ask_question(card=card, woman=kari, text="Kan jeg trene som før?", submission_id=uuid.uuid4())
    page.reload()
    question = page.locator("#questions")
    expect(question).to_contain_text("Kan jeg trene som før?")
    question.get_by_label("Svaret ditt").fill("Ja, men lytt til kroppen.")
    question.get_by_role("button", name="Send svaret").click()
    expect(page.locator("#questions")).to_contain_text("Besvart av Jorunn Jordmor")

    # The next appointment, in a fortnight.
    page.get_by_text("Avtal neste time").click()
    booking = page.locator("#new-bookedappointment")
    starts = timezone.localtime() + datetime.timedelta(days=14)
    booking.get_by_label("Tidspunkt").fill(starts.strftime("%Y-%m-%dT10:00"))
    booking.get_by_label("Sted").fill("Helsestasjon Frogner, Oslo")
    booking.get_by_role("button", name="Lagre timen").click()
    expect(page.get_by_text("Lagret på helsekortet hennes.")).to_be_visible()
    expect(page.locator(".dhg-facts").first).to_contain_text("Helsestasjon Frogner, Oslo")
    checked(page)

    # Kari is on her worklist now.
    page.goto(live_server.url + "/admin/healthcard/card/arbeidsliste/")
    expect(page.get_by_role("row").filter(has_text="Kari Nordmann")).to_contain_text("12+")
    checked(page)
