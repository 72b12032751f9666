"""The woman's consent pages: give, withdraw (with its receipt) and the history."""

import datetime
import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from . import erasure, texts
from .forms import GiveConsentForm, WithdrawConsentForm
from .models import ConsentEvent
from .selectors import current_consent, get_consent_event, list_consent_events
from .services import ConsentRequired, give_consent, withdraw_consent


def _text() -> dict:
    return texts.consent_text(texts.CURRENT_VERSION, get_language())


@login_required
@require_safe
def consent_settings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consent/consent_settings.html",
        {
            "consent": current_consent(woman=request.user),
            "events": list_consent_events(woman=request.user),
            "form": GiveConsentForm(),
            "text": _text(),
        },
    )


@login_required
@require_POST
@vary_on_headers("HX-Request")
def consent_give(request: HttpRequest) -> HttpResponse:
    form = GiveConsentForm(request.POST)
    if not form.is_valid():
        return render(
            request, "consent/partials/_give_form.html", {"form": form, "text": _text()}, status=422
        )
    give_consent(
        woman=request.user,
        language=get_language(),
        submission_id=form.cleaned_data["submission_id"],
    )
    if request.htmx:
        return render(
            request,
            "consent/partials/_consent_given.html",
            {"consent": current_consent(woman=request.user)},
        )
    return redirect("healthcard:card_detail")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def consent_withdraw(request: HttpRequest) -> HttpResponse:
    """Tells her what happens, offers the download first, and withdraws on confirmation."""
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = withdraw_consent(
                woman=request.user,
                reason=form.cleaned_data["reason"],
                submission_id=form.cleaned_data["submission_id"],
            )
        except ConsentRequired:  # nothing to withdraw
            return redirect("consent:settings")
        return redirect("consent:receipt", event_id=event.pk)
    consent = current_consent(woman=request.user)
    if consent is None or consent.kind != ConsentEvent.Kind.GIVEN:
        return redirect("consent:settings")
    return render(
        request,
        "consent/consent_withdraw.html",
        {
            "form": form,
            "copies": erasure.copies_to_keep(woman=request.user),
        },
        status=422 if form.is_bound else 200,
    )


@require_safe
def consent_text_version(request: HttpRequest, version: str) -> HttpResponse:
    """Any published consent text, word for word: she can re-read what she agreed to."""
    if version not in texts.TEXTS:
        raise Http404
    language = get_language()
    return render(
        request,
        "consent/consent_text.html",
        {
            "version": version,
            "published_on": datetime.date.fromisoformat(texts.PUBLISHED_ON[version]),
            "is_current": version == texts.CURRENT_VERSION,
            "text": texts.consent_text(version, language),
            "shown_in_bokmal": language not in texts.languages_of(version),
        },
    )


@login_required
@require_safe
def consent_receipt(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = get_consent_event(woman=request.user, event_id=event_id)
    if event is None or event.kind != ConsentEvent.Kind.WITHDRAWN:
        raise Http404
    return render(request, "consent/consent_receipt.html", {"event": event})
