"""The birth: her own wishes for it, and each baby's birth status."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from ..models import BirthOutcome, BirthWishes
from . import Part
from .fields import Body, field_of, iso, text

# The woman writes her wishes herself on her card page (not through the API).
BIRTH_WISHES = Part(
    name="birthWishes",
    model=BirthWishes,
    component="BirthWishes",
    document=lambda w: {"wishes": text(w.wishes), "questions": text(w.questions)},
    schema={"wishes": "str?", "questions": "str?"},
    accessed=_("your birth wishes"),
)

_birth = partial(field_of, BirthOutcome)


class BirthStatusBody(Body):
    model = BirthOutcome
    fosterId = _birth("fetus", required=True)
    birthStatus = _birth("outcome")
    dateTime = _birth("born_at")


BIRTH_STATUS = Part(
    name="birthStatus",
    model=BirthOutcome,
    component="BirthStatus",
    body=BirthStatusBody,
    document=lambda b: {"fosterId": b.fetus, "birthStatus": b.outcome, "dateTime": iso(b.born_at)},
    schema={"fosterId": "int", "birthStatus": "str", "dateTime": "datetime"},
    choices={"birthStatus": BirthOutcome.Outcome.values},
    example={"fosterId": 1, "birthStatus": "live_birth", "dateTime": "2026-11-20T04:12:00+01:00"},
    accessed=_("the birth"),
)
