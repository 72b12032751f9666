"""Varsler: what she wants to be told, by e-mail or SMS, and the confirmation of each address
with a code. Only with her consent: without it nothing about her is stored."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consent.selectors import has_active_consent

from . import services
from .forms import ChoicesForm, CodeForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    woman = request.user
    if not has_active_consent(woman=woman):
        return redirect("healthcard:card_detail")  # which asks for her consent first
    action = request.POST.get("action") if request.method == "POST" else None
    points = services.contact_points_of(woman=woman)
    choice = services.choice_of(woman=woman)
    channels = services.channels_offered()
    initial = {
        "topics": choice.topics if choice else [],
        **{channel: point.address for channel, point in points.items()},
    }
    form = ChoicesForm(
        request.POST if action == "save" else None, channels=channels, initial=initial
    )
    code_form = CodeForm(request.POST if action == "confirm" else None)
    status = 200
    if action == "save":
        if form.is_valid():
            _save(woman, form, points)
            messages.success(request, _("Your choices are saved."))
            return redirect("notifications:settings")
        status = 422
    elif action == "confirm":
        if code_form.is_valid() and code_form.cleaned_data["channel"] in points:
            try:
                confirmed = services.confirm(
                    woman=woman,
                    channel=code_form.cleaned_data["channel"],
                    code=code_form.cleaned_data["code"],
                )
            except services.CodeSpent as spent:
                code_form.add_error(
                    "code",
                    _("Too many wrong codes. Ask for a new one.")
                    if spent.used_up
                    else _("The code has expired. Ask for a new one."),
                )
            else:
                if confirmed:
                    messages.success(request, _("Confirmed. You will be told here."))
                    return redirect("notifications:settings")
                code_form.add_error("code", _("The code is wrong. Check it and try again."))
        status = 422
    elif action in ("resend", "remove") and request.POST.get("channel") in points:
        channel = request.POST["channel"]
        if action == "remove":
            services.remove_contact(woman=woman, channel=channel)
            messages.success(request, _("Removed."))
        else:
            try:
                services.send_code(point=points[channel], language=get_language())
                messages.success(request, _("A new code is on its way."))
            except services.CodeTooSoon:
                messages.error(request, _("Wait a minute before asking for a new code."))
        return redirect("notifications:settings")
    context = {
        "form": form,
        "code_form": code_form,
        "points": points,
        "waiting": [p for p in points.values() if not p.is_verified],
    }
    return render(request, "portal/notifications.html", context, status=status)


def _save(woman, form: ChoicesForm, points: dict) -> None:
    services.save_choice(woman=woman, topics=form.cleaned_data["topics"], language=get_language())
    for channel in ("email", "sms"):
        if channel not in form.fields:
            continue
        address = form.cleaned_data[channel]
        if address:  # a new address gets a code; the same one again changes nothing
            services.set_contact(
                woman=woman, channel=channel, address=address, language=get_language()
            )
        elif channel in points:
            services.remove_contact(woman=woman, channel=channel)
