"""Every part of the card, walked from its one declaration (healthcard.parts) through every
door that should have it: a part added to PARTS is tested here without a line more."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation

from healthcard import parts, presenters
from healthcard.api.schema import COMPONENTS
from healthcard.models import AccessEvent, BookedAppointment, Card, Provenance
from healthcard.validation import DATE_FIELDS
from tests.conftest import API
from tests.factories import PART_FACTORIES

pytestmark = pytest.mark.django_db

WRITABLE = [part for part in parts.PARTS if part.body]


def by_name(part: parts.Part) -> str:
    return part.name


@pytest.mark.parametrize("part", parts.PARTS, ids=by_name)
def test_each_part_is_declared_whole(part):
    assert part.name not in {p.name for p in parts.PARTS if p is not part}
    assert hasattr(Card, part.related_name)
    assert str(part.accessed)
    assert presenters.ACCESSED[part.log_name] == part.accessed
    # What the record shows is what the schema describes, field for field.
    assert set(COMPONENTS[part.component]["properties"]) - {"metadata"} == set(part.schema)


@pytest.mark.parametrize("part", WRITABLE, ids=by_name)
def test_what_a_record_system_sends_is_what_it_reads_back(part):
    """The body's fields are the document's: a client can send back what it read."""
    body = part.body()
    assert set(body.fields) - {"metadata"} == set(part.schema)
    assert set(part.example) <= set(body.fields)


def shows(read, sent) -> bool:
    """What was sent is in what is read back (which adds metadata, code systems, nulls)."""
    if isinstance(sent, dict):
        return all(shows(read.get(key), value) for key, value in sent.items())
    if isinstance(sent, list):
        return len(read) == len(sent) and all(map(shows, read, sent))
    return read == sent


@pytest.fixture
def record(kari, epj_client):
    client = epj_client(kari)
    record_id = client.post(API + "record", {}, format="json").json()["metadata"]["recordId"]
    # Her dating, so that the examples' weeks are plausible.
    current = parts.BY_NAME["currentPregnancy"].example
    response = client.put(API + f"record/{record_id}/currentPregnancy", current, format="json")
    assert response.status_code == 200
    return client, record_id


@pytest.mark.parametrize("part", WRITABLE, ids=by_name)
def test_each_writable_part_goes_through_every_door(part, record, kari, client):
    epj, record_id = record
    url = API + f"record/{record_id}/{part.name}"
    if part.name == "postpartumVisits":  # a check after the birth needs the birth
        birth = parts.BY_NAME["birth"].example
        assert epj.put(API + f"record/{record_id}/birth", birth, format="json").status_code == 200
    if part.is_list:
        written = epj.post(url, part.example, format="json")
        assert written.status_code == 201, written.content
        entry = written.json()
        corrected = epj.put(
            f"{url}/{entry['metadata']['id']}",
            part.example,
            format="json",
            HTTP_IF_MATCH=f'"{entry["metadata"]["version"]}"',
        )
        assert corrected.status_code == 200, corrected.content
        retracted = epj.post(
            f"{url}/{entry['metadata']['id']}/entered-in-error",
            {"reason": "Feil pasient."},
            format="json",
            HTTP_IF_MATCH=f'"{corrected.json()["metadata"]["version"]}"',
        )
        assert retracted.json()["metadata"]["enteredInError"] is True
    else:
        written = epj.put(url, part.example, format="json", HTTP_IF_MATCH='"1"')
        assert written.status_code == 200, written.content

    document = epj.get(API + f"record/{record_id}").json()[part.name]
    shown = document[0] if part.is_list else document
    assert shows(shown, part.example)

    client.force_login(kari)
    download = client.get(reverse("healthcard:card_download", args=[record_id])).json()
    assert download[part.name] == document

    written_to = AccessEvent.objects.filter(woman=kari, action="write")
    assert written_to.filter(section=part.log_name).exists()
    lines = client.get(reverse("healthcard:access_log")).content.decode()
    with translation.override("nb"):  # a list names the entry written: "en konsultasjon"
        assert str(part.one or part.accessed) in lines


def test_the_api_has_an_operation_for_every_writable_part(client):
    operations = {
        operation["operationId"]
        for path in client.get("/api/schema/", HTTP_ACCEPT="application/json")
        .json()["paths"]
        .values()
        for operation in path.values()
    }
    for part in WRITABLE:
        verbs = ["add", "correct", "retract"] if part.is_list else ["put"]
        assert {verb + part.component for verb in verbs} <= operations, part.name


@pytest.mark.parametrize("part", parts.PARTS, ids=by_name)
def test_each_part_has_a_factory_that_makes_a_valid_row(part):
    row = PART_FACTORIES[part.model]()
    row.full_clean()
    assert part.document(row)  # and the record can show it


def test_every_section_and_list_of_the_card_is_declared_as_a_part():
    """A model of the card without its Part would be stored but never shown or sent."""
    card_models = {
        model
        for model in apps.get_app_config("healthcard").get_models()
        if issubclass(model, Provenance)
    }
    assert card_models == set(parts.BY_MODEL)


def test_every_dated_list_has_its_dates_checked():
    """A list with a date of its own is checked for a date in the future or outside the
    pregnancy (validation.DATE_FIELDS); one left out would be stored unchecked."""
    own = {field.name for field in Provenance._meta.get_fields()}
    for part in parts.LISTS:
        dates = [
            field.name
            for field in part.model._meta.get_fields()
            if isinstance(field, models.DateField) and field.name not in own
        ]
        if dates and part.body and part.model not in AHEAD:
            assert DATE_FIELDS[part.model][0] in dates, part.name


# A booking's time is to come, not past: validation._booking_errors checks it instead.
AHEAD = {BookedAppointment}
