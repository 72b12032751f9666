"""Her ID-porten session around ours. Logging out here ends her ID-porten session too
(OpenID Connect RP-initiated logout, with the ID token as hint), a logout in another service
ends her session here (front-channel logout, by the ID token's sid: portal.services), and
ID-porten speaks the language she chose here (ui_locales)."""

import functools
import logging
from urllib.parse import urlencode

import requests
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

PROVIDER = "idporten"
ID_TOKEN, SID = "idporten_id_token", "idporten_sid"
UI_LOCALES = {"nb": "nb", "nn": "nn", "en": "en"}  # ID-porten also has se (Northern Sami)


class IDPortenAdapter(OpenIDConnectOAuth2Adapter):
    """allauth's, and it keeps the ID token she logged in with: the logout's hint."""

    def complete_login(self, request: HttpRequest, app, token, **kwargs):
        login = super().complete_login(request, app, token, **kwargs)
        raw = kwargs["response"].get("id_token")
        if raw:
            request.session[ID_TOKEN] = raw
            request.session[SID] = login.account.extra_data.get("id_token", {}).get("sid", "")
        return login


@login_not_required
def callback(request: HttpRequest) -> HttpResponse:
    return OAuth2CallbackView.adapter_view(IDPortenAdapter(request, PROVIDER))(request)


def login_params() -> str:
    """The login's extra parameters: ID-porten in her language."""
    return urlencode({"ui_locales": UI_LOCALES.get(get_language(), "nb")})


@functools.cache
def _end_session_endpoint(issuer_url: str) -> str:
    """From ID-porten's discovery document, read once per issuer and process."""
    url = f"{issuer_url}/.well-known/openid-configuration"
    response = requests.get(url, timeout=5)
    response.raise_for_status()
    return response.json().get("end_session_endpoint", "")


def issuer() -> str:
    """ID-porten's issuer, as the login is configured with it."""
    app = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]
    return app["settings"]["server_url"].rstrip("/")


def end_session_form(request: HttpRequest) -> dict | None:
    """What her browser posts to ID-porten to end her session there too, if she came through
    ID-porten: posted, not put in a URL, so that the ID token (which names her) stays out of
    her browser's history. None if ID-porten cannot be asked: she is logged out here only."""
    id_token = request.session.get(ID_TOKEN)
    if not id_token:
        return None
    try:
        endpoint = _end_session_endpoint(issuer())
    except (requests.RequestException, ValueError):
        logger.warning("ID-porten's discovery document could not be read: local logout only")
        return None
    if not endpoint:
        return None
    return {
        "action": endpoint,
        "fields": {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("portal:logged_out")),
            "ui_locales": UI_LOCALES.get(get_language(), "nb"),
        },
    }
