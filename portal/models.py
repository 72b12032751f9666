from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

_ORG_NR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def validate_org_nr(value: str) -> None:
    """A Norwegian organisation number: nine digits, the last a mod-11 check digit."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("An organisation number has nine digits."), code="org_nr")
    remainder = sum(int(d) * w for d, w in zip(value, _ORG_NR_WEIGHTS, strict=False)) % 11
    if (11 - remainder) % 11 != int(value[8]):
        raise ValidationError(_("This is not a valid organisation number."), code="org_nr")


validate_hpr = RegexValidator(
    r"^[0-9]{6,9}$", _("An HPR number has six to nine digits."), code="hpr"
)


class User(AbstractUser):
    """Anyone who logs in: a woman (through ID-porten) or staff (Django account).

    A woman is identified by her national identity number (fødselsnummer or D-number) from
    ID-porten's `pid` claim. It is never shown in URLs or logs; staff have none. Staff who
    work on cards carry what their entries and log lines are signed with: HPR number,
    profession and organisation.
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
    hpr_number = models.CharField(
        _("HPR number"), max_length=9, blank=True, validators=[validate_hpr]
    )
    profession = models.CharField(
        _("profession"), max_length=100, blank=True, help_text=_("For example: Jordmor")
    )
    org_nr = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_org_nr]
    )
    org_name = models.CharField(_("organisation"), max_length=200, blank=True)

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    @property
    def is_herself(self) -> bool:
        return self.national_id is not None


def display_name(user: User) -> str:
    """How allauth names the person in its messages: her name, never the internal username."""
    return user.get_full_name()


class IDPortenSession(models.Model):
    """Which of our sessions belongs to which ID-porten session (the ID token's `sid`).
    ID-porten's front-channel logout names only the sid, and arrives in a frame without our
    session cookie (SameSite), so this is how the right session is found and ended."""

    sid = models.CharField(max_length=255, db_index=True)
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"ID-porten session {self.sid[:8]}…"
