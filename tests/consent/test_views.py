import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from consent import texts
from consent.models import ConsentEvent
from consent.selectors import has_active_consent
from consent.services import withdraw_consent
from healthcard.demo import week_30_full_history
from healthcard.models import Card
from tests.factories import WomanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingrid_client(client, ingrid):
    client.force_login(ingrid)
    return client


def give(client, **extra):
    data = {"confirm": "on", "submission_id": str(uuid.uuid4())}
    return client.post(reverse("consent:give"), data, **extra)


class TestGivingConsent:
    def test_without_consent_the_card_page_explains_and_offers_it(self, ingrid_client):
        html = ingrid_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "trenger vi samtykket ditt" in html
        assert "Samtykke til digitalt helsekort for gravide" in html
        assert 'action="/samtykke/gi/"' in html

    def test_plain_form_post_gives_consent_and_returns_to_the_card(self, ingrid_client, ingrid):
        response = give(ingrid_client)
        assert response.status_code == 302
        assert response["Location"] == reverse("healthcard:card_detail")
        assert has_active_consent(woman=ingrid)
        html = ingrid_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "Helsekortet ditt er tomt foreløpig" in html
        assert "Du samtykket til digitalt helsekort" in html

    def test_htmx_post_updates_the_status_in_place(self, ingrid_client):
        response = give(ingrid_client, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert response.status_code == 200
        assert html.lstrip().startswith('<div id="consent-give"')
        assert "Takk. Du har samtykket" in html
        assert '<div id="consent-intro" hx-swap-oob="true"></div>' in html  # "we need it" goes

    def test_double_submit_of_the_same_form_records_one_event(self, ingrid_client):
        data = {"confirm": "on", "submission_id": str(uuid.uuid4())}
        ingrid_client.post(reverse("consent:give"), data)
        ingrid_client.post(reverse("consent:give"), data)
        assert ConsentEvent.objects.count() == 1

    def test_unticked_box_gets_a_clear_422_and_records_nothing(self, ingrid_client):
        response = ingrid_client.post(reverse("consent:give"), {"submission_id": str(uuid.uuid4())})
        assert response.status_code == 422
        assert "Kryss av i boksen" in response.content.decode()
        assert not ConsentEvent.objects.exists()

    def test_forged_submission_id_gets_422(self, ingrid_client):
        response = ingrid_client.post(
            reverse("consent:give"), {"confirm": "on", "submission_id": "'; drop table"}
        )
        assert response.status_code == 422
        assert not ConsentEvent.objects.exists()

    def test_missing_csrf_token_is_refused(self, ingrid):
        client = Client(enforce_csrf_checks=True)
        client.force_login(ingrid)
        response = give(client)
        assert response.status_code == 403
        assert not ConsentEvent.objects.exists()

    def test_giving_requires_login(self, client):
        response = give(client)
        assert response.status_code == 302
        assert not ConsentEvent.objects.exists()

    def test_giving_is_post_only(self, ingrid_client):
        assert ingrid_client.get(reverse("consent:give")).status_code == 405


class TestWithdrawingConsent:
    def test_withdraw_page_tells_what_happens_and_offers_the_download(self, kari_client, kari):
        card = week_30_full_history(kari)
        html = kari_client.get(reverse("consent:withdraw")).content.decode()
        assert "Alt i det digitale helsekortet ditt slettes" in html
        assert reverse("healthcard:card_download", args=[card.pk]) in html

    def test_withdrawal_needs_the_confirmation(self, kari_client, kari):
        week_30_full_history(kari)
        response = kari_client.post(
            reverse("consent:withdraw"), {"submission_id": str(uuid.uuid4())}
        )
        assert response.status_code == 422
        assert Card.objects.exists()
        assert has_active_consent(woman=kari)

    def test_withdrawal_erases_and_shows_a_receipt(self, kari_client, kari):
        week_30_full_history(kari)
        response = kari_client.post(
            reverse("consent:withdraw"),
            {"confirm": "on", "reason": "", "submission_id": str(uuid.uuid4())},
        )
        assert response.status_code == 302
        receipt = kari_client.get(response["Location"]).content.decode()
        assert "Samtykket ditt er trukket" in receipt
        assert "Konsultasjoner: 6" in receipt
        assert not Card.objects.exists()
        card_page = kari_client.get(reverse("healthcard:card_detail")).content.decode()
        assert "Du har trukket samtykket ditt, og helsekortet ditt er slettet" in card_page

    def test_after_withdrawal_the_old_card_address_is_gone(self, kari_client, kari):
        card = week_30_full_history(kari)
        withdraw_consent(woman=kari)
        for name in ("healthcard:card_by_id", "healthcard:card_download"):
            assert kari_client.get(reverse(name, args=[card.pk])).status_code == 404

    def test_another_womans_receipt_is_not_found(self, kari_client):
        other = WomanFactory()
        event = withdraw_consent(woman=other)
        response = kari_client.get(reverse("consent:receipt", args=[event.pk]))
        assert response.status_code == 404

    def test_a_given_event_has_no_receipt(self, kari_client, kari):
        given = ConsentEvent.objects.get(woman=kari)
        assert kari_client.get(reverse("consent:receipt", args=[given.pk])).status_code == 404

    def test_history_lists_each_event_with_its_text_version(self, kari_client, kari):
        withdraw_consent(woman=kari)
        html = kari_client.get(reverse("consent:settings")).content.decode()
        assert "Samtykke gitt" in html and "Samtykke trukket" in html
        assert '<a href="/samtykke/tekst/2026-12/">versjon 2026-12</a>' in html
        receipt = reverse(
            "consent:receipt", args=[ConsentEvent.objects.get(woman=kari, kind="withdrawn").pk]
        )
        assert f'<a href="{receipt}">Samtykke trukket</a>' in html  # her receipt, found again


class TestReReadingTheConsentText:
    def test_she_can_re_read_the_version_she_agreed_to_word_for_word(self, kari_client, kari):
        event = ConsentEvent.objects.get(woman=kari)
        html = kari_client.get(reverse("consent:text", args=[event.text_version])).content
        for point in texts.consent_text(event.text_version, "nb")["points"]:
            assert escape(point).encode() in html
        assert "Det er teksten som vises i dag." in html.decode()

    def test_an_older_version_is_kept_and_says_it_is_no_longer_shown(self, client):
        client.cookies["django_language"] = "nn"
        html = client.get(reverse("consent:text", args=["2026-11"])).content.decode()
        assert "I dag blir ein nyare tekst vist." in html
        assert "Denne versjonen kom berre på bokmål og engelsk." in html
        assert '<div lang="nb">' in html  # read in bokmål, and marked so for screen readers
        assert escape(texts.TEXTS["2026-11"]["nb"]["points"][0]) in html

    def test_nynorsk_from_2026_12(self, client):
        client.cookies["django_language"] = "nn"
        html = client.get(reverse("consent:text", args=["2026-12"])).content.decode()
        assert escape(texts.TEXTS["2026-12"]["nn"]["points"][3]) in html
        assert "Denne versjonen kom berre" not in html

    def test_an_unknown_version_is_not_found(self, client):
        assert client.get(reverse("consent:text", args=["1999-01"])).status_code == 404

    def test_consenting_records_the_current_version_and_its_fingerprint(self, kari):
        event = ConsentEvent.objects.get(woman=kari)
        assert event.text_version == texts.CURRENT_VERSION == "2026-12"
        assert event.text_fingerprint == texts.fingerprint("2026-12")


class TestSharePathsWithoutConsent:
    def test_download_and_print_of_a_card_without_consent_show_the_consent_page(self, client):
        from tests.factories import CardFactory

        card = CardFactory(woman=WomanFactory(consented=False))
        client.force_login(card.woman)
        for name in (
            "healthcard:card_download",
            "healthcard:card_pdf",
            "healthcard:card_print",
            "healthcard:card_by_id",
        ):
            response = client.get(reverse(name, args=[card.pk]))
            assert response["Content-Type"].startswith("text/html")
            assert "trenger vi samtykket ditt" in response.content.decode()


def test_a_receipt_written_before_the_card_model_was_renamed_still_names_it():
    from consent.templatetags.consent import erased_items

    assert erased_items({"Pregnancy": 1, "Consultation": 3}) == [
        ("helsekort", 1),
        ("konsultasjoner", 3),
    ]
