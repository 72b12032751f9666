"""A card's life: ACTIVE -> DELIVERED or TERMINATED -> CLOSED, every other change refused;
a closed card read-only everywhere; the next pregnancy's card carrying her history over."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from healthcard import lifecycle, services
from healthcard.clinical import rules
from healthcard.models import (
    Birth,
    Card,
    Consultation,
    Heredity,
    MedicalConditions,
    PreviousPregnancies,
)
from healthcard.validation import Implausible
from tests.conftest import API
from tests.factories import (
    BabyFactory,
    BirthFactory,
    CardFactory,
    ConsultationFactory,
    CurrentPregnancyFactory,
    HeredityFactory,
    LabResultFactory,
    MedicalConditionsFactory,
    PostpartumVisitFactory,
    PreviousPregnanciesFactory,
)

pytestmark = pytest.mark.django_db

S = Card.Status
ACTOR = services.Actor(name="Kari Jordmor", hpr="9144900", org_name="Oslo kommune")
TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def card_at(woman, status: str, **values) -> Card:
    return CardFactory(woman=woman, status=status, **values)


# --- The state machine -------------------------------------------------------------------

ALL_STATES = list(S.values)


@pytest.mark.parametrize("current,wanted", list(itertools.product(ALL_STATES, ALL_STATES)))
def test_every_transition_is_either_allowed_or_refused(current, wanted):
    allowed = {
        (S.ACTIVE, S.DELIVERED),
        (S.ACTIVE, S.TERMINATED),
        (S.DELIVERED, S.CLOSED),
        (S.TERMINATED, S.CLOSED),
    }
    if (current, wanted) in allowed:
        lifecycle.check_transition(current, wanted)
    else:
        with pytest.raises(lifecycle.RefusedTransition):
            lifecycle.check_transition(current, wanted)


def test_a_birth_delivers_an_active_card(kari):
    card = CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=TODAY).card
    born = timezone.now() - datetime.timedelta(hours=3)
    services.save_section(
        card=card, model=Birth, actor=ACTOR, born_at=born, weeks=40, place="Ullevål",
        mode=Birth.Mode.SPONTANEOUS_VAGINAL, babies=[{"fetus": 1, "outcome": "live_birth"}],
    )  # fmt: skip
    card.refresh_from_db()
    assert (card.status, card.delivery_date) == (S.DELIVERED, timezone.localdate(born))


def test_a_card_that_ended_early_cannot_be_delivered(kari):
    card = card_at(kari, S.TERMINATED, termination_date=days_ago(10))
    with pytest.raises(lifecycle.RefusedTransition):
        services.save_section(
            card=card, model=Birth, actor=ACTOR, born_at=timezone.now(), weeks=40,
            place="Ullevål", mode=Birth.Mode.SPONTANEOUS_VAGINAL,
            babies=[{"fetus": 1, "outcome": "live_birth"}],
        )  # fmt: skip
    assert not Birth.objects.filter(card=card).exists()


def test_an_early_end_is_recorded_by_its_date(kari):
    card = card_at(kari, S.ACTIVE)
    services.end_pregnancy(card=card, actor=ACTOR, ended_on=days_ago(2))
    card.refresh_from_db()
    assert (card.status, card.termination_date, card.version) == (S.TERMINATED, days_ago(2), 2)


def test_a_retried_early_end_changes_nothing(kari):
    card = card_at(kari, S.ACTIVE)
    services.end_pregnancy(card=card, actor=ACTOR, ended_on=days_ago(2))
    services.end_pregnancy(card=card, actor=ACTOR, ended_on=days_ago(2))
    card.refresh_from_db()
    assert card.version == 2


@pytest.mark.parametrize("status", [S.DELIVERED, S.CLOSED])
def test_an_early_end_is_refused_after_a_birth_or_closing(kari, status):
    card = card_at(kari, status, delivery_date=days_ago(5))
    with pytest.raises((lifecycle.RefusedTransition, lifecycle.CardClosed)):
        services.end_pregnancy(card=card, actor=ACTOR, ended_on=days_ago(2))
    card.refresh_from_db()
    assert card.status == status


def test_an_active_card_cannot_be_closed(kari):
    card = card_at(kari, S.ACTIVE)
    with pytest.raises(lifecycle.RefusedTransition):
        services.close_card(card=card, actor=ACTOR)
    card.refresh_from_db()
    assert card.status == S.ACTIVE


@pytest.mark.parametrize("status", [S.DELIVERED, S.TERMINATED])
def test_an_ended_pregnancy_is_closed_by_a_clinician(kari, status):
    card = card_at(kari, status, delivery_date=days_ago(40))
    services.close_card(card=card, actor=ACTOR)
    card.refresh_from_db()
    assert (card.status, card.closed_by_name, card.closed_by_org_name) == (
        S.CLOSED,
        "Kari Jordmor",
        "Oslo kommune",
    )
    assert card.delivery_date == days_ago(40)  # the outcome stays readable


def test_cards_close_on_their_own_twelve_weeks_after_the_end(kari, ingrid):
    from consent.services import give_consent

    give_consent(woman=ingrid)
    due = card_at(kari, S.DELIVERED, delivery_date=days_ago(7 * 12))
    recent = card_at(ingrid, S.TERMINATED, termination_date=days_ago(7 * 12 - 1))
    assert services.close_finished_cards() == (1, 0)
    due.refresh_from_db()
    recent.refresh_from_db()
    assert (due.status, due.closed_by_name) == (S.CLOSED, "DHG")
    assert recent.status == S.TERMINATED
    call_command("close_finished_cards", "--today", str(TODAY + datetime.timedelta(days=1)))
    recent.refresh_from_db()
    assert recent.status == S.CLOSED


# --- A closed card is read-only ------------------------------------------------------------


@pytest.fixture
def closed(kari):
    card = CurrentPregnancyFactory(card__woman=kari).card
    Card.objects.filter(pk=card.pk).update(status=S.CLOSED, delivery_date=days_ago(100))
    card.refresh_from_db()
    return card


def test_no_service_writes_to_a_closed_card(closed):
    with pytest.raises(lifecycle.CardClosed):
        services.add_entry(card=closed, model=Consultation, actor=ACTOR, date=days_ago(99))
    with pytest.raises(lifecycle.CardClosed):
        services.save_section(card=closed, model=Heredity, actor=ACTOR, none_known=True)
    assert not Consultation.objects.filter(card=closed).exists()


def test_a_writer_holding_an_open_copy_cannot_write_once_it_is_closed(kari):
    """The copy in hand was read before another writer closed the card."""
    card = card_at(kari, S.DELIVERED, delivery_date=days_ago(30))
    stale = Card.objects.get(pk=card.pk)
    services.close_card(card=card, actor=ACTOR)
    with pytest.raises(lifecycle.CardClosed):
        services.add_entry(card=stale, model=Consultation, actor=ACTOR, date=days_ago(31), weeks=30)
    assert not Consultation.objects.filter(card=card).exists()


def test_the_api_refuses_writes_to_a_closed_record_with_409(epj_client, kari, closed):
    epj = epj_client(kari)
    writes = [
        epj.post(API + f"record/{closed.pk}/antenatalAppointments", {}, format="json"),
        epj.put(API + f"record/{closed.pk}/geneticDisorders", {"noneKnown": True}, format="json"),
        epj.post(
            API + f"record/{closed.pk}/batch",
            {"operations": [{"method": "PUT", "path": "geneticDisorders", "body": {}}]},
            format="json",
        ),
    ]
    for response in writes:
        assert response.status_code == 409, response.content
        assert response.json()["type"].endswith("/record-closed")
        assert "closed" in response.json()["detail"]
    read = epj.get(API + f"record/{closed.pk}")
    assert read.status_code == 200
    assert read.json()["metadata"]["recordStatus"]["status"] == "CLOSED"


def test_her_closed_card_stays_readable_and_offers_no_form(kari_client, closed):
    assert kari_client.get(reverse("healthcard:card_by_id", args=[closed.pk])).status_code == 200
    wishes = kari_client.get(reverse("healthcard:birth_wishes", args=[closed.pk]))
    assert wishes.status_code == 200
    assert b"<textarea" not in wishes.content
    refused = kari_client.post(
        reverse("healthcard:birth_wishes", args=[closed.pk]),
        {"wishes": "Vil ha badekar", "questions": ""},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    assert html.strip().startswith('<div id="birth-wishes">')  # the part htmx swaps, not a page
    assert "Vil ha badekar" in html  # what she wrote is not lost


# --- The API's recordStatus ---------------------------------------------------------------


def put_status(epj, card, body):
    return epj.put(API + f"record/{card.pk}/recordStatus", body, format="json")


def test_the_api_ends_a_pregnancy_early_and_closes_it(epj_client, kari):
    card = CurrentPregnancyFactory(
        card__woman=kari, last_period=days_ago(70), due_date_ultrasound=None
    ).card
    epj = epj_client(kari)
    ended = put_status(epj, card, {"status": "TERMINATED", "terminationDate": str(days_ago(1))})
    assert ended.status_code == 200, ended.content
    assert ended.json()["metadata"]["recordStatus"]["terminationDate"] == str(days_ago(1))
    closed = put_status(epj, card, {"status": "CLOSED"})
    assert closed.status_code == 200, closed.content
    status = closed.json()["metadata"]["recordStatus"]
    assert status["status"] == "CLOSED"
    assert status["closedDateTime"] is not None
    again = put_status(epj, card, {"status": "CLOSED"})
    assert again.status_code == 200


@pytest.mark.parametrize(
    "body,field",
    [
        ({"status": "TERMINATED"}, "terminationDate"),
        ({"status": "OPEN"}, "status"),
        ({"status": "CLOSED", "terminationDate": "2026-01-01"}, "terminationDate"),
        ({"status": "TERMINATED", "terminationDate": "2999-01-01"}, "terminationDate"),
        ({"status": "CLOSED", "reason": "x"}, "reason"),
    ],
)
def test_bad_status_bodies_are_422_naming_the_field(epj_client, kari, body, field):
    card = card_at(kari, S.ACTIVE)
    response = put_status(epj_client(kari), card, body)
    assert response.status_code == 422, response.content
    assert field in {e["field"] for e in response.json()["errors"]}


@pytest.mark.parametrize("status", [S.ACTIVE, S.DELIVERED, S.CLOSED])
def test_sending_the_status_it_has_changes_nothing(epj_client, kari, status):
    card = card_at(kari, status, delivery_date=days_ago(5))
    response = put_status(epj_client(kari), card, {"status": status.upper()})
    assert response.status_code == 200, response.content
    card.refresh_from_db()
    assert card.version == 1


def test_an_early_end_before_a_visit_that_found_her_pregnant_is_refused(epj_client, kari):
    card = CurrentPregnancyFactory(
        card__woman=kari, last_period=days_ago(100), due_date_ultrasound=None
    ).card
    ConsultationFactory(card=card, date=days_ago(5), weeks=13, days=4)
    response = put_status(
        epj_client(kari), card, {"status": "TERMINATED", "terminationDate": str(days_ago(20))}
    )
    assert response.status_code == 422
    assert "after that date" in response.json()["errors"][0]["message"]


def test_an_early_end_before_her_last_period_is_refused(epj_client, kari):
    card = CurrentPregnancyFactory(
        card__woman=kari, last_period=days_ago(60), due_date_ultrasound=None
    ).card
    response = put_status(
        epj_client(kari), card, {"status": "TERMINATED", "terminationDate": str(days_ago(65))}
    )
    assert response.status_code == 422
    assert "before her last period" in response.json()["errors"][0]["message"]


def test_a_card_with_unacknowledged_urgent_alerts_is_not_closed_by_hand(epj_client, kari):
    card = card_at(kari, S.DELIVERED, delivery_date=days_ago(10))
    PostpartumVisitFactory(card=card, date=days_ago(3), systolic=165, diastolic=112)
    response = put_status(epj_client(kari), card, {"status": "CLOSED"})
    assert response.status_code == 409
    assert "acknowledge them" in response.json()["detail"]
    # On time, too, it is left open for a clinician to act on.
    assert services.close_finished_cards(today=days_ago(-90)) == (0, 1)
    card.refresh_from_db()
    assert card.status == S.DELIVERED


def test_the_next_card_waits_for_the_last_birth_to_be_closed(epj_client, kari):
    delivered = card_at(kari, S.DELIVERED, delivery_date=days_ago(20))
    response = epj_client(kari).post(API + "record", {}, format="json")
    assert response.status_code == 409
    assert response.json()["recordId"] == str(delivered.pk)
    assert "close it" in response.json()["detail"]
    assert Card.objects.filter(woman=kari).count() == 1


def test_a_new_card_closes_the_card_of_an_early_end(kari):
    ended = card_at(kari, S.TERMINATED, termination_date=days_ago(40))
    services.create_card(woman=kari, actor=ACTOR)
    ended.refresh_from_db()
    assert (ended.status, ended.closed_by_name) == (S.CLOSED, "Kari Jordmor")


def test_an_early_end_from_week_22_is_a_birth_not_an_end(epj_client, kari):
    card = CurrentPregnancyFactory(
        card__woman=kari, last_period=days_ago(7 * 24), due_date_ultrasound=None
    ).card
    response = put_status(
        epj_client(kari), card, {"status": "TERMINATED", "terminationDate": str(TODAY)}
    )
    assert response.status_code == 422
    assert "recorded as a birth" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "status,body",
    [
        (S.ACTIVE, {"status": "CLOSED"}),
        (S.ACTIVE, {"status": "DELIVERED"}),
        (S.DELIVERED, {"status": "TERMINATED", "terminationDate": str(days_ago(3))}),
        (S.DELIVERED, {"status": "ACTIVE"}),
        (S.TERMINATED, {"status": "TERMINATED", "terminationDate": str(days_ago(9))}),
        (S.CLOSED, {"status": "TERMINATED", "terminationDate": str(days_ago(3))}),
        (S.CLOSED, {"status": "ACTIVE"}),
    ],
)
def test_refused_transitions_are_409(epj_client, kari, status, body):
    card = card_at(kari, status, delivery_date=days_ago(5), termination_date=days_ago(8))
    response = put_status(epj_client(kari), card, body)
    assert response.status_code == 409, response.content
    card.refresh_from_db()
    assert card.status == status


# --- Her cards, and the next pregnancy ----------------------------------------------------


@pytest.fixture
def first_pregnancy(kari):
    """Kari's first pregnancy: a caesarean, a girl of 4600 g, closed."""
    card = CurrentPregnancyFactory(
        card__woman=kari, due_date_ultrasound=datetime.date(2025, 3, 1)
    ).card
    PreviousPregnanciesFactory(card=card, previous_pregnancies=0, live_births=0)
    HeredityFactory(card=card, recorded_by_name="Anne Lege", org_name="Legesenteret")
    MedicalConditionsFactory(card=card, nothing_particular=False, epilepsy=True)
    birth = BirthFactory(
        card=card,
        born_at=timezone.make_aware(datetime.datetime(2025, 2, 27, 8, 0)),
        mode=Birth.Mode.EMERGENCY_CAESAREAN,
        baby=None,
    )
    BabyFactory(birth=birth, weight_g=4600)
    Card.objects.filter(pk=card.pk).update(
        status=S.CLOSED, delivery_date=datetime.date(2025, 2, 27), live_birth=True
    )
    return card


def test_the_next_card_carries_her_history_over_counted_up(kari, first_pregnancy):
    card = services.create_card(woman=kari, actor=ACTOR, carry_over=True)
    assert card.carried_over_from == first_pregnancy
    assert set(card.carried_over) == {"previouspregnancies", "medicalconditions", "heredity"}
    history = PreviousPregnancies.objects.get(card=card)
    assert (
        history.previous_pregnancies,
        history.live_births,
        history.caesarean_sections,
        history.last_birth_year,
        history.large_baby_or_shoulder_dystocia,
    ) == (1, 1, 1, 2025, True)
    assert history.recorded_by_name == "Kari Jordmor"  # who carried it, for this card
    heredity = Heredity.objects.get(card=card)
    assert (heredity.none_known, heredity.recorded_by_name, heredity.org_name) == (
        True,
        "Anne Lege",
        "Legesenteret",
    )  # who recorded it, on the card before
    assert MedicalConditions.objects.get(card=card).epilepsy is True
    assert PreviousPregnancies.objects.get(card=first_pregnancy).live_births == 0  # untouched


def test_a_gestational_diabetes_found_on_the_previous_card_is_carried(kari, first_pregnancy):
    LabResultFactory(
        card=first_pregnancy,
        code=rules.OGTT_2H,
        display="Glukose 2 t",
        value=Decimal("9.4"),
        unit="mmol/L",
        taken_on=datetime.date(2024, 11, 20),
    )
    card = services.create_card(woman=kari, actor=ACTOR, carry_over=True)
    assert PreviousPregnancies.objects.get(card=card).gestational_diabetes is True


def test_every_pregnancy_since_the_last_recorded_history_is_counted(kari, first_pregnancy):
    """A card of an early end after the first birth had no history of its own."""
    CardFactory(woman=kari, status=S.CLOSED, termination_date=days_ago(200))
    card = services.create_card(woman=kari, actor=ACTOR, carry_over=True)
    history = PreviousPregnancies.objects.get(card=card)
    assert (history.previous_pregnancies, history.live_births, history.last_birth_year) == (
        2,
        1,
        2025,
    )
    assert MedicalConditions.objects.get(card=card).epilepsy is True  # from the first card
    assert set(card.carried_over) == {"previouspregnancies", "medicalconditions", "heredity"}


def test_an_early_end_counts_as_a_pregnancy_only(kari):
    CardFactory(woman=kari, status=S.CLOSED, termination_date=days_ago(200))
    card = services.create_card(woman=kari, actor=ACTOR, carry_over=True)
    history = PreviousPregnancies.objects.get(card=card)
    assert (history.previous_pregnancies, history.live_births, history.stillbirths) == (
        1,
        None,
        None,
    )
    assert history.spontaneous_miscarriages is None  # why it ended is not told


def test_a_card_opened_without_carrying_over_starts_empty(kari, first_pregnancy):
    card = services.create_card(woman=kari, actor=ACTOR)
    assert card.carried_over == []
    assert not PreviousPregnancies.objects.filter(card=card).exists()


def test_the_api_opens_a_carried_over_record_and_says_so(epj_client, kari, first_pregnancy):
    response = epj_client(kari).post(API + "record", {"carryOverHistory": True}, format="json")
    assert response.status_code == 201, response.content
    document = response.json()
    assert document["metadata"]["carriedOver"] == {
        "fromRecordId": str(first_pregnancy.pk),
        "sections": ["previousPregnancies", "medicalConditions", "geneticDisorders"],
    }
    assert document["previousPregnancies"]["numberOfPreviousPregnancies"] == 1


def test_she_sees_what_was_carried_over_and_from_where(kari, kari_client, first_pregnancy):
    card = services.create_card(woman=kari, actor=ACTOR, carry_over=True)
    page = kari_client.get(reverse("healthcard:card_health", args=[card.pk])).content.decode()
    assert "Overført fra et tidligere helsekort" in page
    assert reverse("healthcard:card_by_id", args=[first_pregnancy.pk]) in page


def test_all_her_cards_are_listed_with_due_date_and_outcome(kari, kari_client, first_pregnancy):
    services.create_card(woman=kari, actor=ACTOR, carry_over=True)
    page = kari_client.get(reverse("healthcard:card_list")).content.decode()
    assert page.index("Aktivt") < page.index("Lukket")  # the current card first
    assert "1. mars 2025" in page  # the earlier card's due date
    assert "Født 27. februar 2025" in page
    assert page.count("Lukket") == 1  # "Lukket 3. mars 2025.", not "Lukket. … Lukket …"


def test_the_list_costs_the_same_queries_however_many_cards(kari, kari_client, first_pregnancy):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert kari_client.get(reverse("healthcard:card_list")).status_code == 200
        return len(captured)

    queries()  # the first view of a session also saves it
    one = queries()
    for _ in range(3):
        CardFactory(woman=kari, status=S.CLOSED, termination_date=days_ago(300))
    assert queries() == one


# --- In the midwife's workplace -----------------------------------------------------------


def status_url(card) -> str:
    return reverse("admin:dhg_card_status", args=[card.pk])


def test_the_midwife_closes_a_delivered_card(midwife_client, kari):
    card = card_at(kari, S.DELIVERED, delivery_date=days_ago(50))
    page = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
    assert "Lukk kortet" in page
    response = midwife_client.post(status_url(card), {"action": "close"})
    assert response.status_code == 302
    card.refresh_from_db()
    assert (card.status, card.closed_by_org_name) == (
        S.CLOSED,
        "Oslo kommune, Helsestasjon Frogner",
    )
    page = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
    assert "kan leses, ikke endres" in page
    assert "Ny konsultasjon" not in page  # no forms on a closed card


def test_the_midwife_records_an_early_end_by_its_date(midwife_client, kari):
    card = card_at(kari, S.ACTIVE)
    bad = midwife_client.post(status_url(card), {"action": "end", "ended_on": "2999-01-01"})
    assert bad.status_code == 422
    assert "Datoen er etter i dag." in bad.content.decode()
    midwife_client.post(status_url(card), {"action": "end", "ended_on": str(days_ago(3))})
    card.refresh_from_db()
    assert (card.status, card.termination_date) == (S.TERMINATED, days_ago(3))


def test_a_form_sent_to_a_card_closed_meanwhile_saves_nothing(midwife_client, kari):
    card = CurrentPregnancyFactory(card__woman=kari).card
    Card.objects.filter(pk=card.pk).update(status=S.CLOSED)
    response = midwife_client.post(
        reverse("admin:dhg_add_entry", args=[card.pk, "consultation"]),
        {"date": str(TODAY), "weeks": "30", "days": "0"},
        follow=True,
    )
    assert "Kortet er lukket: ingenting ble lagret." in response.content.decode()
    assert not Consultation.objects.filter(card=card).exists()


def test_the_midwife_sees_the_handover_for_the_health_station(midwife_client, kari):
    card = CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=days_ago(-20)).card
    birth = BirthFactory(card=card, weeks=36, baby=None)
    BabyFactory(birth=birth, neonatal_care=True)
    Card.objects.filter(pk=card.pk).update(status=S.DELIVERED, delivery_date=TODAY)
    page = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
    assert "Til helsestasjonen for barnet" in page
    assert "Barnet var på nyfødtintensiv." in page


# --- After the second review ----------------------------------------------------------------


def test_a_new_card_closes_an_early_end_even_with_an_urgent_alert_on_it(epj_client, kari):
    card = CurrentPregnancyFactory(card__woman=kari, last_period=days_ago(70)).card
    ConsultationFactory(card=card, date=days_ago(20), weeks=7, days=1, systolic=170, diastolic=115)
    Card.objects.filter(pk=card.pk).update(status=S.TERMINATED, termination_date=days_ago(10))
    response = epj_client(kari).post(API + "record", {}, format="json")
    assert response.status_code == 201, response.content
    card.refresh_from_db()
    assert card.status == S.CLOSED


def test_the_pregnancys_alerts_end_with_it_and_its_diagnoses_stay(kari):
    card = CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=days_ago(-2)).card
    ConsultationFactory(card=card, date=days_ago(1), weeks=39, days=4, fetus__movements_felt=False)
    LabResultFactory(
        card=card, code=rules.OGTT_2H, display="Glukose 2 t", value=Decimal("9.4"),
        unit="mmol/L", taken_on=days_ago(80),
    )  # fmt: skip

    def codes() -> set[str]:
        whole = Card.objects.prefetch_related("consultations", "labresults").get(pk=card.pk)
        return {alert.code for alert in rules.alerts(rules.Facts.of(whole, TODAY))}

    assert {"reduced-fetal-movements", "gestational-diabetes"} <= codes()
    Card.objects.filter(pk=card.pk).update(status=S.DELIVERED, delivery_date=TODAY)
    assert codes() == {"gestational-diabetes"}


def test_no_check_of_the_pregnancy_after_it_ended(kari):
    card = CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=days_ago(-2)).card
    Card.objects.filter(pk=card.pk).update(status=S.DELIVERED, delivery_date=days_ago(2))
    card.refresh_from_db()
    with pytest.raises(Implausible) as refused:
        services.add_entry(card=card, model=Consultation, actor=ACTOR, date=TODAY, weeks=40)
    assert "ended" in refused.value.errors["date"]


def test_a_birth_status_is_written_once_and_not_beside_the_birth(epj_client, kari):
    card = CurrentPregnancyFactory(card__woman=kari, due_date_ultrasound=days_ago(-2)).card
    epj = epj_client(kari)
    url = API + f"record/{card.pk}/birthStatus"
    status = {"fosterId": 1, "birthStatus": "live_birth", "dateTime": timezone.now().isoformat()}
    assert epj.post(url, status, format="json").status_code == 201
    again = epj.post(url, {**status, "birthStatus": "stillbirth"}, format="json")
    assert again.status_code == 422
    assert "recorded already" in again.json()["errors"][0]["message"]
    card.refresh_from_db()
    assert card.live_birth is True


def test_after_a_stillbirth_no_baby_is_fed_or_weighed(epj_client, kari):
    card = card_at(kari, S.DELIVERED, delivery_date=days_ago(5), live_birth=False)
    body = {
        "date": str(days_ago(1)),
        "kind": "home_visit",
        "feeding": "breast",
        "babyWeightGrams": 1450,
    }
    response = epj_client(kari).post(
        API + f"record/{card.pk}/postpartumVisits", body, format="json"
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"feeding", "babyWeightGrams"}


def test_the_midwife_can_acknowledge_an_alert_on_a_card_that_ended_early(midwife_client, kari):
    card = CurrentPregnancyFactory(card__woman=kari, last_period=days_ago(150)).card
    LabResultFactory(
        card=card, code=rules.OGTT_2H, display="Glukose 2 t", value=Decimal("9.4"),
        unit="mmol/L", taken_on=days_ago(20),
    )  # fmt: skip
    Card.objects.filter(pk=card.pk).update(status=S.TERMINATED, termination_date=days_ago(10))
    page = midwife_client.get(reverse("admin:dhg_card", args=[card.pk])).content.decode()
    assert "Marker som sett og fulgt opp" in page


def test_after_a_withdrawal_her_list_says_the_cards_were_deleted(kari, kari_client):
    from consent.services import withdraw_consent

    CardFactory(woman=kari)
    withdraw_consent(woman=kari)
    page = kari_client.get(reverse("healthcard:card_list")).content.decode()
    assert "ble slettet da du trakk tilbake samtykket" in page
    assert "ennå" not in page
