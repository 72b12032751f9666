"""What withdrawal erases. Consent is the legal basis for everything stored about her, so
each app that stores her data registers its eraser here, explicitly, in its AppConfig.ready()
(not through signals: the list is read in one place and tested). withdraw_consent() calls
every eraser inside its transaction, under her lock; the withdraw page offers what each app
lets her keep first (a download, a print). consent/ imports no app of the card's."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Copy:
    """Something she can take with her before it is erased: a link with its label."""

    label: str
    url: str
    download: bool = False


@dataclass(frozen=True)
class Eraser:
    name: str  # the app's label, for the tests and the operators
    erase: Callable[..., dict[str, int]]  # erase(woman=...) -> rows erased per kind
    copies: Callable[..., list[Copy]] = lambda woman: []  # what she may keep first


ERASERS: dict[str, Eraser] = {}


def register(eraser: Eraser) -> None:
    ERASERS[eraser.name] = eraser


def erase_everything(*, woman) -> dict[str, int]:
    """Every registered app's data of hers, erased; how many rows of each kind went, for her
    receipt. Call inside the withdrawal's transaction."""
    erased: dict[str, int] = {}
    for eraser in ERASERS.values():
        erased.update(eraser.erase(woman=woman))
    return erased


def copies_to_keep(*, woman) -> list[Copy]:
    return [copy for eraser in ERASERS.values() for copy in eraser.copies(woman=woman)]
