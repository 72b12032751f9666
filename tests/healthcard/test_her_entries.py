"""What she records herself: blood pressure, weight and blood sugar at home, and a daily
note of the baby's movements and symptoms. Each goes from her page through the services
(with her provenance) to the record a clinician's system reads and to the midwife's card;
implausible values are refused with a message; a retry records once; decision support reads
them and she is told at once what to do."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consent.services import withdraw_consent
from healthcard.demo import week_30_full_history
from healthcard.models import Card, DailyNote, HomeMeasurement
from healthcard.services import record_her_entry
from tests.conftest import log_in_with_second_factor
from tests.factories import WomanFactory
from tests.races import race

pytestmark = pytest.mark.django_db

RECORD = "/api/maternity-record/v1/record/{}"


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def measurements_url(card) -> str:
    return reverse("healthcard:home_measurements", args=[card.pk])


def notes_url(card) -> str:
    return reverse("healthcard:daily_notes", args=[card.pk])


def an_hour_ago() -> datetime.datetime:
    return timezone.localtime() - datetime.timedelta(hours=1)


def measure(client, card, submission_id=None, at=None, **values):
    at = at or an_hour_ago()
    data = {
        "measured_on": at.date().isoformat(),
        "measured_time": at.strftime("%H:%M"),
        "submission_id": submission_id or uuid.uuid4(),
        **values,
    }
    return client.post(measurements_url(card), data)


def note(client, card, submission_id=None, on=None, **values):
    data = {
        "date": (on or timezone.localdate()).isoformat(),
        "submission_id": submission_id or uuid.uuid4(),
        **values,
    }
    return client.post(notes_url(card), data)


def alert_codes(epj_client, woman, card) -> list[str]:
    record = epj_client(woman).get(RECORD.format(card.pk)).json()
    return [alert["code"] for alert in record["clinicalAlerts"]]


class TestHomeMeasurements:
    def test_her_blood_pressure_reaches_the_record_signed_by_her(
        self, kari_client, kari, card, epj_client
    ):
        response = measure(kari_client, card, systolic=128, diastolic=82, pulse=74)
        assert response.status_code == 302
        page = kari_client.get(measurements_url(card)).content.decode()
        assert "128/82" in page and "Målingen din er lagret" in page

        record = epj_client(kari).get(RECORD.format(card.pk)).json()
        [home] = record["homeMeasurements"]
        assert home["bloodPressure"] == {"systolic": 128, "diastolic": 82}
        assert home["pulse"] == 74 and home["weightKg"] is None and home["bloodGlucose"] is None
        assert home["metadata"]["lastUpdatedBy"]["userType"] == "citizen"
        assert home["metadata"]["lastUpdatedBy"]["name"] == kari.get_full_name()

    def test_weight_in_her_own_decimal_comma_and_blood_sugar_with_its_timing(
        self, kari_client, kari, card, epj_client
    ):
        response = measure(
            kari_client, card, weight_kg="72,5", glucose_mmol="5,1", glucose_timing="fasting"
        )
        assert response.status_code == 302
        [home] = epj_client(kari).get(RECORD.format(card.pk)).json()["homeMeasurements"]
        assert home["weightKg"] == 72.5
        assert home["bloodGlucose"] == {"mmolPerL": 5.1, "timing": "fasting"}

    @pytest.mark.parametrize(
        ("values", "field", "message"),
        [
            ({"systolic": 400, "diastolic": 20}, "systolic", "mindre enn eller lik 260"),
            ({"systolic": 80, "diastolic": 120}, "systolic", "høyere enn"),
            ({"systolic": 120}, None, "både"),
            ({"weight_kg": "0"}, "weight_kg", "større enn eller lik 30"),
            ({"glucose_mmol": "6,1"}, None, "Skriv blodsukkeret og når du målte det"),
            ({"glucose_timing": "fasting"}, None, "Skriv blodsukkeret og når du målte det"),
            ({"pulse": "fast"}, "pulse", "heltall"),
            ({}, None, "minst én måling"),
        ],
    )
    def test_implausible_values_are_refused_with_what_is_wrong(
        self, kari_client, card, values, field, message
    ):
        response = measure(kari_client, card, **values)
        assert response.status_code == 422
        form = response.context["form"]
        errors = form.errors.get(field or "__all__", [])
        assert any(message in error for error in errors), form.errors
        assert message in response.content.decode()
        assert not HomeMeasurement.objects.exists()

    def test_a_time_in_the_future_or_before_the_pregnancy_is_refused(self, kari_client, card):
        later = timezone.localtime() + datetime.timedelta(hours=2)
        response = measure(kari_client, card, at=later, systolic=120, diastolic=80)
        assert response.status_code == 422 and "measured_time" in response.context["form"].errors
        long_ago = timezone.localtime() - datetime.timedelta(days=400)
        response = measure(kari_client, card, at=long_ago, systolic=120, diastolic=80)
        assert response.status_code == 422
        assert "før dette svangerskapet" in response.content.decode()
        assert not HomeMeasurement.objects.exists()

    def test_sent_twice_it_is_recorded_once(self, kari_client, card):
        submission = uuid.uuid4()
        first = measure(kari_client, card, submission, systolic=120, diastolic=80)
        again = measure(kari_client, card, submission, systolic=120, diastolic=80)
        assert first.status_code == again.status_code == 302
        assert HomeMeasurement.objects.filter(card=card).count() == 1

    def test_she_marks_one_as_wrong_and_it_stays_struck_through(self, kari_client, kari, card):
        measure(kari_client, card, systolic=182, diastolic=95)
        wrong = HomeMeasurement.objects.get()
        retract = reverse("healthcard:home_measurements_retract", args=[card.pk, wrong.pk])
        assert kari_client.post(retract).status_code == 302
        wrong.refresh_from_db()
        assert wrong.entered_in_error and wrong.retracted_by_name == kari.get_full_name()
        assert "<del>" in kari_client.get(measurements_url(card)).content.decode()

    def test_no_one_else_writes_or_retracts_on_her_card(self, card, kari_client):
        measure(kari_client, card, systolic=120, diastolic=80)
        entry = HomeMeasurement.objects.get()
        other = Client()
        other.force_login(WomanFactory())
        assert measure(other, card, systolic=120, diastolic=80).status_code == 404
        retract = reverse("healthcard:home_measurements_retract", args=[card.pk, entry.pk])
        assert other.post(retract).status_code == 404
        assert (
            HomeMeasurement.objects.count() == 1
            and not HomeMeasurement.objects.get().entered_in_error
        )

    def test_a_record_system_cannot_write_or_retract_them(
        self, kari, card, epj_client, kari_client
    ):
        measure(kari_client, card, systolic=120, diastolic=80)
        entry = HomeMeasurement.objects.get()
        api = epj_client(kari)
        body = {"dateTime": "2026-11-01T08:00:00+01:00", "pulse": 70}
        base = RECORD.format(card.pk) + "/homeMeasurements"
        for response in (
            api.post(base, body, format="json"),
            api.put(f"{base}/{entry.pk}", body, format="json"),
            api.post(f"{base}/{entry.pk}/entered-in-error", {}, format="json"),
        ):
            assert response.status_code == 403
            assert "written by the woman herself" in response.json()["detail"]
        entry.refresh_from_db()
        assert entry.version == 1 and not entry.entered_in_error


class TestHomeBloodPressureAlerts:
    def test_one_reading_of_140_90_raises_nothing_two_raise_an_alert_and_advice(
        self, kari_client, kari, card, epj_client
    ):
        measure(kari_client, card, systolic=142, diastolic=88)
        assert "home-raised-blood-pressure" not in alert_codes(epj_client, kari, card)
        measure(kari_client, card, systolic=138, diastolic=92)
        assert "home-raised-blood-pressure" in alert_codes(epj_client, kari, card)
        page = kari_client.get(measurements_url(card)).content.decode()
        assert "140/90 eller høyere" in page

    def test_160_110_once_is_urgent_at_once(self, kari_client, kari, card, epj_client):
        response = measure(kari_client, card, systolic=162, diastolic=100)
        page = kari_client.get(response.url).content.decode()
        assert "Ring fødeavdelingen i dag" in page
        codes = alert_codes(epj_client, kari, card)
        assert "home-severe-hypertension" in codes and "home-raised-blood-pressure" not in codes

    def test_a_later_normal_reading_ends_it(self, kari_client, kari, card, epj_client):
        measure(kari_client, card, systolic=165, diastolic=112, at=an_hour_ago())
        measure(kari_client, card, systolic=125, diastolic=80, at=timezone.localtime())
        assert "home-severe-hypertension" not in alert_codes(epj_client, kari, card)

    def test_a_reading_she_marked_as_wrong_raises_nothing(
        self, kari_client, kari, card, epj_client
    ):
        measure(kari_client, card, systolic=170, diastolic=112)
        wrong = HomeMeasurement.objects.get()
        kari_client.post(reverse("healthcard:home_measurements_retract", args=[card.pk, wrong.pk]))
        assert "home-severe-hypertension" not in alert_codes(epj_client, kari, card)


class TestHomeBloodSugar:
    @pytest.mark.parametrize(
        ("values", "alert"),
        [
            ([("fasting", "5,2"), ("fasting", "5,2"), ("after_meal", "6,6")], False),
            ([("fasting", "5,3"), ("fasting", "5,4"), ("after_meal", "6,6")], False),
            ([("fasting", "5,3"), ("fasting", "5,4"), ("after_meal", "6,7")], True),
            ([("other", "9,0"), ("other", "9,0"), ("other", "9,0")], False),
        ],
    )
    def test_three_above_target_in_two_weeks(
        self, kari_client, kari, card, epj_client, values, alert
    ):
        for days_ago, (timing, value) in enumerate(values):
            at = timezone.localtime() - datetime.timedelta(days=days_ago, hours=1)
            measure(kari_client, card, at=at, glucose_mmol=value, glucose_timing=timing)
        assert ("home-glucose-above-target" in alert_codes(epj_client, kari, card)) is alert

    def test_values_older_than_two_weeks_do_not_count(self, kari_client, kari, card, epj_client):
        for days_ago in (14, 15, 16):
            at = timezone.localtime() - datetime.timedelta(days=days_ago)
            measure(kari_client, card, at=at, glucose_mmol="6,0", glucose_timing="fasting")
        assert "home-glucose-above-target" not in alert_codes(epj_client, kari, card)


class TestDailyNotes:
    def test_fewer_movements_from_week_24_is_urgent_and_she_is_told_at_once(
        self, kari_client, kari, card, epj_client
    ):
        response = note(kari_client, card, movements="fewer")
        assert response.status_code == 302
        page = kari_client.get(response.url).content.decode()
        assert "Ring fødeavdelingen i dag" in page and "Ikke vent til i morgen" in page
        assert "home-reduced-fetal-movements" in alert_codes(epj_client, kari, card)
        [written] = epj_client(kari).get(RECORD.format(card.pk)).json()["dailyNotes"]
        assert written["fetalMovements"] == "fewer"
        assert written["metadata"]["lastUpdatedBy"]["userType"] == "citizen"

    def test_a_later_note_of_movements_as_usual_ends_it(self, kari_client, kari, card, epj_client):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        note(kari_client, card, on=yesterday, movements="none")
        note(kari_client, card, movements="as_usual")
        assert "home-reduced-fetal-movements" not in alert_codes(epj_client, kari, card)

    def test_before_week_24_movements_raise_nothing(self, kari_client, kari, card, epj_client):
        nine_weeks_ago = timezone.localdate() - datetime.timedelta(weeks=9)  # week 21
        note(kari_client, card, on=nine_weeks_ago, movements="fewer")
        assert "home-reduced-fetal-movements" not in alert_codes(epj_client, kari, card)

    def test_a_danger_sign_is_urgent_and_itching_asks_for_a_test(
        self, kari_client, kari, card, epj_client
    ):
        note(kari_client, card, symptoms=["itching"])
        codes = alert_codes(epj_client, kari, card)
        assert "home-itching" in codes and "home-danger-signs" not in codes
        note(kari_client, card, symptoms=["bleeding", "itching"], text="Litt blod i dag.")
        codes = alert_codes(epj_client, kari, card)
        assert {"home-danger-signs", "home-itching"} <= set(codes)
        page = kari_client.get(notes_url(card)).content.decode()
        assert "Litt blod i dag." in page and "Blødning fra skjeden" in page

    def test_an_empty_note_or_an_unknown_symptom_is_refused(self, kari_client, card):
        assert note(kari_client, card).status_code == 422
        assert note(kari_client, card, symptoms=["dragons"]).status_code == 422
        assert not DailyNote.objects.exists()

    def test_movements_after_the_birth_are_refused(self, kari, card):
        Card.objects.filter(pk=card.pk).update(
            status=Card.Status.DELIVERED, delivery_date=timezone.localdate() - datetime.timedelta(1)
        )
        card.refresh_from_db()
        from healthcard.validation import Implausible

        with pytest.raises(Implausible) as refused:
            record_her_entry(
                card=card,
                woman=kari,
                model=DailyNote,
                values={
                    "date": timezone.localdate(),
                    "movements": "fewer",
                    "symptoms": [],
                    "text": "",
                },
                submission_id=uuid.uuid4(),
            )
        assert "movements" in refused.value.errors


class TestTheMidwifeSeesThem:
    def test_on_her_card_marked_as_hers_and_charted(self, kari_client, card, midwife):
        measure(kari_client, card, systolic=162, diastolic=104, weight_kg="74,0")
        note(kari_client, card, movements="fewer", text="Rolig i magen.")
        staff = Client()
        log_in_with_second_factor(staff, midwife)
        page = staff.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
        assert "162/104" in page and "Rolig i magen." in page
        assert "Alvorlig høyt blodtrykk hjemme" in page
        assert "Færre fosterbevegelser notert hjemme" in page
        assert "<rect" in page  # her own readings on the charts, as open squares

    def test_the_admin_cannot_correct_or_retract_them(self, kari_client, card, midwife):
        measure(kari_client, card, systolic=120, diastolic=80)
        entry = HomeMeasurement.objects.get()
        staff = Client()
        log_in_with_second_factor(staff, midwife)
        for name in ("admin:dhg_correct_entry", "admin:dhg_retract_entry"):
            url = reverse(name, args=[card.pk, "homemeasurement", entry.pk])
            assert staff.post(url, {"reason": "Feil", "expected_version": 1}).status_code == 404
        add = reverse("admin:dhg_add_entry", args=[card.pk, "homemeasurement"])
        assert staff.post(add, {"systolic": 150, "diastolic": 100}).status_code == 404
        entry.refresh_from_db()
        assert entry.version == 1 and not entry.entered_in_error


def test_withdrawal_erases_what_she_recorded(kari_client, kari, card):
    measure(kari_client, card, systolic=120, diastolic=80)
    note(kari_client, card, movements="as_usual")
    withdraw_consent(woman=kari)
    assert not HomeMeasurement.objects.exists() and not DailyNote.objects.exists()


def test_a_closed_card_takes_nothing_new(kari_client, card):
    Card.objects.filter(pk=card.pk).update(status=Card.Status.CLOSED)
    assert measure(kari_client, card, systolic=120, diastolic=80).status_code == 409
    assert note(kari_client, card, movements="as_usual").status_code == 409
    assert not HomeMeasurement.objects.exists()


@pytest.mark.parametrize("count", [1, 30])
def test_her_pages_take_the_same_queries_however_many_entries(
    kari_client, kari, card, count, django_assert_max_num_queries
):
    for i in range(count):
        at = timezone.now() - datetime.timedelta(hours=i + 1)
        record_her_entry(
            card=card, woman=kari, model=HomeMeasurement, submission_id=uuid.uuid4(),
            values={"measured_at": at, "systolic": 120, "diastolic": 80, "weight_kg": None,
                    "pulse": None, "glucose_mmol": None, "glucose_timing": ""},
        )  # fmt: skip
        record_her_entry(
            card=card, woman=kari, model=DailyNote, submission_id=uuid.uuid4(),
            values={"date": at.date(), "movements": "as_usual", "symptoms": [], "text": ""},
        )  # fmt: skip
    for url in (measurements_url(card), notes_url(card)):
        with django_assert_max_num_queries(QUERIES_OF_HER_PAGE):
            assert kari_client.get(url).status_code == 200


QUERIES_OF_HER_PAGE = 20


@pytest.mark.django_db(transaction=True)
def test_one_submission_sent_twice_at_the_same_moment_records_once(kari):
    card = week_30_full_history(kari)
    submission = uuid.uuid4()

    def send():
        client = Client()
        client.force_login(kari)
        return measure(client, card, submission, systolic=120, diastolic=80).status_code

    assert race(send, send) == [302, 302]
    assert HomeMeasurement.objects.filter(card=card).count() == 1
