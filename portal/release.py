"""Which release of the code is running, for cache keys: what one release cached is never
served by another. DHG_RELEASE names it where the deploy does (a commit or image tag);
otherwise it is a fingerprint of the code and templates, read once at start."""

import hashlib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("portal", "healthcard", "consent", "templates")


def _fingerprint() -> str:
    digest = hashlib.blake2b(digest_size=6)
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in {".py", ".html", ".po"}:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


RELEASE = settings.DHG_RELEASE or _fingerprint()
