"""Production: base settings, plus a refusal to start without what production needs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, IDPORTEN_CLIENT_ID, IDPORTEN_CLIENT_SECRET, IDPORTEN_ISSUER, SECRET_KEY
from .env import env_str, require

require("DJANGO_SECRET_KEY", SECRET_KEY)
require("DATABASE_URL", env_str("DATABASE_URL"))
require("DHG_IDPORTEN_ISSUER", IDPORTEN_ISSUER)
require("DHG_IDPORTEN_CLIENT_ID", IDPORTEN_CLIENT_ID)
require("DHG_IDPORTEN_CLIENT_SECRET", IDPORTEN_CLIENT_SECRET)
if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
