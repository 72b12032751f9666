"""Keyboard only: Ingrid logs in through ID-porten, gives her consent and reads her card,
with Tab, Shift+Tab, Space and Enter; focus is always visible where she is."""

import re

import pytest
from playwright.sync_api import expect

from healthcard.demo import week_30_full_history
from tests.conftest import INGRID

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text or label contains name."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.innerText || e.value || e.getAttribute('aria-label') || '') +"
            " ' ' + (e.labels && e.labels[0] ? e.labels[0].innerText : ''); }"
        )
        if name in focused:
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {name!r}"
            return
    raise AssertionError(f"Tab never reached {name!r}")


def follow(page) -> None:
    """Enter on a focused link or button that leads to another page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_login_consent_and_card_with_the_keyboard(live_server, page, idporten, ingrid):
    page.goto(live_server.url + "/")
    tab_to(page, "Logg inn for å se helsekortet ditt")
    follow(page)
    tab_to(page, "Logg inn med ID-porten")
    follow(page)

    expect(page).to_have_url(re.compile(re.escape(idporten) + "/oauth2/authorize"))
    page.get_by_role("button", name=INGRID.sub).focus()  # the stand-in is not our page
    follow(page)

    expect(page).to_have_url(live_server.url + "/helsekort/")
    expect(page.get_by_role("main")).to_contain_text("trenger vi samtykket ditt")
    tab_to(page, "Jeg har lest teksten over og samtykker")
    page.keyboard.press("Space")
    tab_to(page, "Gi samtykke")
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_contain_text("Du har samtykket til digitalt helsekort")

    page.goto(live_server.url + "/helsekort/")
    tab_to(page, "Hvem har sett kortet")
    follow(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvem har sett helsekortet mitt")
    tab_to(page, "Samtykke")
    follow(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("amtykke")


def test_on_a_phone_she_switches_language_and_opens_an_explanation_by_keyboard(
    live_server, logged_in_page, kari
):
    """390 px, keyboard only: every focused element is visible and inside the screen."""
    week_30_full_history(kari)
    page = logged_in_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/helsekort/")

    tab_to(page, "Nynorsk")
    assert_focus_on_screen(page)
    follow(page)
    expect(page.locator("html")).to_have_attribute("lang", "nn")

    tab_to(page, "Kva er dette?", limit=120)
    assert_focus_on_screen(page)
    page.keyboard.press("Enter")
    expect(page.locator("details.dhg-explain[open]").first).to_contain_text("heile veker")

    tab_to(page, "Kva betyr målingane?", limit=200)
    assert_focus_on_screen(page)
    page.keyboard.press("Space")
    expect(page.locator("details[open] summary", has_text="Kva betyr målingane?")).to_be_visible()

    page.keyboard.press("Shift+Tab")  # and back
    assert_focus_on_screen(page)


def assert_focus_on_screen(page) -> None:
    box = page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"
    )
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert 0 <= box["left"] and box["right"] <= width, box
    assert box["bottom"] > 0 and box["top"] < height, box
