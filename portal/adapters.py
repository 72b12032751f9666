"""allauth adapters: citizens come only through ID-porten; nobody signs up locally.

The woman is identified by the `pid` claim (her national identity number), not by the
pairwise `sub`: a user is found or created from it, and the login is refused when the
claim is missing or invalid, or when ID-porten did not reach the assurance level asked for.
"""

import logging
import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import User
from .nin import is_valid_nin

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Staff accounts are created by an administrator; citizens arrive through ID-porten.
        return False

    def get_login_redirect_url(self, request) -> str:
        if request.user.is_staff:
            return reverse("admin:index")
        return super().get_login_redirect_url(request)


def _claims(sociallogin) -> dict:
    data = sociallogin.account.extra_data
    # acr and pid are asserted in the signed ID token; prefer it over userinfo.
    return {**data.get("userinfo", {}), **data.get("id_token", {})}


def _full_name(claims: dict) -> str:
    given, family = claims.get("given_name", ""), claims.get("family_name", "")
    return claims.get("name") or f"{given} {family}".strip()


def _refuse(request, reason: str):
    logger.warning("ID-porten login refused: %s", reason)
    return ImmediateHttpResponse(
        render(request, "portal/login_refused.html", {"reason": reason}, status=403)
    )


class IDPortenAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True

    def pre_social_login(self, request, sociallogin) -> None:
        claims = _claims(sociallogin)
        pid = str(claims.get("pid", ""))
        if not is_valid_nin(pid, allow_synthetic=settings.DHG_ALLOW_SYNTHETIC_NIN):
            raise _refuse(request, _("ID-porten did not give us a valid national identity number."))
        if settings.IDPORTEN_ACR and claims.get("acr") != settings.IDPORTEN_ACR:
            raise _refuse(request, _("The login did not have a high enough security level."))

        if sociallogin.is_existing:
            user = sociallogin.user
            if user.national_id != pid:
                raise _refuse(request, _("This ID-porten account belongs to another person."))
        else:
            user = User.objects.filter(national_id=pid).first()
            if user is not None:
                sociallogin.connect(request, user)
        if user is not None and user.full_name != _full_name(claims):
            user.full_name = _full_name(claims)
            user.save(update_fields=["full_name"])

    def populate_user(self, request, sociallogin, data):
        claims = _claims(sociallogin)
        user = sociallogin.user
        # The username is never shown and carries nothing that identifies her.
        user.username = f"citizen-{secrets.token_hex(8)}"
        user.national_id = str(claims.get("pid", ""))  # validated in pre_social_login
        user.full_name = _full_name(claims)
        user.first_name = claims.get("given_name", "")
        user.last_name = claims.get("family_name", "")
        return user
