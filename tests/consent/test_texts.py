from consent import texts


def test_published_text_never_changes():
    # A changed text needs a new version; the fingerprint of a published one stays fixed.
    assert texts.fingerprint("2026-11") == PUBLISHED["2026-11"]


def test_every_version_has_bokmal_and_english():
    for version in texts.TEXTS.values():
        assert set(version) == {"nb", "en"}
        assert len(version["nb"]["points"]) == len(version["en"]["points"])


PUBLISHED = {"2026-11": "ab85ce0136396dedcae5d719bbccb511c83c8e23b69e2d751ea08b9cd23bb3e0"}
