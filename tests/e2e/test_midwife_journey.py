"""A midwife logs in with her authenticator code, finds Kari and records a consultation;
Kari then sees the consultation on her card and the midwife's visit in her access log."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from healthcard.demo import week_30_full_history
from portal.management.commands.demo_totp_code import current_code
from tests.conftest import KARI, MIDWIFE_TOTP_SECRET
from tests.e2e.test_accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_midwife_records_a_consultation_and_kari_sees_it(
    live_server, page, browser, kari, midwife, client
):
    week_30_full_history(kari)

    page.goto(live_server.url + "/admin/")
    assert_accessible(page)
    page.get_by_label("Brukernavn").fill("jorunn")
    page.get_by_label("Passord").fill("jorunn-long-password-1")
    page.get_by_role("button", name="Logg inn").or_(page.locator("input[type=submit]")).click()

    expect(page.get_by_role("heading", name="Tofaktorautentisering")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kode").fill(current_code(MIDWIFE_TOTP_SECRET))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Finn en gravid")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Fødselsnummer").fill(KARI.nin)
    page.keyboard.press("Enter")
    assert KARI.nin not in page.url
    expect(page.get_by_role("heading", name="Kari Nordmann")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Helsekort fra").click()

    expect(page.get_by_role("heading", name="Konsultasjoner")).to_be_visible()
    assert_accessible(page)
    page.get_by_text("Ny konsultasjon").click()
    form = page.locator("#new-consultation")
    form.get_by_label("Systolisk").fill("121")
    form.get_by_label("Diastolisk").fill("79")
    form.get_by_label("Fosterlyd").fill("144")
    form.get_by_label("Merknad").fill("Registrert av jordmor i nettleseren.")
    form.get_by_role("button", name="Lagre konsultasjonen").click()
    expect(page.get_by_text("Lagret på helsekortet hennes.")).to_be_visible()
    expect(page.get_by_role("cell", name="Registrert av jordmor i nettleseren.")).to_be_visible()

    # Her start page: what she did last, and the way to the women in her organisation's care.
    page.get_by_role("link", name="Administrasjon").first.click()
    recent = page.locator("#recent-actions-module")
    expect(recent).to_contain_text("Kari Nordmann – skrev konsultasjon")
    assert_accessible(page)
    page.get_by_role("link", name="Mine kvinner").click()
    row = page.get_by_role("row").filter(has_text="Kari Nordmann")
    expect(row).to_contain_text("30+")
    expect(row).to_contain_text("Kontroll i uke 32")
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    row.get_by_role("link", name="Kari Nordmann").click()
    expect(page.get_by_role("heading", name="Konsultasjoner")).to_be_visible()

    # Kari, in her own browser.
    client.force_login(kari)
    kari = browser.new_context().new_page()
    kari.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    kari.goto(live_server.url + "/helsekort/")
    row = kari.get_by_role("row").filter(has_text="Registrert av jordmor i nettleseren.")
    expect(row).to_contain_text("121/79")
    expect(row).to_contain_text("Jorunn Jordmor")

    kari.get_by_role("link", name="Hvem har sett kortet").click()
    expect(kari.locator(".dhg-log__entry").first).to_contain_text(
        "Jorunn Jordmor, Oslo kommune, Helsestasjon Frogner, så hele helsekortet ditt"
    )
    expect(
        kari.locator(".dhg-log__entry").filter(has_text="skrev en konsultasjon (uke").first
    ).to_contain_text("Jorunn Jordmor")
    expect(
        kari.locator(".dhg-log__entry").filter(has_text="så deg i søket etter gravide")
    ).to_have_count(1)
    assert_accessible(kari)
    kari.context.close()
