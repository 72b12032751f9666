"""Property-based: schemathesis generates requests for every operation in the OpenAPI
schema, valid and invalid, and sends them to the real application in-process. None may end
in a server error, and every success must match the schema. The requests name a real record
of a consenting woman and real entries of each list, so that writes get past the 404 and
reach validation, the services and the database. (Driven through hypothesis directly:
schemathesis' pytest plugin does not yet run on pytest 9.)"""

import collections
import re

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from healthcard import parts, selectors, services
from healthcard.api import views
from healthcard.api.devkey import mint_token
from healthcard.demo import week_30_full_history
from healthcard.record import card_alerts
from tests.conftest import KARI

EXAMPLES_PER_OPERATION = 30
EPJ = services.Actor(name="Fuzz Jordmor", hpr="9144900", org_nr="974589095")


def real_entry_ids(card) -> dict[str, list[int]]:
    """The live entries of each list of her card, one added from the examples where the
    demo card has none."""
    ids = {}
    for part in parts.WRITABLE_LISTS.values():
        live = part.model.objects.filter(card=card, entered_in_error=False)
        if not live.exists():
            write = views._validated_entry(part.name, part.example)
            services.write_batch(card=card, actor=EPJ, sections=[], entries=[write])
        ids[part.name] = list(live.values_list("pk", flat=True))
    return ids


def raise_an_alert(card) -> None:
    """A raised blood pressure at a check after the birth (the examples have delivered her
    card), so that acknowledgements find an alert."""
    visit = {
        **parts.BY_NAME["postpartumVisits"].example,
        "date": timezone.localdate().isoformat(),
        "bloodPressure": {"systolic": 145, "diastolic": 92},
    }
    write = views._validated_entry("postpartumVisits", visit)
    services.write_batch(card=card, actor=EPJ, sections=[], entries=[write])


def open_alert_id(card) -> str:
    loaded = selectors.card_of(woman=card.woman, card_id=card.pk, with_lists=selectors.ALL_LISTS)
    alerts = card_alerts(loaded)
    return alerts[0].id if alerts else "none"


def current_version(card, path: str, parameters: dict) -> int | None:
    """The version that a PUT of this path would change now."""
    if "entry_id" in parameters:
        part = path.split("/")[-2]
        rows = parts.BY_NAME[part].model.objects.filter(pk=parameters["entry_id"])
    else:
        rows = parts.BY_NAME[path.split("/")[-1]].model.objects.filter(card=card)
    return rows.values_list("version", flat=True).first()


def test_no_generated_request_causes_a_server_error(api_schema, kari):
    card = week_30_full_history(kari)
    entries = real_entry_ids(card)
    ours = {
        "Authorization": f"Bearer {mint_token()}",
        "nhn-patient-nin": KARI.nin,
        "nhn-source-system": "Schemathesis",
    }
    operations = [result.ok() for result in api_schema.get_all_operations()]
    expected = (
        3 + len(parts.WRITABLE_SECTIONS) + 3 * len(parts.WRITABLE_LISTS) + 4
    )  # status, create, get
    # ... every section, list, correction, retraction, the batch, acknowledgement, status, handover
    assert len(operations) == expected
    raise_an_alert(card)
    answers: dict[str, collections.Counter] = {}

    for operation in operations:
        part = re.search(r"/record/\{record_id\}/(\w+)", operation.path)
        ids = entries.get(part.group(1), []) if part else []
        answers[operation.label] = fuzz(operation, ours, card, ids)

    never_found = [label for label, codes in answers.items() if codes and set(codes) == {404}]
    assert never_found == []
    writes_stored = sum(
        codes[200] + codes[201]
        for label, codes in answers.items()
        if label.split()[0] in ("POST", "PUT")
    )
    sent = sum(codes.total() for codes in answers.values())
    print(f"schemathesis: {sent} requests, {writes_stored} writes stored, 0 server errors")
    for label, codes in sorted(answers.items()):
        print(f"  {label}: {dict(sorted(codes.items()))}")
    assert writes_stored >= len(operations)  # writes succeed, and their answers were checked


def fuzz(operation, headers: dict, card, entry_ids: list[int]) -> collections.Counter:
    """Send the operation's generated cases; how many answers of each status came back.
    Every other PUT names the version it changes, so that replacements are stored too."""
    seen = collections.Counter()

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def no_server_error(case):
        # A valid token, a consenting woman, her record and real entries of the list, so
        # that requests get past the door and reach the code.
        case.headers = {**(case.headers or {}), **headers}
        parameters = case.path_parameters or {}
        if "record_id" in parameters:
            parameters["record_id"] = str(card.pk)
        if "alert_id" in parameters:
            parameters["alert_id"] = open_alert_id(card)
        if "entry_id" in parameters and entry_ids:
            parameters["entry_id"] = entry_ids[parameters["entry_id"] % len(entry_ids)]
        if operation.method.upper() == "PUT" and len(str(case.headers.get("If-Match", ""))) % 2:
            version = current_version(card, operation.path, parameters)
            if version is not None:
                case.headers["If-Match"] = f'"{version}"'
        response = case.call()
        seen[response.status_code] += 1
        checks = [not_a_server_error]
        if response.status_code < 300:
            checks.append(response_schema_conformance)
        case.validate_response(response, checks=checks)

    no_server_error()
    return seen
