"""Reads of consent. has_active_consent() is the one gate every store and share path asks."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, QuerySet, Subquery

from .models import ConsentEvent


@dataclass(frozen=True)
class ConsentState:
    """Her consent in short: active or not, and since when."""

    kind: str | None
    since: datetime.datetime | None

    @property
    def active(self) -> bool:
        return self.kind == ConsentEvent.Kind.GIVEN

    @property
    def withdrawn(self) -> bool:
        return self.kind == ConsentEvent.Kind.WITHDRAWN


def consent_state(*, citizen) -> ConsentState:
    event = current_consent(citizen=citizen)
    return ConsentState(event.kind, event.created_at) if event else ConsentState(None, None)


def current_consent(*, citizen) -> ConsentEvent | None:
    """Her latest consent event (given or withdrawn), or None if she never answered."""
    return ConsentEvent.objects.latest_of(citizen).first()


def has_active_consent(*, citizen) -> bool:
    event = current_consent(citizen=citizen)
    return event is not None and event.kind == ConsentEvent.Kind.GIVEN


def get_consent_event(*, citizen, event_id) -> ConsentEvent | None:
    """One of her own events; another woman's event id gives None."""
    return ConsentEvent.objects.filter(citizen=citizen, pk=event_id).first()


def list_consent_events(*, citizen) -> list[ConsentEvent]:
    return list(ConsentEvent.objects.filter(citizen=citizen).order_by("-created_at"))


def latest_consent_kind(citizen_ref: OuterRef) -> Subquery:
    """An expression for other apps' queries: the kind of the citizen's latest event, so a
    page can learn consent together with its own data in one query."""
    return Subquery(ConsentEvent.objects.latest_of(citizen_ref).values("kind")[:1])


def latest_consent_time(citizen_ref: OuterRef) -> Subquery:
    return Subquery(ConsentEvent.objects.latest_of(citizen_ref).values("created_at")[:1])


def latest_consent_sql(citizen_id_column: str) -> str:
    """The same for hand-written queries: a subquery for a LATERAL join giving the kind and
    time (created_at) of the latest event of the citizen in that column."""
    return (
        f"SELECT kind, created_at FROM {ConsentEvent._meta.db_table}"
        f" WHERE citizen_id = {citizen_id_column} ORDER BY created_at DESC LIMIT 1"
    )


def consenting_citizen(*, national_id: str):
    """The citizen with this national identity number if her latest consent event gives
    consent, else None: whether she is unknown or has not consented is not told apart."""
    users = get_user_model().objects.filter(national_id=national_id)
    return citizens_with_active_consent(users).first()


def citizens_with_active_consent(users: QuerySet) -> QuerySet:
    return users.alias(consent_kind=latest_consent_kind(OuterRef("pk"))).filter(
        consent_kind=ConsentEvent.Kind.GIVEN
    )
