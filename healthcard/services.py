"""Writes to the card. Every write goes through here: it passes the consent gate (under the
woman's lock, see consent.services), stores its provenance (the actor) and, when the actor
is not the woman herself, an access-log entry in the same transaction. Nothing a clinician
recorded is deleted, only retracted as entered in error; the whole card is erased only when
she withdraws her consent."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from consent.selectors import has_active_consent
from consent.services import ConsentRequired, require_active_consent
from portal.notifications import services as notifications
from portal.notifications.models import Topic

from . import lifecycle, parts
from .access import log_access, log_list_view
from .clinical import rules
from .copies import forget_every_copy
from .models import (
    AccessEvent,
    AlertAcknowledgement,
    Baby,
    Birth,
    BirthOutcome,
    BirthWishes,
    BookedAppointment,
    Card,
    Consultation,
    CurrentPregnancy,
    DailyNote,
    Entry,
    EntryRevision,
    FetalObservation,
    FundalHeight,
    HomeMeasurement,
    IdempotencyRecord,
    PreviousPregnancies,
    Provenance,
    Question,
    QuestionnaireResponse,
    Section,
    Ultrasound,
)
from .record import card_alerts, entry_document
from .validation import (
    Dating,
    Implausible,
    birth_errors,
    end_errors,
    entry_errors,
    section_errors,
)


class AlreadyActive(Exception):
    """She already has an active card; a second one may not be opened beside it."""

    def __init__(self, record_id):
        super().__init__(f"active record {record_id}")
        self.record_id = record_id


class StillAfterBirth(Exception):
    """Her card of the last birth is still open for the checks after it: it is closed
    before a new card is opened, so that nothing on it is left unseen."""

    def __init__(self, record_id):
        super().__init__(f"delivered record {record_id}")
        self.record_id = record_id


class OpenUrgentAlerts(Exception):
    """A card with urgent alerts no clinician has acknowledged is not closed by hand."""


class EntryRetracted(Exception):
    """The entry is marked as entered in error: it can no longer be corrected."""


class AlreadyAnswered(Exception):
    """Someone answered the question first: an answer, once given, is not replaced."""


class StaleVersion(Exception):
    """The writer named a version that is no longer current. In a batch, position says
    which of its sections it was."""

    def __init__(self, current_version: int, position: int = 0):
        super().__init__(f"current version is {current_version}")
        self.current_version = current_version
        self.position = position


@dataclass(frozen=True)
class Actor:
    """Who writes: a health person on behalf of an organisation, or the woman herself."""

    name: str
    user_type: str = Provenance.UserType.HEALTH_PERSONNEL
    hpr: str = ""
    role: str = ""
    org_nr: str = ""
    org_name: str = ""
    source_system: str = ""
    channel: str = AccessEvent.Channel.API
    staff_user_id: int | None = None  # a staff account in DHG's own pages

    @classmethod
    def herself(cls, user) -> "Actor":
        return cls(
            name=user.get_full_name(), user_type=Provenance.UserType.WOMAN, source_system="DHG"
        )

    def provenance(self, at: datetime.datetime | None = None) -> dict:
        return {
            "recorded_at": at or timezone.now(),
            "recorded_by_type": self.user_type,
            "recorded_by_name": self.name,
            "recorded_by_hpr": self.hpr,
            "recorded_by_role": self.role,
            "org_nr": self.org_nr,
            "org_name": self.org_name,
            "source_system": self.source_system,
        }

    @classmethod
    def staff(cls, user) -> "Actor":
        """A staff member working in the administration (a midwife, or an administrator)."""
        return cls(
            name=user.get_full_name(),
            hpr=user.hpr_number,
            role=user.profession,
            org_nr=user.org_nr,
            org_name=user.org_name,
            source_system="DHG",
            channel=AccessEvent.Channel.ADMIN,
            staff_user_id=user.pk,
        )

    @property
    def is_herself(self) -> bool:
        return self.user_type == Provenance.UserType.WOMAN

    def _who(self) -> dict:
        return {
            "channel": self.channel,
            "actor_name": self.name,
            "actor_hpr": self.hpr,
            "actor_role": self.role,
            "org_nr": self.org_nr,
            "org_name": self.org_name,
            "source_system": self.source_system,
            "staff_user_id": self.staff_user_id,
        }

    def log(
        self, *, woman, card_id, action: str, sections: Iterable[str | tuple[str, int]]
    ) -> None:
        """Log this actor's access to her card, unless the actor is the woman herself."""
        if not self.is_herself:
            log_access(
                woman=woman, card_id=card_id, action=action, sections=sections, **self._who()
            )

    def log_list(self, *, cards, section: str) -> None:
        """Log this staff member's view of a list of women: one read for each woman shown."""
        log_list_view(cards=cards, section=section, **self._who())


# The portal itself, when it acts on a card without a person (closing it on time).
SYSTEM = Actor(name="DHG", source_system="DHG", channel=AccessEvent.Channel.ADMIN)


def _require_writable(card: Card) -> None:
    """Her consent (taking her lock, which serialises every writer to her cards), and the
    card still open."""
    require_active_consent(woman=card.woman)
    lifecycle.require_open(card)


def _bump_version_and_log(
    card: Card, actor: "Actor", *sections: str | models.Model, tell: str = Topic.NEW_ON_CARD
) -> None:
    """The card has changed: give it a new version, and log the actor's writes.

    The bump is done by the database (version = version + 1), never from the copy in hand,
    which may have been read before another writer committed: every committed write gets a
    version of its own, so a copy kept per version (copies.once_per_version) is never
    mistaken for the current one."""
    bumped = (
        Card.objects.filter(pk=card.pk)
        .exclude(status=Card.Status.CLOSED)  # closed by a writer before us, under her lock
        .update(version=F("version") + 1, last_updated=timezone.now())
    )
    if not bumped:
        raise lifecycle.CardClosed
    card.refresh_from_db(fields=["version", "last_updated"])
    written = [(s._meta.model_name, s.pk) if isinstance(s, models.Model) else s for s in sections]
    actor.log(woman=card.woman, card_id=card.pk, action="write", sections=written)
    if not actor.is_herself and actor is not SYSTEM:  # in this transaction: the outbox
        if tell == Topic.NEW_ON_CARD:
            notifications.notify_new_on_card(woman=card.woman)
        else:
            notifications.notify(woman=card.woman, topic=tell, key=str(sections[0].pk))


class NoSuchAlert(Exception):
    """The alert is no longer raised on the card (a later entry or a retraction ended it)."""


def _whole(card: Card) -> Card:
    """The card with every section and list, as the rules read it."""
    return (
        Card.objects.select_related(*(part.related_name for part in parts.SECTIONS))
        .prefetch_related(*(part.lookup() for part in parts.LISTS))
        .get(pk=card.pk)
    )


@transaction.atomic
def acknowledge_alert(
    *, card: Card, alert_id: str, actor: Actor, note: str = ""
) -> AlertAcknowledgement:
    """A clinician has seen an open alert of the card (record.CardAlert.id) and acted on it,
    saying what was done if she likes. The alert stays while its cause stands; a retry
    acknowledges once (the first note stands)."""
    if actor.is_herself:
        raise ValueError("only a clinician acknowledges an alert")
    _require_writable(card)
    Card.objects.select_for_update().filter(pk=card.pk).first()  # one writer at a time
    alert = next((a for a in card_alerts(_whole(card)) if a.id == alert_id), None)
    if alert is None:
        raise NoSuchAlert(alert_id)
    acknowledgement, created = AlertAcknowledgement.objects.get_or_create(
        card=card,
        code=alert.code,
        cause=alert.cause,
        defaults={
            "note": note,
            "by_name": actor.name,
            "by_hpr": actor.hpr,
            "by_role": actor.role,
            "org_nr": actor.org_nr,
            "org_name": actor.org_name,
            "source_system": actor.source_system,
        },
    )
    if created:
        _bump_version_and_log(card, actor, "alerts")
    return acknowledgement


@transaction.atomic
def create_card(*, woman, actor: Actor | None = None, carry_over: bool = False) -> Card:
    """Open a new active card. Raises ConsentRequired without her consent, and
    AlreadyActive if she already has an active card (checked under her lock, so two
    concurrent openings give one card and one AlreadyActive). With carry_over, her history
    comes over from her latest card (lifecycle.py), if she has one: what was carried and
    from which card is kept on the new one."""
    require_active_consent(woman=woman)
    active = Card.objects.filter(woman=woman, status=Card.Status.ACTIVE).first()
    if active is not None:
        raise AlreadyActive(active.pk)
    after_birth = Card.objects.filter(woman=woman, status=Card.Status.DELIVERED).first()
    if after_birth is not None:  # its checks after the birth are still to be followed up
        raise StillAfterBirth(after_birth.pk)
    for ended in Card.objects.filter(woman=woman, status=Card.Status.TERMINATED):
        # A new pregnancy: that one is behind, its alerts stay readable on it.
        close_card(card=ended, actor=actor or SYSTEM, regardless=True)
    card = Card.objects.create(woman=woman)
    if carry_over:
        _carry_over(card, actor or SYSTEM)
    if actor is not None:
        sections = ["record", *card.carried_over]
        actor.log(woman=woman, card_id=card.pk, action="write", sections=sections)
    return card


def _carry_over(card: Card, actor: Actor) -> None:
    """Her history from her earlier cards onto the new one: heredity and illnesses from the
    latest card that has them, as recorded (with who recorded them); her previous
    pregnancies from the latest card that has them, counted up with that pregnancy and every
    one after it, signed by the actor."""
    earlier = list(
        Card.objects.filter(woman=card.woman)
        .exclude(pk=card.pk)
        .select_related(*(part.related_name for part in parts.SECTIONS))
        .prefetch_related("birth__babies", *(part.lookup() for part in parts.LISTS))
        .order_by("created_at")
    )
    if not earlier:
        return
    rows, sources = [], []
    for model in lifecycle.CARRIED_SECTIONS:
        name = model._meta.model_name
        having = [c for c in earlier if getattr(c, name, None) is not None]
        sources += having[-1:]
        if model is PreviousPregnancies:
            base = having[-1] if having else None
            since = earlier[earlier.index(base) :] if base else earlier
            values = lifecycle.carried_values(model, getattr(base, name, None))
            for previous in since:
                found = {alert.code for alert in card_alerts(previous)}
                values = lifecycle.counted_up(values, previous, found)
            provenance = actor.provenance()
        elif having:
            section = getattr(having[-1], name)
            values = lifecycle.carried_values(model, section)
            provenance = {field: getattr(section, field) for field in actor.provenance()}
        else:
            continue
        row = model(card=card, **values, **provenance)
        row.full_clean(exclude=["card"])
        rows.append(row)
    for row in rows:
        row.save()
    # The card her history was carried from: the latest that had any of it recorded.
    card.carried_over_from = max(sources, key=lambda c: c.created_at, default=earlier[-1])
    card.carried_over = [row._meta.model_name for row in rows]
    card.save(update_fields=["carried_over_from", "carried_over"])


@transaction.atomic
def add_entry(
    *,
    card: Card,
    model: type[Entry],
    actor: Actor,
    recorded_at: datetime.datetime | None = None,
    **values,
) -> Entry:
    """Add a list entry. recorded_at is when the actor signed it in her own system (now if
    not given)."""
    _require_writable(card)
    _check_entries(_dating(card), [EntryWrite(model, values)])
    _check_births(card, [EntryWrite(model, values)])
    entry = model(card=card, **values, **actor.provenance(recorded_at))
    entry.full_clean()
    entry.save()
    _bump_version_and_log(card, actor, entry)
    return entry


@dataclass(frozen=True)
class SectionWrite:
    """A singleton section to create or replace; expected_version is the version the writer
    changes (None for the first write)."""

    model: type[Section]
    values: dict
    expected_version: int | None = None


@dataclass(frozen=True)
class EntryWrite:
    """A list entry to add, with a consultation's fetal observations."""

    model: type[Entry]
    values: dict
    fetuses: list[dict] = field(default_factory=list)


@transaction.atomic
def write_batch(
    *, card: Card, actor: Actor, sections: list[SectionWrite], entries: list[EntryWrite]
) -> tuple[list[Section], list[Entry]]:
    """Many writes as one: a record system's batch, or a whole visit. All or nothing. One
    consent check, one version bump and one log insert; the entries go in with one insert per
    kind, so the number of queries grows with the sections written, not with the entries.
    Raises StaleVersion (with the section's position) if a section has moved on, and
    Implausible (with the write's position) for what a clinician cannot have meant."""
    _require_writable(card)
    provenance = actor.provenance()
    needed = {write.model for write in sections} | ({CurrentPregnancy} if entries else set())
    current = _current_sections(card, needed)
    saved = []
    for position, write in enumerate(sections):
        try:
            section = _store_section(
                card,
                write.model,
                provenance,
                current=current[write.model],
                check_version=True,
                expected_version=write.expected_version,
                values=write.values,
            )
        except StaleVersion as stale:
            raise StaleVersion(stale.current_version, position) from None
        except Implausible as implausible:
            raise Implausible(implausible.errors, position, in_section=True) from None
        saved.append(section)
        current[write.model] = section  # the same section again in this batch sees this

    if entries:  # checked against her dating as this batch leaves it
        _check_entries(Dating.of(current[CurrentPregnancy], card), entries)
        _check_births(card, entries)
    created = _insert_entries(card, provenance, entries)
    written = [w.model._meta.model_name for w in sections] + created
    if written:
        _bump_version_and_log(card, actor, *written)
    return saved, created


def _dating(card: Card) -> Dating:
    return Dating.of(CurrentPregnancy.objects.filter(card=card).first(), card)


def _check_entries(dating: Dating, entries: list["EntryWrite"]) -> None:
    """Raises Implausible for the first entry a clinician cannot have meant."""
    for position, write in enumerate(entries):
        errors = entry_errors(write.model, write.values, write.fetuses, dating)
        if errors:
            raise Implausible(errors, position)


def _check_births(card: Card, entries: list["EntryWrite"]) -> None:
    """A baby's birth status is written once, and not beside the birth section (which says
    it for every baby): two would disagree. Queries only when a birth status is written."""
    births = [(i, w) for i, w in enumerate(entries) if w.model is BirthOutcome]
    if not births:
        return
    if Birth.objects.filter(card=card).exists():
        raise Implausible(
            {"fetus": "The birth is recorded in the birth section: correct it there."},
            births[0][0],
        )
    recorded = set(
        BirthOutcome.objects.filter(card=card, entered_in_error=False).values_list(
            "fetus", flat=True
        )
    )
    for position, write in births:
        fetus = write.values.get("fetus")
        if fetus in recorded:
            raise Implausible(
                {"fetus": f"Baby {fetus}'s birth status is recorded already: correct it."},
                position,
            )
        recorded.add(fetus)


def _insert_entries(card: Card, provenance: dict, entries: list[EntryWrite]) -> list[Entry]:
    created = [write.model(card=card, **write.values, **provenance) for write in entries]
    for entry in created:
        entry.full_clean(exclude=["card"])  # held and locked above: no check per entry
    kinds: dict[type[Entry], list[Entry]] = {}
    for entry in created:
        kinds.setdefault(type(entry), []).append(entry)
    for model, group in kinds.items():
        model.objects.bulk_create(group)  # PostgreSQL returns the new ids
    FetalObservation.objects.bulk_create(
        [
            FetalObservation(consultation=entry, **row)
            for entry, write in zip(created, entries, strict=True)
            for row in write.fetuses
        ]
    )
    births = [entry for entry in created if isinstance(entry, BirthOutcome)]
    if births:  # NHN's birthStatus: a baby's birth delivers the record too
        live = any(b.outcome == BirthOutcome.Outcome.LIVE_BIRTH for b in births)
        _mark_delivered(card, min(b.born_at for b in births), live)
    return created


@transaction.atomic
def save_section(
    *,
    card: Card,
    model: type[Section],
    actor: Actor,
    recorded_at: datetime.datetime | None = None,
    check_version: bool = False,
    expected_version: int | None = None,
    **values,
) -> Section:
    """Create or replace a singleton section, bumping its version. With check_version, an
    existing section is replaced only if expected_version is its current version (optimistic
    concurrency); otherwise StaleVersion says which version is current."""
    _require_writable(card)
    section = _store_section(
        card,
        model,
        actor.provenance(recorded_at),
        current=model.objects.filter(card=card).first(),
        check_version=check_version,
        expected_version=expected_version,
        values=values,
    )
    _bump_version_and_log(card, actor, model._meta.model_name)
    return section


def _current_sections(
    card: Card, models: set[type[Section]]
) -> dict[type[Section], Section | None]:
    """The card's current rows of these sections, in one query."""
    if not models:
        return {}
    names = {model: model._meta.model_name for model in models}  # the one-to-one's name
    with_sections = Card.objects.select_related(*names.values()).get(pk=card.pk)
    return {model: getattr(with_sections, name, None) for model, name in names.items()}


def _store_section(
    card: Card,
    model: type[Section],
    provenance: dict,
    *,
    current: Section | None,
    check_version: bool,
    expected_version: int | None,
    values: dict,
) -> Section:
    """Write a section over its current row. The caller holds her lock (taken by the consent
    check), which serialises every writer to her card: the row cannot change under us."""
    values = dict(values)
    babies = values.pop("babies", []) if model is Birth else None
    errors = section_errors(model, values, timezone.localdate(card.created_at))
    if babies is not None:
        errors.update(birth_errors(values, babies, _dating(card)))
    if errors:
        raise Implausible(errors)
    section = current
    if section is None:
        section = model(card=card)
    else:
        if check_version and expected_version != section.version:
            raise StaleVersion(section.version)
        section.version += 1
    for name, value in {**values, **provenance}.items():
        setattr(section, name, value)
    # Under her lock neither the card's existence nor the section's uniqueness needs a query.
    section.full_clean(exclude=["card"])
    section.save()
    if babies is not None:
        _store_babies(card, section, babies)
    return section


def _store_babies(card: Card, birth: Birth, babies: list[dict]) -> None:
    """The birth's babies replace those written before, and the card is delivered."""
    birth.babies.all().delete()
    Baby.objects.bulk_create(Baby(birth=birth, **row) for row in babies)
    live = any(row["outcome"] == Baby.Outcome.LIVE_BIRTH for row in babies) if babies else None
    _mark_delivered(card, birth.born_at, live)


def _mark_delivered(card: Card, born_at: datetime.datetime, live: bool | None) -> None:
    """The record is DELIVERED, on the day of the birth (NHN's recordStatus). A birth
    written again (corrected) keeps it so; a card whose pregnancy ended early, or closed,
    cannot be delivered."""
    delivered = {
        "status": Card.Status.DELIVERED,
        "delivery_date": timezone.localdate(born_at),
        "live_birth": live,
    }
    changed = Card.objects.filter(
        pk=card.pk, status__in=[Card.Status.ACTIVE, Card.Status.DELIVERED]
    ).update(**delivered)
    if not changed:
        card.refresh_from_db(fields=["status"])
        lifecycle.check_transition(card.status, Card.Status.DELIVERED)  # raises
    for name, value in delivered.items():
        setattr(card, name, value)


@transaction.atomic
def end_pregnancy(*, card: Card, actor: Actor, ended_on: datetime.date) -> Card:
    """The pregnancy ended before week 22 (a miscarriage or a termination): recorded by its
    date only, nothing about why. Raises Implausible for a date the card cannot have (after
    today, before the pregnancy, or from week 22, when it is a birth)."""
    _require_writable(card)
    card.refresh_from_db(fields=["status", "termination_date"])  # as it is under her lock
    if card.status == Card.Status.TERMINATED and card.termination_date == ended_on:
        return card  # a retry
    lifecycle.check_transition(card.status, Card.Status.TERMINATED)
    errors = end_errors(ended_on, _dating(card), _last_seen_pregnant(card))
    if errors:
        raise Implausible(errors)
    Card.objects.filter(pk=card.pk).update(status=Card.Status.TERMINATED, termination_date=ended_on)
    card.status, card.termination_date = Card.Status.TERMINATED, ended_on
    _bump_version_and_log(card, actor, "recordstatus")
    return card


def _last_seen_pregnant(card: Card) -> datetime.date | None:
    """The latest consultation, ultrasound or SF measurement of the card: she was pregnant."""
    days = [
        model.objects.filter(card=card, entered_in_error=False).aggregate(day=Max(field))["day"]
        for model, field in (
            (Consultation, "date"),
            (Ultrasound, "examined_on"),
            (FundalHeight, "measured_on"),
        )
    ]
    return max((day for day in days if day), default=None)


@transaction.atomic
def close_card(*, card: Card, actor: Actor, regardless: bool = False) -> Card:
    """Close a card whose pregnancy has ended: from now on it is read-only. Closing a closed
    card again changes nothing. It is closed only once its urgent alerts are acknowledged
    (else OpenUrgentAlerts), unless regardless: when a new pregnancy's card is opened."""
    require_active_consent(woman=card.woman)  # a closed card may be closed again: no more
    card.refresh_from_db(fields=["status"])  # as it is under her lock
    if card.is_closed:
        return card
    lifecycle.check_transition(card.status, Card.Status.CLOSED)
    if not regardless and any(
        alert.severity == rules.URGENT and alert.acknowledgement is None
        for alert in card_alerts(_whole(card))
    ):
        raise OpenUrgentAlerts
    _bump_version_and_log(card, actor, "recordstatus")
    closed = {
        "status": Card.Status.CLOSED,
        "closed_at": timezone.now(),
        "closed_by_name": actor.name,
        "closed_by_org_name": actor.org_name,
    }
    Card.objects.filter(pk=card.pk).update(**closed)
    for name, value in closed.items():
        setattr(card, name, value)
    return card


def close_finished_cards(*, today: datetime.date | None = None) -> tuple[int, int]:
    """Close every card whose pregnancy ended lifecycle.CLOSE_AFTER ago or more (run daily).
    Each is closed in a transaction of its own, so one woman's lock never waits on another's.
    A card with an urgent alert no clinician has acknowledged stays open for one to act on.
    Returns how many were closed, and how many were left open for that."""
    due = lifecycle.due_for_closing(today or timezone.localdate())
    finished = Card.objects.filter(
        Q(status=Card.Status.DELIVERED, delivery_date__lte=due)
        | Q(status=Card.Status.TERMINATED, termination_date__lte=due)
    ).select_related("woman")
    closed = left_open = 0
    for card in finished.iterator():
        try:
            close_card(card=card, actor=SYSTEM)
        except ConsentRequired:  # withdrawn meanwhile: the card is being erased
            continue
        except OpenUrgentAlerts:
            left_open += 1
            continue
        closed += 1
    return closed, left_open


def _locked_entry(entry: Entry) -> Entry:
    """The entry as it is now, locked until the transaction ends: what a writer changes must
    be read under the lock it holds, not before it (a copy read before may be stale)."""
    locked = type(entry).objects.select_for_update().get(pk=entry.pk)
    locked.card = entry.card  # already in hand, with her
    return locked


@transaction.atomic
def correct_entry(
    *,
    entry: Entry,
    actor: Actor,
    expected_version: int | None,
    fetuses: list[dict] | None = None,
    reason: str = "",
    **values,
) -> Entry:
    """Replace an entry's values with corrected ones, keeping the old version as a revision,
    and why it was corrected (shown with the entry). Raises StaleVersion unless
    expected_version is the entry's current version, and EntryRetracted if it has been
    marked as entered in error."""
    _require_writable(entry.card)
    entry = _locked_entry(entry)
    if entry.entered_in_error:
        raise EntryRetracted
    if expected_version != entry.version:
        raise StaleVersion(entry.version)
    _check_entries(_dating(entry.card), [EntryWrite(type(entry), values, fetuses or [])])
    # The revision keeps the entry exactly as the record showed it before the correction.
    EntryRevision.objects.create(
        card=entry.card,
        entry_type=type(entry).__name__,
        entry_id=entry.pk,
        version=entry.version,
        document=entry_document(entry),
    )
    for name, value in {**values, **actor.provenance(), "change_reason": reason}.items():
        setattr(entry, name, value)
    entry.version += 1
    entry.full_clean()
    entry.save()
    if fetuses is not None:
        entry.fetuses.all().delete()
        for row in fetuses:
            entry.fetuses.create(**row)
    _bump_version_and_log(entry.card, actor, entry)
    return entry


@transaction.atomic
def retract_entry(
    *, entry: Entry, actor: Actor, reason: str = "", expected_version: int | None = None
) -> Entry:
    """Mark an entry as entered in error, with the reason she is shown; it stays on the
    card, struck through. Retracting it again changes nothing. With expected_version, a
    retraction of a version someone has changed meanwhile raises StaleVersion."""
    _require_writable(entry.card)
    entry = _locked_entry(entry)
    if entry.entered_in_error:
        return entry
    if expected_version is not None and expected_version != entry.version:
        raise StaleVersion(entry.version)
    entry.entered_in_error = True
    entry.retracted_at = timezone.now()
    entry.retracted_by_name = actor.name
    entry.retracted_by_org_name = actor.org_name
    entry.retraction_reason = reason
    entry.version += 1
    entry.save()
    _bump_version_and_log(entry.card, actor, entry)
    return entry


def save_birth_wishes(
    *, card: Card, woman, wishes: str, questions: str, expected_version: int | None
) -> BirthWishes:
    """The woman's own part of the card, signed by her. expected_version is the version she
    edited (None if there was none): a save from an older window raises StaleVersion."""
    return save_section(
        card=card,
        model=BirthWishes,
        actor=Actor.herself(woman),
        check_version=True,
        expected_version=expected_version,
        wishes=wishes,
        questions=questions,
    )


@transaction.atomic
def ask_question(*, card: Card, woman, text: str, submission_id: uuid.UUID) -> Question:
    """Her question to the midwives who follow her up. A retried submission (the same
    submission_id) returns the question it made, not a second one."""
    _require_writable(card)
    question, created = Question.objects.get_or_create(
        submission_id=submission_id, defaults={"card": card, "text": text}
    )
    if question.card_id != card.pk:
        raise ValueError("the submission belongs to another card")
    if created:
        _bump_version_and_log(card, Actor.herself(woman), question)
    return question


# What she may write herself on her card (healthcard.models.hers).
HER_ENTRIES = (HomeMeasurement, DailyNote, QuestionnaireResponse)


@transaction.atomic
def record_her_entry(
    *, card: Card, woman, model: type[Entry], values: dict, submission_id: uuid.UUID
) -> tuple[Entry, bool]:
    """Something she measured or noted herself, signed by her, checked as every door checks
    (validation.her_entry_errors) and then by the model. A retried submission (the same
    submission_id) returns what it recorded, and False: nothing is recorded twice."""
    if model not in HER_ENTRIES:
        raise ValueError(f"she does not write {model.__name__}")
    _require_writable(card)
    recorded = model.objects.filter(submission_id=submission_id).first()
    if recorded is not None:
        if recorded.card_id != card.pk:
            raise ValueError("the submission belongs to another card")
        return recorded, False
    _check_entries(_dating(card), [EntryWrite(model, values)])
    actor = Actor.herself(woman)
    entry = model(card=card, submission_id=submission_id, **values, **actor.provenance())
    entry.full_clean()
    entry.save()
    _bump_version_and_log(card, actor, entry)
    return entry, True


def retract_her_entry(*, card: Card, woman, model: type[Entry], entry_id: int) -> Entry:
    """She marks one of her own entries as wrong: it stays on the card, struck through, as a
    clinician's retraction does. Raises model.DoesNotExist for one not on her card."""
    if model not in HER_ENTRIES:
        raise ValueError(f"she does not write {model.__name__}")
    entry = model.objects.get(pk=entry_id, card=card)
    return retract_entry(entry=entry, actor=Actor.herself(woman))


@transaction.atomic
def answer_question(*, card: Card, question_id: int, actor: Actor, text: str) -> Question:
    """A clinician's answer, shown to her with who gave it. The first answer stands: a
    second (from another clinician at the same time, or a retry) raises AlreadyAnswered."""
    if actor.is_herself:
        raise ValueError("only a clinician answers")
    _require_writable(card)
    answered = Question.objects.filter(pk=question_id, card=card, answered_at__isnull=True).update(
        answer=text,
        answered_at=timezone.now(),
        answered_by_name=actor.name,
        answered_by_role=actor.role,
        answered_by_hpr=actor.hpr,
        answered_by_org_nr=actor.org_nr,
        answered_by_org_name=actor.org_name,
    )
    question = Question.objects.filter(pk=question_id, card=card).first()
    if question is None:
        raise Question.DoesNotExist(question_id)
    if not answered:
        raise AlreadyAnswered(question_id)
    _bump_version_and_log(card, actor, question, tell=Topic.ANSWER)
    return question


def erase_card_data(*, woman) -> dict[str, int]:
    """Delete everything of hers outside her consent history and the access log (on
    withdrawal of consent, inside its transaction): every card with all its content and
    earlier versions, the API's stored replies, and the cached copies of cards. Returns how
    many rows of each kind went, for her receipt.

    The cached copies are keyed by card and version, not by her, so the whole "cards" cache
    is cleared once the withdrawal has committed (a copy made before then by a reader is
    gone too); every card is rebuilt on its next view. The cache is per process until a
    shared one is configured: other processes' copies can no longer be reached (the consent
    gate answers first and the card ids are gone) and expire within CARD_COPY_SECONDS."""
    _, per_model = Card.objects.filter(woman=woman).delete()
    _, replies = IdempotencyRecord.objects.filter(woman=woman).delete()
    per_model.update(replies)
    transaction.on_commit(forget_every_copy)
    return {label.split(".")[1]: count for label, count in per_model.items() if count}


def remind_of_appointments(*, day: datetime.date) -> int:
    """Tell each woman with a time booked on day, if she chose reminders, that she has one
    (not where, nor with whom). Run daily for tomorrow (manage.py send_reminders); a booking
    moved to another day is a new version and reminded of again; run twice, it tells once."""
    bookings = BookedAppointment.objects.filter(
        starts_at__date=day,
        entered_in_error=False,
        card__status__in=(Card.Status.ACTIVE, Card.Status.DELIVERED),
    ).select_related("card__woman")
    told = 0
    for booking in bookings:
        with transaction.atomic():
            if has_active_consent(woman=booking.card.woman):
                told += notifications.notify(
                    woman=booking.card.woman,
                    topic=Topic.REMINDER,
                    key=f"booking-{booking.pk}-v{booking.version}",
                )
    return told


# The programme's tests she is reminded of when they fall due (decision support's alerts).
TESTS_TO_REMIND = ("glucose-test-due", "hba1c-due", "fetal-rhd-test-due", "anti-d-due")


def remind_of_due_tests() -> int:
    """Tell each woman who chose reminders that a test of the programme is due (not which),
    once per test and card. Reads only the cards of women who want reminders: a few, not
    every card."""
    wanting = notifications.women_wanting(topic=Topic.REMINDER)
    cards = (
        Card.objects.filter(woman__in=wanting, status=Card.Status.ACTIVE)
        .select_related("woman", *(p.related_name for p in parts.SECTIONS))
        .prefetch_related("alert_acknowledgements", *(p.lookup() for p in parts.LISTS))
    )
    told = 0
    for card in cards:
        due = [a for a in card_alerts(card) if a.code in TESTS_TO_REMIND and not a.acknowledgement]
        for alert in due:
            with transaction.atomic():
                told += notifications.notify(
                    woman=card.woman, topic=Topic.REMINDER, key=f"test-{alert.code}-{card.pk}"
                )
    return told
