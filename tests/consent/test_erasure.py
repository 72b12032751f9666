"""Withdrawal erases everything of hers outside her consent history and the access log, in
every store: every model of the project is named here as erased or kept (with why), so a new
model that could hold card data fails this test until it is placed; and no cache holds a
copy of her card afterwards."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from consent.services import withdraw_consent
from healthcard import parts
from healthcard.demo import week_30_full_history
from healthcard.models import FundalHeight
from portal.notifications import services as notifications
from tests.conftest import API
from tests.races import epj

pytestmark = pytest.mark.django_db(transaction=True)  # the caches are cleared on commit
TODAY = timezone.localdate().isoformat()  # Kari is 30+2 today

# Kept on withdrawal, and why. Everything else in the project's apps is erased.
KEPT = {
    "portal.user": "her login identity (name and number), so that she can log in again",
    "consent.consentevent": "the legal basis: when she gave and withdrew consent",
    "healthcard.accessevent": "who saw her card: she may still ask (Normen)",
    "account.emailaddress": "no health data; staff only",
    "mfa.authenticator": "staff's second factor",
    "socialaccount.socialaccount": "her ID-porten link (the pid, as on the user)",
    "socialaccount.socialapp": "configuration",
    "socialaccount.socialtoken": "not stored (SOCIALACCOUNT_STORE_TOKENS is off)",
    "sessions.session": "her login session, which holds no card data",
}
OUR_APPS = {"portal", "healthcard", "consent", "notifications", "account", "mfa", "socialaccount",
            "sessions"}  # fmt: skip
# Django's own bookkeeping, which holds no personal data.
FRAMEWORK = {"admin.logentry", "auth.group", "auth.permission", "contenttypes.contenttype"}


def every_model() -> set[str]:
    return {model._meta.label_lower for model in apps.get_models()}


def test_every_model_is_either_erased_or_kept_for_a_reason():
    unplaced = {
        label
        for label in every_model() - set(KEPT) - FRAMEWORK
        if label.split(".")[0] not in OUR_APPS
    }
    assert unplaced == set(), "place each new model in KEPT, or erase it on withdrawal"


def test_after_withdrawal_no_store_holds_her_card(kari, client):
    card = week_30_full_history(kari)
    api = epj(kari.national_id)
    url = API + f"record/{card.pk}/"
    # A stored reply, a corrected entry (with its earlier version), a read record document,
    # and her rendered card page: every kind of store a card reaches.
    body = {**parts.BY_NAME["antenatalAppointments"].example, "date": TODAY, "pregnancyWeek": 30}
    assert api.post(url + "antenatalAppointments", body, format="json", HTTP_IDEMPOTENCY_KEY="k")
    entry = FundalHeight.objects.filter(card=card).first()
    sf = {
        "measurementDate": entry.measured_on.isoformat(),
        "pregnancyWeek": entry.weeks,
        "daysAfterFullPregnancyWeek": entry.days,
        "measurement": 30,
    }
    corrected = api.put(
        url + f"symphysisFundalHeights/{entry.pk}", sf, format="json", HTTP_IF_MATCH='"1"'
    )
    assert corrected.status_code == 200, corrected.content
    assert api.get(url.rstrip("/")).status_code == 200
    client.force_login(kari)
    assert client.get(reverse("healthcard:card_detail")).status_code == 200
    # Her contact details, with a message about the write above waiting in the outbox.
    notifications.save_choice(woman=kari, topics=["new_on_card"], language="nb")
    notifications.set_contact(woman=kari, channel="email", address="k@example.no", language="nb")
    erased = every_model() - set(KEPT) - FRAMEWORK
    held = {label for label in erased if apps.get_model(label).objects.exists()}
    assert {"healthcard.entryrevision", "healthcard.idempotencyrecord"} <= held
    assert {"notifications.contactpoint", "notifications.outboxmessage"} <= held
    assert _cached_copies(card.pk)

    withdraw_consent(woman=kari)

    left = {label: apps.get_model(label).objects.count() for label in erased}
    assert {label: n for label, n in left.items() if n} == {}
    assert _cached_copies(card.pk) == []


def _cached_copies(record_id) -> list[str]:
    """The keys of every cache that name her card."""
    found = []
    for alias in settings.CACHES:
        store = caches[alias]
        keys = getattr(store, "_cache", None)
        assert keys is not None, f"cache {alias!r}: cannot list its keys in this test"
        found += [key for key in keys if str(record_id) in key]
    return found


def test_every_app_with_card_data_registers_its_eraser():
    """Withdrawal reaches the card only through the erasers the apps register."""
    from consent import erasure

    assert set(erasure.ERASERS) == {"healthcard", "notifications"}
