from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal and accounts")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import checks  # noqa: F401  (registers the start-up checks)
        from .admin_site import trust_new_authenticator

        authenticator_added.connect(trust_new_authenticator)
        user_logged_in.connect(_tie_to_idporten_session)
        user_logged_out.connect(_untie_from_idporten_session)


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


def _tie_to_idporten_session(sender, request, user, **kwargs) -> None:
    from .idporten import SID
    from .services import tie_to_idporten_session

    sid = request.session.get(SID) if request is not None else None
    if sid:
        tie_to_idporten_session(sid=sid, session_key=request.session.session_key)


def _untie_from_idporten_session(sender, request, user, **kwargs) -> None:
    from .services import untie_from_idporten_session

    if request is not None:
        untie_from_idporten_session(session_key=request.session.session_key)
