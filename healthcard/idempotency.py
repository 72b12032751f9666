"""Idempotent writes (API.md): a record system that retries a write with the same
Idempotency-Key gets the first answer again, and nothing is written twice.

A stored answer holds her data, so it is treated as part of her card: it is scoped to her
(the same key for another woman is another request), a replay passes the consent gate and is
access-logged as a read like any other, it is erased with her card when she withdraws, and it
expires after REPLY_LIFETIME (a retry comes within minutes; a day is what others keep)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from consent.services import require_active_consent

from .models import IdempotencyRecord

REPLY_LIFETIME = datetime.timedelta(hours=24)
PURGE_BATCH = 100


class KeyReused(Exception):
    """The key was first used for a different request (another body, path or method)."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict
    record_id: object = None  # the card written to (or opened)
    replayed: bool = False


@transaction.atomic
def write_once(
    *,
    client_id: str,
    key: str,
    woman,
    actor,
    fingerprint: str,
    section: str,
    write: Callable[[], Reply],
) -> Reply:
    """The answer to this write: the stored one if the key was seen (for her, from this
    client, within the lifetime), else write()'s, stored. Her lock, taken first, orders
    concurrent requests with the same key: the second one waits and replays the first."""
    require_active_consent(woman=woman)
    now = timezone.now()
    _purge_expired(before=now - REPLY_LIFETIME)
    earlier = IdempotencyRecord.objects.filter(client_id=client_id, woman=woman, key=key).first()
    if earlier is not None and earlier.created_at < now - REPLY_LIFETIME:
        earlier.delete()  # expired: the key may be used afresh
        earlier = None
    if earlier is not None:
        if earlier.request_hash != fingerprint:
            raise KeyReused
        actor.log(woman=woman, card_id=earlier.record_id, action="read", sections=[earlier.section])
        return Reply(earlier.status, earlier.body, earlier.record_id, replayed=True)
    reply = write()
    IdempotencyRecord.objects.create(
        client_id=client_id,
        woman=woman,
        key=key,
        request_hash=fingerprint,
        record_id=reply.record_id,
        section=section,
        status=reply.status,
        body=reply.body,
    )
    return reply


def _purge_expired(*, before: datetime.datetime) -> None:
    """Delete a few expired answers, skipping rows another writer is deleting: each write
    does a bounded share of the clean-up, and writers for different women never wait on
    each other."""
    expired = (
        IdempotencyRecord.objects.filter(created_at__lt=before)
        .select_for_update(skip_locked=True)
        .values("pk")[:PURGE_BATCH]
    )
    IdempotencyRecord.objects.filter(pk__in=expired).delete()
