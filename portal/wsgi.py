"""WSGI entry point. Refuses to start when the configuration or database is broken."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()

from portal.checks import fail_fast_on_startup  # noqa: E402  (needs Django set up)

fail_fast_on_startup()
