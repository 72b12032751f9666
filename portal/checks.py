"""Start-up checks: bad configuration is reported once, clearly, before any request."""

from urllib.parse import urlparse

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connections


@checks.register(checks.Tags.security)
def check_idporten_settings(**kwargs) -> list[checks.CheckMessage]:
    errors = []
    issuer = urlparse(settings.IDPORTEN_ISSUER)
    if issuer.scheme not in ("http", "https") or not issuer.netloc:
        errors.append(
            checks.Error(
                f"DHG_IDPORTEN_ISSUER is {settings.IDPORTEN_ISSUER!r}, not an http(s) URL.",
                hint="Set it to ID-porten's issuer, e.g. https://idporten.no.",
                id="portal.E001",
            )
        )
    elif issuer.scheme == "http" and issuer.hostname not in ("127.0.0.1", "localhost"):
        errors.append(
            checks.Error(
                "DHG_IDPORTEN_ISSUER must use https except on this machine's loopback.",
                id="portal.E002",
            )
        )
    for name, value in (
        ("DHG_IDPORTEN_CLIENT_ID", settings.IDPORTEN_CLIENT_ID),
        ("DHG_IDPORTEN_CLIENT_SECRET", settings.IDPORTEN_CLIENT_SECRET),
    ):
        if not value:
            errors.append(checks.Error(f"{name} is not set.", id="portal.E003"))
    return errors


@checks.register(checks.Tags.database)
def check_database_reachable(databases=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for alias in databases or []:
        try:
            connections[alias].ensure_connection()
        except OperationalError as error:
            where = connections[alias].settings_dict
            errors.append(
                checks.Error(
                    f"Cannot connect to database {where.get('NAME')!r} on "
                    f"{where.get('HOST') or 'local socket'}:{where.get('PORT') or 'default port'}: "
                    f"{str(error).strip().splitlines()[0]}",
                    hint="Check DATABASE_URL and that PostgreSQL is running.",
                    id="portal.E010",
                )
            )
    return errors


def fail_fast_on_startup() -> None:
    """Run the checks, database included, and refuse to serve if any fails."""
    problems = [m for m in checks.run_checks(databases=["default"]) if m.is_serious()]
    if problems:
        raise ImproperlyConfigured("\n".join(str(m) for m in problems))
