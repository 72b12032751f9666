"""Every part of the card, declared once.

A part is a singleton section (one row per card: her history, this pregnancy) or a list of
entries (consultations, lab results). Its declaration says everything the rest of the code
needs to know about it: its name in the API, its model, the body a record system sends,
how the record document shows a row, that row's OpenAPI schema and an example. The API's
URLs and views, the record document, the OpenAPI schema, the card's prefetches, the access
log's wording and the tests all read PARTS; adding a list is its model, its migration and
one declaration in the module of its concern.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.functional import Promise

from ..models import Entry, Provenance
from .fields import Body


@dataclass(frozen=True)
class Part:
    name: str  # in the API and the record document: "antenatalAppointments"
    model: type[Provenance]
    component: str  # its OpenAPI schema component: "AntenatalAppointment"
    document: Callable[[Provenance], dict]  # one row as the record shows it, besides metadata
    schema: dict  # the document's fields in api.schema's short types: {"date": "date", ...}
    accessed: Promise  # what her access log calls it: "your consultations"
    one: Promise | None = None  # one entry of a list, in her log: "a consultation"
    body: type[Body] | None = None  # what a record system sends; None: not written by them
    example: dict | None = None  # a valid body (shown in the OpenAPI document, tested)
    choices: dict[str, list[str]] = field(default_factory=dict)  # code lists, for the schema
    prefetch: Callable[[], Prefetch] | None = None  # how to load the list, if not plainly

    @property
    def is_list(self) -> bool:
        return issubclass(self.model, Entry)

    @property
    def related_name(self) -> str:
        """The card's attribute for it: card.consultations, card.currentpregnancy."""
        return self.model._meta.get_field("card").remote_field.get_accessor_name()

    @property
    def log_name(self) -> str:
        """What the access log and idempotency records call it."""
        return self.model._meta.model_name

    def lookup(self) -> str | Prefetch:
        return self.prefetch() if self.prefetch else self.related_name


from . import birth, hers, history, pregnancy, visits  # noqa: E402  (they build on Part)

# In the record document's order.
PARTS: tuple[Part, ...] = (
    history.MOTHER,
    history.PREVIOUS_PREGNANCIES,
    history.GENETIC_DISORDERS,
    history.MEDICAL_CONDITIONS,
    history.MEDICATION,
    history.BEFORE_PREGNANCY,
    pregnancy.CURRENT_PREGNANCY,
    pregnancy.RHESUS_NEGATIVE,
    birth.BIRTH_WISHES,
    birth.BIRTH,
    history.POINTS_OF_CONTACT,
    history.LIFESTYLE_FACTORS,
    pregnancy.CLINICAL_TESTS,
    pregnancy.ULTRASOUNDS,
    visits.ANTENATAL_APPOINTMENTS,
    visits.SYMPHYSIS_FUNDAL_HEIGHTS,
    visits.NOTES,
    visits.BOOKED_APPOINTMENTS,
    birth.BIRTH_STATUS,
    birth.POSTPARTUM_VISITS,
    hers.HOME_MEASUREMENTS,
    hers.DAILY_NOTES,
    hers.QUESTIONNAIRE_RESPONSES,
)
SECTIONS = tuple(part for part in PARTS if not part.is_list)
LISTS = tuple(part for part in PARTS if part.is_list)
WRITABLE_SECTIONS = {part.name: part for part in SECTIONS if part.body}
WRITABLE_LISTS = {part.name: part for part in LISTS if part.body}
BY_MODEL = {part.model: part for part in PARTS}
BY_NAME = {part.name: part for part in PARTS}
BY_LOG_NAME = {part.log_name: part for part in PARTS}
BY_RELATED_NAME = {part.related_name: part for part in PARTS}
