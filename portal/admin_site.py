"""The administration, where midwives work: only staff who have logged in with a password
and a second factor (TOTP, allauth MFA) get in. Its login page is allauth's, so failed logins
are throttled (ACCOUNT_RATE_LIMITS) and a staff member with an authenticator is asked for a
code; one without is sent to set one up first."""

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.account.views import LoginView
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from healthcard import presenters, selectors


def two_factor_verified(request: HttpRequest) -> bool:
    """Whether this session's login included a second factor."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffLoginView(LoginView):
    template_name = "admin/dhg_login.html"

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), **admin.site.each_context(self.request)}


class DHGAdminSite(admin.AdminSite):
    site_header = gettext_lazy("DHG – digital health card for pregnant women")
    site_title = gettext_lazy("DHG administration")
    index_title = gettext_lazy("Administration")
    enable_nav_sidebar = False

    def index(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        events, still_open = selectors.staff_recent_actions(user=request.user)
        recent = presenters.staff_actions(events, still_open)
        return super().index(request, {**(extra_context or {}), "dhg_recent_actions": recent[:10]})

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and two_factor_verified(request)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        user = request.user
        if self.has_permission(request):
            return redirect(_safe_next(request) or reverse("admin:index"))
        if user.is_authenticated and user.is_staff and user.is_active:
            if not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
                messages.info(
                    request,
                    _("Staff must use two-factor authentication. Set up your authenticator app."),
                )
                return redirect("mfa_activate_totp")
        if user.is_authenticated:
            # Logged in without the second factor, or not staff: start again from the top.
            logout(request)
        return StaffLoginView.as_view()(request)


def _safe_next(request: HttpRequest) -> str:
    url = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


def trust_new_authenticator(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up the authenticator app took a valid code from it: that is this session's
    second factor, so the staff member need not log in again to reach the administration."""
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
