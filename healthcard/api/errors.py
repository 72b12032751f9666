"""Every API error is application/problem+json (RFC 9457): type, title, status, detail, and
for invalid data `errors: [{field, message}]` naming every bad field. Nothing a client sends
should ever produce a 500."""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

from consent.services import ConsentRequired

from .. import lifecycle

PROBLEM = "https://dhg.example.no/problems/"


class ProblemJSONRenderer(JSONRenderer):
    """JSON, labelled application/problem+json for error bodies."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            response["Content-Type"] = "application/problem+json"
        return super().render(data, accepted_media_type, renderer_context)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the record."


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The section has changed since the version you sent."


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "The data is not valid."


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."


TYPES = {
    400: ("bad-request", "Malformed request"),
    401: ("unauthorized", "Not authenticated"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    412: ("precondition-failed", "Stale version"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("validation-error", "Invalid data"),
    429: ("rate-limited", "Too many requests"),
}


def _flatten(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error dict as a flat list of {field, message} with JSON paths."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            if key == "non_field_errors":
                name = prefix
            elif isinstance(key, int) or str(key).isdigit():  # an item of a list
                name = f"{prefix}[{key}]"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            items += _flatten(value, name)
        return items
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [{"field": prefix or None, "message": str(item)} for item in detail]
        items = []
        for index, item in enumerate(detail):
            if item:
                items += _flatten(item, f"{prefix}[{index}]")
        return items
    return [{"field": prefix or None, "message": str(detail)}]


def problem(status_code: int, detail: str, *, kind: str | None = None, **extra) -> Response:
    slug, title = TYPES.get(status_code, ("error", "Error"))
    body = {
        "type": PROBLEM + (kind or slug),
        "title": title,
        "status": status_code,
        "detail": detail,
        **extra,
    }
    return Response(body, status=status_code)


def problem_exception_handler(exc, context):
    if isinstance(exc, ConsentRequired):
        return problem(
            403,
            "The woman has not given consent to the digital health card, or "
            "has withdrawn it. Nothing may be read or stored.",
            kind="consent-missing",
        )
    if isinstance(exc, lifecycle.CardClosed):
        return problem(
            409, "The record is closed: it can be read, not changed.", kind="record-closed"
        )
    if isinstance(exc, lifecycle.RefusedTransition):
        return problem(
            409, exc.reason, kind="record-closed" if exc.current == "closed" else "conflict"
        )
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    if isinstance(exc, DjangoValidationError):
        # The model's own check caught what the serializer let through: still the client's
        # data, so a 422, never a 500 (the fields are the card's own names).
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        return problem(422, "The data is not valid: see errors for each field.", errors=errors)
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    if isinstance(detail, (list, dict)):
        detail = "; ".join(e["message"] for e in _flatten(detail))
    result = problem(response.status_code, str(detail), **getattr(exc, "extra", {}))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
