from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace, csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from healthcard.api.views import UnknownPathApi

from . import idporten, views

portal_patterns = [
    path("", views.home, name="home"),
    path("logg-inn/", views.login, name="login"),
    path("nar-skal-du-ta-kontakt/", views.when_to_call, name="when_to_call"),
    path("personvern/", views.privacy, name="privacy"),
    path("logget-ut/", views.logged_out, name="logged_out"),
]

handler500 = "portal.views.server_error"

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("helsekort/", include("healthcard.urls")),
    path("samtykke/", include("consent.urls")),
    path("varsler/", include("portal.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Citizens log in through ID-porten only, so allauth's password page is not offered.
    path("accounts/login/", RedirectView.as_view(pattern_name="portal:login", query_string=True)),
    # allauth's callback, but one that keeps the ID token for the logout (portal.idporten).
    path("accounts/oidc/idporten/login/callback/", idporten.callback),
    # allauth's logout, but one that ends her ID-porten session too (portal.views.logout).
    path("accounts/logout/", views.logout, name="account_logout"),
    path(
        "idporten/frontchannel-logout/",
        csp_replace({"frame-ancestors": [idporten.issuer()]})(views.idporten_frontchannel_logout),
        name="idporten_frontchannel_logout",
    ),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/maternity-record/v1/", include("healthcard.api.urls")),
    # The API's base without its slash: a problem+json 404, not Django's slash redirect
    # (which cannot keep a POST's body).
    re_path(r"^api/maternity-record(/v1)?$", UnknownPathApi.as_view()),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    *([path("bench/hello/", views.hello)] if settings.DHG_BENCH_REFERENCE else []),
    # ReDoc styles itself at run time and parses in a web worker: this page alone (public
    # documentation, no personal data) allows inline styles and blob: workers.
    path(
        "api/docs/",
        csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api_schema")
        ),
        name="api_docs",
    ),
]
