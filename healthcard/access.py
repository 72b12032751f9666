"""The access log's only writer. Call log_access() (or log_list_view() for a list of women)
inside the transaction of the access itself, so an access is never left unlogged and a log
entry never describes an access that did not happen."""

import uuid
from collections.abc import Iterable

from .models import AccessEvent


def log_access(
    *,
    woman,
    card_id: uuid.UUID | None,
    channel: str,
    action: str,
    sections: Iterable[str | tuple[str, int]],
    actor_name: str,
    actor_hpr: str = "",
    actor_role: str = "",
    org_nr: str = "",
    org_name: str = "",
    source_system: str = "",
    staff_user_id: int | None = None,
) -> list[AccessEvent]:
    """One log entry per section the access touched, in one insert. A section is its name, or
    (name, entry id) for one entry of a list."""
    touched = [item if isinstance(item, tuple) else (item, None) for item in sections]
    return AccessEvent.objects.bulk_create(
        AccessEvent(
            woman=woman,
            card_id=card_id,
            channel=channel,
            action=action,
            section=section,
            entry_id=entry_id,
            actor_name=actor_name,
            actor_hpr=actor_hpr,
            actor_role=actor_role,
            org_nr=org_nr,
            org_name=org_name,
            source_system=source_system,
            staff_user_id=staff_user_id,
        )
        for section, entry_id in dict.fromkeys(touched)  # each once, in order
    )


def log_list_view(*, cards: Iterable, section: str, **who) -> list[AccessEvent]:
    """One read per woman shown in a list of women (a midwife's worklist), in one insert
    however long the list. who: the accessor's fields, as log_access takes them (channel,
    actor_name, actor_hpr, actor_role, org_nr, org_name, source_system, staff_user_id)."""
    return AccessEvent.objects.bulk_create(
        AccessEvent(
            woman_id=card.woman_id,
            card_id=card.pk,
            action=AccessEvent.Action.READ,
            section=section,
            **who,
        )
        for card in cards
    )
