"""Copies of what is made from a card (her rendered overview, the API's record document),
made once per version of the card and kept in the "cards" cache.

Every committed write gives the card a new version (services._bump_version_and_log), so a
copy is never stale; the key also holds the release, so a deploy that changes how a card is
shown or written never serves a copy made by the code before it. Everything here is correct
with the cache switched off (a dummy cache builds every time)."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches

from portal.release import RELEASE

from .models import Card

T = TypeVar("T")
CARD_COPY_SECONDS = 24 * 60 * 60


def once_per_version(card: Card, what: str, build: Callable[[], T], *vary: str) -> T:
    """What build() makes of this version of the card; vary adds what else the result depends
    on (language, today's date)."""
    cache = caches["cards"]
    key = ":".join(["card", RELEASE, what, str(card.pk), str(card.version), *vary])
    made = cache.get(key)
    if made is None:
        made = build()
        cache.set(key, made, timeout=CARD_COPY_SECONDS)
    return made


def forget_every_copy() -> None:
    """After a withdrawal of consent: the copies are keyed by card, not by her."""
    caches["cards"].clear()
