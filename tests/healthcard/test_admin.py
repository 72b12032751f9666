"""The midwife's workplace: finding a woman, reading her card, recording and correcting on
it, each request leaving exactly one access-log entry; and what she can never do."""

import datetime

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from consent.services import withdraw_consent
from healthcard import models
from healthcard.demo import MIDWIFE, week_30_full_history
from healthcard.models import (
    AccessEvent,
    AlertAcknowledgement,
    Consultation,
    EntryRevision,
    FundalHeight,
    LabResult,
)
from healthcard.record import card_alerts
from healthcard.services import acknowledge_alert, retract_entry
from tests.conftest import API, KARI, log_in_with_second_factor
from tests.factories import (
    CardFactory,
    ConsultationFactory,
    FundalHeightFactory,
    LabResultFactory,
    WomanFactory,
)

pytestmark = pytest.mark.django_db

FIND = "/admin/healthcard/card/"
TODAY = timezone.localdate()


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def card_url(card) -> str:
    return reverse("admin:dhg_card", args=[card.pk])


def add_url(card, kind: str) -> str:
    return reverse("admin:dhg_add_entry", args=[card.pk, kind])


CONSULTATION = {
    "date": TODAY.isoformat(),
    "weeks": "30",
    "days": "2",
    "weight_kg": "72.5",
    "systolic": "118",
    "diastolic": "76",
    "urine_protein": "T008",
    "oedema": "0",
    "hemoglobin": "11.8",
    "note": "Alt fint.",
    "heart_rate": "140",
    "presentation": "cephalic",
    "movements_felt": "true",
}


def new_events(since: int):
    return list(AccessEvent.objects.filter(pk__gt=since).order_by("pk"))


def last_event_id() -> int:
    last = AccessEvent.objects.order_by("-pk").first()
    return last.pk if last else 0


class TestFinding:
    def test_she_is_found_by_national_id_and_the_search_is_logged(self, midwife_client, card):
        before = last_event_id()
        response = midwife_client.post(FIND, {"national_id": KARI.nin})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Kari Nordmann" in html and card_url(card) in html
        [event] = new_events(before)
        assert (event.section, event.action, event.channel) == ("search", "read", "admin")
        assert (event.actor_name, event.actor_hpr, event.actor_role) == (
            "Jorunn Jordmor",
            "9144900",
            "Jordmor",
        )
        assert (event.org_nr, event.org_name) == ("974589095", "Oslo kommune, Helsestasjon Frogner")

    def test_a_woman_without_consent_is_not_found_and_nothing_is_logged(
        self, midwife_client, ingrid
    ):
        CardFactory(woman=ingrid)
        response = midwife_client.post(FIND, {"national_id": ingrid.national_id})
        assert response.status_code == 404
        assert "har samtykket" in response.content.decode()
        assert not AccessEvent.objects.exists()

    def test_an_invalid_number_is_a_clear_error(self, midwife_client, card):
        before = last_event_id()
        response = midwife_client.post(FIND, {"national_id": "02879910058"})
        assert response.status_code == 422
        assert "ikke et gyldig fødselsnummer" in response.content.decode()
        assert new_events(before) == []

    def test_the_number_is_never_in_a_url(self, midwife_client, card):
        before = last_event_id()
        response = midwife_client.post(FIND, {"national_id": KARI.nin})
        assert KARI.nin not in response.content.decode().replace(
            f'value="{KARI.nin}"', ""
        )  # only echoed back in the search field
        assert response.status_code == 200
        [search] = new_events(before)
        assert midwife_client.get(FIND, {"national_id": KARI.nin}).status_code == 200
        assert new_events(search.pk) == []  # a GET does not search


class TestReadingTheCard:
    def test_the_card_shows_her_sections_and_the_read_is_logged(self, midwife_client, card):
        before = last_event_id()
        response = midwife_client.get(card_url(card))
        assert response.status_code == 200
        html = response.content.decode()
        for heading in ("Konsultasjoner", "Symfyse-fundus-mål", "Blodprøver og andre prøver"):
            assert heading in html
        [event] = new_events(before)
        assert (event.section, event.action, event.card_id) == ("record", "read", card.pk)

    def test_after_withdrawal_the_card_is_gone(self, midwife_client, card, kari):
        withdraw_consent(woman=kari)
        assert midwife_client.get(card_url(card)).status_code == 404
        assert midwife_client.post(FIND, {"national_id": KARI.nin}).status_code == 404

    def test_a_card_of_a_woman_without_consent_is_404_and_not_logged(self, midwife_client):
        other = CardFactory(woman=WomanFactory(consented=False))
        assert midwife_client.get(card_url(other)).status_code == 404
        assert midwife_client.post(add_url(other, "consultation"), CONSULTATION).status_code == 404
        assert not AccessEvent.objects.exists()
        assert not Consultation.objects.filter(card=other).exists()

    @pytest.mark.parametrize("entries", [1, 10, 40, 100])
    def test_query_count_does_not_grow_with_the_card(
        self, midwife_client, django_assert_num_queries, kari, entries
    ):
        card = CardFactory(woman=kari)
        ConsultationFactory.create_batch(entries, card=card)
        FundalHeightFactory.create_batch(entries, card=card)
        LabResultFactory.create_batch(entries, card=card)
        midwife_client.get(card_url(card))  # session refreshed once
        # session, staff user, her permissions; the card with its sections and consent;
        # 13 lists and the fetal rows; its acknowledged alerts; her questions; the log insert
        # and its savepoint pair; her last look, and what was written since
        with django_assert_num_queries(26):
            response = midwife_client.get(card_url(card))
        assert response.content.decode().count("dhg-provenance") == 3 * entries


class TestRecording:
    def test_a_consultation_is_stored_with_her_signature(self, midwife_client, card):
        before = last_event_id()
        response = midwife_client.post(add_url(card, "consultation"), CONSULTATION)
        assert response.status_code == 302
        entry = Consultation.objects.filter(card=card).order_by("-id").first()
        assert (entry.systolic, entry.diastolic, entry.weeks, entry.days) == (118, 76, 30, 2)
        assert (entry.recorded_by_name, entry.recorded_by_hpr, entry.org_nr) == (
            "Jorunn Jordmor",
            "9144900",
            "974589095",
        )
        assert (entry.recorded_by_role, entry.source_system) == ("Jordmor", "DHG")
        [fetus] = entry.fetuses.all()
        assert (fetus.heart_rate, fetus.presentation, fetus.movements_felt) == (
            140,
            "cephalic",
            True,
        )
        [event] = new_events(before)
        assert (event.section, event.action, event.channel) == ("consultation", "write", "admin")

    def test_a_lab_result_takes_the_tests_code_and_unit(self, midwife_client, card):
        response = midwife_client.post(
            add_url(card, "labresult"),
            {"test": "NPU19763", "taken_on": TODAY.isoformat(), "value": "25"},
        )
        assert response.status_code == 302
        result = LabResult.objects.get(card=card, code="NPU19763", value=25)
        assert (result.display, result.unit, result.recorded_by_name) == (
            "Ferritin",
            "ug/L",
            "Jorunn Jordmor",
        )

    def test_a_qualitative_lab_result(self, midwife_client, card):
        response = midwife_client.post(
            add_url(card, "labresult"),
            {"test": "NPU19649", "taken_on": TODAY.isoformat(), "qualitative": "T008"},
        )
        assert response.status_code == 302
        assert LabResult.objects.get(card=card, code="NPU19649", recorded_by_hpr="9144900")

    def test_an_sf_measurement(self, midwife_client, card):
        data = {"measured_on": TODAY.isoformat(), "weeks": "30", "days": "2", "centimetres": "29"}
        assert midwife_client.post(add_url(card, "fundalheight"), data).status_code == 302
        assert FundalHeight.objects.get(card=card, centimetres=29).recorded_by_hpr == "9144900"

    @pytest.mark.parametrize(
        ("kind", "data", "message"),
        [
            ("consultation", {**CONSULTATION, "systolic": "70"}, "Systolisk må være høyere"),
            ("consultation", {**CONSULTATION, "weeks": "52"}, "mindre enn eller lik 45"),
            ("consultation", {**CONSULTATION, "heart_rate": "300"}, "mindre enn eller lik 240"),
            (
                "consultation",
                {**CONSULTATION, "date": (TODAY + datetime.timedelta(days=1)).isoformat()},
                "etter i dag",
            ),
            ("labresult", {"test": "NPU19763", "taken_on": TODAY.isoformat()}, "Oppgi en verdi"),
            ("fundalheight", {"measured_on": TODAY.isoformat(), "weeks": "30"}, "påkrevd"),
        ],
    )
    def test_invalid_input_is_shown_and_nothing_is_stored(
        self, midwife_client, card, kind, data, message
    ):
        counts = {m: m.objects.count() for m in (Consultation, LabResult, FundalHeight)}
        before = last_event_id()
        response = midwife_client.post(add_url(card, kind), data)
        assert response.status_code == 422
        assert message in response.content.decode()
        assert counts == {m: m.objects.count() for m in counts}
        [event] = new_events(before)  # the card was shown again: a read
        assert (event.section, event.action) == ("record", "read")

    def test_recording_after_withdrawal_stores_nothing(self, midwife_client, card, kari):
        form_page_card = card.pk
        withdraw_consent(woman=kari)
        response = midwife_client.post(
            reverse("admin:dhg_add_entry", args=[form_page_card, "consultation"]), CONSULTATION
        )
        assert response.status_code == 404
        assert not Consultation.objects.exists()

    def test_an_unknown_kind_is_404(self, midwife_client, card):
        assert midwife_client.post(add_url(card, "ultrasound"), {}).status_code == 404


class TestCorrecting:
    def entry(self, card):
        return Consultation.objects.filter(card=card, entered_in_error=False).first()

    def test_correction_keeps_the_old_version(self, midwife_client, card):
        entry = self.entry(card)
        url = reverse("admin:dhg_correct_entry", args=[card.pk, "consultation", entry.pk])
        before = last_event_id()
        form = midwife_client.get(url)
        assert form.status_code == 200
        assert f'name="expected_version" value="{entry.version}"' in form.content.decode()
        [shown] = new_events(before)
        assert (shown.section, shown.action) == ("consultation", "read")

        before = last_event_id()
        data = {**CONSULTATION, "date": entry.date.isoformat(), "weeks": entry.weeks}
        response = midwife_client.post(
            url, {**data, "expected_version": entry.version, "change_reason": "Målt på nytt."}
        )
        assert response.status_code == 302
        corrected = Consultation.objects.get(pk=entry.pk)
        assert corrected.version == entry.version + 1
        assert corrected.systolic == 118 and corrected.recorded_by_name == "Jorunn Jordmor"
        revision = EntryRevision.objects.get(entry_id=entry.pk, entry_type="Consultation")
        assert revision.version == entry.version
        [written] = new_events(before)
        assert (written.section, written.action) == ("consultation", "write")

    def test_correcting_the_first_baby_keeps_the_second(self, midwife_client, card):
        card.currentpregnancy.number_of_fetuses = 2
        card.currentpregnancy.save()
        entry = self.entry(card)
        entry.fetuses.all().delete()
        entry.fetuses.create(fetus=1, heart_rate=140, note="Hode ned")
        entry.fetuses.create(fetus=2, heart_rate=152, presentation="breech")
        url = reverse("admin:dhg_correct_entry", args=[card.pk, "consultation", entry.pk])
        data = {**CONSULTATION, "date": entry.date.isoformat(), "heart_rate": "138"}
        assert (
            midwife_client.post(
                url, {**data, "expected_version": entry.version, "change_reason": "Målt på nytt."}
            ).status_code
            == 302
        )
        rows = {f.fetus: (f.heart_rate, f.presentation, f.note) for f in entry.fetuses.all()}
        assert rows == {1: (138, "cephalic", "Hode ned"), 2: (152, "breech", "")}

    def test_a_stale_correction_is_refused(self, midwife_client, card):
        entry = self.entry(card)
        url = reverse("admin:dhg_correct_entry", args=[card.pk, "consultation", entry.pk])
        data = {
            **CONSULTATION,
            "date": entry.date.isoformat(),
            "expected_version": entry.version - 1,
            "change_reason": "Målt på nytt.",
        }
        response = midwife_client.post(url, data)
        assert response.status_code == 409
        assert "endret denne oppføringen" in response.content.decode()
        assert Consultation.objects.get(pk=entry.pk).version == entry.version

    def test_an_entry_retracted_while_the_form_was_open_is_not_corrected(
        self, midwife_client, card
    ):
        entry = self.entry(card)
        url = reverse("admin:dhg_correct_entry", args=[card.pk, "consultation", entry.pk])
        assert midwife_client.get(url).status_code == 200
        retract_entry(entry=entry, actor=MIDWIFE, reason="Feil pasient.", expected_version=None)
        data = {**CONSULTATION, "date": entry.date.isoformat(), "expected_version": entry.version}
        data["change_reason"] = "Målt på nytt."
        response = midwife_client.post(url, data, follow=True)
        assert response.redirect_chain[-1][0] == card_url(card)
        assert "kan ikke lenger rettes" in response.content.decode()
        assert Consultation.objects.get(pk=entry.pk).systolic == entry.systolic
        assert midwife_client.get(url).status_code == 302  # no live form for it either

    def test_retraction_keeps_the_entry_struck_through(self, midwife_client, card):
        entry = self.entry(card)
        url = reverse("admin:dhg_retract_entry", args=[card.pk, "consultation", entry.pk])
        assert midwife_client.get(url).status_code == 200
        before = last_event_id()
        data = {"reason": "Feil pasient.", "expected_version": entry.version}
        assert midwife_client.post(url, data).status_code == 302
        retracted = Consultation.objects.get(pk=entry.pk)
        assert retracted.entered_in_error and retracted.retracted_by_name == "Jorunn Jordmor"
        assert retracted.retraction_reason == "Feil pasient."
        [event] = new_events(before)
        assert (event.section, event.action) == ("consultation", "write")

    def test_a_retraction_needs_a_reason(self, midwife_client, card):
        entry = self.entry(card)
        url = reverse("admin:dhg_retract_entry", args=[card.pk, "consultation", entry.pk])
        response = midwife_client.post(url, {"expected_version": entry.version})
        assert response.status_code == 422
        assert not Consultation.objects.get(pk=entry.pk).entered_in_error

    def test_a_retraction_of_a_changed_entry_is_refused(self, midwife_client, card):
        entry = self.entry(card)
        url = reverse("admin:dhg_retract_entry", args=[card.pk, "consultation", entry.pk])
        data = {"reason": "Feil.", "expected_version": entry.version - 1}
        assert midwife_client.post(url, data).status_code == 409
        assert not Consultation.objects.get(pk=entry.pk).entered_in_error

    def test_an_entry_of_another_card_is_404(self, midwife_client, card):
        other = ConsultationFactory()  # another consenting woman's entry
        url = reverse("admin:dhg_correct_entry", args=[card.pk, "consultation", other.pk])
        before = last_event_id()
        assert midwife_client.get(url).status_code == 404
        assert new_events(before) == []


class TestWhatSheCannotDo:
    def test_nothing_can_be_deleted(self, midwife_client, card):
        with pytest.raises(NoReverseMatch):
            reverse("admin:healthcard_card_delete", args=[card.pk])
        for url in (f"{FIND}{card.pk}/delete/", f"{FIND}{card.pk}/change/"):
            assert midwife_client.post(url, {"post": "yes"}).status_code in (404, 405)
        assert models.Card.objects.filter(pk=card.pk).exists()

    def test_no_access_log_and_no_consent_and_no_raw_lists(self, midwife_client, card):
        registered = set(admin.site._registry)
        assert models.AccessEvent not in registered
        assert not any(m._meta.app_label == "consent" for m in registered)
        assert not any(m._meta.app_label in ("socialaccount", "account") for m in registered)
        card_models = [m for m in registered if m._meta.app_label == "healthcard"]
        assert card_models == [models.Card]  # only the logged workplace
        assert midwife_client.get("/admin/portal/user/").status_code == 403
        assert midwife_client.get("/admin/healthcard/consultation/").status_code == 404

    def test_staff_without_the_midwife_role_cannot_open_cards(
        self, client, card, django_user_model
    ):
        clerk = django_user_model.objects.create_user(
            "clerk", password="x-long-pw-1", is_staff=True
        )
        log_in_with_second_factor(client, clerk)
        before = last_event_id()
        assert client.get(card_url(card)).status_code == 403
        assert client.post(FIND, {"national_id": KARI.nin}).status_code == 403
        assert new_events(before) == []

    def test_a_superuser_is_logged_like_everyone_else(self, client, card, django_user_model):
        root = django_user_model.objects.create_superuser(
            "root", password="x-long-pw-1", full_name="Åse Admin"
        )
        log_in_with_second_factor(client, root)
        before = last_event_id()
        assert client.get(card_url(card)).status_code == 200
        [event] = new_events(before)
        assert (event.actor_name, event.channel) == ("Åse Admin", "admin")

    def test_women_are_not_listed_among_users(self, client, card, django_user_model):
        root = django_user_model.objects.create_superuser("root", password="x-long-pw-1")
        log_in_with_second_factor(client, root)
        response = client.get("/admin/portal/user/")
        assert response.status_code == 200
        assert "Kari Nordmann" not in response.content.decode()


class TestAlerts:
    DANGEROUS = {
        **CONSULTATION,
        "systolic": "150",
        "diastolic": "98",
        "urine_protein": "T049",
        "oedema": "2",
        "note": "Hodepine i to dager.",
    }

    def test_a_visit_that_raises_an_urgent_alert_says_so_and_the_card_shows_it_first(
        self, midwife_client, card
    ):
        response = midwife_client.post(add_url(card, "consultation"), self.DANGEROUS, follow=True)
        html = response.content.decode()
        assert "Lagret på helsekortet hennes." in html
        assert "Haster: Mistanke om preeklampsi." in html
        alerts = html[html.index('id="alerts"') : html.index('id="consultation"')]
        assert "Haster: Mistanke om preeklampsi" in alerts
        assert "vurdering ved fødeavdelingen samme dag" in alerts

    def test_signs_asked_at_a_visit_are_saved_shown_and_raise_the_alert(self, midwife_client, card):
        form = {**CONSULTATION, "visual_disturbance": "true", "headache": "false"}
        response = midwife_client.post(add_url(card, "consultation"), form, follow=True)
        html = response.content.decode()
        assert "Haster: Synsforstyrrelser eller smerter øverst i magen." in html
        saved = models.Consultation.objects.filter(card=card).latest("recorded_at")
        assert (saved.headache, saved.visual_disturbance, saved.epigastric_pain) == (
            False,
            True,
            None,
        )
        table = html[html.index('id="consultations-caption"') :]
        assert "Symptomer: synsforstyrrelser" in table

    def test_the_values_that_raised_it_are_marked_in_their_table_until_acknowledged(
        self, midwife_client, card
    ):
        midwife_client.post(add_url(card, "consultation"), self.DANGEROUS)
        html = midwife_client.get(card_url(card)).content.decode()
        table = html[
            html.index('id="consultations-caption"') : html.index(
                "</table>", html.index('id="consultations-caption"')
            )
        ]
        [row] = [r for r in table.split("<tr")[1:] if "dhg-table__row--flagged" in r]
        assert "Haster: Mistanke om preeklampsi" in row and "150/98" in row

        for alert in card_alerts(reload(card)):
            acknowledge_alert(card=card, alert_id=alert.id, actor=MIDWIFE)
        html = midwife_client.get(card_url(card)).content.decode()
        assert "dhg-table__row--flagged" not in html
        assert "dhg-alert--seen" in html and "dhg-alert--urgent" not in html

    def test_acknowledged_alerts_come_after_those_still_open(self, card):
        ConsultationFactory(card=card, date=TODAY, weeks=30, systolic=150, diastolic=98,
                            urine_protein="T049")  # fmt: skip
        urgent = next(a for a in card_alerts(reload(card)) if a.severity == "urgent")
        acknowledge_alert(card=card, alert_id=urgent.id, actor=MIDWIFE)
        ordered = card_alerts(reload(card))
        assert ordered[-1].code == urgent.code and ordered[-1].acknowledgement is not None
        assert all(a.acknowledgement is None for a in ordered[:-1])

    def test_a_normal_visit_says_nothing_urgent(self, midwife_client, card):
        response = midwife_client.post(add_url(card, "consultation"), CONSULTATION, follow=True)
        assert "Haster" not in response.content.decode()

    def test_acknowledging_an_alert_signs_it_and_a_new_cause_raises_it_anew(
        self, midwife_client, card, epj_client, kari
    ):
        midwife_client.post(add_url(card, "consultation"), self.DANGEROUS)
        [alert] = [a for a in card_alerts(reload(card)) if a.severity == "urgent"]
        acknowledge = reverse("admin:dhg_acknowledge_alert", args=[card.pk])
        form = {"alert": alert.id, "note": "Sendt til fødeavdelingen."}
        before = last_event_id()
        for _ in range(2):  # a double click acknowledges once
            assert midwife_client.post(acknowledge, form).status_code == 302
        assert AlertAcknowledgement.objects.filter(card=card).count() == 1
        [event] = [e for e in new_events(before) if e.action == "write"]
        assert event.section == "alerts"

        html = midwife_client.get(card_url(card)).content.decode()
        assert "Sett og fulgt opp av Jorunn Jordmor" in html
        assert "Sendt til fødeavdelingen." in html
        document = epj_client(kari).get(API + f"record/{card.pk}").json()
        [seen] = [a for a in document["clinicalAlerts"] if a["code"] == alert.code]
        assert seen["acknowledgedBy"]["name"] == "Jorunn Jordmor"
        assert epj_client(kari).get(API + "status").json()["hasOpenUrgentAlert"] is False

        midwife_client.post(add_url(card, "consultation"), self.DANGEROUS)  # a new visit
        [again] = [a for a in card_alerts(reload(card)) if a.code == alert.code]
        assert again.acknowledgement is None and again.cause != alert.cause

    def test_an_alert_that_ended_meanwhile_is_not_acknowledged(self, midwife_client, card):
        acknowledge = reverse("admin:dhg_acknowledge_alert", args=[card.pk])
        form = {"alert": "0" * 20}
        response = midwife_client.post(acknowledge, form, follow=True)
        assert "Varselet er avsluttet i mellomtiden" in response.content.decode()
        assert not AlertAcknowledgement.objects.exists()


def reload(card):
    return (
        models.Card.objects.select_related("currentpregnancy")
        .prefetch_related("consultations__fetuses", "fundalheights", "labresults")
        .get(pk=card.pk)
    )


def test_a_correction_that_raises_an_urgent_alert_says_so_and_reopens_an_acknowledged_one(
    midwife_client, card
):
    midwife_client.post(add_url(card, "consultation"), TestAlerts.DANGEROUS)
    entry = Consultation.objects.filter(card=card).order_by("-id").first()
    [alert] = [a for a in card_alerts(reload(card)) if a.code == "suspected-preeclampsia"]
    acknowledge = reverse("admin:dhg_acknowledge_alert", args=[card.pk])
    midwife_client.post(acknowledge, {"alert": alert.id})

    url = reverse("admin:dhg_correct_entry", args=[card.pk, "consultation", entry.pk])
    worse = {**TestAlerts.DANGEROUS, "systolic": "158", "diastolic": "108", "urine_protein": "T050"}
    worse["change_reason"] = "Målt på nytt."
    response = midwife_client.post(url, {**worse, "expected_version": entry.version}, follow=True)
    assert "Haster: Mistanke om preeklampsi." in response.content.decode()
    [again] = [a for a in card_alerts(reload(card)) if a.code == "suspected-preeclampsia"]
    assert again.acknowledgement is None  # the corrected reading is seen anew
