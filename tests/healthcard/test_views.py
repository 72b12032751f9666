import datetime
import io
import json
import re
import uuid

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from healthcard.demo import MIDWIFE, week_30_full_history
from healthcard.models import BirthWishes, Consultation, Provenance
from healthcard.record import card_alerts
from healthcard.services import acknowledge_alert, add_entry
from tests.conftest import API
from tests.factories import (
    CardFactory,
    CareTeamMemberFactory,
    ConsultationFactory,
    CurrentPregnancyFactory,
    FetalObservationFactory,
    FundalHeightFactory,
    LabResultFactory,
    WomanFactory,
)

pytestmark = pytest.mark.django_db

CARD_URLS = [
    "healthcard:card_by_id",
    "healthcard:card_tests",
    "healthcard:card_health",
    "healthcard:birth_wishes",
    "healthcard:card_print",
    "healthcard:card_download",
    "healthcard:card_pdf",
]


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


def csrf_tokens(response) -> list[str]:
    return [a or b for a, b in CSRF_TOKEN.findall(response.content.decode())]


PRINTED_AT = re.compile(r'<dd id="printed-at">[^<]*</dd>')  # the clock's minute, not the card


def without_csrf_token(response) -> str:
    return PRINTED_AT.sub("", CSRF_TOKEN.sub("", response.content.decode()))


@pytest.fixture
def kari_card(kari):
    return week_30_full_history(kari)


class TestCardOverview:
    def test_week_30_woman_sees_where_she_is_and_what_comes_next(self, kari_client, kari_card):
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert 'id="gestational-age">30+2<' in html
        assert "Fastsatt ved ultralyd" in html
        assert "Kontroll i uke 32" in html

    def test_each_consultation_shows_who_recorded_it(self, kari_client, kari_card):
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "Jorunn Jordmor, Oslo kommune, Frogner helsestasjon" in html
        assert "Lars Fastlege, Majorstuen legesenter" in html

    def test_retracted_consultation_is_shown_struck_with_who_retracted_it(
        self, kari_client, kari_card
    ):
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "dhg-table__row--retracted" in html
        assert "Feilregistrert – trukket tilbake av Jorunn Jordmor" in html
        assert 'Hvorfor: <span lang="no">Feil vekt: 76,5 kg skulle vært 66,5 kg.</span>' in html

    def test_consultations_are_newest_first(self, kari_client, kari_card):
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert html.index("Kjenner mye liv") < html.index("Første konsultasjon.")

    def test_values_use_norwegian_decimals(self, kari_client, kari_card):
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "72,0 kg" in html
        assert "29,5 cm" in html

    def test_sf_chart_comes_with_its_table(self, kari_client, kari_card):
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert 'aria-labelledby="sf-chart-title sf-chart-desc"' in html
        assert "Symfyse-fundus-mål, med normalområdet for uken" in html
        assert "27,3–31,8 cm" in html  # INTERGROWTH p10–p90 at 30+0

    def test_chart_coordinates_are_not_localised(self, kari_client, kari_card):
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        svg = html[html.index("<svg") : html.index("</svg>")]
        assert 'cy="' in svg
        assert not any("," in part.split('"')[1] for part in svg.split("cy=")[1:])

    def test_empty_card_explains_what_will_come(self, kari_client):
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "Helsekortet ditt er tomt foreløpig" in html

    def test_card_without_due_date_says_how_it_will_be_set(self, kari_client, kari):
        CardFactory(woman=kari)
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "Terminen fastsettes når" in html
        assert "Ingen konsultasjoner er registrert ennå" in html

    @pytest.mark.parametrize("consultations", [1, 10, 40, 100])
    def test_query_count_does_not_grow_with_the_card(
        self, kari_client, kari, django_assert_num_queries, consultations
    ):
        card = CurrentPregnancyFactory(card__woman=kari).card
        ConsultationFactory.create_batch(consultations, card=card)
        FundalHeightFactory.create_batch(consultations, card=card)
        LabResultFactory.create_batch(consultations, card=card)
        kari_client.get(reverse("healthcard:card_detail"))  # session refreshed once
        caches["cards"].clear()
        # session, user, the card's version; then the card with its sections, consultations,
        # fetal rows, SF heights; for her alerts lab results, ultrasounds, contacts, checks
        # after the birth, her own measurements, notes and questionnaires, and acknowledged
        # alerts; her booked appointments
        with django_assert_num_queries(16):
            first = kari_client.get(reverse("healthcard:card_detail"))
        # the same version again: session, user, the card's version
        with django_assert_num_queries(3):
            again = kari_client.get(reverse("healthcard:card_detail"))
        assert without_csrf_token(again) == without_csrf_token(first)
        assert first.content.decode().count("dhg-provenance") == 2 * consultations

    def test_a_page_from_the_cache_has_a_fresh_csrf_token_that_works(self, kari, client):
        client = Client(enforce_csrf_checks=True)
        client.force_login(kari)
        CurrentPregnancyFactory(card__woman=kari)
        first, again = (client.get(reverse("healthcard:card_detail")) for _ in range(2))
        assert csrf_tokens(first) and csrf_tokens(again)
        assert set(csrf_tokens(first)).isdisjoint(csrf_tokens(again))  # masked anew
        switched = client.post(
            reverse("set_language"),
            {"language": "en", "next": "/helsekort/", "csrfmiddlewaretoken": csrf_tokens(again)[0]},
        )
        assert switched.status_code == 302
        english = client.get(reverse("healthcard:card_detail")).content.decode()
        assert '<html lang="en">' in english and "My health card" in english

    def test_a_message_is_shown_once_on_the_page(self, kari_client, kari):
        card = CurrentPregnancyFactory(card__woman=kari).card
        kari_client.get(reverse("healthcard:card_detail"))  # the page is in the cache
        kari_client.post(
            reverse("healthcard:birth_wishes", args=[card.pk]),
            {"wishes": "Badekar", "questions": ""},
        )
        shown = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "Ønskene dine er lagret p" in shown
        later = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "Ønskene dine er lagret p" not in later

    def test_a_new_entry_shows_at_once(self, kari_client, kari):
        card = CurrentPregnancyFactory(card__woman=kari).card
        kari_client.get(reverse("healthcard:card_detail"))
        add_entry(
            card=card,
            model=Consultation,
            actor=MIDWIFE,
            date=timezone.localdate(),
            weeks=30,  # the factory makes her 29+4 today
            note="Helt ny konsultasjon",
        )
        assert (
            "Helt ny konsultasjon"
            in kari_client.get(reverse("healthcard:card_detail")).content.decode()
        )

    def test_each_language_has_its_own_copy(self, kari_client, kari):
        CurrentPregnancyFactory(card__woman=kari)
        assert (
            "Konsultasjoner" in kari_client.get(reverse("healthcard:card_detail")).content.decode()
        )
        kari_client.cookies["django_language"] = "en"
        assert (
            "Consultations" in kari_client.get(reverse("healthcard:card_detail")).content.decode()
        )


class TestOnlyHerOwnCard:
    @pytest.mark.parametrize("name", CARD_URLS)
    def test_another_womans_record_is_not_found(self, kari_client, name):
        other = CardFactory(woman=WomanFactory())
        response = kari_client.get(reverse(name, args=[other.pk]))
        assert response.status_code == 404

    @pytest.mark.parametrize("name", CARD_URLS)
    def test_unknown_record_is_not_found(self, kari_client, name):
        assert kari_client.get(reverse(name, args=[uuid.uuid4()])).status_code == 404

    def test_posting_wishes_to_another_womans_record_changes_nothing(self, kari_client):
        other = CardFactory(woman=WomanFactory())
        response = kari_client.post(
            reverse("healthcard:birth_wishes", args=[other.pk]),
            {"wishes": "hijack", "questions": ""},
        )
        assert response.status_code == 404
        assert not BirthWishes.objects.exists()

    def test_overview_never_shows_another_womans_card(self, kari_client):
        ConsultationFactory(card=CardFactory(woman=WomanFactory()), note="Hemmelig")
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "Hemmelig" not in html
        assert "Helsekortet ditt er tomt foreløpig" in html

    @pytest.mark.parametrize("name", CARD_URLS)
    def test_logged_out_visitor_is_sent_to_login(self, client, name):
        card = CardFactory()
        response = client.get(reverse(name, args=[card.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("portal:login"))


class TestBirthWishes:
    def test_she_writes_her_wishes_signed_as_herself(self, kari_client, kari):
        card = CardFactory(woman=kari)
        url = reverse("healthcard:birth_wishes", args=[card.pk])
        response = kari_client.post(url, {"wishes": "Lystgass", "questions": "Når drar vi?"})
        assert response.status_code == 302
        wishes = BirthWishes.objects.get(card=card)
        assert (wishes.wishes, wishes.questions) == ("Lystgass", "Når drar vi?")
        assert wishes.recorded_by_type == Provenance.UserType.WOMAN
        assert wishes.recorded_by_name == "Kari Nordmann"
        assert "Lystgass" in kari_client.get(url).content.decode()

    def test_htmx_save_returns_the_form_fragment(self, kari_client, kari):
        card = CardFactory(woman=kari)
        response = kari_client.post(
            reverse("healthcard:birth_wishes", args=[card.pk]),
            {"wishes": "Badekar", "questions": ""},
            HTTP_HX_REQUEST="true",
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert html.lstrip().startswith('<div id="birth-wishes">')
        assert "Ønskene dine er lagret p" in html
        assert response["Vary"].count("HX-Request") == 1

    def test_saving_again_updates_the_same_section_with_a_new_version(self, kari_client, kari):
        card = CardFactory(woman=kari)
        url = reverse("healthcard:birth_wishes", args=[card.pk])
        kari_client.post(url, {"wishes": "A", "questions": ""})
        kari_client.post(url, {"wishes": "B", "questions": "", "version": 1})
        wishes = BirthWishes.objects.get()
        assert (wishes.wishes, wishes.version) == ("B", 2)

    def test_a_save_from_an_older_window_overwrites_nothing(self, kari_client, kari):
        card = CardFactory(woman=kari)
        url = reverse("healthcard:birth_wishes", args=[card.pk])
        kari_client.post(url, {"wishes": "A", "questions": ""})  # the first window
        kari_client.post(url, {"wishes": "B", "questions": "", "version": 1})  # the second
        response = kari_client.post(url, {"wishes": "C", "questions": "", "version": 1})
        assert response.status_code == 409
        assert "endret i et annet vindu" in response.content.decode()
        assert BirthWishes.objects.get().wishes == "B"
        assert 'value="2"' in response.content.decode()  # the form now edits what is saved

    def test_too_long_text_is_refused_with_a_clear_error_and_nothing_saved(self, kari_client, kari):
        card = CardFactory(woman=kari)
        response = kari_client.post(
            reverse("healthcard:birth_wishes", args=[card.pk]),
            {"wishes": "x" * 4001, "questions": ""},
        )
        assert response.status_code == 422
        assert "Det er et problem" in response.content.decode()
        assert not BirthWishes.objects.exists()


class TestPrintAndDownload:
    def test_print_view_holds_the_whole_card(self, kari_client, kari_card):
        html = kari_client.get(
            reverse("healthcard:card_print", args=[kari_card.pk])
        ).content.decode()
        for heading in (
            "Dette svangerskapet",
            "Tidligere svangerskap",
            "Blodprøver og andre prøver",
            "Konsultasjoner",
            "Symfyse-fundus-mål",
            "Mine ønsker for fødselen",
        ):
            assert heading in html

    def test_print_follows_the_paper_cards_order_with_its_three_charts(
        self, kari_client, kari_card
    ):
        html = kari_client.get(
            reverse("healthcard:card_print", args=[kari_card.pk])
        ).content.decode()
        order = [
            'id="consultations-heading"',  # after the overview at the top
            'id="sf-chart-title"',
            'id="weight-chart-title"',
            'id="bp-chart-title"',
            'id="labs-heading"',
            'id="pregnancy-heading"',  # the history
            'id="wishes-heading"',
        ]
        positions = [html.index(marker) for marker in order]
        assert positions == sorted(positions)
        assert html.index('id="printed-at"') < positions[0]
        assert f'href="/helsekort/{kari_card.pk}/helsekort.pdf"' in html

    def test_pdf_is_made_on_the_server_in_the_paper_cards_order(self, kari_client, kari_card):
        ConsultationFactory.create_batch(12, card=kari_card)
        response = kari_client.get(reverse("healthcard:card_pdf", args=[kari_card.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="helsekort-{kari_card.created_at:%Y-%m-%d}.pdf"'
        )
        assert "no-store" in response["Cache-Control"]
        pdf = PdfReader(io.BytesIO(response.content))
        pages = len(pdf.pages)
        assert 4 <= pages <= 12
        text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
        due = date_format(kari_card.currentpregnancy.due_date, "DATE_FORMAT")
        assert "Kari Nordmann" in text and due in text
        headings = ["Konsultasjoner", "Vekst og målinger", "Blodprøver og andre prøver"]
        headings += ["Dette svangerskapet", "Mine ønsker for fødselen"]
        positions = [text.index(heading) for heading in headings]
        assert positions == sorted(positions)
        assert f"Side 1 av {pages}" in text and f"Side {pages} av {pages}" in text
        assert pdf.pages[1].extract_text().count("Kari Nordmann") >= 1  # every page says whose
        # Captions hidden on screen for screen readers would print over the tables' first rows.
        assert "nyeste først" not in text

    def test_the_print_shows_the_birth_once_after_her_history(self, kari_client, kari):
        from healthcard.demo import delivered

        card = delivered(kari)
        html = kari_client.get(reverse("healthcard:card_print", args=[card.pk])).content.decode()
        assert html.count('id="birth-heading"') == 1
        assert html.index('id="pregnancy-heading"') < html.index('id="birth-heading"')

    def test_pdf_in_english_when_she_reads_in_english(self, kari_client, kari_card):
        kari_client.cookies["django_language"] = "en"
        response = kari_client.get(reverse("healthcard:card_pdf", args=[kari_card.pk]))
        text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        assert "Health card for pregnant women" in text and "Page 1 of" in text

    def test_the_pdf_fetches_nothing_a_page_names(self):
        from healthcard.printing import pdf_of

        pdf = PdfReader(io.BytesIO(pdf_of('<p>x</p><img src="file:///etc/hostname">')))
        assert len(pdf.pages) == 1 and not pdf.pages[0].images

    def test_download_is_her_card_in_the_api_record_shape(self, kari_client, kari_card):
        response = kari_client.get(reverse("healthcard:card_download", args=[kari_card.pk]))
        assert response["Content-Type"] == "application/json"
        assert "attachment" in response["Content-Disposition"]
        document = json.loads(response.content)
        assert document["metadata"]["recordId"] == str(kari_card.pk)
        assert document["metadata"]["recordStatus"]["status"] == "ACTIVE"
        appointments = document["antenatalAppointments"]
        assert len(appointments) == 6
        retracted = [a for a in appointments if a["metadata"]["enteredInError"]]
        assert len(retracted) == 1
        assert retracted[0]["metadata"]["enteredInErrorBy"]["name"] == "Jorunn Jordmor"
        latest = appointments[0]
        assert latest["bloodPressure"] == {"systolic": 120, "diastolic": 78}
        assert latest["proteinInUrineTestResult"]["code"] == "T008"
        assert latest["metadata"]["lastUpdatedBy"]["hprNr"] == "9144900"
        assert document["currentPregnancy"]["dueDateBasedOnUltrasound"]
        assert document["birthWishes"]["metadata"]["lastUpdatedBy"]["userType"] == "citizen"
        assert "nationalId" not in json.dumps(document)


class TestTemplateFilters:
    def test_lab_values_lose_only_trailing_zeros(self):
        from decimal import Decimal

        from healthcard.templatetags.card import measurement

        assert [measurement(Decimal(v)) for v in ("12.80", "38.00", "4.85", "100.00")] == [
            "12,8",
            "38",
            "4,85",
            "100",
        ]


class TestHealthAndHistory:
    def test_delivered_card_shows_the_birth_and_no_current_week(self, kari_client, kari):
        from healthcard.demo import delivered

        card = delivered(kari)
        overview = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "endte med fødsel" in overview
        assert 'id="gestational-age"' not in overview
        html = kari_client.get(reverse("healthcard:card_health", args=[card.pk])).content
        assert "Levende født" in html.decode()

    def test_personal_details_and_care_team_are_shown(self, kari_client, kari_card):
        html = kari_client.get(
            reverse("healthcard:card_health", args=[kari_card.pk])
        ).content.decode()
        assert "Om deg" in html
        assert "Trenger tolk" in html
        assert "Jordmor:</strong> Jorunn Jordmor" in html

    def test_english_card_uses_english_words(self, kari_client, kari_card):
        kari_client.cookies["django_language"] = "en"
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "You are in week" in html
        assert "Consultation in week 32" in html


class TestCardList:
    def test_she_finds_her_earlier_cards_and_only_hers(self, kari_client, kari):
        old = CardFactory(woman=kari, status="delivered")
        new = CardFactory(woman=kari)
        other = CardFactory(woman=WomanFactory())
        html = kari_client.get(reverse("healthcard:card_list")).content.decode()
        assert str(old.pk) in html and str(new.pk) in html
        assert str(other.pk) not in html
        assert kari_client.get(reverse("healthcard:card_by_id", args=[old.pk])).status_code == 200


DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


def test_every_card_page_is_right_with_every_cache_switched_off(
    settings, kari_client, kari, epj_client
):
    """The caches only save work: without any, every page is the same as with them, before
    and after a write."""
    card = week_30_full_history(kari)
    # The PDF is the print page's HTML made into a file (with its own creation time).
    pages_of_html = [name for name in CARD_URLS if name != "healthcard:card_pdf"]
    urls = [reverse("healthcard:card_detail")] + [reverse(n, args=[card.pk]) for n in pages_of_html]
    caching = settings.CACHES

    def pages(caches_on: bool) -> dict[str, str]:
        settings.CACHES = caching if caches_on else {alias: DUMMY for alias in caching}
        responses = {url: kari_client.get(url) for url in urls}
        assert all(r.status_code == 200 for r in responses.values())
        return {url: without_csrf_token(r) for url, r in responses.items()}

    pages(caches_on=True)  # fills the caches
    before = pages(caches_on=True)
    assert pages(caches_on=False) == before

    visit = {
        "date": timezone.localdate().isoformat(),
        "pregnancyWeek": 30,
        "daysAfterFullPregnancyWeek": 2,
        "bloodPressure": {"systolic": 131, "diastolic": 87},
    }
    api = epj_client(kari)
    written = api.post(API + f"record/{card.pk}/antenatalAppointments", visit, format="json")
    assert written.status_code == 201, written.content
    after = pages(caches_on=False)
    assert after == pages(caches_on=True)
    assert "131/87" in after[urls[0]] and "131/87" not in before[urls[0]]


class TestAdviceForHer:
    """Where the guideline asks her to act, her card says so plainly, with whom to call."""

    @pytest.fixture
    def card(self, kari):
        due = timezone.localdate() + datetime.timedelta(days=283 - 30 * 7)
        return CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=due).card

    def dangerous_visit(self, card):
        ConsultationFactory(
            card=card, weeks=30, days=0, systolic=150, diastolic=98, urine_protein="T049"
        )

    def test_a_dangerous_visit_asks_her_to_call_her_maternity_unit_today(self, kari_client, card):
        self.dangerous_visit(card)
        CareTeamMemberFactory(
            card=card,
            role="birth_institution",
            name="Ullevål sykehus, fødeavdelingen",
            organisation="Oslo universitetssykehus HF",
            phone="23 07 00 00",
        )
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        advice = html[html.index('id="advice"') : html.index('id="status-heading"')]
        assert "Ring fødeavdelingen i dag" in advice
        assert "Blodtrykket ditt og de andre funnene ved siste kontroll" in advice
        assert 'href="tel:23070000"' in advice
        assert "Ring Ullevål sykehus, fødeavdelingen:" in advice  # the unit, not the trust
        assert 'href="tel:116117"' in advice  # if the unit does not answer
        assert "preeklampsi" not in html.lower()  # advice, never a diagnosis
        next_steps = html[html.index('id="next-steps"') :]
        assert next_steps.index("I dag: ring fødeavdelingen") < next_steps.index("uke 32")

    def test_without_a_maternity_unit_on_her_card_she_gets_the_national_numbers(
        self, kari_client, card
    ):
        self.dangerous_visit(card)
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert 'href="tel:116117"' in html and 'href="tel:113"' in html

    def test_a_maternity_unit_without_a_phone_is_still_named(self, kari_client, card):
        self.dangerous_visit(card)
        CareTeamMemberFactory(card=card, role="birth_institution", name="Ullevål, fødeavdelingen")
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        advice = html[html.index('id="advice"') : html.index('id="status-heading"')]
        assert "Ring Ullevål, fødeavdelingen, der du skal føde." in advice
        assert 'href="tel:116117"' in advice

    def test_once_a_clinician_has_followed_it_up_she_is_not_asked_to_call(self, kari_client, card):
        self.dangerous_visit(card)
        [alert] = card_alerts(card)
        acknowledge_alert(card=card, alert_id=alert.id, actor=MIDWIFE)
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert 'id="advice"' not in html

    def test_a_check_her_midwife_set_comes_before_the_programme(self, kari_client, card):
        in_two_days = timezone.localdate() + datetime.timedelta(days=2)
        ConsultationFactory(card=card, weeks=30, days=0, next_check_on=in_two_days)
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        next_steps = html[html.index('id="next-steps"') :]
        assert next_steps.index('id="next-check"') < next_steps.index("uke 32")
        assert "Neste kontroll: " + date_format(in_two_days, "l j. F") in next_steps

    def test_a_check_already_past_is_not_shown_as_next(self, kari_client, card):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        ConsultationFactory(
            card=card,
            weeks=29,
            days=4,
            date=yesterday - datetime.timedelta(2),
            next_check_on=yesterday,
        )
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert 'id="next-check"' not in html

    def test_her_printed_card_carries_the_alerts_and_the_advice(self, kari_client, card):
        self.dangerous_visit(card)
        html = kari_client.get(reverse("healthcard:card_print", args=[card.pk])).content.decode()
        alerts = html[html.index('id="alerts"') :]
        assert "Haster: Mistanke om preeklampsi" in alerts
        assert "Ring fødeavdelingen i dag" in html

    def test_movements_not_felt_are_written_on_her_table(self, kari_client, card):
        visit = ConsultationFactory(card=card, weeks=30, days=0, fetus=None)
        FetalObservationFactory(consultation=visit, heart_rate=None, movements_felt=False)
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        table = html[html.index('id="consultations-caption"') :]
        assert "<strong>kjenner ikke liv</strong>" in table

    def test_a_normal_card_gives_no_advice(self, kari_client, card):
        ConsultationFactory(card=card, weeks=30, days=0)
        html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert 'id="advice"' not in html

    def test_the_danger_signs_are_open_to_anyone(self, client):
        html = client.get(reverse("portal:when_to_call")).content.decode()
        assert "Blødning fra skjeden" in html and 'href="tel:113"' in html
        emergency = html[html.index('id="emergency-heading"') : html.index('id="today-heading"')]
        assert "Kramper" in emergency and "Kraftig blødning" in emergency
        assert "fastlegen eller legevakten" in html  # early bleeding is not for the unit
        assert reverse("portal:when_to_call") in client.get(reverse("portal:home")).content.decode()


def test_every_history_section_says_who_recorded_it(kari, kari_client):
    from healthcard.demo import week_30_full_history

    card = week_30_full_history(kari)
    html = kari_client.get(reverse("healthcard:card_health", args=[card.pk])).content.decode()
    for heading in ("before", "previous", "conditions", "heredity", "medication", "lifestyle"):
        section = html[html.index(f'aria-labelledby="{heading}-heading"') :]
        section = section[: section.index("</section>")]
        assert 'class="dhg-provenance"' in section, heading


def test_a_consultations_week_is_said_once_in_what_comes_next(kari, kari_client):
    from healthcard.demo import week_30_full_history

    week_30_full_history(kari)
    html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    assert "Kontroll i uke 32</strong><br>" in html
    assert '<span class="dhg-tag">uke 32</span>' not in html


def test_her_tests_and_checks_are_in_plain_words_and_norwegian_units(kari, kari_client):
    from healthcard.demo import week_30_full_history

    card = week_30_full_history(kari)
    tests = kari_client.get(reverse("healthcard:card_tests", args=[card.pk])).content.decode()
    assert "Syfilis" in tests and "Syphilis" not in tests
    assert "Ferritin (jernlager)" in tests and "µg/L" in tests and "ug/L" not in tests
    overview = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    table = overview[overview.index('id="consultations-heading"') :]
    assert '">Negativ</td>' in table and '">Ingen</td>' in table  # protein, oedema 0
    assert '">Neg</td>' not in table and '">0</td>' not in table


def test_english_dates_are_written_the_british_way(kari, kari_client):
    from django.utils import formats, translation

    from healthcard.demo import week_30_full_history

    week_30_full_history(kari)
    kari_client.cookies["django_language"] = "en"
    html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    with translation.override("en"):
        due = formats.date_format(kari.cards.get().currentpregnancy.due_date)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", due)  # 10 February 2027
    assert due in html
    assert "a.m." not in html and "p.m." not in html
