"""The clinician API (API.md): record systems read and write a woman's card.

Every view identifies the woman from the nhn-patient-nin header (never the URL), passes the
consent gate, and reads or writes through selectors and services, which store provenance and
log the access in the same transaction."""

import contextlib
import hashlib
import json
import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import translation
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from consent.selectors import consenting_woman, has_active_consent
from consent.services import ConsentRequired
from portal.models import User
from portal.nin import is_valid_nin

from .. import idempotency, lifecycle, parts, selectors, services
from .. import record as documents
from ..models import Card, Consultation
from ..parts.fields import one_body
from ..validation import Implausible
from . import schema as api_schema
from . import serializers as s
from .errors import Conflict, PayloadTooLarge, PreconditionFailed, Unprocessable
from .permissions import AddressRateThrottle

NIN = OpenApiParameter(
    "nhn-patient-nin",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The woman's fødselsnummer or D-number (11 digits).",
)
SOURCE = OpenApiParameter(
    "nhn-source-system",
    str,
    OpenApiParameter.HEADER,
    description="Name of the calling record system (required on writes).",
)
IDEMPOTENCY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="Makes a retried write answer as the first did.",
)
IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, description='The version you change, e.g. "3".'
)
PROBLEM_JSON = "application/problem+json"
PROBLEMS = {
    (code, PROBLEM_JSON): OpenApiResponse(s.ProblemSerializer, description=text)
    for code, text in {
        400: "Malformed JSON or headers",
        401: "Missing or invalid token",
        403: "No consent, or missing scope",
        404: "No such record for this woman",
        413: "Body too large",
        422: "Invalid data, each bad field named",
        429: "Rate limited",
    }.items()
}
CLOSED = OpenApiResponse(
    s.ProblemSerializer,
    description="The record is closed (type …/record-closed): it can be read, not changed",
)
WRITE_PROBLEMS = {(409, PROBLEM_JSON): CLOSED}
STALE = OpenApiResponse(
    s.ProblemSerializer,
    description="Stale version: read again, and send the version in currentVersion",
    examples=[
        OpenApiExample(
            "Stale version",
            value={
                "type": "https://dhg.example.no/problems/precondition-failed",
                "title": "Stale version",
                "status": 412,
                "detail": "The section is at version 3; read it again and send that version "
                "in If-Match.",
                "currentVersion": 3,
            },
            status_codes=["412"],
            response_only=True,
        )
    ],
)
INVALID = OpenApiExample(
    "Invalid data",
    value={
        "type": "https://dhg.example.no/problems/validation-error",
        "title": "Invalid data",
        "status": 422,
        "detail": "The data is not valid: see errors for each field.",
        "errors": [
            {
                "field": "bloodPressure.systolic",
                "message": "Ensure this value is less than or equal to 260.",
            },
            {"field": "colour", "message": "Unknown field."},
        ],
    },
    status_codes=["422"],
    response_only=True,
)
PROBLEMS[422, PROBLEM_JSON] = OpenApiResponse(
    s.ProblemSerializer, description="Invalid data, each bad field named", examples=[INVALID]
)


class BadRequest(exceptions.ParseError):
    pass


SECURITY_LOG = logging.getLogger("dhg.security")


class MaternityRecordApi(APIView):
    """Shared by every operation: the woman from the header, the actor from the token."""

    def perform_authentication(self, request):
        """Requests without a valid token are throttled per address before they are told
        401, so that guessing tokens or probing costs time."""
        try:
            clinician = request.user
        except exceptions.AuthenticationFailed:
            self._charge_address(request)
            raise
        if clinician is None:
            self._charge_address(request)

    def _charge_address(self, request) -> None:
        throttle = AddressRateThrottle()
        if not throttle.allow_request(request, self):
            raise exceptions.Throttled(throttle.wait())

    def finalize_response(self, request, response, *args, **kwargs):
        """Refused attempts (no or a bad token, no scope or consent, someone else's record)
        go to the operators' security log: who tried what, never her number or any health
        data. Her own access log is for accesses, not for attempts."""
        if response.status_code in (401, 403, 404, 429):
            clinician = getattr(request, "_user", None)
            SECURITY_LOG.warning(
                "refused %s %s %s: client=%s org=%s hpr=%s address=%s reason=%s",
                response.status_code,
                request.method,
                request.path,
                getattr(clinician, "client_id", "-") or "-",
                getattr(clinician, "org_nr", "-") or "-",
                getattr(clinician, "hpr", "-") or "-",
                request.META.get("REMOTE_ADDR", "-"),
                (response.data or {}).get("type", "-").rsplit("/", 1)[-1]
                if isinstance(response.data, dict)
                else "-",
            )
        return super().finalize_response(request, response, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        # The API speaks English to record systems, whatever the portal's language.
        translation.activate("en")
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise PayloadTooLarge
        super().initial(request, *args, **kwargs)

    def woman(self) -> User | None:
        """The woman the nhn-patient-nin header names, or None if she has never logged in."""
        return selectors.find_woman(national_id=self.national_id())

    def consenting_woman(self) -> User:
        woman = consenting_woman(national_id=self.national_id())
        if woman is None:
            raise ConsentRequired
        return woman

    def national_id(self) -> str:
        nin = self.request.headers.get("nhn-patient-nin", "").strip()
        if not nin:
            raise BadRequest("The nhn-patient-nin header is required.")
        if not is_valid_nin(nin, allow_synthetic=settings.DHG_ALLOW_SYNTHETIC_NIN):
            # The number itself is never echoed: it must not reach logs or error trackers.
            raise BadRequest(
                "The nhn-patient-nin header is not a valid fødselsnummer or "
                "D-number (11 digits, both check digits)."
            )
        return nin

    def actor(self) -> services.Actor:
        clinician = self.request.user
        source = self.request.headers.get("nhn-source-system", "").strip()
        if self.request.method not in ("GET", "HEAD", "OPTIONS") and not source:
            raise BadRequest("The nhn-source-system header is required on writes.")
        return services.Actor(
            name=clinician.name or clinician.client_id,
            hpr=clinician.hpr,
            org_nr=clinician.org_nr,
            org_name=clinician.org_name,
            source_system=source[:100],
        )

    def card_to_write(self, woman: User, record_id: uuid.UUID, closed_too=False) -> Card:
        """Her card that the URL's record id names (the API's word for the card); a closed
        one is refused at once, before its body is read."""
        card = selectors.card_to_write(woman=woman, card_id=record_id)
        if card is None:
            raise exceptions.NotFound("No such record for this woman.")
        if not closed_too:
            lifecycle.require_open(card)
        return card

    def idempotent(self, woman: User, section: str, write) -> Response:
        """Answer a retry (same Idempotency-Key, same woman) with the first answer; refuse the
        key with a different request. Errors are not remembered, so a corrected retry can
        succeed. write() returns an idempotency.Reply."""
        key = self.request.headers.get("Idempotency-Key", "").strip()
        if not key:
            reply = write()
        elif len(key) > 200:
            raise BadRequest("The Idempotency-Key header is longer than 200 characters.")
        else:
            try:
                reply = idempotency.write_once(
                    client_id=self.request.user.client_id or self.request.user.org_nr,
                    key=key,
                    woman=woman,
                    actor=self.actor(),
                    fingerprint=_fingerprint(self.request),
                    section=section,
                    write=write,
                )
            except idempotency.KeyReused:
                raise Unprocessable(
                    "This Idempotency-Key was used for a different request."
                ) from None
        headers = {"Idempotent-Replayed": "true"} if reply.replayed else {}
        return Response(reply.body, status=reply.status, headers=headers)


def _fingerprint(request) -> str:
    return hashlib.sha256(
        json.dumps(
            [request.method, request.path, request.data], sort_keys=True, default=str
        ).encode()
    ).hexdigest()


class StatusApi(MaternityRecordApi):
    @extend_schema(
        operation_id="getStatus",
        tags=["Record"],
        parameters=[NIN],
        responses={200: s.StatusSerializer, **PROBLEMS},
        examples=[
            OpenApiExample(
                "Consented, with a card",
                value={
                    "hasGivenConsent": True,
                    "hasActiveMaternityRecord": True,
                    "latestRecordId": "3f1c2b8e-5d4a-4c1e-9b7a-2e6f0d9c8a71",
                    "lastChangedDateTime": "2026-09-14T10:14:00+02:00",
                    "hasOpenUrgentAlert": False,
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        """Whether the woman has consented and has an active record. Always answers."""
        woman = self.woman()
        consented = woman is not None and has_active_consent(woman=woman)
        latest = (
            selectors.latest_card_for_clinician(woman=woman, actor=self.actor())
            if consented
            else None
        )
        return Response(
            s.StatusSerializer(
                {
                    "hasGivenConsent": consented,
                    "hasActiveMaternityRecord": bool(
                        latest and latest.status == Card.Status.ACTIVE
                    ),
                    "latestRecordId": latest.pk if latest else None,
                    "lastChangedDateTime": latest.last_updated if latest else None,
                    "hasOpenUrgentAlert": bool(
                        latest and selectors.has_open_urgent_alert(woman=woman, card=latest)
                    ),
                }
            ).data
        )


class RecordCreateApi(MaternityRecordApi):
    @extend_schema(
        operation_id="createRecord",
        tags=["Record"],
        parameters=[NIN, SOURCE, IDEMPOTENCY],
        request=s.CreateRecordSerializer,
        examples=[
            OpenApiExample("A first pregnancy", value={}, request_only=True),
            OpenApiExample(
                "The next pregnancy, her history carried over",
                value={"carryOverHistory": True},
                request_only=True,
            ),
        ],
        responses={
            201: OpenApiResponse(api_schema.ref("Record"), description="The new, empty record"),
            (409, PROBLEM_JSON): OpenApiResponse(
                s.ProblemSerializer,
                description="She already has an active record, or the record of her last "
                "birth is still open (recordId names it)",
            ),
            **PROBLEMS,
        },
    )
    def post(self, request):
        """Open the woman's active record, empty or with her history carried over from her
        latest earlier record (carryOverHistory)."""
        woman = self.consenting_woman()
        _, valid = _validate(s.CreateRecordSerializer, request.data or {})

        def create() -> idempotency.Reply:
            try:
                card = services.create_card(
                    woman=woman, actor=self.actor(), carry_over=valid["carryOverHistory"]
                )
            except services.AlreadyActive as active:
                error = Conflict(f"She already has an active record: {active.record_id}.")
                error.extra = {"recordId": str(active.record_id)}
                raise error from None
            except services.StillAfterBirth as delivered:
                error = Conflict(
                    f"Her record of the last birth ({delivered.record_id}) is still open for "
                    "the checks after the birth: close it (PUT recordStatus "
                    '{"status": "CLOSED"}) before a new record is opened.'
                )
                error.extra = {"recordId": str(delivered.record_id)}
                raise error from None
            document = selectors.record_document_for_clinician(woman=woman, card_id=card.pk)
            return idempotency.Reply(201, document, card.pk)

        return self.idempotent(woman, "record", create)


class RecordDetailApi(MaternityRecordApi):
    @extend_schema(
        operation_id="getRecord",
        tags=["Record"],
        parameters=[NIN],
        responses={200: OpenApiResponse(api_schema.ref("Record"), "The whole record"), **PROBLEMS},
    )
    def get(self, request, record_id: uuid.UUID):
        """The whole card as one document, retracted entries included and flagged."""
        woman = self.consenting_woman()
        with transaction.atomic():
            document = selectors.record_document_for_clinician(
                woman=woman, card_id=record_id, actor=self.actor()
            )
            if document is None:
                raise exceptions.NotFound("No such record for this woman.")
            return Response(document)


class HandoverApi(MaternityRecordApi):
    @extend_schema(
        operation_id="getHandover",
        tags=["Record"],
        parameters=[NIN],
        responses={
            200: OpenApiResponse(api_schema.ref("Handover"), "The summary"),
            (409, PROBLEM_JSON): OpenApiResponse(
                s.ProblemSerializer, description="No birth is recorded yet"
            ),
            **PROBLEMS,
        },
    )
    def get(self, request, record_id: uuid.UUID):
        """A short summary for the child's health station after the birth: the birth, each
        baby, the feeding and the latest weight from the postpartum visits, and what to
        follow up (`followUp`, each with a stable code). Read with her consent, and logged
        in her access log like every read."""
        woman = self.consenting_woman()
        with transaction.atomic():
            try:
                document = selectors.handover_for_clinician(
                    woman=woman, card_id=record_id, actor=self.actor()
                )
            except selectors.NothingToHandOver:
                raise Conflict(
                    "No birth is recorded on this record yet (the birth section: a birth "
                    "status alone says too little to hand over)."
                ) from None
            if document is None:
                raise exceptions.NotFound("No such record for this woman.")
            return Response(document)


class RecordStatusApi(MaternityRecordApi):
    @extend_schema(
        operation_id="putRecordStatus",
        tags=["Record"],
        parameters=[NIN, SOURCE],
        request=s.RecordStatusSerializer,
        responses={
            200: OpenApiResponse(api_schema.ref("Record"), "The record in its new status"),
            (409, PROBLEM_JSON): OpenApiResponse(
                s.ProblemSerializer, description="The record cannot go to that status"
            ),
            **PROBLEMS,
        },
        examples=[
            OpenApiExample("Close", value={"status": "CLOSED"}, request_only=True),
            OpenApiExample(
                "Ended early",
                value={"status": "TERMINATED", "terminationDate": "2026-10-02"},
                request_only=True,
            ),
        ],
    )
    def put(self, request, record_id: uuid.UUID):
        """The record's life: ACTIVE → DELIVERED (by writing the birth) or TERMINATED (an
        early end, by its date only) → CLOSED (read-only for good; also done automatically
        12 weeks after the pregnancy ended). Any other change is 409. Sending the status the
        record already has changes nothing."""
        woman = self.consenting_woman()
        card = self.card_to_write(woman, record_id, closed_too=True)
        _, valid = _validate(s.RecordStatusSerializer, request.data or {})
        wanted = valid["status"].lower()
        if wanted in (Card.Status.ACTIVE, Card.Status.DELIVERED):
            if card.status != wanted:  # nothing else comes back, and a birth is written
                raise lifecycle.RefusedTransition(card.status, wanted)
        elif wanted == Card.Status.CLOSED:
            try:
                services.close_card(card=card, actor=self.actor())
            except services.OpenUrgentAlerts:
                raise Conflict(
                    "The record has urgent clinical alerts that no clinician has "
                    "acknowledged: acknowledge them (clinicalAlerts) before closing it."
                ) from None
        else:
            try:
                services.end_pregnancy(
                    card=card, actor=self.actor(), ended_on=valid["terminationDate"]
                )
            except Implausible as implausible:
                raise exceptions.ValidationError(
                    {"terminationDate": list(implausible.errors.values())}
                ) from None
        return Response(selectors.record_document_for_clinician(woman=woman, card_id=card.pk))


class AlertAcknowledgementApi(MaternityRecordApi):
    @extend_schema(
        operation_id="acknowledgeClinicalAlert",
        tags=["Clinical alerts"],
        parameters=[NIN, SOURCE],
        request=s.AcknowledgementSerializer,
        responses={
            200: OpenApiResponse(api_schema.ref("ClinicalAlert"), "The alert, acknowledged"),
            **WRITE_PROBLEMS,
            **PROBLEMS,
        },
        examples=[
            OpenApiExample(
                "Referred",
                value={"note": "Henvist til fødeavdelingen, time i dag kl. 14."},
                request_only=True,
            )
        ],
    )
    def post(self, request, record_id: uuid.UUID, alert_id: str):
        """Record that a clinician has seen an open alert (its `id` in `clinicalAlerts`) and
        acted on it. The alert stays in the record, with `acknowledgedBy`, while its cause
        stands; it no longer counts in `hasOpenUrgentAlert`. A new or corrected entry that
        raises it again makes a new alert, with a new id. Acknowledging twice changes
        nothing (the first note stands)."""
        if not request.user.hpr:
            # Who followed it up must be a person who answers for it, not a system.
            raise exceptions.PermissionDenied(
                "Acknowledging an alert needs a token that names a health professional "
                "(an HPR number)."
            )
        woman = self.consenting_woman()
        card = self.card_to_write(woman, record_id)
        _, valid = _validate(s.AcknowledgementSerializer, request.data or {})
        try:
            services.acknowledge_alert(
                card=card, alert_id=alert_id, actor=self.actor(), note=valid.get("note", "")
            )
        except services.NoSuchAlert:
            raise exceptions.NotFound(
                "No open alert with this id on the record: it has ended (its cause was "
                "retracted, corrected or resolved) or the id is wrong. Read the record again."
            ) from None
        document = selectors.record_document_for_clinician(woman=woman, card_id=card.pk)
        return Response(next(a for a in document["clinicalAlerts"] if a["id"] == alert_id))


class PartSchema(AutoSchema):
    """The OpenAPI operation of one part's view (as_view(part=...)): its id, request body,
    response and example come from the part's declaration, the rest from the view's
    `operation`."""

    def _operation(self) -> dict:
        return self.view.operation

    def get_operation_id(self) -> str:
        return self._operation()["id"] + self.view.part.component

    def get_tags(self) -> list[str]:
        return [self._operation()["tag"]]

    def get_summary(self) -> str:
        return self._operation()["summary"].format(part=self.view.part.name)

    def get_description(self) -> str:
        return self._operation()["description"]

    def get_override_parameters(self) -> list:
        return self._operation()["parameters"]

    def get_request_serializer(self):
        return self._operation().get("request") or self.view.part.body

    def get_response_serializers(self) -> dict:
        operation = self._operation()
        return {
            operation["status"]: api_schema.ref(self.view.part.component),
            **WRITE_PROBLEMS,
            **operation.get("responses", {}),
            **PROBLEMS,
        }

    def get_examples(self) -> list[OpenApiExample]:
        if "example" in self._operation():
            return [self._operation()["example"]]
        return [OpenApiExample(self.view.part.name, self.view.part.example, request_only=True)]


class PartApi(MaternityRecordApi):
    """A view of one part of the card: urls.py makes one per part, as_view(part=...)."""

    part: parts.Part = None  # set by as_view(part=...)
    operation: dict
    schema = PartSchema()

    def entry(self, card: Card, entry_id: int):
        entry = selectors.get_entry(card=card, model=self.part.model, entry_id=entry_id)
        if entry is None:
            raise exceptions.NotFound("No such entry in this record.")
        return entry


class SectionApi(PartApi):
    """record/{recordId}/{section}: PUT creates or replaces the section."""

    operation = {
        "id": "put",
        "tag": "Sections",
        "summary": "Create or replace {part}",
        "description": "Create or replace the section. Name the version you change in "
        "If-Match (or metadata.version); the first write needs none. A stale version is "
        "refused with 412 and the current version.",
        "parameters": [NIN, SOURCE, IF_MATCH],
        "status": 200,
        "responses": {(412, PROBLEM_JSON): STALE},
    }

    def put(self, request, record_id: uuid.UUID):
        card = self.card_to_write(self.consenting_woman(), record_id)
        if_match = request.headers.get("If-Match", "")
        return Response(put_section(self.actor(), card, self.part.name, request.data, if_match))


class ListApi(PartApi):
    """record/{recordId}/{list}: POST adds an entry."""

    operation = {
        "id": "add",
        "tag": "Lists",
        "summary": "Add to {part}",
        "description": "Add one entry. Send an Idempotency-Key so that a retry writes nothing "
        "twice: the retry gets the first answer, with Idempotent-Replayed: true.",
        "parameters": [NIN, SOURCE, IDEMPOTENCY],
        "status": 201,
    }

    def post(self, request, record_id: uuid.UUID):
        woman = self.consenting_woman()
        card = self.card_to_write(woman, record_id)

        def add() -> idempotency.Reply:
            document = add_to_list(self.actor(), card, self.part.name, request.data)
            return idempotency.Reply(201, document, card.pk)

        return self.idempotent(woman, self.part.log_name, add)


class EntryApi(PartApi):
    """record/{recordId}/{list}/{entryId}: PUT corrects an entry."""

    operation = {
        "id": "correct",
        "tag": "Corrections",
        "summary": "Correct an entry of {part}",
        "description": "Send the entry whole, with the version you correct in If-Match. The "
        "earlier version is kept, and the entry's provenance becomes yours. A retracted "
        "entry cannot be corrected (409).",
        "parameters": [NIN, SOURCE, IF_MATCH],
        "status": 200,
        "responses": {
            (409, PROBLEM_JSON): OpenApiResponse(
                s.ProblemSerializer,
                description="The entry is retracted, or the record is closed",
            ),
            (412, PROBLEM_JSON): STALE,
        },
    }

    def put(self, request, record_id: uuid.UUID, entry_id: int):
        card = self.card_to_write(self.consenting_woman(), record_id)
        write = _validated_entry(self.part.name, request.data)
        entry = self.entry(card, entry_id)
        version = _expected_version(request.headers.get("If-Match", ""), request.data)
        try:
            entry = services.correct_entry(
                entry=entry,
                actor=self.actor(),
                expected_version=version,
                fetuses=write.fetuses if write.model is Consultation else None,
                **write.values,
            )
        except services.StaleVersion as stale:
            raise _stale("entry", stale) from None
        except Implausible as implausible:
            raise _implausible(self.part.body, implausible) from None
        except services.EntryRetracted:
            raise Conflict(
                "The entry is marked as entered in error and can no longer be corrected; "
                "add a new entry instead."
            ) from None
        return Response(documents.entry_document(entry))


class EnteredInErrorApi(PartApi):
    """record/{recordId}/{list}/{entryId}/entered-in-error."""

    operation = {
        "id": "retract",
        "tag": "Corrections",
        "summary": "Mark an entry of {part} as entered in error",
        "description": "The entry stays in the record, flagged, with who retracted it and "
        "why (she sees the reason). Name the version you retract in If-Match; a stale "
        "version is refused with 412. Retracting it again changes nothing.",
        "parameters": [NIN, SOURCE, IF_MATCH],
        "request": s.RetractionSerializer,
        "status": 200,
        "responses": {(412, PROBLEM_JSON): STALE},
        "example": OpenApiExample(
            "Wrong woman's value",
            value={"reason": "Registrert på feil pasient."},
            request_only=True,
        ),
    }

    def post(self, request, record_id: uuid.UUID, entry_id: int):
        card = self.card_to_write(self.consenting_woman(), record_id)
        _, valid = _validate(s.RetractionSerializer, request.data)
        entry = self.entry(card, entry_id)
        try:
            entry = services.retract_entry(
                entry=entry,
                actor=self.actor(),
                reason=valid["reason"],
                expected_version=_expected_version(request.headers.get("If-Match", ""), {}),
            )
        except services.StaleVersion as stale:
            raise _stale("entry", stale) from None
        return Response(documents.entry_document(entry))


class BatchApi(MaternityRecordApi):
    @extend_schema(
        operation_id="batch",
        tags=["Batch"],
        parameters=[NIN, SOURCE, IDEMPOTENCY],
        request=s.BatchSerializer,
        responses={
            200: s.BatchResultSerializer,
            **WRITE_PROBLEMS,
            (412, PROBLEM_JSON): STALE,
            **PROBLEMS,
        },
        examples=[
            OpenApiExample(
                "A consultation with its SF height",
                value={
                    "operations": [
                        {
                            "method": "POST",
                            "path": part,
                            "body": parts.BY_NAME[part].example,
                        }
                        for part in ("antenatalAppointments", "symphysisFundalHeights")
                    ]
                },
                request_only=True,
            )
        ],
    )
    def post(self, request, record_id: uuid.UUID):
        """Several writes as one transaction: all of them, or none (a whole consultation
        with its SF height and tests, say). Errors name the operation: operations[2].body..."""
        batch = s.BatchSerializer(data=request.data)
        batch.is_valid(raise_exception=True)

        woman = self.consenting_woman()
        card = self.card_to_write(woman, record_id)

        def run() -> idempotency.Reply:
            actor = self.actor()
            operations = batch.validated_data["operations"]
            puts, posts = [], []  # (operation index, what to write)
            invalid = {}  # every operation's bad fields, named at once
            for index, op in enumerate(operations):
                try:
                    with _operation(index):
                        if op["method"] == "PUT":
                            if_match = op.get("ifMatch", "")
                            write = _validated_section(op["path"], op["body"], if_match)
                            puts.append((index, op["path"], write))
                        else:
                            posts.append((index, _validated_entry(op["path"], op["body"])))
                except exceptions.ValidationError as error:
                    invalid.update(error.detail)
            if invalid:
                raise exceptions.ValidationError(invalid)
            try:
                saved, created = services.write_batch(
                    card=card,
                    actor=actor,
                    sections=[write for _, _, write in puts],
                    entries=[write for _, write in posts],
                )
            except services.StaleVersion as stale:
                with _operation(puts[stale.position][0]):
                    raise _stale("section", stale) from None
            except Implausible as implausible:
                if implausible.in_section:
                    index, _, _ = puts[implausible.position]
                else:
                    index, _ = posts[implausible.position]
                with _operation(index):
                    body = parts.BY_NAME[operations[index]["path"]].body
                    raise _implausible(body, implausible) from None
            prefetch_related_objects([e for e in created if isinstance(e, Consultation)], "fetuses")
            results: dict[int, dict] = {}
            for (index, _, _), row in zip(puts, saved, strict=True):
                results[index] = {"status": 200, "body": documents.section_document(row)}
            for (index, _), entry in zip(posts, created, strict=True):
                results[index] = {"status": 201, "body": documents.entry_document(entry)}
            body = {"results": [results[index] for index in range(len(operations))]}
            return idempotency.Reply(200, body, card.pk)

        return self.idempotent(woman, "batch", run)


def put_section(actor: services.Actor, card: Card, part: str, data, if_match: str) -> dict:
    write = _validated_section(part, data, if_match)
    try:
        row = services.save_section(
            card=card,
            model=write.model,
            actor=actor,
            check_version=True,
            expected_version=write.expected_version,
            **write.values,
        )
    except services.StaleVersion as stale:
        raise _stale("section", stale) from None
    except Implausible as implausible:
        raise _implausible(parts.BY_NAME[part].body, implausible) from None
    return documents.section_document(row)


def _implausible(body, implausible: Implausible) -> exceptions.ValidationError:
    """A plausibility error, with each field in the API's own name."""
    return exceptions.ValidationError(
        {body.api_name(field): [message] for field, message in implausible.errors.items()}
    )


def _validate(body_class, data):
    """The body's serializer and its validated data (raises ValidationError)."""
    body = one_body(body_class)
    return body, body.run_validation(data)


def _validated_section(name: str, data, if_match: str) -> services.SectionWrite:
    part = parts.WRITABLE_SECTIONS.get(name)
    if part is None:
        known = ", ".join(parts.WRITABLE_SECTIONS)
        raise exceptions.NotFound(f"No section {name!r}. Known: {known}.")
    body, valid = _validate(part.body, data)
    return services.SectionWrite(part.model, body.values(valid), _expected_version(if_match, valid))


def _stale(what: str, stale: services.StaleVersion) -> PreconditionFailed:
    error = PreconditionFailed(
        f"The {what} is at version {stale.current_version}; read it "
        "again and send that version in If-Match."
    )
    error.extra = {"currentVersion": stale.current_version}
    return error


def _expected_version(if_match: str, valid: dict) -> int | None:
    raw = if_match.strip().strip('"')
    if not raw:
        raw = str((valid.get("metadata") or {}).get("version", ""))
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise BadRequest('If-Match must be a version number, e.g. "3".')
    return int(raw)


@contextlib.contextmanager
def _operation(index: int):
    """Name the batch operation in any error it raises."""
    try:
        yield
    except exceptions.ValidationError as error:
        raise exceptions.ValidationError({f"operations[{index}].body": error.detail}) from None
    except exceptions.APIException as error:
        error.detail = f"operations[{index}]: {error.detail}"
        raise


def _validated_entry(name: str, data) -> services.EntryWrite:
    part = parts.WRITABLE_LISTS.get(name)
    if part is None:
        raise exceptions.NotFound(f"No list {name!r}. Known: {', '.join(parts.WRITABLE_LISTS)}.")
    body, valid = _validate(part.body, data)
    values = body.values(valid)
    return services.EntryWrite(part.model, values, values.pop("fetuses", []))


def add_to_list(actor: services.Actor, card: Card, part: str, data) -> dict:
    write = _validated_entry(part, data)
    try:
        _, (entry,) = services.write_batch(card=card, actor=actor, sections=[], entries=[write])
    except Implausible as implausible:
        raise _implausible(parts.BY_NAME[part].body, implausible) from None
    return documents.entry_document(entry)


class UnknownPathApi(MaternityRecordApi):
    """Any other path under the API: a problem+json 404 that lists what there is."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(exclude=True)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound(
            "No such path. Sections (PUT): "
            + ", ".join(parts.WRITABLE_SECTIONS)
            + ". Lists (POST): "
            + ", ".join(parts.WRITABLE_LISTS)
            + ". See /api/docs/."
        )


class WrittenByHerApi(UnknownPathApi):
    """A part she writes herself (her measurements, notes, birth wishes): read in the record,
    never written by a record system. A 403 that says so, for every method and sub-path."""

    part: parts.Part | None = None

    def initial(self, request, *args, **kwargs):
        MaternityRecordApi.initial(self, request, *args, **kwargs)
        raise exceptions.PermissionDenied(
            f"{self.part.name} is written by the woman herself on her card. Record systems "
            "read it in GET record/{recordId} and cannot write, correct or retract it."
        )
