"""All settings, secure by default. Behaviour is switched by environment variables;
local.py, test.py and production.py only adjust a few of them. See .env.example."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "healthcard",
    "consent",
    "portal.notifications",
    "portal.apps.DHGAdminConfig",  # django.contrib.admin with two-factor staff login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.SessionIdleRefreshMiddleware",
    "portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.AccountPagesAreForStaff",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.main_menu",
            ],
        },
    },
]

# The database comes from DATABASE_URL; without it, libpq's PG* variables pick the server.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default="postgres:///dhg",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# The card is read in one query: the record joined to its nine one-to-one sections and her
# consent. Left to search join orders PostgreSQL spent ~30 ms planning it (for 1 ms of work);
# joined in the order written (every join is by a unique key) it plans in ~3 ms. Our queries
# are all of this kind. No JIT either: it compiles for high estimated costs, not real ones.
# Parameters are bound by the server, and a query a connection has run 5 times is prepared:
# PostgreSQL then skips parsing and planning (the card page's queries cost it ~1.2 ms a page
# unprepared, ~0.4 ms prepared). A transaction-pooling proxy (PgBouncer < 1.21) cannot keep
# prepared statements: DHG_DB_PREPARED_STATEMENTS=0 turns them off there.
DATABASES["default"]["OPTIONS"] = {
    "options": "-c jit=off -c join_collapse_limit=1 -c from_collapse_limit=1",
    "server_side_binding": True,
    "prepare_threshold": 5 if env_bool("DHG_DB_PREPARED_STATEMENTS", True) else None,
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "healthcard:card_detail"
LOGOUT_REDIRECT_URL = "portal:home"

# Citizens log in only through ID-porten; staff use Django accounts (see portal/adapters.py).
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "portal.adapters.IDPortenAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_USER_DISPLAY = "portal.models.display_name"
ACCOUNT_LOGOUT_ON_GET = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False
# Staff: a wrong password 5 times in 5 minutes locks that account's logins for the rest of
# the 5 minutes, and an address gets 10 failed logins a minute; the same limit counts wrong
# authenticator codes. The counters live in the cache.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "login": "30/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "DHG"

IDPORTEN_ISSUER = env_str("DHG_IDPORTEN_ISSUER")
IDPORTEN_CLIENT_ID = env_str("DHG_IDPORTEN_CLIENT_ID")
IDPORTEN_CLIENT_SECRET = env_secret("DHG_IDPORTEN_CLIENT_SECRET")
# BankID-level assurance: the card holds special-category health data.
IDPORTEN_ACR = env_str("DHG_IDPORTEN_ACR", "idporten-loa-high")
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "idporten",
                "name": "ID-porten",
                "client_id": IDPORTEN_CLIENT_ID,
                "secret": IDPORTEN_CLIENT_SECRET,
                "settings": {
                    "server_url": IDPORTEN_ISSUER,
                    "token_auth_method": "client_secret_post",
                    "scope": ["openid", "profile"],
                    "auth_params": {"acr_values": IDPORTEN_ACR},  # ui_locales: portal.idporten
                },
            }
        ],
    }
}

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
FORMAT_MODULE_PATH = ["portal.formats"]  # British English dates (portal/formats/en)
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Hardened by default; local.py relaxes what plain-HTTP development needs.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
# One cache per process. "default": rate limits and the layout's fixed fragments. "cards": the
# copies of cards (rendered overviews, record documents: healthcard.copies), keyed by the
# card's version, so never stale; it holds health data, so a withdrawal of consent clears it
# (healthcard.services.erase_card_data). Django's default keeps 300 entries; a rendered card
# is ~30 KB, so 3,000 is ~100 MB at most per process.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "cards": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cards",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    },
}
# The benchmark measures the portal with every cache switched off too (scripts/bench): pages
# must be right without them, and a cache is kept only where the speed goals need it. Never
# in service: the rate limits and the login throttle count in the cache.
if env_bool("DHG_CACHES_OFF", False):
    CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in CACHES}
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Health data: the session ends after 30 minutes without activity.
SESSION_COOKIE_AGE = env_int("DHG_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = True


def content_security_policy(login_server_url: str) -> dict:
    """Only our own scripts, styles and images: no inline script or style anywhere (htmx's
    indicator styles are off, see base.html). Forms may post to us and lead on to ID-porten."""
    login = urlsplit(login_server_url)
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF, "data:"],  # allauth's authenticator QR code is a data: URI
            "object-src": [NONE],
            "base-uri": [NONE],
            "frame-ancestors": [NONE],
            "form-action": [SELF, f"{login.scheme}://{login.netloc}" if login.netloc else SELF],
        }
    }


CONTENT_SECURITY_POLICY = content_security_policy(IDPORTEN_ISSUER)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["healthcard.api.authentication.HelseIDAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["healthcard.api.permissions.HasScope"],
    "DEFAULT_PARSER_CLASSES": ["healthcard.api.parsers.StrictJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["healthcard.api.errors.ProblemJSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["healthcard.api.permissions.ClientRateThrottle"],
    "EXCEPTION_HANDLER": "healthcard.api.errors.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DHG maternity record API",
    "DESCRIPTION": (
        "The clinician API of the digital health card for pregnant women, in the shape of "
        "Norsk helsenett's maternity record. Errors are application/problem+json (RFC 9457)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the presentation code list, used by a consultation's fetal rows and the
    # birth's babies alike.
    "ENUM_NAME_OVERRIDES": {
        "PresentationEnum": "healthcard.models.visits.FetalObservation.Presentation"
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "healthcard.api.schema.add_components",  # the record's response shapes
    ],
    "TAGS": [
        {"name": "Record", "description": "Consent status, opening and reading the record"},
        {"name": "Sections", "description": "Singleton sections, replaced whole (PUT)"},
        {"name": "Lists", "description": "Entries added to the record's lists (POST)"},
        {"name": "Corrections", "description": "Correcting and retracting entries"},
        {"name": "Batch", "description": "Several writes in one transaction"},
    ],
    "REDOC_DIST": "SIDECAR",  # served from our static files: nothing from the internet
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DHG_LOG_LEVEL", "INFO")},
}

# scripts/bench's reference view (/bench/hello/); never on in service.
# Who answers for her personal data (GDPR art. 13), named on the privacy page. The 2024 mandate
# makes Norsk helsenett SF responsible for running and managing the national card.
DHG_DATA_CONTROLLER = env_str("DHG_DATA_CONTROLLER", "Norsk helsenett SF")
DHG_DATA_CONTROLLER_ORG_NR = env_str("DHG_DATA_CONTROLLER_ORG_NR", "994598759")
DHG_PRIVACY_CONTACT_EMAIL = env_str("DHG_PRIVACY_CONTACT_EMAIL", "personvernombud@nhn.no")
DHG_BENCH_REFERENCE = env_bool("DHG_BENCH_REFERENCE", False)

# Synthetic test identities (month + 40/80) are accepted only outside production.
DHG_ALLOW_SYNTHETIC_NIN = env_bool("DHG_ALLOW_SYNTHETIC_NIN", False)

# Clinician API: HelseID-style access tokens (see healthcard/api/authentication.py).
DHG_API_ISSUER = env_str("DHG_API_ISSUER")
DHG_API_AUDIENCE = env_str("DHG_API_AUDIENCE", "nhn:maternity-record")
DHG_API_JWKS_URL = env_str("DHG_API_JWKS_URL")
DHG_API_JWKS_FILE = env_str("DHG_API_JWKS_FILE")
DHG_API_DEV_KEY_FILE = ""  # development only: local.py
DHG_API_DEV_JWKS = ""  # ditto: what gives the development key's public JWKS
DHG_RELEASE = env_str("DHG_RELEASE")  # names the release in cache keys (portal.release)
DHG_API_RATE = env_str("DHG_API_RATE", "1200/min")
# Requests without a valid token, per address: probing, not a record system at work.
DHG_API_ANONYMOUS_RATE = env_str("DHG_API_ANONYMOUS_RATE", "60/min")
# HelseID's access tokens live an hour at most; anything longer is not one of them.
DHG_API_MAX_TOKEN_LIFETIME = env_int("DHG_API_MAX_TOKEN_LIFETIME", 3600)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DHG_MAX_BODY_BYTES", 1024 * 1024)

# Notifications (portal.notifications): e-mail by SMTP, SMS through an HTTP gateway; the
# worker is `manage.py send_notifications --loop`. Messages carry no health information.
DHG_SITE_URL = env_str("DHG_SITE_URL", "https://helsekort.helsenorge.no")
DHG_MAIL_DOMAIN = env_str("DHG_MAIL_DOMAIN", "helsekort.helsenorge.no")  # in Message-IDs
DEFAULT_FROM_EMAIL = env_str("DHG_MAIL_FROM", "Helsekortet <ikke-svar@helsekort.helsenorge.no>")
EMAIL_BACKEND = env_str("DHG_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("DHG_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("DHG_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("DHG_SMTP_USER")
EMAIL_HOST_PASSWORD = env_secret("DHG_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("DHG_SMTP_TLS", False)
EMAIL_TIMEOUT = 10
DHG_SMS_URL = env_str("DHG_SMS_URL")  # empty: SMS is not offered
DHG_SMS_TOKEN = env_secret("DHG_SMS_TOKEN")
DHG_SMS_SENDER = env_str("DHG_SMS_SENDER", "Helsekort")
