"""House rules that are easy to break without noticing (STYLE.md §6.7)."""

import ast
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


APPS = ("portal", "healthcard", "consent")
# The modules that may query the database, and why; every other module of each app reads
# through selectors and writes through services, which scope reads to the owner or a
# consented clinician and log what they must.
MAY_QUERY = {
    "*/models.py": "the models",
    "*/selectors.py": "the reads",
    "*/services.py": "the writes",
    "healthcard/access.py": "the one writer of the access log",
    "healthcard/idempotency.py": "the API's stored replies, under her lock",
    "healthcard/parts/*.py": "how a list is loaded (a Prefetch the selectors run)",
    "healthcard/apps.py": "the midwife group, after migrate",
    "healthcard/demo.py": "the demo data",
    "portal/adapters.py": "finding her user at login (ID-porten)",
    "portal/notifications/worker.py": "the outbox's sender: claims a message under SKIP LOCKED",
    "*/management/commands/*.py": "command-line tools",
    "*/migrations/*.py": "migrations",
}


def modules(*apps: str):
    for app in apps:
        yield from sorted((ROOT / app).rglob("*.py"))


def test_only_selectors_and_services_query_the_database():
    offenders = []
    for path in modules(*APPS):
        relative = path.relative_to(ROOT)
        if any(relative.match(pattern) for pattern in MAY_QUERY):
            continue
        if re.search(
            r"\.objects\.|get_object_or_404\(|\.raw\(|connection\.cursor", path.read_text()
        ):
            offenders.append(str(relative))
    assert offenders == []


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            package = ".".join(path.relative_to(ROOT).with_suffix("").parts[: -node.level])
            names.add(f"{package}.{node.module}" if node.module else package)
            names |= {f"{package}.{alias.name}" for alias in node.names if not node.module}
    return names


def test_consent_depends_on_no_app_of_the_card():
    """Withdrawal reaches the card through the erasers the apps register (consent.erasure)."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            n for n in imported_modules(path) if n.startswith("healthcard")
        )
        for path in modules("consent")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


# The card's domain, below the doors that use it (ARCHITECTURE.md: one way down).
DOMAIN = (
    "models",
    "services",
    "selectors",
    "record",
    "parts",
    "validation",
    "access",
    "idempotency",
    "presenters",
    "copies",
    "clinical",
    "charts",
)
DOORS = ("healthcard.api", "healthcard.views", "healthcard.admin", "healthcard.forms")


def test_the_domain_never_reaches_up_to_its_doors():
    offenders = {}
    for path in modules("healthcard"):
        module = path.relative_to(ROOT / "healthcard").parts[0].removesuffix(".py")
        if module in DOMAIN:
            up = sorted(n for n in imported_modules(path) if n.startswith(DOORS))
            if up:
                offenders[str(path.relative_to(ROOT))] = up
    assert offenders == {}


def test_clinical_knowledge_is_pure():
    """clinical/ works on values: no database, no requests, nothing else of the card's."""
    offenders = {}
    for path in modules("healthcard/clinical"):
        names = imported_modules(path)
        bad = sorted(
            n
            for n in names
            if n.startswith(("django.db", "django.http", "rest_framework"))
            or (n.startswith("healthcard") and not n.startswith("healthcard.clinical"))
        )
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_nothing_is_loaded_from_the_internet():
    # No script, image, frame or stylesheet from elsewhere (a link she may follow is fine).
    pattern = re.compile(r"""(src|<link[^>]*href)=["']https?://""")
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "templates").rglob("*.html")
        if pattern.search(p.read_text())
    ]
    assert offenders == []
