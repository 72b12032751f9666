from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

portal_patterns = [
    path("", views.home, name="home"),
    path("logg-inn/", views.login, name="login"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("helsekort/", include("healthcard.urls")),
    path("samtykke/", include("consent.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Citizens log in through ID-porten only, so allauth's password page is not offered.
    path("accounts/login/", RedirectView.as_view(pattern_name="portal:login", query_string=True)),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
