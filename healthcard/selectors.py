"""Reads of the card. The woman's pages read only through card_of(), which returns
only her own records: another woman's record id gives None (a 404), never her data. It also
brings her consent state in the same query (the card pages show it and are gated by it)."""

import copy
import datetime
import uuid

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DateField,
    DateTimeField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from consent.selectors import (
    latest_consent_kind,
    latest_consent_sql,
    latest_consent_time,
    women_with_active_consent,
)

from . import handover, parts
from .clinical import rules
from .clinical.dating import PREGNANCY_DAYS
from .copies import once_per_version
from .models import (
    AccessEvent,
    Card,
    CareTeamMember,
    Consultation,
    CurrentPregnancy,
    LabResult,
    Organisation,
    Question,
)
from .record import card_alerts, record_document

# Her active card first, then the newest (the page and the API show this one by default).
ACTIVE_FIRST = (
    ExpressionWrapper(~Q(status=Card.Status.ACTIVE), output_field=BooleanField()).asc(),
    "-created_at",
)


def _with_card_data(cards: QuerySet[Card], with_lists: tuple[str, ...]) -> QuerySet:
    """Cards with every singleton (select_related) and her consent state in one query, and
    each of the given lists (named by the card's attribute for them: "consultations") in
    one query more however long the card grows. Active cards first, then the newest."""
    return (
        cards.select_related("woman", *(part.related_name for part in parts.SECTIONS))
        .annotate(
            consent_kind=latest_consent_kind(OuterRef("woman")),
            consent_since=latest_consent_time(OuterRef("woman")),
        )
        .prefetch_related(*(parts.BY_RELATED_NAME[name].lookup() for name in with_lists))
        .order_by(*ACTIVE_FIRST)
    )


def card_of(
    *, woman, card_id: uuid.UUID | None = None, with_lists: tuple[str, ...] = ()
) -> Card | None:
    """The woman's card (by id, or her active or latest one), with the given list sections
    prefetched: each list costs one query however long the card grows."""
    cards = Card.objects.filter(woman=woman)
    if card_id is not None:
        cards = cards.filter(pk=card_id)
    return _with_card_data(cards, with_lists).first()


# Every card page view asks this first. Built by the ORM (a correlated subquery for her
# consent) it cost 0.9 ms of Python for a query PostgreSQL answers in 0.1 ms, and left the
# card page short of its goal (scripts/bench: 510 views/s, p99 54 ms; PERFORMANCE.md wants
# 500 and 50). Written in SQL and run by the ORM's raw(), it costs 0.3 ms. Same rows as
# card_of(): her cards only, the active one first, then the newest; consent is
# her latest consent event.
_CARD_VERSION_SQL = f"""
    SELECT card.id, card.woman_id, card.status, card.created_at, card.version,
           consent.kind AS consent_kind, consent.created_at AS consent_since
      FROM {Card._meta.db_table} card
      LEFT JOIN LATERAL ({latest_consent_sql("card.woman_id")}) consent ON true
     WHERE card.woman_id = %s AND (%s::uuid IS NULL OR card.id = %s::uuid)
     ORDER BY card.status <> 'active', card.created_at DESC
     LIMIT 1"""


def card_version_of(*, woman, card_id: uuid.UUID | None = None) -> Card | None:
    """Which of her cards (by id, or her active or latest one) and its version, with her
    consent state, in one light query: enough to tell whether a copy made of it is current
    (healthcard.copies)."""
    cards = Card.objects.raw(_CARD_VERSION_SQL, [woman.pk, card_id, card_id])
    return next(iter(cards), None)


def her_cards(*, woman) -> list[Card]:
    """All her cards, the active one first, each with its due date and birth: one query."""
    return list(
        Card.objects.filter(woman=woman)
        .select_related("currentpregnancy", "birth")
        .order_by(*ACTIVE_FIRST)
    )


def carried_over_from(card: Card) -> Card | None:
    """The earlier card of hers that this one's history was carried over from, with its due
    date (one query, only for a card that carried something over)."""
    if card.carried_over_from_id is None:
        return None
    return (
        Card.objects.select_related("currentpregnancy")
        .filter(pk=card.carried_over_from_id, woman_id=card.woman_id)
        .first()
    )


ALL_LISTS = tuple(part.related_name for part in parts.LISTS)


def record_document_for_clinician(*, woman, card_id: uuid.UUID, actor=None) -> dict | None:
    """One of the woman's records as the API's document, for a clinician whose access has
    passed the consent gate. The read is logged (when an actor is given) in the caller's
    transaction. The document is built once per version of the record: a read of an
    unchanged record costs one light query and the log insert."""
    card = card_version_of(woman=woman, card_id=card_id)
    if card is None:
        return None
    if actor is not None:
        actor.log(woman=woman, card_id=card.pk, action="read", sections=["record"])
    document = once_per_version(
        card,
        "record",
        lambda: record_document(card_of(woman=woman, card_id=card.pk, with_lists=ALL_LISTS)),
        timezone.localdate().isoformat(),  # its alerts count weeks from today
    )
    # Her name is her user row's, which ID-porten updates at login without a new version.
    return {**document, "mother": {**document["mother"], "name": woman.get_full_name()}}


def handover_for_clinician(*, woman, card_id: uuid.UUID, actor) -> dict | None:
    """The summary for the child's health station (healthcard.handover), for a clinician
    past the consent gate; the read is logged. None for no such card of hers; raises
    NothingToHandOver before a birth is recorded."""
    card = card_of(woman=woman, card_id=card_id, with_lists=ALL_LISTS)
    if card is None:
        return None
    actor.log(woman=woman, card_id=card.pk, action="read", sections=["handover"])
    summary = handover.summary(card, card_alerts(card))
    if summary is None:
        raise NothingToHandOver
    return handover.handover_document(summary)


class NothingToHandOver(Exception):
    """No birth is recorded on the card."""


def has_open_urgent_alert(*, woman, card: Card) -> bool:
    """For the status call, whose caller is logged already: read from the record's copy."""
    document = record_document_for_clinician(woman=woman, card_id=card.pk)
    return any(
        alert["severity"] == rules.URGENT and alert["acknowledgedBy"] is None
        for alert in document["clinicalAlerts"]
    )


def urgent_alerts_raised_by(entry) -> list[rules.Alert]:
    """The urgent alerts an entry just written raises, for its writer's confirmation (who
    has just been logged writing it)."""
    card = _with_card_data(Card.objects.filter(pk=entry.card_id), ALL_LISTS).get()
    return [
        alert
        for alert in card_alerts(card)
        if alert.severity == rules.URGENT
        and any(type(cause) is type(entry) and cause.pk == entry.pk for cause in alert.based_on)
    ]


def latest_card_for_clinician(*, woman, actor) -> Card | None:
    """Her active or latest record, for the status call (which is logged: it reveals that she
    is pregnant)."""
    card = Card.objects.filter(woman=woman).order_by(*ACTIVE_FIRST).first()
    actor.log(woman=woman, card_id=card.pk if card else None, action="read", sections=["status"])
    return card


# --- Staff in the administration: only women with active consent, every access logged ------


def _consenting_women() -> QuerySet:
    return women_with_active_consent(get_user_model().objects.filter(national_id__isnull=False))


def find_woman_for_staff(*, national_id: str, actor) -> tuple[object, list[Card]] | None:
    """The woman with this national identity number and her cards, if she has active consent;
    None otherwise (whether she does not exist or has not consented is not told apart). A
    match is logged as a search of her card."""
    woman = _consenting_women().filter(national_id=national_id).first()
    if woman is None:
        return None
    cards = list(Card.objects.filter(woman=woman).order_by(*ACTIVE_FIRST))
    actor.log(
        woman=woman,
        card_id=cards[0].pk if cards else None,
        action="read",
        sections=["search"],
    )
    return woman, cards


def get_card_for_staff(*, card_id: uuid.UUID, actor) -> Card | None:
    """A whole card for a staff member, if its woman has active consent; the read is logged."""
    card = (
        _with_card_data(Card.objects.filter(pk=card_id), ALL_LISTS)
        .filter(woman__in=_consenting_women())
        .first()
    )
    if card is not None:
        actor.log(woman=card.woman, card_id=card.pk, action="read", sections=["record"])
    return card


# The lists decision support reads (healthcard.clinical.rules.Facts).
DECISION_LISTS = (
    *("consultations", "fundalheights", "labresults", "ultrasounds", "postpartumvisits"),
    *("homemeasurements", "dailynotes", "questionnaireresponses"),
)
WORKLIST_PAGE = 25
# What decision support and the programme read for each woman on the list.
WORKLIST_LISTS = (*DECISION_LISTS, "bookedappointments")
# The due date in force (CurrentPregnancy.due_date) as SQL, to sort by how far along she is.
_DUE_DATE = Coalesce(
    F("currentpregnancy__due_date_corrected"),
    F("currentpregnancy__due_date_ultrasound"),
    Cast(
        ExpressionWrapper(
            F("currentpregnancy__last_period") + datetime.timedelta(days=PREGNANCY_DAYS),
            output_field=DateTimeField(),
        ),
        DateField(),
    ),
)
WORKLIST_ORDERS = {
    "week": (F("due_date").asc(nulls_last=True), "woman__full_name", "pk"),
    "name": ("woman__full_name", "pk"),
    "last_visit": (F("last_visit").asc(nulls_first=True), "woman__full_name", "pk"),
    "questions": (F("unanswered").desc(), F("due_date").asc(nulls_last=True), "pk"),
}


def worklist_ordering(order: str) -> tuple:
    """The ordering of a worklist sort ("week"), or of its reverse ("-week")."""
    reverse = order.startswith("-")
    ordering = WORKLIST_ORDERS.get(order.removeprefix("-"), WORKLIST_ORDERS["week"])
    if not reverse:
        return ordering
    return tuple(
        term[1:]
        if isinstance(term, str) and term.startswith("-")
        else f"-{term}"
        if isinstance(term, str)
        else copy.copy(term).reverse_ordering()
        for term in ordering
    )


def in_care_of(org_nr: str) -> QuerySet[Card]:
    """The open cards (before or after the birth) of consenting women in an organisation's
    care: it has written on them, or her care team names it."""
    written = AccessEvent.objects.filter(
        org_nr=org_nr, action=AccessEvent.Action.WRITE, card_id__isnull=False
    ).values("card_id")
    in_team = CareTeamMember.objects.filter(organisation_nr=org_nr, entered_in_error=False).values(
        "card_id"
    )
    return Card.objects.filter(
        Q(pk__in=written) | Q(pk__in=in_team),
        status__in=(Card.Status.ACTIVE, Card.Status.DELIVERED),
        woman__in=_consenting_women(),
    )


def worklist_for_staff(*, actor, order: str = "week", page: int | str = 1) -> Page:
    """One page of the women in the care of the staff member's organisation, each card with
    what its worklist row needs: the same number of queries for 1 woman or 100. Each woman
    shown is logged as read (her week, next step and alerts are health data)."""
    last_visit = (
        Consultation.objects.filter(card=OuterRef("pk"), entered_in_error=False)
        .order_by("-date")
        .values("date")[:1]
    )
    unanswered = (
        Question.objects.filter(card=OuterRef("pk"), answered_at__isnull=True)
        .order_by()
        .values("card")
        .annotate(count=Count("pk"))
        .values("count")
    )
    cards = (
        _with_card_data(in_care_of(actor.org_nr), WORKLIST_LISTS)
        .prefetch_related("alert_acknowledgements")
        .annotate(
            due_date=_DUE_DATE,
            last_visit=Subquery(last_visit),
            unanswered=Coalesce(Subquery(unanswered), 0),
        )
        .order_by(*worklist_ordering(order))
    )
    shown = Paginator(cards, WORKLIST_PAGE).get_page(page)
    actor.log_list(cards=shown.object_list, section="worklist")
    return shown


def last_look(*, user, card_id: uuid.UUID) -> datetime.datetime | None:
    """When this staff member last opened the card in DHG's pages, if she has."""
    return (
        AccessEvent.objects.filter(
            staff_user_id=user.pk, card_id=card_id, section="record", action="read"
        )
        .order_by("-id")
        .values_list("at", flat=True)
        .first()
    )


def written_since(*, card_id: uuid.UUID, since: datetime.datetime) -> list[AccessEvent]:
    """What clinicians and record systems wrote on the card after a moment, newest first
    (the access log holds every write, at the time it arrived)."""
    return list(
        AccessEvent.objects.filter(card_id=card_id, action="write", at__gt=since).order_by("-id")[
            :SINCE_LAST_MOST
        ]
    )


SINCE_LAST_MOST = 50


def her_questions(*, card: Card) -> list[Question]:
    """Her questions on a card, the newest first, each with its answer: one query."""
    return list(card.questions.all())


def staff_recent_actions(*, user, limit: int = 50) -> tuple[list[AccessEvent], set]:
    """What a staff member last did on cards in DHG's pages (from the access log): what she
    wrote, the cards she opened and the women she searched for; not her views of a part's
    page or of the worklist, which would bury them. And which cards she can still open."""
    events = list(
        AccessEvent.objects.filter(staff_user_id=user.pk)
        .filter(Q(action=AccessEvent.Action.WRITE) | Q(section__in=["record", "search"]))
        .select_related("woman")
        .order_by("-id")[:limit]
    )
    ids = {event.card_id for event in events if event.card_id}
    still_open = set(
        Card.objects.filter(pk__in=ids, woman__in=_consenting_women()).values_list("pk", flat=True)
    )
    return events, still_open


def find_woman(*, national_id: str):
    """The woman with this national identity number, or None if she has never logged in.
    Only for the API's status call, which tells no more than whether she has consented."""
    return get_user_model().objects.filter(national_id=national_id).first()


def card_to_write(*, woman, card_id: uuid.UUID) -> Card | None:
    """Her card a record system is about to write to (past the consent gate), without its
    content: nothing is read, and the write is logged by the service that makes it."""
    card = Card.objects.filter(pk=card_id, woman=woman).first()
    if card is not None:
        card.woman = woman  # spares the writes a query for her
    return card


def card_to_write_for_staff(*, card_id: uuid.UUID) -> Card | None:
    """The card a staff member is about to write to, without its content: nothing is read,
    and the write itself is logged (and checks her consent again, under her lock)."""
    return (
        Card.objects.select_related("woman")
        .filter(pk=card_id, woman__in=_consenting_women())
        .first()
    )


def part_of_card(*, card: Card, part: parts.Part):
    """One part of a card the caller may reach (see get_entry): its section row, or its
    entries with what they hold. The caller logs the read."""
    if part.is_list:
        prefetch_related_objects([card], part.lookup())
        return list(getattr(card, part.related_name).all())
    return part.model.objects.filter(card=card).first()


def babies_carried(*, card: Card) -> int | None:
    """How many babies this pregnancy has, as recorded (for the birth's rows of babies)."""
    return (
        CurrentPregnancy.objects.filter(card=card)
        .values_list("number_of_fetuses", flat=True)
        .first()
    )


def get_entry(*, card: Card, model, entry_id: int):
    """One entry of a card the caller may reach (a staff member's, see above, or a record
    system's past the consent gate). The caller logs what it does with it: a read when the
    entry is shown, a write by the service that changes it."""
    return model.objects.filter(card=card, pk=entry_id).first()


ACCESS_LOG_PAGE = 25


def her_access_log(
    *, woman, month: datetime.date | None = None, before: int | None = None
) -> tuple[list[AccessEvent], bool]:
    """Who has read or written her cards, newest first, one page at a time (keyset: entries
    older than `before`), optionally within one month. Returns the page and whether there is
    more. One query whatever the log's length."""
    events = AccessEvent.objects.filter(woman=woman).order_by("-id")
    if month is not None:
        events = events.filter(at__year=month.year, at__month=month.month)
    if before is not None:
        events = events.filter(id__lt=before)
    page = list(events[: ACCESS_LOG_PAGE + 1])
    return page[:ACCESS_LOG_PAGE], len(page) > ACCESS_LOG_PAGE


def her_access_log_months(*, woman) -> list[datetime.date]:
    """The months in which anyone accessed her cards, newest first (for the filter)."""
    return list(AccessEvent.objects.filter(woman=woman).dates("at", "month", order="DESC"))


# The kinds of list entry recorded with a pregnancy week (the others are dated).
WITH_WEEKS = {
    part.log_name: part.model
    for part in parts.LISTS
    if any(field.name == "weeks" for field in part.model._meta.fields)
}


def weeks_of_entries(wanted: dict[str, set[int]]) -> dict[tuple[str, int], int]:
    """The pregnancy week of entries still on a card, by (log name, id), for her access log:
    one query however many kinds and entries."""
    queries = [
        WITH_WEEKS[section]
        .objects.filter(pk__in=ids)
        .annotate(section=Value(section, output_field=CharField()))
        .values_list("section", "pk", "weeks")
        for section, ids in wanted.items()
    ]
    if not queries:
        return {}
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    return {(section, pk): weeks for section, pk, weeks in rows}


def tests_of_results(ids: set[int]) -> dict[int, tuple[str, str]]:
    """The test (code, display) of lab results still on a card, for her access log."""
    rows = LabResult.objects.filter(pk__in=ids).values_list("pk", "code", "display")
    return {pk: (code, display) for pk, code, display in rows}


def organisation_names(org_nrs: set[str]) -> dict[str, str]:
    """The register's name for each organisation number it holds."""
    return dict(Organisation.objects.filter(org_nr__in=org_nrs).values_list("org_nr", "name"))
