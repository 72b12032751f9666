"""Her own entries in a real browser: at 320 px she records a home blood pressure of
160/110 and is told at once to call the maternity unit, notes fewer movements and is told
the same, and both pages (filled, in all three languages) pass axe and reflow."""

import pytest
from django.urls import reverse

from healthcard.demo import week_30_full_history
from healthcard.models import DailyNote, HomeMeasurement
from tests.e2e.test_accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_she_records_at_home_and_is_told_what_to_do(live_server, logged_in_page, kari):
    card = week_30_full_history(kari)
    page = logged_in_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + reverse("healthcard:card_by_id", args=[card.pk]))
    page.get_by_role("link", name="Mine målinger").click()

    page.get_by_label("Øvre trykk (systolisk)").fill("164")
    page.get_by_label("Nedre trykk (diastolisk)").fill("104")
    page.get_by_label("Puls (slag per minutt)").fill("88")
    page.get_by_label("Vekt (kg)").fill("74,5")
    page.get_by_role("button", name="Lagre målingen").click()

    page.get_by_text("Målingen din er lagret på helsekortet ditt.").wait_for()
    advice = page.locator("#advice")
    assert "Ring fødeavdelingen i dag" in advice.inner_text()
    assert "Blodtrykket ditt er svært høyt" in advice.inner_text()
    assert "164/104" in page.locator("table").first.inner_text()
    assert page.locator("svg rect").count() >= 2  # her readings on the charts, as squares
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    page.get_by_role("link", name="Bevegelser og plager").click()
    page.get_by_label("Færre eller svakere enn vanlig").check()
    page.get_by_label("Sterk hodepine").check()
    page.get_by_label("Med dine egne ord").fill("Mindre liv siden i går kveld.")
    page.get_by_role("button", name="Lagre notatet").click()
    page.get_by_text("Notatet ditt er lagret på helsekortet ditt.").wait_for()
    assert "Ikke vent til i morgen" in page.locator("#advice").inner_text()
    assert "Mindre liv siden i går kveld." in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    assert HomeMeasurement.objects.get(card=card).systolic == 164
    assert DailyNote.objects.get(card=card).movements == "fewer"


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_filled_pages_pass_axe_and_reflow_with_errors_shown(
    live_server, logged_in_page, kari, language
):
    card = week_30_full_history(kari)
    page = logged_in_page
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    for name in ("healthcard:home_measurements", "healthcard:daily_notes"):
        path = reverse(name, args=[card.pk])
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + path)
        page.locator(f"form[action='{path}'] button[type=submit]").click()  # empty: refused
        summary = page.locator(".dhg-error-summary")
        summary.wait_for()
        for width in (320, 1280):
            page.set_viewport_size({"width": width, "height": 800})
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
