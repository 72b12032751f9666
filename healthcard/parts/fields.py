"""The building blocks of the card's wire format (Norsk helsenett's maternity record,
DOMAIN.md §3.2): strict request bodies whose fields are taken from the models, so the API's
bounds and the card's are one, and the few value formats the record document uses."""

import datetime
import decimal
import functools
import re

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import VOLVEN

# --- Reading: how the record writes values --------------------------------------------------


def iso(value):
    """Dates as YYYY-MM-DD; times in Norwegian local time with their offset."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat() if value else None


def num(value):
    return float(value) if value is not None else None


def coded(code: str, display: str, system: str) -> dict | None:
    return {"code": code, "display": display, "codeSystem": system} if code else None


def text(value: str):
    """Empty text is shown as null, as in NHN's record."""
    return value or None


# --- Writing: strict bodies whose fields come from the models -------------------------------


class StrictSerializer(serializers.Serializer):
    """Rejects fields it does not know, and read-only ones (computed by the server), instead
    of silently dropping them; every bad field is named at once, these with the others."""

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if field.source == name:  # field_of() names it; DRF wants the same name unsaid
                field.source = None
        return fields

    def to_internal_value(self, data):
        refused = {}
        if isinstance(data, dict):
            for name in data:
                if name not in self.fields:
                    refused[name] = ["Unknown field."]
                elif self.fields[name].read_only:
                    refused[name] = ["Read-only: the server sets this; leave it out."]
                elif _wrong_type(self.fields[name], data[name]):
                    refused[name] = [_wrong_type(self.fields[name], data[name])]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as invalid:
            if not refused or not isinstance(invalid.detail, dict):
                raise
            raise serializers.ValidationError({**invalid.detail, **refused}) from None
        if refused:
            raise serializers.ValidationError(refused)
        return value


# JSON types a field takes as they are: DRF would read "yes" as true, "29" as 29 and 123 as
# "123", so a client's mistake would be stored as something it did not send. (Decimals may
# come as strings: DRF's OpenAPI document gives them so.)
_JSON_TYPES = (
    (serializers.BooleanField, (bool,), "Must be true or false."),
    (serializers.IntegerField, (int,), "Must be a whole number."),
    (serializers.FloatField, (int, float), "Must be a number."),
    (serializers.CharField, (str,), "Must be text."),
)


def _wrong_type(field: serializers.Field, value) -> str | None:
    """Why a JSON value cannot be meant for this field, or None."""
    if value is None:
        return None
    for field_class, types, message in _JSON_TYPES:
        if isinstance(field, field_class):
            if isinstance(value, bool) and bool not in types:
                return message
            return None if isinstance(value, types) else message
    return None


class OptionalText(serializers.CharField):
    """Optional text: null (as the record shows an empty text) or blank is stored as ""."""

    def __init__(self, pattern: str | None = None, **kwargs):
        super().__init__(**{"required": False, "allow_blank": True, "allow_null": True, **kwargs})
        if pattern:
            self.validators.append(RegexValidator(pattern, "The value has the wrong format."))

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)


class Group(StrictSerializer):
    """A nested object of the API whose fields are the entry's own (source="*"): sent as null
    or left out, its fields are not recorded."""

    def __init__(self, required: bool = False, **kwargs):
        super().__init__(source="*", required=required, allow_null=not required, **kwargs)

    def validate_empty_values(self, data):
        if data is None and self.allow_null:
            return True, {}
        return super().validate_empty_values(data)


def _blank(model_field: models.Field):
    """What a field left out (or sent as null) is stored as: not recorded."""
    if model_field.has_default():
        return model_field.get_default()
    return "" if isinstance(model_field, models.CharField | models.TextField) else None


class Body(StrictSerializer):
    """The request body of one card part. Its fields name the model fields they fill
    (source=...); `values()` gives the model's values, a field left out as not recorded (a
    PUT replaces the section, a correction the entry). A client may send back the metadata
    it read; only its version is used (If-Match), the rest is the server's."""

    model: type[models.Model]
    metadata = serializers.DictField(required=False)

    def values(self, valid: dict) -> dict:
        return _values(self.fields, valid, self.model)

    @classmethod
    def api_name(cls, model_field: str) -> str:
        """The API's name for a model field named in a plausibility error: "systolic" is
        "bloodPressure.systolic", "fetuses[0].heart_rate" "fetusesVitalSigns[0].fetalHeartRate"."""
        if cls not in _API_NAMES:
            _API_NAMES[cls] = dict(_api_names(cls().fields))
        names = _API_NAMES[cls]
        row = re.fullmatch(r"(\w+)\[(\d+)\]\.(\w+)", model_field)
        if row:
            rows, index, field = row.groups()
            return names.get(f"{rows}[].{field}", model_field).replace("[]", f"[{index}]")
        return names.get(model_field, model_field)

    @classmethod
    def checked(cls, values: dict) -> dict:
        """Model values checked as the API checks them: the body a record system would send
        for them goes through this serializer, so that the administration's forms and the
        API refuse the same things. Raises Refused, keyed by model field."""
        body = one_body(cls)
        try:
            valid = body.run_validation(_as_sent(body.fields, values))
        except serializers.ValidationError as invalid:
            raise Refused(dict(_by_source(body.fields, invalid.detail))) from None
        return body.values(valid)


class Refused(Exception):
    """A body the API's serializer refused: {model field: [messages]}; a row's field is
    named "babies[0].weight_g", an error of the whole body None."""

    def __init__(self, errors: dict[str | None, list[str]]):
        super().__init__(errors)
        self.errors = errors


@functools.cache
def one_body(body_class):
    """One serializer of each kind per process. Making one deep-copies its declared fields,
    which was most of the cost of validating a write; run_validation() keeps nothing on the
    serializer (no context, no instance), so one can check every body of its kind."""
    return body_class()


def _as_sent(fields, values: dict) -> dict:
    """The JSON a record system would send for these model values."""
    sent = {}
    for name, field in _writable(fields):
        if isinstance(field, serializers.ListSerializer):
            rows = values.get(field.source) or []
            sent[name] = [_as_sent(field.child.fields, row) for row in rows]
        elif field.source == "*":
            group = _as_sent(field.fields, values)
            if group:
                sent[name] = group
        else:
            value = values.get(field.source)
            if value in ("", None, []):
                continue  # left out, as a record system leaves out what it has not recorded
            if isinstance(field, Coded):
                value = {"code": value}
            elif isinstance(value, datetime.date | datetime.datetime):
                value = value.isoformat()
            elif isinstance(value, decimal.Decimal):
                value = str(value)
            sent[name] = value
    return sent


def _by_source(fields, detail, prefix: str = ""):
    """(model field, messages) for a serializer's errors, named as the models name them."""
    if not isinstance(detail, dict):
        yield None, [str(message) for message in detail]
        return
    for name, errors in detail.items():
        field = fields.get(name)
        if field is None:
            yield None, [str(e) for e in _flat(errors)]
        elif isinstance(field, serializers.ListSerializer) and isinstance(errors, list | dict):
            rows = errors.items() if isinstance(errors, dict) else enumerate(errors)
            for index, row in rows:
                if row and isinstance(row, dict):
                    yield from _by_source(field.child.fields, row, f"{field.source}[{index}].")
                elif row:
                    yield prefix + field.source, [str(row)]
        elif field.source == "*" and isinstance(errors, dict):
            yield from _by_source(field.fields, errors, prefix)
        else:
            yield prefix + field.source, [str(e) for e in _flat(errors)]


def _flat(errors):
    if isinstance(errors, dict):
        for value in errors.values():
            yield from _flat(value)
    elif isinstance(errors, list):
        for value in errors:
            yield from _flat(value)
    else:
        yield errors


_API_NAMES: dict[type, dict[str, str]] = {}


def _writable(fields):
    """The fields that fill model fields: not those the server computes, nor those only
    checked (write_only, such as a code system that must match)."""
    return [
        (name, field)
        for name, field in fields.items()
        if not (field.read_only or field.write_only) and name != "metadata"
    ]


def _values(fields, valid: dict, model) -> dict:
    values = {}
    for _name, field in _writable(fields):
        if isinstance(field, serializers.ListSerializer):  # a consultation's fetal rows
            child = field.child
            values[field.source] = [child.values(row) for row in valid.get(field.source, [])]
        elif field.source == "*":
            values.update(_values(field.fields, valid, model))
        elif valid.get(field.source) is not None:
            values[field.source] = valid[field.source]
        else:
            values[field.source] = _blank(model._meta.get_field(field.source))
    return values


def _api_names(fields, prefix: str = ""):
    """(model field, API name) of every field a body writes."""
    for name, field in _writable(fields):
        if isinstance(field, serializers.ListSerializer):
            yield field.source, prefix + name
            for source, child in _api_names(field.child.fields):
                yield f"{field.source}[].{source}", f"{prefix}{name}[].{child}"
        elif field.source == "*":
            yield from _api_names(field.fields, f"{prefix}{name}.")
        elif isinstance(field, Coded):
            yield field.source, f"{prefix}{name}.code"
        else:
            yield field.source, prefix + name


def field_of(model: type[models.Model], name: str, **overrides) -> serializers.Field:
    """The API field for a model field, with the model's bounds, length, code list and
    null-ness (DRF's own mapping); text may be sent as null. overrides may add validators
    or tighten what the model allows."""
    model_field = model._meta.get_field(name)
    field_class, kwargs = serializers.ModelSerializer().build_standard_field(name, model_field)
    kwargs.pop("label", None)
    kwargs.pop("help_text", None)
    kwargs.pop("style", None)
    kwargs["source"] = name
    if overrides.get("required"):  # sent always, even where the card may lack it
        kwargs["allow_null"] = False
        if "allow_blank" in kwargs:
            kwargs["allow_blank"] = False
    elif isinstance(model_field, models.CharField | models.TextField) and model_field.blank:
        if not model_field.choices:
            field_class = OptionalText
            for key in ("required", "allow_blank", "allow_null"):
                kwargs.pop(key, None)
        else:  # a code: null leaves it unrecorded, "" is no code at all
            kwargs["allow_null"] = True
            kwargs["allow_blank"] = False
    if overrides.get("validators"):
        kwargs["validators"] = [*kwargs.get("validators", []), *overrides.pop("validators")]
    kwargs.update(overrides)
    return field_class(**kwargs)


class CodedValueSerializer(StrictSerializer):
    code = serializers.CharField(max_length=20)
    display = serializers.CharField(max_length=200, required=False)
    codeSystem = serializers.CharField(max_length=100, required=False)


@extend_schema_field(CodedValueSerializer)
class Coded(serializers.Field):
    """A Volven code from one of the model's code lists, sent as {code, display?,
    codeSystem?}. A display or code system that contradicts the code is refused (the record
    shows the code's own display)."""

    def __init__(self, choices: type[models.TextChoices], kodeverk: str, unknown: str, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)
        self.choices = choices
        self.system = f"{VOLVEN}.{kodeverk}"
        self.unknown = unknown

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError("Send an object: {code, display, codeSystem}.")
        value = CodedValueSerializer().run_validation(data)
        if value["code"] not in self.choices.values:
            raise serializers.ValidationError(self.unknown)
        choice = self.choices(value["code"])
        with translation.override("en"):
            english = str(choice.label)
        with translation.override("nb"):
            norwegian = str(choice.label)
        display = value.get("display")
        if display and display.casefold() not in {english.casefold(), norwegian.casefold()}:
            raise serializers.ValidationError(
                {"display": [f"{choice.value} is {english!r}, not {display!r}."]}
            )
        system = value.get("codeSystem")
        if system and system != self.system:
            raise serializers.ValidationError(
                {"codeSystem": [f"{choice.value} is in {self.system}."]}
            )
        return choice.value

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)

    def to_representation(self, value):
        return value


def not_after_now(value: datetime.datetime) -> None:
    if value > timezone.now():
        raise serializers.ValidationError(_("The time is in the future."))
