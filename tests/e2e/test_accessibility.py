"""axe (WCAG 2.1 A and AA rules) over every page of the portal, in both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
axe = Axe()


def assert_accessible(page) -> None:
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/logg-inn/",
        "/nar-skal-du-ta-kontakt/",
        "/personvern/",
        "/logget-ut/",
        "/samtykke/tekst/2026-12/",
        "/finnes-ikke/",
        "/accounts/oidc/idporten/login/",
    ],
)
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_public_pages_have_no_violations(live_server, page, path, language):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(live_server.url + path)
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/helsekort/", "/helsekort/alle/"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_card_pages_without_a_card_have_no_violations(live_server, logged_in_page, language, path):
    logged_in_page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    logged_in_page.goto(live_server.url + path)
    assert_accessible(logged_in_page)


def test_error_pages_have_no_violations(live_server, page, settings):
    page.set_content(_render("500.html"))
    assert_accessible(page)
    page.set_content(_render("403_csrf.html"))
    assert_accessible(page)


def _render(template: str) -> str:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    return render_to_string(template, request=request if template != "500.html" else None)


def test_the_api_documentation_renders_under_its_policy(live_server, page):
    page.goto(live_server.url + "/api/docs/")
    expect(page.get_by_role("heading", name="DHG maternity record API")).to_be_visible()
