"""Her notification choices and contact details, and the one way messages are made: notify(),
called inside the transaction of the change that causes it, writes to the outbox (never
sends). Imports nothing of the card: the card's services call it."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Channel, ContactPoint, NotificationChoice, OutboxMessage, Topic

# At most one "something new" per window and channel: a visit writes many entries.
NEW_ON_CARD_WINDOW = datetime.timedelta(hours=6)
CODE_VALID = datetime.timedelta(minutes=30)
CODE_RESEND_AFTER = datetime.timedelta(seconds=60)
CODE_ATTEMPTS = 5
# What she may choose; VERIFY is always sent, to the address being confirmed.
CHOOSABLE = (Topic.NEW_ON_CARD, Topic.ANSWER, Topic.REMINDER)


class CodeTooSoon(Exception):
    """A new code was asked for less than a minute after the last."""


class CodeSpent(Exception):
    """The code has expired, or too many wrong codes were tried (used_up): ask for a new
    one."""

    def __init__(self, used_up: bool = False):
        super().__init__("used up" if used_up else "expired")
        self.used_up = used_up


def notify(*, woman, topic: str, key: str) -> int:
    """Tell her (if she chose this topic, at each confirmed address) that there is something
    new. key names the cause: the same topic and key make one message however often it is
    caused, and two writers at once make one too (the outbox's unique key). How many it
    added. One query when she has no confirmed address, three when she has."""
    points = list(
        ContactPoint.objects.filter(
            woman=woman,
            verified_at__isnull=False,
            woman__notification_choice__topics__contains=[topic],
        ).select_related("woman__notification_choice")
    )
    if not points:
        return 0
    now = timezone.now()
    messages = [
        OutboxMessage(
            woman_id=woman.pk,
            channel=point.channel,
            address=point.address,
            topic=topic,
            language=point.woman.notification_choice.language,
            dedupe_key=f"{woman.pk}:{topic}:{key}:{point.channel}",
            send_after=now,
        )
        for point in points
    ]
    keys = [message.dedupe_key for message in messages]
    there = set(
        OutboxMessage.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    new = [message for message in messages if message.dedupe_key not in there]
    OutboxMessage.objects.bulk_create(new, ignore_conflicts=True)  # a writer beside us: one
    return len(new)


def women_wanting(*, topic: str):
    """The women with a confirmed address who chose this topic (a subquery of user ids)."""
    return ContactPoint.objects.filter(
        verified_at__isnull=False, woman__notification_choice__topics__contains=[topic]
    ).values("woman_id")


def notify_new_on_card(*, woman) -> int:
    """A clinician wrote on her card: once per window, however many writes."""
    window = int(timezone.now().timestamp() // NEW_ON_CARD_WINDOW.total_seconds())
    return notify(woman=woman, topic=Topic.NEW_ON_CARD, key=f"window-{window}")


def choice_of(*, woman) -> NotificationChoice | None:
    return NotificationChoice.objects.filter(woman=woman).first()


def contact_points_of(*, woman) -> dict[str, ContactPoint]:
    return {point.channel: point for point in ContactPoint.objects.filter(woman=woman)}


@transaction.atomic
def save_choice(*, woman, topics: list[str], language: str) -> NotificationChoice:
    choice, _ = NotificationChoice.objects.update_or_create(
        woman=woman,
        defaults={"topics": [t for t in CHOOSABLE if t in topics], "language": language},
    )
    return choice


@transaction.atomic
def set_contact(*, woman, channel: str, address: str, language: str) -> ContactPoint:
    """Her address for a channel. A new one is unconfirmed until she types the code sent to
    it; the same one again changes nothing."""
    point = ContactPoint.objects.select_for_update().filter(woman=woman, channel=channel).first()
    if point is not None and point.address == address:
        return point
    if point is None:
        point = ContactPoint(woman=woman, channel=channel)
    point.address, point.verified_at = address, None
    point.code_sent_at = None
    point.save()
    OutboxMessage.objects.filter(
        woman=woman, channel=channel, sent_at__isnull=True, failed_at__isnull=True
    ).delete()  # nothing more to the address she replaced
    send_code(point=point, language=language)
    return point


@transaction.atomic
def send_code(*, point: ContactPoint, language: str) -> None:
    """A six-digit code to the address, through the outbox. Raises CodeTooSoon within a
    minute of the last (a code costs an SMS)."""
    now = timezone.now()
    if point.code_sent_at and now - point.code_sent_at < CODE_RESEND_AFTER:
        raise CodeTooSoon
    code = f"{secrets.randbelow(10**6):06d}"
    point.code_hash, point.code_sent_at, point.code_attempts = _hash(point, code), now, 0
    point.save(update_fields=["code_hash", "code_sent_at", "code_attempts"])
    OutboxMessage.objects.create(
        woman_id=point.woman_id,
        channel=point.channel,
        address=point.address,
        topic=Topic.VERIFY,
        language=language,
        code=code,
        send_after=now,
    )


@transaction.atomic
def confirm(*, woman, channel: str, code: str) -> bool:
    """True once the code is right; each try counts (five, then a new code is needed).
    Raises CodeSpent when the code has expired or is used up."""
    point = ContactPoint.objects.select_for_update().get(woman=woman, channel=channel)
    if point.is_verified:
        return True
    expired = not point.code_sent_at or timezone.now() - point.code_sent_at > CODE_VALID
    if point.code_attempts >= CODE_ATTEMPTS:
        raise CodeSpent(used_up=True)
    if expired or not point.code_hash:
        raise CodeSpent
    point.code_attempts += 1
    if hmac.compare_digest(point.code_hash, _hash(point, code.strip())):
        point.verified_at, point.code_hash = timezone.now(), ""
    point.save(update_fields=["code_attempts", "verified_at", "code_hash"])
    return point.is_verified


@transaction.atomic
def remove_contact(*, woman, channel: str) -> None:
    ContactPoint.objects.filter(woman=woman, channel=channel).delete()
    OutboxMessage.objects.filter(woman=woman, channel=channel, sent_at__isnull=True).delete()


def erase_contact_details(*, woman) -> dict[str, int]:
    """On withdrawal: her choices, addresses and every message, sent or waiting: nothing is
    sent after it (consent.erasure)."""
    erased = {}
    for model in (OutboxMessage, ContactPoint, NotificationChoice):
        count, _ = model.objects.filter(woman=woman).delete()
        if count:
            erased[model._meta.model_name] = count
    return erased


def _hash(point: ContactPoint, code: str) -> str:
    message = f"{point.pk}:{point.channel}:{point.address}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def channels_offered() -> list[str]:
    """E-mail always; SMS when a provider is configured."""
    return [Channel.EMAIL] + ([Channel.SMS] if settings.DHG_SMS_URL else [])
