"""House rules that are easy to break without noticing (STYLE.md §6.7)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_bokmal_message_is_translated_and_none_is_fuzzy():
    po = ROOT / "portal/locale/nb/LC_MESSAGES/django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages?\.\n", result.stderr), result.stderr


def test_views_never_query_card_models_directly():
    # Reads go through selectors, which scope them to the owner; writes through services.
    offenders = []
    for path in ROOT.glob("*/views.py"):
        text = path.read_text()
        if re.search(r"\.objects\.|get_object_or_404\(", text):
            offenders.append(path.name)
    assert offenders == []


def test_nothing_is_loaded_from_the_internet():
    pattern = re.compile(r"""(src|href)=["']https?://""")
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "templates").rglob("*.html")
        if pattern.search(p.read_text())
    ]
    assert offenders == []
