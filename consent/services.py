"""Giving and withdrawing consent, and the lock that makes withdrawal final.

Every write to a woman's card first takes her row lock through require_active_consent();
withdraw_consent() takes the same lock exclusively. So a clinician's write either commits
before the withdrawal (and is erased by it) or runs after it (and is refused): it is never
kept after withdrawal.
"""

import uuid

from django.contrib.auth import get_user_model
from django.db import transaction

from . import erasure, texts
from .models import ConsentEvent
from .selectors import current_consent


class ConsentRequired(Exception):
    """The woman has not given consent (or has withdrawn it): nothing may be stored or shared."""


def require_active_consent(*, woman) -> None:
    """Call inside the writing transaction. Locks her against a concurrent withdrawal."""
    get_user_model().objects.select_for_update(no_key=True).filter(pk=woman.pk).first()
    event = current_consent(woman=woman)
    if event is None or event.kind != ConsentEvent.Kind.GIVEN:
        raise ConsentRequired


def _lock(woman) -> None:
    get_user_model().objects.select_for_update().filter(pk=woman.pk).first()


def _earlier(woman, submission_id: uuid.UUID | None) -> ConsentEvent | None:
    if submission_id is None:
        return None
    return ConsentEvent.objects.filter(woman=woman, submission_id=submission_id).first()


@transaction.atomic
def give_consent(
    *, woman, language: str = "nb", submission_id: uuid.UUID | None = None
) -> ConsentEvent:
    """Record her consent to the current text. A repeated submission, or consent she has
    already given, records nothing new."""
    _lock(woman)
    current = _earlier(woman, submission_id) or current_consent(woman=woman)
    if current is not None and current.kind == ConsentEvent.Kind.GIVEN:
        return current
    return ConsentEvent.objects.create(
        woman=woman,
        kind=ConsentEvent.Kind.GIVEN,
        submission_id=submission_id,
        text_version=texts.CURRENT_VERSION,
        text_fingerprint=texts.fingerprint(texts.CURRENT_VERSION),
        language=language,
    )


@transaction.atomic
def withdraw_consent(
    *, woman, reason: str = "", submission_id: uuid.UUID | None = None
) -> ConsentEvent:
    """Withdraw, and in the same transaction erase her data in every app that registered an
    eraser (consent.erasure). Her consent history and the access log are kept. Raises
    ConsentRequired if there is no consent to withdraw."""
    _lock(woman)
    earlier = _earlier(woman, submission_id)
    if earlier is not None:
        return earlier
    current = current_consent(woman=woman)
    if current is None or current.kind != ConsentEvent.Kind.GIVEN:
        raise ConsentRequired
    return ConsentEvent.objects.create(
        woman=woman,
        kind=ConsentEvent.Kind.WITHDRAWN,
        submission_id=submission_id,
        reason=reason,
        erased=erasure.erase_everything(woman=woman),
    )
