"""Every measurement and test on her card can be opened for a short explanation, with the
limits the rules use, in sentences short enough for a reading age of about 12."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from healthcard.clinical import rules
from healthcard.clinical.explanations import EXPLANATIONS
from healthcard.clinical.guideline import LAB_TESTS
from healthcard.demo import week_30_full_history
from healthcard.templatetags.card import MEASURES

pytestmark = pytest.mark.django_db


def lix(text: str) -> float:
    """Björnsson's readability index, made for the Scandinavian languages: words per
    sentence plus the share of words longer than six letters. Under 40 is easy to read
    (children's books are 25-30, newspapers 40-50)."""
    sentences = max(1, len(re.findall(r"[.!?:](\s|$)", text)))
    words = re.findall(r"[\wæøåÆØÅ]+", text)
    long_words = [word for word in words if len(word) > 6]
    return len(words) / sentences + 100 * len(long_words) / len(words)


def all_text(language: str) -> list[str]:
    with translation.override(language):
        return [f"{e.what} {e.why} {e.normal_text()}".strip() for e in EXPLANATIONS.values()]


def test_every_test_of_the_programme_and_every_column_is_explained():
    assert {test.code for test in LAB_TESTS} <= set(EXPLANATIONS)
    assert {key for key, _label in MEASURES} <= set(EXPLANATIONS)
    assert {"fundal_height", "due_date", "epds", "bmi", "placenta"} <= set(EXPLANATIONS)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_texts_are_short_and_easy_to_read(language):
    texts = all_text(language)
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if s]
    assert max(len(s.split()) for s in sentences) <= 25
    assert lix(" ".join(texts)) < 40, lix(" ".join(texts))


def test_the_limits_are_the_rules_own_in_her_numbers():
    with translation.override("nb"):
        assert EXPLANATIONS["blood_pressure"].normal_text() == "Under 140/90 er normalt."
        hb = EXPLANATIONS[rules.HB].normal_text()
        assert hb.startswith("11,0 g/dL eller mer er normalt (10,5 eller mer")
        assert "30 µg/L" in EXPLANATIONS[rules.FERRITIN].normal_text()
        assert "Under 5,3 mmol/L" in EXPLANATIONS["NPU02192"].normal_text()
    with translation.override("en"):
        assert EXPLANATIONS["epds"].normal_text().startswith("Under 10 is normal. At 10 or")


def test_she_can_open_an_explanation_beside_each_measurement_and_test(kari_client, kari):
    card = week_30_full_history(kari)
    html = kari_client.get(reverse("healthcard:card_detail")).content.decode()
    assert "<summary>Hva betyr målingene?</summary>" in html
    assert "Under 140/90 er normalt." in html
    assert 'Hva er dette?<span class="dhg-visually-hidden"> (Termin)</span>' in html
    tests = kari_client.get(reverse("healthcard:card_tests", args=[card.pk])).content.decode()
    for result in card.labresults.all():
        if result.code in EXPLANATIONS:
            with translation.override("nb"):
                assert str(EXPLANATIONS[result.code].what) in tests
    assert "En test for syfilis" in tests


def test_a_test_outside_the_programme_has_no_empty_explanation(kari_client, kari):
    card = week_30_full_history(kari)
    card.labresults.update(code="NPU99999")
    tests = kari_client.get(reverse("healthcard:card_tests", args=[card.pk])).content.decode()
    labs = tests[tests.index('id="labs-heading"') : tests.index("</table>")]
    assert "Hva er dette?" not in labs


def test_her_history_and_ultrasounds_are_explained_too(kari_client, kari):
    card = week_30_full_history(kari)
    health = kari_client.get(reverse("healthcard:card_health", args=[card.pk])).content.decode()
    assert 'Hva er dette?<span class="dhg-visually-hidden"> (KMI)</span>' in health
    assert "18,5 til 24,9 kalles normal vekt." in health
    assert "Skulderdystoci betyr" in health and "HELLP og eklampsi er alvorlige" in health
    for section in ("Tidligere svangerskap", "Sykdommer", "Arvelige sykdommer", "Legemidler"):
        assert f'<span class="dhg-visually-hidden"> ({section})</span>' in health, section
    assert "Folsyre anbefales fra en måned før svangerskapet til uke 12." in health
    tests = kari_client.get(reverse("healthcard:card_tests", args=[card.pk])).content.decode()
    assert "Hvor morkaken sitter i livmoren" in tests


def test_what_the_record_system_wrote_is_marked_norwegian_on_an_english_page(kari_client, kari):
    """WCAG 3.1.2: a screen reader reads the clinician's Norwegian with a Norwegian voice."""
    card = week_30_full_history(kari)
    kari_client.cookies["django_language"] = "en"
    tests = kari_client.get(reverse("healthcard:card_tests", args=[card.pk])).content.decode()
    assert '<dd><span lang="no">Fremre vegg</span>' in tests
    health = kari_client.get(reverse("healthcard:card_health", args=[card.pk])).content.decode()
    assert '<dd><span lang="no">Norsk</span></dd>' in health


def test_the_birth_is_explained(kari_client, kari):
    from healthcard.demo import delivered

    card = delivered(kari)
    health = kari_client.get(reverse("healthcard:card_health", args=[card.pk])).content.decode()
    assert '<span class="dhg-visually-hidden"> (Apgar)</span>' in health
    assert "7 til 10 poeng er normalt." in health
    assert "Under 500 ml er normalt." in health
    assert "Registrert av: " in health  # each history section says who recorded it
