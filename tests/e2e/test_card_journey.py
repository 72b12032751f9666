"""The week-30 demo woman reads her card in Chromium."""

import pytest
from playwright.sync_api import expect

from healthcard.demo import week_30_full_history
from healthcard.models import BirthWishes
from tests.e2e.test_accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kari_card(kari):
    return week_30_full_history(kari)


class TestCardJourney:
    def test_she_sees_her_week_due_date_next_step_and_consultations(
        self, live_server, logged_in_page, kari_card
    ):
        page = logged_in_page
        page.goto(live_server.url + "/helsekort/")

        expect(page.locator("#gestational-age")).to_have_text("30+2")
        expect(page.locator("#due-date")).not_to_be_empty()
        expect(page.locator("#next-steps")).to_contain_text("Kontroll i uke 32")
        latest = page.locator("#consultations-heading ~ div table tbody tr").first
        expect(latest).to_contain_text("120/78")
        expect(latest).to_contain_text("Jorunn Jordmor, Oslo kommune, Frogner helsestasjon")

        chart = page.get_by_role("img", name="Symfyse-fundus-mål per uke")
        expect(chart).to_be_visible()
        expect(chart.locator("circle")).to_have_count(3)
        table = page.get_by_role("table", name="Symfyse-fundus-mål, med normalområdet for uken")
        expect(table.locator("tbody tr")).to_have_count(3)
        assert_accessible(page)

    def test_she_writes_her_birth_wishes_with_htmx(self, live_server, logged_in_page, kari_card):
        page = logged_in_page
        page.goto(live_server.url + "/helsekort/")
        page.get_by_role("link", name="Mine ønsker").click()
        page.get_by_label("Dine ønsker for fødselen").fill("Badekar om mulig.")
        with page.expect_request(lambda r: r.method == "POST" and r.headers.get("hx-request")):
            page.get_by_role("button", name="Lagre").click()
        expect(page.get_by_role("status")).to_contain_text("Ønskene dine er lagret")
        assert BirthWishes.objects.get(card=kari_card).wishes == "Badekar om mulig."
        assert_accessible(page)

    def test_a_save_from_an_older_window_says_so_with_htmx(
        self, live_server, logged_in_page, kari_card
    ):
        """Two tabs: the second's save (with htmx) is refused, and she is told why."""
        first = logged_in_page
        second = first.context.new_page()
        for tab in (first, second):
            tab.goto(live_server.url + "/helsekort/")
            tab.get_by_role("link", name="Mine ønsker").click()
        first.get_by_label("Dine ønsker for fødselen").fill("Badekar om mulig.")
        first.get_by_role("button", name="Lagre").click()
        expect(first.get_by_role("status")).to_contain_text("Ønskene dine er lagret")
        second.get_by_label("Dine ønsker for fødselen").fill("Epidural.")
        with second.expect_response(lambda r: r.request.method == "POST") as answer:
            second.get_by_role("button", name="Lagre").click()
        assert answer.value.status == 409
        expect(second.get_by_role("alert")).to_contain_text("Ikke lagret")
        expect(second.get_by_label("Dine ønsker for fødselen")).to_have_value("Badekar om mulig.")
        assert BirthWishes.objects.get(card=kari_card).wishes == "Badekar om mulig."

    @pytest.mark.parametrize("tab", ["Prøver og ultralyd", "Helse og historikk"])
    def test_other_parts_of_the_card_are_accessible(
        self, live_server, logged_in_page, kari_card, tab
    ):
        page = logged_in_page
        page.goto(live_server.url + "/helsekort/")
        page.get_by_role("link", name=tab).click()
        expect(page.get_by_role("link", name=tab)).to_have_attribute("aria-current", "page")
        assert_accessible(page)

    def test_print_view_is_accessible_and_prints_on_a4(
        self, live_server, logged_in_page, kari_card
    ):
        page = logged_in_page
        page.goto(live_server.url + "/helsekort/")
        page.get_by_role("link", name="Skriv ut").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Helsekort for gravide")
        assert_accessible(page)
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")


def test_after_a_dangerous_visit_she_is_asked_to_call_today_on_a_phone(
    live_server, logged_in_page, kari_card
):
    from healthcard.demo import MIDWIFE
    from healthcard.models import Consultation
    from healthcard.services import add_entry

    latest = kari_card.consultations.order_by("-date").first()
    add_entry(
        card=kari_card,
        model=Consultation,
        actor=MIDWIFE,
        date=latest.date,
        weeks=latest.weeks,
        days=latest.days,
        systolic=164,
        diastolic=112,
    )
    page = logged_in_page
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/helsekort/")
    advice = page.get_by_role("region", name="Ring fødeavdelingen i dag")
    expect(advice).to_contain_text("Blodtrykket ditt var høyt ved siste kontroll")
    expect(
        advice.get_by_role("link", name="Når skal du ta kontakt med fødeavdelingen")
    ).to_be_visible()
    page.screenshot(path="/tmp/advice-320.png", full_page=False)
    # reflow (WCAG 1.4.10): nothing but the tables' own scroll regions is wider than 320 px
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
