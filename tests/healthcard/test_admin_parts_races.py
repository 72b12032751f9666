"""Two writers at once on the administration's part pages: neither hides the other's
section unseen, and one form sent twice at the same moment records one entry."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from healthcard.demo import week_30_full_history
from healthcard.models import BeforePregnancy, CareTeamMember
from tests.conftest import log_in_with_second_factor
from tests.races import race

pytestmark = pytest.mark.django_db(transaction=True)


def midwife_browser(user) -> Client:
    browser = Client()
    log_in_with_second_factor(browser, user)
    return browser


def test_two_midwives_saving_the_same_section_version_one_is_told(kari, midwife):
    card = week_30_full_history(kari)
    url = reverse("admin:dhg_part", args=[card.pk, "beforepregnancy"])
    version = BeforePregnancy.objects.get(card=card).version
    a, b = midwife_browser(midwife), midwife_browser(midwife)
    results = race(
        lambda: a.post(url, {"height_cm": "170", "weight_kg": "60", "expected_version": version}),
        lambda: b.post(url, {"height_cm": "165", "weight_kg": "58", "expected_version": version}),
    )
    assert sorted(r.status_code for r in results) == [302, 409]
    saved = BeforePregnancy.objects.get(card=card)
    assert saved.version == version + 1  # one write, and the other writer was told
    assert str(saved.height_cm) in ("170.0", "165.0")


def test_one_form_sent_twice_at_once_records_one_entry(kari, midwife):
    card = week_30_full_history(kari)
    url = reverse("admin:dhg_part", args=[card.pk, "careteammember"])
    data = {"role": "gp", "name": "Lege Legesen", "submission_id": str(uuid.uuid4())}
    a, b = midwife_browser(midwife), midwife_browser(midwife)
    results = race(lambda: a.post(url, data), lambda: b.post(url, data))
    assert [r.status_code for r in results] == [302, 302]
    assert CareTeamMember.objects.filter(card=card, name="Lege Legesen").count() == 1
