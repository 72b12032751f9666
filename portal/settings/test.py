"""Test settings: the local settings with fast password hashing."""

from .local import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests read static files through the finders; no collectstatic manifest needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests probe the API anonymously hundreds of times from one address; the throttle's own
# test sets a small budget.
DHG_API_ANONYMOUS_RATE = "100000/min"
