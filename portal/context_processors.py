import functools

from django.http import HttpRequest
from django.urls import reverse

from .release import RELEASE

# Each language in its own words (an autonym is never translated): bokmål first.
LANGUAGE_NAMES = (("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English"))


@functools.cache
def _main_menu_items() -> dict[str, str]:
    return {
        reverse("healthcard:card_detail"): "card",
        reverse("consent:settings"): "consent",
        reverse("healthcard:access_log"): "log",
        reverse("notifications:settings"): "notifications",
    }


def main_menu(request: HttpRequest) -> dict[str, str | None]:
    """Which item of the main menu this page is, if any, the release and the languages. The
    layout keeps its rendered menu per release, language and item: a handful of copies,
    whatever paths are asked for."""
    return {
        "main_menu_current": _main_menu_items().get(request.path),
        "release": RELEASE,
        "LANGUAGE_NAMES": LANGUAGE_NAMES,
    }
