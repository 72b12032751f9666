"""The consent text, versioned. A published version is never edited: a change is a new
version, and every consent event records the version and a fingerprint of the exact text the
woman saw (tests/consent/test_texts.py keeps published fingerprints fixed)."""

import hashlib
import json

CURRENT_VERSION = "2026-12"

TEXTS = {
    "2026-11": {
        "nb": {
            "title": "Samtykke til digitalt helsekort for gravide",
            "points": [
                "Helsekortet erstatter papirkortet. Fastlegen, jordmoren og sykehuset som følger "
                "deg opp, registrerer opplysningene i sine journalsystemer og deler dem gjennom "
                "helsekortet.",
                "Helsekortet inneholder det samme som papirkortet: konsultasjoner med blodtrykk, "
                "vekt og babyens vekst, blodprøver, ultralyd og termin, tidligere svangerskap, "
                "sykdommer, legemidler, levevaner og planer for fødselen.",
                "Bare helsepersonell som yter helsehjelp til deg, kan lese og skrive i kortet. "
                "Hver gang noen andre enn deg åpner kortet, blir det logget, og du kan se loggen.",
                "Samtykket er frivillig. Du kan trekke det når som helst her på siden. Da slettes "
                "opplysningene i helsekortet, og helsepersonell får ikke lenger tilgang. "
                "Journalene hos fastlegen, jordmoren og sykehuset påvirkes ikke.",
                "Historikken over samtykkene dine og loggen over hvem som har sett kortet, blir "
                "tatt vare på. De inneholder ingen helseopplysninger og er ditt bevis.",
            ],
        },
        "en": {
            "title": "Consent to the digital health card for pregnant women",
            "points": [
                "The health card replaces the paper card. The GP, midwife and hospital who look "
                "after you record the information in their own record systems and share it "
                "through the health card.",
                "The card holds the same as the paper card: consultations with blood pressure, "
                "weight and the baby's growth, blood tests, ultrasound and due date, earlier "
                "pregnancies, illness, medicines, lifestyle and plans for the birth.",
                "Only health personnel who provide care to you can read and write in the card. "
                "Every time someone other than you opens the card, it is logged, and you can see "
                "the log.",
                "Consent is voluntary. You can withdraw it at any time on this page. The "
                "information in the health card is then deleted, and health personnel lose "
                "access. The records kept by your GP, midwife and hospital are not affected.",
                "The history of your consents and the log of who has seen the card are kept. "
                "They hold no health information and are your proof.",
            ],
        },
    },
}


# 2026-12 says the same as 2026-11 and adds nynorsk (språklova): no change in meaning, so a
# consent given to 2026-11 stands; it is a new version because a published one never changes.
TEXTS["2026-12"] = {
    **TEXTS["2026-11"],
    "nn": {
        "title": "Samtykke til digitalt helsekort for gravide",
        "points": [
            "Helsekortet erstattar papirkortet. Fastlegen, jordmora og sjukehuset som følgjer "
            "deg opp, registrerer opplysningane i journalsystema sine og deler dei gjennom "
            "helsekortet.",
            "Helsekortet inneheld det same som papirkortet: konsultasjonar med blodtrykk, vekt "
            "og veksten til babyen, blodprøver, ultralyd og termin, tidlegare svangerskap, "
            "sjukdomar, legemiddel, levevanar og planar for fødselen.",
            "Berre helsepersonell som gir deg helsehjelp, kan lese og skrive i kortet. Kvar "
            "gong nokon andre enn deg opnar kortet, blir det logga, og du kan sjå loggen.",
            "Samtykket er frivillig. Du kan trekkje det når som helst her på sida. Då blir "
            "opplysningane i helsekortet sletta, og helsepersonell får ikkje lenger tilgang. "
            "Journalane hos fastlegen, jordmora og sjukehuset blir ikkje påverka.",
            "Historikken over samtykka dine og loggen over kven som har sett kortet, blir tekne "
            "vare på. Dei inneheld ingen helseopplysningar og er beviset ditt.",
        ],
    },
}

# When each version was first shown: her history says which text she agreed to and when.
PUBLISHED_ON = {"2026-11": "2026-11-01", "2026-12": "2026-12-01"}


def consent_text(version: str = CURRENT_VERSION, language: str = "nb") -> dict:
    """The text of a version in a language; bokmål where that version had no such language."""
    texts = TEXTS[version]
    return texts.get(language, texts["nb"])


def languages_of(version: str) -> list[str]:
    return [code for code in ("nb", "nn", "en") if code in TEXTS[version]]


def fingerprint(version: str) -> str:
    """SHA-256 of a version's text in every language: what the woman agreed to, exactly."""
    canonical = json.dumps(TEXTS[version], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()
