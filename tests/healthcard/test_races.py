"""Two writers at once, through the real doors (the API, the admin, her own pages), against a
real PostgreSQL: every acknowledged write is in the next read, a stale writer gets 412, and
nothing a race does gives a 5xx."""

import datetime
import os
import random
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from consent.services import give_consent, withdraw_consent
from healthcard import parts
from healthcard.models import (
    Birth,
    BirthWishes,
    Card,
    Consultation,
    EntryRevision,
    FundalHeight,
)
from tests.conftest import API, log_in_with_second_factor
from tests.factories import WomanFactory
from tests.races import epj, race, same_session

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = timezone.localdate().isoformat()
SF = {"measurementDate": TODAY, "pregnancyWeek": 30, "measurement": 29.0}
APPOINTMENT = parts.BY_NAME["antenatalAppointments"].example


@pytest.fixture
def woman():
    return WomanFactory()


@pytest.fixture
def card(woman):
    response = epj(woman.national_id).post(API + "record", {}, format="json")
    assert response.status_code == 201, response.content
    return Card.objects.get(pk=response.json()["metadata"]["recordId"])


def record(woman, card) -> dict:
    response = epj(woman.national_id).get(API + f"record/{card.pk}")
    assert response.status_code == 200, response.content
    return response.json()


def ids(document: dict, part: str) -> set[int]:
    return {int(entry["metadata"]["id"]) for entry in document[part]}


def status(result) -> int:
    assert not isinstance(result, Exception), repr(result)
    assert result.status_code < 500, result.content
    return result.status_code


class TestCorrectionAgainstRetraction:
    def test_neither_is_lost_whichever_commits_first(self, woman, card):
        client = epj(woman.national_id)
        orders = set()
        for _ in range(10):
            created = client.post(
                API + f"record/{card.pk}/symphysisFundalHeights", SF, format="json"
            )
            entry = created.json()["metadata"]["id"]
            url = API + f"record/{card.pk}/symphysisFundalHeights/{entry}"
            corrected, retracted = race(
                lambda url=url: epj(woman.national_id).put(
                    url, {**SF, "measurement": 31.5}, format="json", HTTP_IF_MATCH='"1"'
                ),
                lambda url=url: epj(woman.national_id).post(
                    url + "/entered-in-error", {"reason": "Feil pasient."}, format="json"
                ),
            )
            row = FundalHeight.objects.get(pk=entry)
            assert status(retracted) == 200 and row.entered_in_error
            if status(corrected) == 200:  # the correction came first: it is kept
                orders.add("correction first")
                assert row.centimetres == 31.5 and row.version == 3
                assert EntryRevision.objects.filter(entry_id=entry, version=1).exists()
            else:  # the retraction came first: the correction is refused, not lost
                orders.add("retraction first")
                assert status(corrected) == 409
                assert row.centimetres == 29 and row.version == 2
        assert orders  # at least one order was seen; both usually are


class TestManyWritersAtOnce:
    def test_eight_parallel_entries_are_all_in_the_next_read(self, woman, card):
        before = record(woman, card)  # the document of this version is now in the cache
        results = race(
            *[
                lambda: epj(woman.national_id).post(
                    API + f"record/{card.pk}/antenatalAppointments", APPOINTMENT, format="json"
                )
                for _ in range(8)
            ]
        )
        assert [status(r) for r in results] == [201] * 8
        after = record(woman, card)
        assert ids(after, "antenatalAppointments") == {
            int(r.json()["metadata"]["id"]) for r in results
        }
        assert after["metadata"]["version"] == before["metadata"]["version"] + 8

    def test_two_openings_give_one_card(self, woman):
        results = race(
            lambda: epj(woman.national_id).post(API + "record", {}, format="json"),
            lambda: epj(woman.national_id).post(API + "record", {}, format="json"),
        )
        assert sorted(status(r) for r in results) == [201, 409]
        assert Card.objects.filter(woman=woman).count() == 1

    def test_the_same_idempotency_key_at_once_writes_once(self, woman, card):
        url = API + f"record/{card.pk}/antenatalAppointments"
        results = race(
            *[
                lambda: epj(woman.national_id).post(
                    url, APPOINTMENT, format="json", HTTP_IDEMPOTENCY_KEY="visit-7"
                )
                for _ in range(4)
            ]
        )
        assert [status(r) for r in results] == [201] * 4
        assert len({r.json()["metadata"]["id"] for r in results}) == 1
        assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in results) == 3
        assert Consultation.objects.filter(card=card).count() == 1

    def test_two_replacements_of_one_section_version_one_wins_one_is_412(self, woman, card):
        url = API + f"record/{card.pk}/currentPregnancy"
        body = parts.BY_NAME["currentPregnancy"].example
        epj(woman.national_id).put(url, body, format="json")
        results = race(
            lambda: epj(woman.national_id).put(
                url, {**body, "numberOfFetuses": 2}, format="json", HTTP_IF_MATCH='"1"'
            ),
            lambda: epj(woman.national_id).put(
                url, {**body, "numberOfFetuses": 3}, format="json", HTTP_IF_MATCH='"1"'
            ),
        )
        assert sorted(status(r) for r in results) == [200, 412]
        [winner] = [r for r in results if r.status_code == 200]
        assert (
            record(woman, card)["currentPregnancy"]["numberOfFetuses"]
            == winner.json()["numberOfFetuses"]
        )

    def test_consent_given_and_withdrawn_at_once_leaves_one_clear_state(self, woman):
        for _ in range(5):
            results = race(
                lambda: withdraw_consent(woman=woman),
                lambda: give_consent(woman=woman),
            )
            assert not any(isinstance(r, Exception) and not _no_consent(r) for r in results)
            latest = woman.consent_events.order_by("-created_at", "-id").first()
            assert latest.kind in ("given", "withdrawn")
            give_consent(woman=woman)


def _no_consent(error) -> bool:
    from consent.services import ConsentRequired

    return isinstance(error, ConsentRequired)


# --- Randomized: pairs of writers from every door ------------------------------------------


class Door:
    """One kind of writer. prepare() runs before the race and returns the writer; the
    writer returns its response; seen(document, response) says whether its acknowledged
    write is in the next read."""

    def __init__(self, woman, card, admin, her):
        self.woman, self.card, self.admin, self.her = woman, card, admin, her
        self.url = API + f"record/{card.pk}/"

    def client(self):
        return epj(self.woman.national_id)

    def doors(self) -> dict:
        return {
            "section PUT": self.section_put,
            "list POST": self.list_post,
            "correction": self.correction,
            "retraction": self.retraction,
            "batch": self.batch,
            "admin form": self.admin_form,
            "her birth wishes": self.birth_wishes,
        }

    def section_put(self):
        url = self.url + "vitalMeasurementsBeforePregnancy"
        current = record(self.woman, self.card)["vitalMeasurementsBeforePregnancy"]
        version = current["metadata"]["version"] if current else None
        height = random.randint(150, 190)
        headers = {"HTTP_IF_MATCH": f'"{version}"'} if version else {}
        body = {"height": height, "prePregnancyWeight": 60}

        def write():
            return self.client().put(url, body, format="json", **headers)

        def seen(document, response):
            return document["vitalMeasurementsBeforePregnancy"]["height"] == height

        return write, seen, {412}  # the other writer replaced the version first

    def list_post(self):
        def write():
            return self.client().post(
                self.url + "antenatalAppointments", APPOINTMENT, format="json"
            )

        def seen(document, response):
            return int(response.json()["metadata"]["id"]) in ids(document, "antenatalAppointments")

        return write, seen, set()

    def _live_sf(self) -> FundalHeight:
        """An SF height that is not retracted (one is added when there is none)."""
        live = FundalHeight.objects.filter(card=self.card, entered_in_error=False).last()
        if live is None:
            self.client().post(self.url + "symphysisFundalHeights", SF, format="json")
            live = FundalHeight.objects.filter(card=self.card).last()
        return live

    def correction(self):
        entry = self._live_sf()
        value = round(random.uniform(20, 40), 1)
        url = self.url + f"symphysisFundalHeights/{entry.pk}"

        def write():
            return self.client().put(
                url, {**SF, "measurement": value}, format="json", HTTP_IF_MATCH=f'"{entry.version}"'
            )

        def seen(document, response):
            [shown] = [
                e
                for e in document["symphysisFundalHeights"]
                if int(e["metadata"]["id"]) == entry.pk
            ]
            return shown["measurement"] == value

        return write, seen, {412, 409}  # corrected or retracted meanwhile

    def retraction(self):
        entry = self._live_sf()
        url = self.url + f"symphysisFundalHeights/{entry.pk}/entered-in-error"

        def write():
            return self.client().post(url, {"reason": "Feil."}, format="json")

        def seen(document, response):
            [shown] = [
                e
                for e in document["symphysisFundalHeights"]
                if int(e["metadata"]["id"]) == entry.pk
            ]
            return shown["metadata"]["enteredInError"] is True

        return write, seen, set()

    def batch(self):
        body = {
            "operations": [
                {"method": "POST", "path": "antenatalAppointments", "body": APPOINTMENT},
                {"method": "POST", "path": "symphysisFundalHeights", "body": SF},
            ]
        }

        def write():
            return self.client().post(self.url + "batch", body, format="json")

        def seen(document, response):
            first, second = (int(r["body"]["metadata"]["id"]) for r in response.json()["results"])
            return first in ids(document, "antenatalAppointments") and second in ids(
                document, "symphysisFundalHeights"
            )

        return write, seen, set()

    def admin_form(self):
        client = same_session(self.admin)
        url = reverse("admin:dhg_add_entry", args=[self.card.pk, "fundalheight"])
        before = set(FundalHeight.objects.filter(card=self.card).values_list("pk", flat=True))
        centimetres = round(random.uniform(20, 40), 1)
        form = {"measured_on": TODAY, "weeks": 30, "days": 0, "centimetres": centimetres}

        def write():
            response = client.post(url, form)
            response.status_code = 201 if response.status_code == 302 else response.status_code
            return response

        def seen(document, response):
            return any(
                int(e["metadata"]["id"]) not in before and e["measurement"] == centimetres
                for e in document["symphysisFundalHeights"]
            )

        return write, seen, set()

    def birth_wishes(self):
        client = same_session(self.her)
        url = reverse("healthcard:birth_wishes", args=[self.card.pk])
        wish = f"Ønske {random.randint(0, 10**9)}"
        saved = BirthWishes.objects.filter(card=self.card).first()
        form = {"wishes": wish, "questions": "", "version": saved.version if saved else ""}

        def write():
            response = client.post(url, form)
            response.status_code = 201 if response.status_code == 302 else response.status_code
            return response

        def seen(document, response):
            return BirthWishes.objects.get(card=self.card).wishes == wish

        return write, seen, {409}  # saved from another window meanwhile


ROUNDS = int(os.environ.get("DHG_RACE_ROUNDS", "40"))


def test_random_pairs_of_writers_lose_nothing(woman, card, midwife, client):
    seed = int(os.environ.get("DHG_RACE_SEED", time.time_ns() % 10**6))
    random.seed(seed)
    log_in_with_second_factor(client, midwife)
    her = type(client)()
    her.force_login(woman)
    doors = Door(woman, card, client, her).doors()
    acknowledged = stale = 0
    for _ in range(ROUNDS):
        names = random.choices(list(doors), k=2)
        prepared = [doors[name]() for name in names]
        results = race(*[write for write, _, _ in prepared])
        document = record(woman, card)
        for name, (_, seen, stale_codes), response in zip(names, prepared, results, strict=True):
            code = status(response)
            if code in (200, 201):
                acknowledged += 1
                assert seen(document, response), f"seed {seed}: {name}'s write is not in the read"
            elif code in stale_codes and names[0] == names[1]:
                stale += 1  # two writers changed the same version: one is told to read again
            elif code in stale_codes and {"correction", "retraction"} == set(names):
                stale += 1
            else:
                pytest.fail(f"seed {seed}: {name} got {code}: {response.content[:300]}")
        assert document["metadata"]["version"] == Card.objects.get(pk=card.pk).version
    print(f"races: seed {seed}, {ROUNDS} rounds, {acknowledged} acknowledged, {stale} stale")
    assert acknowledged >= ROUNDS  # at least one of each pair got through


def test_two_clinicians_acknowledging_one_alert_at_once_make_one_acknowledgement(woman, card):
    """Both are told it is done; one signature is kept, and the card moves on once."""
    from healthcard.demo import MIDWIFE
    from healthcard.models import AlertAcknowledgement
    from healthcard.record import card_alerts
    from healthcard.services import Actor, acknowledge_alert, add_entry

    today = timezone.localdate()
    add_entry(
        card=card,
        model=Consultation,
        actor=MIDWIFE,
        date=today,
        weeks=20,
        systolic=165,
        diastolic=112,
    )
    [alert] = card_alerts(Card.objects.get(pk=card.pk))
    version = Card.objects.get(pk=card.pk).version
    other = Actor(name="Other Jordmor", hpr="1234567", org_name="Helsestasjon B")
    results = race(
        *[
            lambda actor=actor: acknowledge_alert(
                card=Card.objects.get(pk=card.pk), alert_id=alert.id, actor=actor
            )
            for actor in (MIDWIFE, other)
        ]
    )
    assert not any(isinstance(r, Exception) for r in results), results
    [kept] = AlertAcknowledgement.objects.filter(card=card)
    assert {r.pk for r in results} == {kept.pk}
    assert Card.objects.get(pk=card.pk).version == version + 1


def test_two_hospitals_recording_the_birth_at_once_leave_one_birth_and_its_babies(woman, card):
    """Neither PUT names a version: the first creates the birth, the second is told it is
    stale (412) instead of writing a second birth or doubling the babies."""
    born = (timezone.now() - datetime.timedelta(hours=2)).isoformat()
    example = parts.BY_NAME["birth"].example
    bodies = [
        {**example, "dateTime": born, "babies": [{**example["babies"][0], "weightGrams": g}]}
        for g in (3400, 3500)
    ]
    url = API + f"record/{card.pk}/birth"
    results = race(
        *[lambda body=body: epj(woman.national_id).put(url, body, format="json") for body in bodies]
    )
    codes = sorted(status(result) for result in results)
    assert codes[0] in (200, 201) and codes[1] == 412, codes
    [birth] = Birth.objects.filter(card=card)
    assert [baby.weight_g for baby in birth.babies.all()] in ([3400], [3500])
    assert Card.objects.get(pk=card.pk).status == Card.Status.DELIVERED
