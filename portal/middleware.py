import time
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control


class LanguageMiddleware:
    """Bokmål unless the person chose another language with the language switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Norwegian
    public service speaks bokmål first, and the page must not change language by itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionIdleRefreshMiddleware:
    """Keep an active session alive, but write it at most once a minute.

    The session expires SESSION_COOKIE_AGE after it was last saved, which makes that setting
    an idle timeout. Saving on every request (SESSION_SAVE_EVERY_REQUEST) would cost a
    database write per page; a minute's precision on a 30-minute timeout costs nothing.
    """

    REFRESH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and not session.modified:
            now = int(time.time())
            if now - session.get("_refreshed", 0) >= self.REFRESH_SECONDS:
                session["_refreshed"] = now
        return response


class PrivateResponsesMiddleware:
    """Nothing we answer is stored by a browser, a proxy or a shared computer's cache: the
    card, her consent, the API's documents are health data (Cache-Control: no-store), unless
    a view has said otherwise. Static files are served before this (WhiteNoise) and keep their
    long caching. And no page may use the camera, microphone, location or payment APIs."""

    PERMISSIONS_POLICY = (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "browsing-topics=(), interest-cohort=()"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response:
            patch_cache_control(response, no_store=True, private=True)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        return response


class AccountPagesAreForStaff:
    """allauth's account pages (e-mail addresses, passwords, two-factor, linked logins) are
    for staff. A woman logs in with ID-porten and has none of those: to her they do not exist
    (she could otherwise unlink her ID-porten login or add an e-mail address to her user)."""

    HERS = (
        "/accounts/oidc/",
        "/accounts/logout/",
        "/accounts/login/",
        "/accounts/inactive/",
        "/accounts/3rdparty/login/",
        "/accounts/social/login/",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if (
            path.startswith("/accounts/")
            and not path.startswith(self.HERS)
            and getattr(request.user, "is_herself", False)
        ):
            raise Http404
        return self.get_response(request)
