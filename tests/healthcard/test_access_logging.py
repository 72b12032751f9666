"""Normen: every request by anyone but the woman that reads or writes her card leaves
exactly its log entries (one per section touched), through the administration and the API
alike; and a long run of mixed requests leaves no access unlogged."""

import random
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from healthcard import parts
from healthcard.api.devkey import mint_token
from healthcard.demo import week_30_full_history
from healthcard.models import AccessEvent, Consultation, FundalHeight, Medication
from tests.conftest import API
from tests.factories import WomanFactory

pytestmark = pytest.mark.django_db


TODAY = timezone.localdate().isoformat()


@dataclass
class Access:
    name: str
    send: Callable  # (world) -> response
    sections: tuple[str, ...]  # what the log must say was touched, in order
    action: str
    channel: str
    needs: Callable = lambda world: True  # noqa: E731  (a retraction needs a live entry)


class World:
    """Kari's card, a midwife in the administration and a record system on the API."""

    def __init__(self, card, midwife_client):
        self.card = card
        self.nin = card.woman.national_id
        self.admin = midwife_client
        self.epj = APIClient()
        self.epj.credentials(
            HTTP_AUTHORIZATION=f"Bearer {mint_token()}",
            HTTP_NHN_PATIENT_NIN=self.nin,
            HTTP_NHN_SOURCE_SYSTEM="Test EPJ",
        )

    def live_consultation(self) -> Consultation | None:
        return Consultation.objects.filter(card=self.card, entered_in_error=False).last()

    def live_fundal_height(self) -> FundalHeight | None:
        return FundalHeight.objects.filter(card=self.card, entered_in_error=False).last()

    def admin_url(self, name: str, *args) -> str:
        return reverse(f"admin:{name}", args=[self.card.pk, *args])

    def api_url(self, path: str = "") -> str:
        return f"{API}record/{self.card.pk}{path}"


def _consultation_form(consultation=None) -> dict:
    return {
        "date": TODAY,
        "weeks": 30,
        "days": 2,
        "systolic": 120,
        "diastolic": 80,
        "heart_rate": 140,
        **(
            {"expected_version": consultation.version, "change_reason": "Målt på nytt."}
            if consultation
            else {}
        ),
    }


def _correct_in_admin(world):
    entry = world.live_consultation()
    url = world.admin_url("dhg_correct_entry", "consultation", entry.pk)
    return world.admin.post(url, _consultation_form(entry))


def _retract_in_admin(world):
    entry = world.live_consultation()
    return world.admin.post(
        world.admin_url("dhg_retract_entry", "consultation", entry.pk),
        {"reason": "Feil pasient.", "expected_version": entry.version},
    )


def _retract_in_api(world):
    entry = world.live_fundal_height()
    return world.epj.post(
        world.api_url(f"/symphysisFundalHeights/{entry.pk}/entered-in-error"),
        {"reason": "Feil pasient."},
        format="json",
    )


def _correct_in_api(world):
    entry = world.live_consultation()
    return world.epj.put(
        world.api_url(f"/antenatalAppointments/{entry.pk}"),
        {**parts.BY_NAME["antenatalAppointments"].example, "date": TODAY, "pregnancyWeek": 30},
        format="json",
        HTTP_IF_MATCH=f'"{entry.version}"',
    )


ACCESSES = [
    Access(
        "admin: search",
        lambda w: w.admin.post(reverse("admin:healthcard_card_changelist"), {"national_id": w.nin}),
        ("search",),
        "read",
        "admin",
    ),
    Access(
        "admin: card", lambda w: w.admin.get(w.admin_url("dhg_card")), ("record",), "read", "admin"
    ),
    Access(
        "admin: record consultation",
        lambda w: w.admin.post(w.admin_url("dhg_add_entry", "consultation"), _consultation_form()),
        ("consultation",),
        "write",
        "admin",
    ),
    Access(
        "admin: a part's own page",
        lambda w: w.admin.get(w.admin_url("dhg_part", "medicalconditions")),
        ("medicalconditions",),
        "read",
        "admin",
    ),
    Access(
        "admin: replace a section on its page",
        lambda w: w.admin.post(
            w.admin_url("dhg_part", "medication"),
            {
                "drug_allergy": "false",
                "note": "Ingen faste legemidler.",
                "expected_version": Medication.objects.get(card=w.card).version,
            },
        ),
        ("medication",),
        "write",
        "admin",
    ),
    Access(
        "admin: add to a list on its page",
        lambda w: w.admin.post(
            w.admin_url("dhg_part", "careteammember"), {"role": "gp", "name": "Lege Legesen"}
        ),
        ("careteammember",),
        "write",
        "admin",
    ),
    Access(
        "admin: invalid section shows its page again",
        lambda w: w.admin.post(w.admin_url("dhg_part", "beforepregnancy"), {"height_cm": "900"}),
        ("beforepregnancy",),
        "read",
        "admin",
    ),
    Access(
        "admin: invalid consultation shows the card again",
        lambda w: w.admin.post(w.admin_url("dhg_add_entry", "consultation"), {"weeks": 99}),
        ("record",),
        "read",
        "admin",
    ),
    Access(
        "admin: record lab result",
        lambda w: w.admin.post(
            w.admin_url("dhg_add_entry", "labresult"),
            {"test": "NOR05172", "taken_on": TODAY, "value": "11.9"},
        ),
        ("labresult",),
        "write",
        "admin",
    ),
    Access(
        "admin: record SF",
        lambda w: w.admin.post(
            w.admin_url("dhg_add_entry", "fundalheight"),
            {"measured_on": TODAY, "weeks": 30, "days": 2, "centimetres": "29.5"},
        ),
        ("fundalheight",),
        "write",
        "admin",
    ),
    Access(
        "admin: correction form",
        lambda w: w.admin.get(
            w.admin_url("dhg_correct_entry", "consultation", w.live_consultation().pk)
        ),
        ("consultation",),
        "read",
        "admin",
    ),
    Access("admin: correct", _correct_in_admin, ("consultation",), "write", "admin"),
    Access(
        "admin: retraction page",
        lambda w: w.admin.get(
            w.admin_url("dhg_retract_entry", "consultation", w.live_consultation().pk)
        ),
        ("consultation",),
        "read",
        "admin",
    ),
    Access(
        "admin: retract",
        _retract_in_admin,
        ("consultation",),
        "write",
        "admin",
        needs=World.live_consultation,
    ),
    Access("api: status", lambda w: w.epj.get(f"{API}status"), ("status",), "read", "api"),
    Access("api: record", lambda w: w.epj.get(w.api_url()), ("record",), "read", "api"),
    Access(
        "api: add appointment",
        lambda w: w.epj.post(
            w.api_url("/antenatalAppointments"),
            {**parts.BY_NAME["antenatalAppointments"].example, "date": TODAY, "pregnancyWeek": 30},
            format="json",
        ),
        ("consultation",),
        "write",
        "api",
    ),
    Access(
        "api: add SF",
        lambda w: w.epj.post(
            w.api_url("/symphysisFundalHeights"),
            {
                **parts.BY_NAME["symphysisFundalHeights"].example,
                "measurementDate": TODAY,
                "pregnancyWeek": 30,
            },
            format="json",
        ),
        ("fundalheight",),
        "write",
        "api",
    ),
    Access(
        "api: replace a section",
        lambda w: w.epj.put(
            w.api_url("/medication"),
            parts.BY_NAME["medication"].example,
            format="json",
            HTTP_IF_MATCH=f'"{Medication.objects.get(card=w.card).version}"',
        ),
        ("medication",),
        "write",
        "api",
    ),
    Access("api: correct", _correct_in_api, ("consultation",), "write", "api"),
    Access(
        "api: retract",
        _retract_in_api,
        ("fundalheight",),
        "write",
        "api",
        needs=World.live_fundal_height,
    ),
    Access(
        "api: batch of two kinds",
        lambda w: w.epj.post(
            w.api_url("/batch"),
            {
                "operations": [
                    {
                        "method": "POST",
                        "path": "antenatalAppointments",
                        "body": {
                            **parts.BY_NAME["antenatalAppointments"].example,
                            "date": TODAY,
                            "pregnancyWeek": 30,
                        },
                    },
                    {
                        "method": "POST",
                        "path": "clinicalTests",
                        "body": {**parts.BY_NAME["clinicalTests"].example, "date": TODAY},
                    },
                ]
            },
            format="json",
        ),
        ("consultation", "labresult"),
        "write",
        "api",
    ),
]


@pytest.fixture
def world(kari, midwife_client):
    return World(week_30_full_history(kari), midwife_client)


def send_and_check(world: World, access: Access) -> int:
    """Send one request and check that it left exactly its log entries."""
    before = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = access.send(world)
    assert response.status_code < 400 or access.name.startswith("admin: invalid"), (
        access.name,
        response.status_code,
        response.content[:500],
    )
    events = list(AccessEvent.objects.filter(pk__gt=before).order_by("pk"))
    assert [e.section for e in events] == list(access.sections), access.name
    assert {(e.action, e.channel, e.woman_id) for e in events} == {
        (access.action, access.channel, world.card.woman_id)
    }, access.name
    return len(events)


@pytest.mark.parametrize("access", ACCESSES, ids=[a.name for a in ACCESSES])
def test_each_access_leaves_exactly_its_log_entries(world, access):
    send_and_check(world, access)


def test_a_thousand_mixed_requests_leave_no_access_unlogged(world):
    # Four women, so that no one card grows past what a real pregnancy holds.
    worlds = [world] + [
        World(week_30_full_history(WomanFactory()), world.admin) for _woman in range(3)
    ]
    rng = random.Random(2026)
    logged = 0
    expected = 0
    start = AccessEvent.objects.count()
    for _request in range(1000):
        world = rng.choice(worlds)
        access = rng.choice([a for a in ACCESSES if a.needs(world)])
        expected += len(access.sections)
        logged += send_and_check(world, access)
    assert logged == expected
    assert AccessEvent.objects.count() - start == expected
