from consent import texts


def test_published_text_never_changes():
    # A changed text needs a new version; the fingerprint of a published one stays fixed.
    assert {version: texts.fingerprint(version) for version in texts.TEXTS} == PUBLISHED
    assert set(texts.PUBLISHED_ON) == set(PUBLISHED)


def test_every_version_has_bokmal_and_english_and_from_2026_12_nynorsk():
    for name, version in texts.TEXTS.items():
        assert {"nb", "en"} <= set(version) <= {"nb", "nn", "en"}
        assert ("nn" in version) == (name >= "2026-12")
        assert len({len(text["points"]) for text in version.values()}) == 1


def test_a_version_without_nynorsk_is_read_in_bokmal():
    assert texts.consent_text("2026-11", "nn") == texts.TEXTS["2026-11"]["nb"]
    assert texts.consent_text("2026-12", "nn")["points"][0].startswith("Helsekortet erstattar")
    assert texts.languages_of("2026-11") == ["nb", "en"]


PUBLISHED = {
    "2026-11": "ab85ce0136396dedcae5d719bbccb511c83c8e23b69e2d751ea08b9cd23bb3e0",
    "2026-12": "5d8b5894fd147145fc10ad1e510919be05373fa3f2d18626812a309ddfa0f10b",
}
