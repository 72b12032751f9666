"""Her next appointment: the midwife books it (date, time, place), the woman sees it under
"Neste" on her overview, the worklist shows it, and record systems read and write it in the
API like any list of the card. A cancelled booking is marked entered in error."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from healthcard.demo import MIDWIFE, week_30_full_history
from healthcard.models import AccessEvent, BookedAppointment
from healthcard.services import EntryWrite, retract_entry, write_batch
from healthcard.validation import Implausible
from tests.conftest import API, log_in_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def in_days(days: int, hour: int = 9, minute: int = 30) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def book(card, starts_at, place="Frogner helsestasjon, Sørkedalsveien 8", **values):
    write = EntryWrite(BookedAppointment, {"starts_at": starts_at, "place": place, **values})
    _sections, [entry] = write_batch(card=card, actor=MIDWIFE, sections=[], entries=[write])
    return entry


def test_the_midwife_books_it_and_she_sees_it_under_next(midwife, kari_client, card):
    midwife_client = Client()
    log_in_with_second_factor(midwife_client, midwife)
    when = in_days(14)
    response = midwife_client.post(
        reverse("admin:dhg_add_entry", args=[card.pk, "bookedappointment"]),
        {
            "starts_at": when.strftime("%Y-%m-%dT%H:%M"),
            "place": "Frogner helsestasjon, Sørkedalsveien 8",
            "with_whom": "Jorunn Jordmor",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    booking = BookedAppointment.objects.get()
    assert booking.recorded_by_name == "Jorunn Jordmor" and booking.org_nr == midwife.org_nr
    assert AccessEvent.objects.filter(section="bookedappointment", action="write").count() == 1

    overview = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    nexts = overview[overview.index('id="next-steps"') :]
    assert "Neste time:" in nexts and ("kl. 09:30" in nexts or "kl. 09.30" in nexts)
    assert "Frogner helsestasjon, Sørkedalsveien 8" in nexts and "hos Jorunn Jordmor" in nexts
    assert nexts.index('id="next-appointment"') < nexts.index("Kontroll i uke 32")

    worklist = midwife_client.get(reverse("admin:dhg_worklist")).content.decode()
    assert f"Time {when:%d.%m.%Y}" in worklist
    assert str(booking) == f"avtalt time ({when:%d.%m.%Y} 09:30)"  # the retraction page's name


def test_the_earliest_booking_to_come_is_next(kari_client, card):
    book(card, in_days(20), place="Senere sted")
    book(card, in_days(6), place="Tidligere sted")
    overview = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    assert "Tidligere sted" in overview and "Senere sted" not in overview


def test_a_cancelled_booking_is_not_next_and_she_is_told(kari_client, card):
    booking = book(card, in_days(6), place="Avlyst sted")
    retract_entry(entry=booking, actor=MIDWIFE, reason="Jordmor er syk, ny time kommer.")
    overview = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    assert "Avlyst sted" not in overview
    assert "Avlyst: timen din" in overview and "Jordmor er syk, ny time kommer." in overview


def test_a_time_passed_today_is_not_next(kari_client, card):
    booking = book(card, timezone.now() + datetime.timedelta(minutes=3), place="Snart")
    BookedAppointment.objects.filter(pk=booking.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    overview = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    assert "Snart" not in overview


def test_the_time_shows_in_english_as_the_british_write_it(kari_client, card):
    book(card, in_days(14))
    kari_client.cookies["django_language"] = "en"
    overview = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    day = in_days(14)
    assert f"{day:%A} {day.day} {day:%B} at 09:30" in overview


class TestImplausible:
    def test_a_booking_in_the_past_is_refused(self, card):
        with pytest.raises(Implausible) as refused:
            book(card, in_days(-2))
        assert "starts_at" in refused.value.errors

    def test_a_booking_more_than_a_year_ahead_is_refused(self, card):
        with pytest.raises(Implausible):
            book(card, in_days(400))

    def test_the_admin_says_what_is_wrong(self, midwife_client, card):
        response = midwife_client.post(
            reverse("admin:dhg_add_entry", args=[card.pk, "bookedappointment"]),
            {"starts_at": in_days(-3).strftime("%Y-%m-%dT%H:%M"), "place": "Et sted"},
        )
        assert response.status_code == 422
        assert "Timen er i fortiden" in response.content.decode()
        assert not BookedAppointment.objects.exists()

    def test_a_place_is_needed(self, midwife_client, card):
        response = midwife_client.post(
            reverse("admin:dhg_add_entry", args=[card.pk, "bookedappointment"]),
            {"starts_at": in_days(3).strftime("%Y-%m-%dT%H:%M"), "place": ""},
        )
        assert response.status_code == 422 and not BookedAppointment.objects.exists()


class TestInTheApi:
    def test_a_record_system_books_and_reads_it(self, epj_client, kari, card):
        epj = epj_client(kari)
        body = {
            "startsAt": in_days(10).isoformat(),
            "place": "Helsestasjonen",
            "withWhom": "Jorunn",
        }
        created = epj.post(API + f"record/{card.pk}/bookedAppointments", body, format="json")
        assert created.status_code == 201, created.content
        record = epj.get(API + f"record/{card.pk}").json()
        [booked] = record["bookedAppointments"]
        assert booked["place"] == "Helsestasjonen" and booked["withWhom"] == "Jorunn"
        assert booked["startsAt"] == in_days(10).isoformat()

    def test_a_bare_date_is_refused_not_booked_for_midnight(self, epj_client, kari, card):
        body = {"startsAt": in_days(5).date().isoformat(), "place": "Helsestasjonen"}
        response = epj_client(kari).post(
            API + f"record/{card.pk}/bookedAppointments", body, format="json"
        )
        assert response.status_code in (400, 422) and "startsAt" in response.content.decode()
        assert not BookedAppointment.objects.exists()

    def test_a_booking_in_the_past_is_a_clear_400(self, epj_client, kari, card):
        body = {"startsAt": in_days(-5).isoformat(), "place": "Helsestasjonen"}
        response = epj_client(kari).post(
            API + f"record/{card.pk}/bookedAppointments", body, format="json"
        )
        assert response.status_code in (400, 422)
        assert "startsAt" in response.content.decode()
        assert not BookedAppointment.objects.exists()
