"""The outbox's sender. Each message is claimed under a row lock (SKIP LOCKED: workers side
by side never take the same one), sent, and marked sent in the same transaction. A failure
is tried again later, ever more slowly, and given up after MAX_ATTEMPTS.

Delivery is at least once: a worker killed after the send and before its commit leaves the
message unsent, and it is sent again. The Message-ID and the SMS reference are the same on
every try, so a duplicate can be recognised downstream."""

import datetime

from django.db import transaction
from django.utils import timezone

from . import transports
from .models import OutboxMessage

MAX_ATTEMPTS = 10
FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_WAIT = datetime.timedelta(hours=6)


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4 ... minutes after each failure, at most six hours."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def send_one() -> OutboxMessage | None:
    """Send the next waiting message, if any; the message as it was left."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, failed_at__isnull=True, send_after__lte=timezone.now())
            .order_by("send_after", "pk")
            .first()
        )
        if message is None:
            return None
        try:
            transports.send(message)
        except transports.TransportFailed as failed:
            message.attempts += 1
            message.last_error = str(failed)[:500]
            message.send_after = timezone.now() + backoff(message.attempts)
            if message.attempts >= MAX_ATTEMPTS:
                message.failed_at = timezone.now()
        else:
            message.attempts += 1
            message.sent_at, message.code, message.last_error = timezone.now(), "", ""
        message.save()
        return message


def send_waiting(limit: int = 100) -> tuple[int, int]:
    """Send what is waiting now (at most limit): (sent, failed this time)."""
    sent = failed = 0
    for _ in range(limit):
        message = send_one()
        if message is None:
            break
        if message.sent_at:
            sent += 1
        else:
            failed += 1
    return sent, failed
