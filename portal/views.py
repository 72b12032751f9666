import sys

from django.conf import settings
from django.contrib import auth, messages
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST, require_safe

from consent.texts import CURRENT_VERSION
from healthcard.idempotency import REPLY_LIFETIME
from healthcard.lifecycle import CLOSE_AFTER

from . import idporten
from .services import end_idporten_session


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@require_safe
def when_to_call(request: HttpRequest) -> HttpResponse:
    """The danger signs, and whom to call: open to anyone, logged in or not."""
    return render(request, "portal/when_to_call.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """What is stored about her, why, for how long, who sees it, and her rights."""
    return render(
        request,
        "portal/privacy.html",
        {
            "controller": settings.DHG_DATA_CONTROLLER,
            "controller_org_nr": settings.DHG_DATA_CONTROLLER_ORG_NR,
            "contact_email": settings.DHG_PRIVACY_CONTACT_EMAIL,
            "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
            "close_after_weeks": CLOSE_AFTER.days // 7,
            "reply_hours": int(REPLY_LIFETIME.total_seconds() // 3600),
            "consent_version": CURRENT_VERSION,
        },
    )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Ends her session here; if she came through ID-porten, her browser then posts to
    ID-porten to end that session too (RP-initiated logout), which sends her to logged_out."""
    end_session = idporten.end_session_form(request)  # read before the session ends
    auth.logout(request)
    if end_session is None:
        messages.success(request, _("You are logged out."))
        return redirect(settings.LOGOUT_REDIRECT_URL)
    return render(request, "portal/idporten_logout.html", {"end_session": end_session})


@require_safe
def logged_out(request: HttpRequest) -> HttpResponse:
    """Where ID-porten sends her back once her ID-porten session has ended too."""
    if request.user.is_authenticated:  # not logged out after all: nothing to tell her here
        return redirect("healthcard:card_detail")
    return render(request, "portal/logged_out.html")


@require_safe
@xframe_options_exempt
def idporten_frontchannel_logout(request: HttpRequest) -> HttpResponse:
    """ID-porten loads this in a frame when she logs out in another service: her session here
    ends too. It names her ID-porten session (sid) and itself (iss), and nothing else."""
    if request.GET.get("iss", "").rstrip("/") != idporten.issuer() or not request.GET.get("sid"):
        return HttpResponse(
            "iss must be ID-porten's issuer, and sid is required",
            status=400,
            content_type="text/plain",
        )
    end_idporten_session(sid=request.GET["sid"])
    return HttpResponse("", content_type="text/plain")


@require_safe
def login(request: HttpRequest) -> HttpResponse:
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=False):
        next_url = ""
    if request.user.is_authenticated:
        return redirect(next_url or "healthcard:card_detail")
    return render(
        request, "portal/login.html", {"next": next_url, "auth_params": idporten.login_params()}
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


def hello(request: HttpRequest) -> HttpResponse:
    """The benchmark's reference: a plain answer through every middleware (only where
    DHG_BENCH_REFERENCE is on)."""
    return HttpResponse(b"Hello, world!", content_type="text/plain")


RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500. When the database is away, the request did nothing and can be retried:
    that is a 503 with Retry-After (a record system's retry with the same idempotency key is
    then answered exactly once), not a 500. Rendered without the request context: no user,
    no session, nothing that could need the database again."""
    error = sys.exc_info()[1]
    unavailable = isinstance(error, (OperationalError, InterfaceError))
    if request.path.startswith("/api/"):  # a record system reads problem+json, never HTML
        response = (
            _problem(503, "The database is not reachable. Nothing was stored; retry later.")
            if unavailable
            else _problem(
                500, "Something went wrong on our side. Nothing was stored; the error is logged."
            )
        )
    elif unavailable:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    else:
        return HttpResponseServerError(loader.render_to_string("500.html"))
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _problem(status: int, detail: str) -> JsonResponse:
    slug, title = {
        500: ("server-error", "Internal server error"),
        503: ("unavailable", "Service unavailable"),
    }[status]
    return JsonResponse(
        {
            "type": f"https://dhg.example.no/problems/{slug}",
            "title": title,
            "status": status,
            "detail": detail,
        },
        status=status,
        content_type="application/problem+json",
    )
