from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Anyone who logs in: a woman (through ID-porten) or staff (Django account).

    A woman is identified by her national identity number (fødselsnummer or D-number) from
    ID-porten's `pid` claim. It is never shown in URLs or logs; staff have none.
    """

    national_id = models.CharField(
        _("national identity number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    @property
    def is_citizen(self) -> bool:
        return self.national_id is not None


def display_name(user: User) -> str:
    """How allauth names the person in its messages: her name, never the internal username."""
    return user.get_full_name()
