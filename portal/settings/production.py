"""Production: base settings, plus a refusal to start without what production needs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CACHES,
    DEBUG,
    DHG_API_ISSUER,
    DHG_API_JWKS_FILE,
    DHG_API_JWKS_URL,
    DHG_BENCH_REFERENCE,
    IDPORTEN_CLIENT_ID,
    IDPORTEN_CLIENT_SECRET,
    IDPORTEN_ISSUER,
    SECRET_KEY,
)
from .env import env_str, require

require("DJANGO_SECRET_KEY", SECRET_KEY)
require("DATABASE_URL", env_str("DATABASE_URL"))
require("DHG_IDPORTEN_ISSUER", IDPORTEN_ISSUER)
require("DHG_IDPORTEN_CLIENT_ID", IDPORTEN_CLIENT_ID)
require("DHG_IDPORTEN_CLIENT_SECRET", IDPORTEN_CLIENT_SECRET)
# Record systems' tokens are checked against HelseID's keys: without them the API would have
# none (the development key exists only in local.py).
require("DHG_API_JWKS_URL or DHG_API_JWKS_FILE", DHG_API_JWKS_URL or DHG_API_JWKS_FILE)
require("DHG_API_ISSUER", DHG_API_ISSUER)
if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
if CACHES["default"]["BACKEND"].endswith("DummyCache") and not DHG_BENCH_REFERENCE:
    # Without a cache the rate limits and the login throttle count nothing.
    raise ImproperlyConfigured("DHG_CACHES_OFF is for the benchmark only (DHG_BENCH_REFERENCE).")
