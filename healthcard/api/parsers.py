"""The API's JSON parser: strict about what a record system may send. Nesting deeper than a
record's bodies ever need, a key given twice (which of the two would count?) and NaN or
Infinity are refused with 400, never parsed into something a clinician did not mean (or
into a RecursionError)."""

import json

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# The deepest body the API takes is a batch: {operations: [{body: {fetusesVitalSigns:
# [{...}]}}]}, seven levels; 20 leaves room and refuses the absurd.
MAX_DEPTH = 20


class DuplicateKey(ValueError):
    pass


def _object(pairs: list[tuple[str, object]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return result


def _no_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


class LoneSurrogate(ValueError):
    pass


def _depth(value) -> int:
    """How deeply value nests, without recursion. Raises LoneSurrogate for a string (key or
    value) that is not Unicode text: it could be neither stored nor echoed in an error."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, str):
            _check_text(item)
            continue
        if isinstance(item, dict):
            for key in item:
                _check_text(key)
            item = item.values()
        elif not isinstance(item, list):
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in item)
    return deepest


def _check_text(text: str) -> None:
    if not text.isascii():
        try:
            text.encode()
        except UnicodeEncodeError:
            raise LoneSurrogate from None


class StrictJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
            data = json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
        except RecursionError:
            raise ParseError(f"The JSON is nested more than {MAX_DEPTH} levels deep.") from None
        except DuplicateKey as duplicate:
            raise ParseError(f"The key {str(duplicate)!r} appears twice in one object.") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(f"The body is not valid JSON: {error}") from None
        try:
            too_deep = _depth(data) > MAX_DEPTH
        except LoneSurrogate:
            raise ParseError(
                "A string holds a lone surrogate (\\ud800-\\udfff): not text."
            ) from None
        if too_deep:
            raise ParseError(f"The JSON is nested more than {MAX_DEPTH} levels deep.")
        return data
