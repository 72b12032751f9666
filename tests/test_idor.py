"""IDOR probes: for every URL pattern that names an object (a card, an entry, a consent
receipt), another woman's id gets her nothing, through the portal, the API and the admin.
New patterns are probed automatically; a pattern with an unknown parameter fails the test
until it is added here."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from consent.models import ConsentEvent
from healthcard import parts, selectors
from healthcard.api.devkey import mint_token
from healthcard.demo import week_30_full_history
from healthcard.models import AccessEvent, Card, Consultation
from healthcard.record import card_alerts
from healthcard.services import ask_question
from tests.factories import CardFactory, ConsultationFactory, WomanFactory

pytestmark = pytest.mark.django_db


def named_patterns(resolver: URLResolver, namespace: str = ""):
    """(qualified name, its parameter names) for every named pattern."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", set(entry.pattern.converters)


# The admin's own object pages (staff accounts, groups, authenticators) take object_id, id and
# content_type_id; they are probed with Kari's user id.
PARAMETERS = {
    "card_id",
    "record_id",
    "entry_id",
    "alert_id",
    "question_id",
    "event_id",
    "kind",
    "object_id",
    "id",
    "content_type_id",
    "version",  # a consent text's: public words, the same for everyone
    "code",  # a questionnaire's ("epds"), on her card
}
PROBED = sorted((name, params) for name, params in named_patterns(get_resolver()) if params)


def test_every_parameter_is_known():
    unknown = {(name, p) for name, params in PROBED for p in params - PARAMETERS}
    assert unknown == set()


@pytest.fixture
def karis_card(kari):
    """The victim: Kari, with a card, a consultation, an open alert and a consent receipt."""
    card = week_30_full_history(kari)
    ConsultationFactory(card=card, date=timezone.localdate(), weeks=30, days=2, systolic=165,
                        diastolic=112)  # fmt: skip
    loaded = selectors.card_of(woman=kari, card_id=card.pk, with_lists=selectors.ALL_LISTS)
    return {
        "alert_id": card_alerts(loaded)[0].id,
        "card_id": card.pk,
        "record_id": card.pk,  # the API's word for it
        "entry_id": Consultation.objects.filter(card=card).first().pk,
        "event_id": ConsentEvent.objects.filter(woman=kari).first().pk,
        "question_id": ask_question(
            card=card, woman=kari, text="Kari spør", submission_id=uuid.uuid4()
        ).pk,
        "kind": "consultation",
        "object_id": kari.pk,
        "id": kari.pk,
        "content_type_id": ContentType.objects.get_for_model(Card).pk,
        "name": kari.get_full_name(),
        "version": "2026-12",
        "code": "epds",
    }


@pytest.fixture
def mallory():
    """Another consenting woman, with her own card."""
    woman = WomanFactory(full_name="Mallory Mørk")
    CardFactory(woman=woman)
    return woman


# Pages whose parameter names public words, the same for everyone: nothing of hers to find.
PUBLIC = {"consent:text"}


def urls_for(karis_card: dict):
    for name, params in PROBED:
        if name not in PUBLIC:
            yield name, reverse(name, kwargs={p: karis_card[p] for p in params})


def test_a_public_page_with_a_parameter_shows_nothing_of_hers(client, karis_card, mallory):
    client.force_login(mallory)
    for name in PUBLIC:
        params = dict(PROBED)[name]
        html = client.get(reverse(name, kwargs={p: karis_card[p] for p in params})).content
        assert karis_card["name"] not in html.decode()


def valid_body(name: str) -> dict:
    """A body the API would accept, so that a probe is refused for the record, not the body."""
    if name.endswith("_entered_in_error"):
        return {"reason": "Feil pasient."}
    part = name.removeprefix("api:").removesuffix("_entry")
    if part == "batch":
        body = parts.BY_NAME["symphysisFundalHeights"].example
        return {"operations": [{"method": "POST", "path": "symphysisFundalHeights", "body": body}]}
    return parts.BY_NAME[part].example if part in parts.BY_NAME else {}


def untouched(karis_card) -> tuple:
    card = Card.objects.get(pk=karis_card["record_id"])
    return card.version, Consultation.objects.filter(card=card).count()


def test_another_woman_gets_nothing_from_the_portal(client, karis_card, mallory):
    client.force_login(mallory)
    before = untouched(karis_card)
    for name, url in urls_for(karis_card):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 401, 403, 404, 405), (method, name)
            if response.status_code == 302:  # the admin sends a kari to its login
                assert response["Location"].startswith("/admin/login/"), (method, name)
            assert karis_card["name"] not in response.content.decode(), (method, name)
    assert untouched(karis_card) == before


def test_nobody_logged_out_gets_anything(client, karis_card):
    for name, url in urls_for(karis_card):
        response = client.get(url)
        assert response.status_code in (302, 401, 403, 404), name
        assert karis_card["name"] not in response.content.decode(), name


def test_a_record_system_asking_about_another_woman_gets_404(karis_card, mallory):
    epj = APIClient()
    epj.credentials(
        HTTP_AUTHORIZATION=f"Bearer {mint_token()}",
        HTTP_NHN_PATIENT_NIN=mallory.national_id,  # her patient, Kari's ids
        HTTP_NHN_SOURCE_SYSTEM="Test EPJ",
    )
    before = untouched(karis_card)
    logged = AccessEvent.objects.filter(woman__full_name=karis_card["name"]).count()
    api = [(name, url) for name, url in urls_for(karis_card) if name.startswith("api:")]
    assert api
    for name, url in api:
        for method in ("get", "post", "put"):
            response = getattr(epj, method)(url, valid_body(name), format="json")
            assert response.status_code in (404, 405), (method, name, response.status_code)
            assert karis_card["name"] not in response.content.decode()
    assert untouched(karis_card) == before
    assert AccessEvent.objects.filter(woman__full_name=karis_card["name"]).count() == logged
