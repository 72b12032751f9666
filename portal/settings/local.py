"""Development and demo on http://127.0.0.1:8000 with the local ID-porten stand-in."""

from .base import *  # noqa: F403
from .env import env_bool, env_secret, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_secret(
    "DJANGO_SECRET_KEY", "local-development-key-not-for-production-use-0123456789"
)

# Plain HTTP on loopback: no TLS redirect, no secure-only cookies.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

IDPORTEN_ISSUER = env_str("DHG_IDPORTEN_ISSUER", "http://127.0.0.1:9400")
IDPORTEN_CLIENT_ID = env_str("DHG_IDPORTEN_CLIENT_ID", "dhg-local")
IDPORTEN_CLIENT_SECRET = env_secret("DHG_IDPORTEN_CLIENT_SECRET", "dhg-local-secret")
_idporten = SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]  # noqa: F405
_idporten.update(client_id=IDPORTEN_CLIENT_ID, secret=IDPORTEN_CLIENT_SECRET)
_idporten["settings"]["server_url"] = IDPORTEN_ISSUER
CONTENT_SECURITY_POLICY = content_security_policy(IDPORTEN_ISSUER)  # noqa: F405

DHG_ALLOW_SYNTHETIC_NIN = env_bool("DHG_ALLOW_SYNTHETIC_NIN", True)

# Tokens for the clinician API are signed with a local key (python manage.py mint_token).
DHG_API_ISSUER = env_str("DHG_API_ISSUER", "https://dhg.local/dev-issuer")
DHG_API_DEV_JWKS = "healthcard.api.devkey.public_jwks"
DHG_API_DEV_KEY_FILE = env_str("DHG_API_DEV_KEY_FILE", str(BASE_DIR / "var" / "api-dev-key.pem"))  # noqa: F405

# The demo's e-mail is written to the terminal (Django's console backend), by the worker
# scripts/demo starts; SMS is offered only with a gateway (DHG_SMS_URL).
EMAIL_BACKEND = env_str("DHG_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DHG_SITE_URL = env_str("DHG_SITE_URL", "http://127.0.0.1:8000")
