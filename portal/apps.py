from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal and accounts")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from . import checks  # noqa: F401  (registers the start-up checks)
        from .admin_site import trust_new_authenticator

        authenticator_added.connect(trust_new_authenticator)


class DHGAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the site that asks staff for a second factor."""

    default = False  # not this module's default: that is PortalConfig

    def ready(self) -> None:
        super().ready()  # every app's admin module is registered now
        from allauth.account.models import EmailAddress
        from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
        from django.contrib import admin

        # allauth's own pages would list the women's ID-porten accounts (their claims hold
        # the national identity number) without logging; e-mail addresses are not used.
        for model in (SocialAccount, SocialToken, SocialApp, EmailAddress):
            if admin.site.is_registered(model):
                admin.site.unregister(model)

    default_site = "portal.admin_site.DHGAdminSite"
