import copy
import os
import re
import shutil

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from oidc_provider_mock import User as OIDCUser
from oidc_provider_mock import run_server_in_thread
from rest_framework.test import APIClient

from consent.services import give_consent
from healthcard.api.devkey import mint_token
from portal.demo import DEMO_WOMEN
from portal.models import User
from portal.settings.base import content_security_policy

# pytest-playwright's sync API runs an event loop in the test thread; Django's ORM must be
# allowed there for the live_server tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
]

API = "/api/maternity-record/v1/"  # the clinician API's base URL
KARI = DEMO_WOMEN[1]
INGRID = DEMO_WOMEN[0]
ACR = "idporten-loa-high"
# People the ID-porten stand-in can log in; the last two are deliberately broken.
NO_PID = OIDCUser(sub="no-pid", claims={"acr": ACR, "name": "Uten Fødselsnummer"})
LOW_ACR = OIDCUser(sub="low-acr", claims={**INGRID.claims("idporten-loa-substantial")})


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters, card copies and the like must not leak from one test into the
    next."""
    for alias in django_settings.CACHES:
        caches[alias].clear()
    yield
    for alias in django_settings.CACHES:
        caches[alias].clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def oidc_server():
    users = [OIDCUser(sub=w.sub, claims=w.claims(ACR)) for w in DEMO_WOMEN] + [NO_PID, LOW_ACR]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def idporten(settings, oidc_server):
    """Point the ID-porten login at the in-process OpenID Connect provider."""
    providers = copy.deepcopy(django_settings.SOCIALACCOUNT_PROVIDERS)
    providers["openid_connect"]["APPS"][0]["settings"]["server_url"] = oidc_server
    settings.SOCIALACCOUNT_PROVIDERS = providers
    settings.IDPORTEN_ACR = ACR
    settings.CONTENT_SECURITY_POLICY = content_security_policy(oidc_server)
    return oidc_server


@pytest.fixture
def kari(db):
    """Kari, who has consented to the digital card."""
    kari = User.objects.create(username="citizen-kari", national_id=KARI.nin, full_name=KARI.name)
    give_consent(woman=kari)
    return kari


@pytest.fixture
def epj_client(db):
    """A record system's client calling about a woman (a Bearer token with every scope, her
    number in nhn-patient-nin): epj_client(kari), or epj_client(kari, org_nr=...) for
    another organisation's token."""

    def client_for(woman, source_system: str = "Test EPJ", **claims) -> APIClient:
        client = APIClient()
        client.credentials(
            HTTP_AUTHORIZATION=f"Bearer {mint_token(**claims)}",
            HTTP_NHN_PATIENT_NIN=woman.national_id,
            HTTP_NHN_SOURCE_SYSTEM=source_system,
        )
        return client

    return client_for


@pytest.fixture
def ingrid(db):
    """Ingrid, who has not (yet) consented."""
    return User.objects.create(
        username="citizen-ingrid", national_id=INGRID.nin, full_name=INGRID.name
    )


@pytest.fixture
def kari_client(client, kari):
    client.force_login(kari)
    return client


@pytest.fixture
def page(page, live_server):
    """A browser page that may reach nothing on the internet (the ID-porten stand-in's own
    pages link a CDN stylesheet) and that fails its test if our Content-Security-Policy
    blocked anything on our pages."""
    page.route(re.compile(r"^https://"), lambda route: route.abort())
    blocked = []

    def on_console(message):
        # Something from the internet being refused (ReDoc's logo) is the policy working.
        external = "'https://" in message.text
        if (
            "Content Security Policy" in message.text
            and not external
            and live_server.url in page.url
        ):
            blocked.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    yield page
    assert blocked == []


@pytest.fixture
def logged_in_page(page, live_server, kari, client):
    """A browser page with Kari's session, for pages other than the login journey itself."""
    client.force_login(kari)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


MIDWIFE_TOTP_SECRET = "JBSWY3DPEHPK3PXPMIDWIFETESTAAAAA"


@pytest.fixture
def midwife(db):
    """A midwife in the "Jordmor" group, with her signature and an authenticator app."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from healthcard.apps import MIDWIFE_GROUP

    user = User.objects.create_user(
        "jorunn",
        password="jorunn-long-password-1",
        full_name="Jorunn Jordmor",
        is_staff=True,
        hpr_number="9144900",
        profession="Jordmor",
        org_nr="974589095",
        org_name="Oslo kommune, Helsestasjon Frogner",
    )
    user.groups.add(Group.objects.get(name=MIDWIFE_GROUP))
    TOTP.activate(user, MIDWIFE_TOTP_SECRET)
    return user


def log_in_with_second_factor(client, user) -> None:
    """What a password plus an authenticator code leave in the session (see the login test
    for the real journey)."""
    client.force_login(user)
    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [
        {"method": "password", "at": 0, "username": user.username},
        {"method": "mfa", "at": 0, "type": "totp"},
    ]
    session.save()


@pytest.fixture
def midwife_client(client, midwife):
    log_in_with_second_factor(client, midwife)
    return client
