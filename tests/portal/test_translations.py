"""No page of hers shows a string left untranslated: in nynorsk a missing translation would
fall back to bokmål, in English to nothing at all if a template hard-codes Norwegian, and in
bokmål to the English source. Each page is rendered in each language and its visible text
searched for the catalogue's phrases in the other two."""

import gettext
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from healthcard.demo import week_30_full_history
from tests.e2e.test_every_page import PAGES, page_url

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|<[^>]+>|&\w+;")
LANGUAGES = ("nb", "nn", "en")


def _catalogue(language: str) -> dict[str, str]:
    """Our own catalogue (not Django's or allauth's): msgid -> translation; "en" is the
    source itself."""
    translations = gettext.translation("django", settings.LOCALE_PATHS[0], ["nb"])
    ids = [key for key in translations._catalog if isinstance(key, str) and key]
    if language == "en":
        return {msgid: msgid for msgid in ids}
    own = gettext.translation("django", settings.LOCALE_PATHS[0], [language])._catalog
    return {msgid: own[msgid] for msgid in ids}


def _phrases(text: str) -> set[str]:
    """The literal parts of a message of at least three words: short words ("Hb", "Vekt")
    are the same in several languages, and placeholders are filled in on the page."""
    return {" ".join(part.split()) for part in PLACEHOLDER.split(text) if len(part.split()) >= 3}


def foreign_phrases(language: str) -> set[str]:
    """Phrases that belong to another language's catalogue and not to this one's."""
    mine = _catalogue(language)
    own_text = " ".join(mine.values())
    foreign = set()
    for other in LANGUAGES:
        if other != language:
            for msgid, translation in _catalogue(other).items():
                if translation != mine[msgid]:
                    foreign |= _phrases(translation)
    return {phrase for phrase in foreign if phrase not in own_text}


class VisibleText(HTMLParser):
    """The text a reader or a screen reader meets: text nodes and the labelling attributes."""

    LABELS = ("aria-label", "alt", "title", "placeholder")

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts += [value for name, value in attrs if name in self.LABELS and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_of_hers_shows_another_languages_words(client, kari, language):
    card = week_30_full_history(kari)
    client.force_login(kari)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    foreign = foreign_phrases(language)
    assert len(foreign) > 500  # the catalogue was read
    # The receipt is for a withdrawal, which erases the card: it comes last.
    for name in sorted(PAGES, key=lambda name: name == "consent:receipt"):
        response = client.get(page_url(name, card, kari))
        assert response.status_code == 200, name
        text = VisibleText.of(response.content.decode())
        found = sorted(phrase for phrase in foreign if phrase in text)
        assert not found, (name, found)


def test_the_check_finds_a_string_left_untranslated():
    # A string missing from nynorsk shows in bokmål, one missing from the English page's
    # template in Norwegian: the check must see both, in text and in labels.
    bokmal = _catalogue("nb")["Who has seen my card"]
    html = f'<nav aria-label="x"><a>{bokmal}</a></nav><script>"{bokmal}"</script>'
    assert bokmal in VisibleText.of(html)
    assert bokmal in foreign_phrases("nn") and bokmal in foreign_phrases("en")
    assert bokmal not in foreign_phrases("nb")
    assert "Who has seen my card" in foreign_phrases("nb")
