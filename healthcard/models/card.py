"""The card and what every part of it shares: its provenance, the section and entry
bases, and the field helpers (bounds, three-state booleans, notes)."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VOLVEN = "urn:oid:2.16.578.1.12.4.1.1"  # Volven code systems are <VOLVEN>.<kodeverk>
NLK = "urn:oid:2.16.578.1.12.4.1.1.7280"  # Norsk laboratoriekodeverk


def within(low, high) -> list:
    """Validators for a measurement's plausible range (the API checks the same ranges)."""
    return [MinValueValidator(low), MaxValueValidator(high)]


def not_in_future(value) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date is after today."), code="future")


def not_after_now(value) -> None:
    if value > timezone.now():
        raise ValidationError(_("The time is in the future."), code="future")


NOTE_LENGTH = 4000
PHONE = RegexValidator(r"^\+?[0-9 ]{8,20}$", _("The value has the wrong format."))


def note_field() -> models.TextField:
    return models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)


def tristate(verbose_name: str) -> models.BooleanField:
    """A yes/no the card may also leave unrecorded (None)."""
    return models.BooleanField(verbose_name, null=True, blank=True, default=None)


class Card(models.Model):
    """One pregnancy's card (the API's "record")."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DELIVERED = "delivered", _("Delivered")
        TERMINATED = "terminated", _("Ended")
        CLOSED = "closed", _("Closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cards",
        verbose_name=_("woman"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    delivery_date = models.DateField(_("delivery date"), null=True, blank=True)
    live_birth = tristate(_("live birth"))
    termination_date = models.DateField(_("date ended"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by_name = models.CharField(_("closed by"), max_length=200, blank=True)
    closed_by_org_name = models.CharField(_("closed by (organisation)"), max_length=200, blank=True)
    # What was carried over from her previous card when this one was opened (lifecycle.py).
    carried_over_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried over from"),
    )
    carried_over = ArrayField(
        models.CharField(max_length=40), default=list, blank=True, verbose_name=_("carried over")
    )

    class Meta:
        verbose_name = _("health card")
        verbose_name_plural = _("health cards")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["woman"],
                condition=Q(status="active"),
                name="one_active_pregnancy_per_woman",
                violation_error_message=_("The woman already has an active health card."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.woman.get_full_name()} – {self.created_at:%Y-%m-%d}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def ended_on(self):
        """The day the pregnancy ended (a birth, or an early end), if it has."""
        return self.delivery_date or self.termination_date


class Provenance(models.Model):
    """Who recorded a section row, and whether it was retracted: the card's signature column."""

    class UserType(models.TextChoices):
        HEALTH_PERSONNEL = "health_personnel", _("Health personnel")
        WOMAN = "citizen", _("The woman herself")  # "citizen": NHN's userType value

    recorded_at = models.DateTimeField(_("recorded"))
    recorded_by_type = models.CharField(_("recorded by (type)"), max_length=20, choices=UserType)
    recorded_by_name = models.CharField(_("recorded by"), max_length=200)
    recorded_by_hpr = models.CharField(_("HPR number"), max_length=9, blank=True)
    recorded_by_role = models.CharField(_("role"), max_length=100, blank=True)
    org_nr = models.CharField(_("organisation number"), max_length=9, blank=True)
    org_name = models.CharField(_("organisation"), max_length=200, blank=True)
    source_system = models.CharField(_("source system"), max_length=100, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    entered_in_error = models.BooleanField(_("entered in error"), default=False)
    retracted_at = models.DateTimeField(_("retracted"), null=True, blank=True)
    retracted_by_name = models.CharField(_("retracted by"), max_length=200, blank=True)
    retracted_by_org_name = models.CharField(
        _("retracted by (organisation)"), max_length=200, blank=True
    )
    retraction_reason = models.CharField(_("why it was retracted"), max_length=500, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} ({self.recorded_at:%d.%m.%Y})"


class Section(Provenance):
    """A singleton section of the card."""

    card = models.OneToOneField(
        Card, on_delete=models.CASCADE, related_name="%(class)s", verbose_name=_("card")
    )

    class Meta:
        abstract = True


class BloodPressure(models.Model):
    """A blood pressure, both numbers or neither, the systolic the higher."""

    systolic = models.PositiveSmallIntegerField(
        _("systolic (mmHg)"), null=True, blank=True, validators=within(50, 260)
    )
    diastolic = models.PositiveSmallIntegerField(
        _("diastolic (mmHg)"), null=True, blank=True, validators=within(20, 180)
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        if (self.systolic is None) != (self.diastolic is None):
            raise ValidationError(
                _("Give both the systolic and the diastolic pressure."), code="blood_pressure"
            )
        if self.systolic is not None and self.systolic <= self.diastolic:
            raise ValidationError(
                {"systolic": _("Systolic must be higher than diastolic.")}, code="blood_pressure"
            )


class Entry(Provenance):
    """A list entry of the card (consultation, lab result, ...)."""

    card = models.ForeignKey(
        Card, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("card")
    )
    # Why the entry was last corrected, as the corrector told her (the version before is
    # kept as an EntryRevision); empty for an entry as first recorded.
    change_reason = models.CharField(_("why it was changed"), max_length=500, blank=True)

    class Meta:
        abstract = True
