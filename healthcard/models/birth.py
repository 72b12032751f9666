"""The birth: her wishes for it and each baby's status."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .card import Entry, Section, not_after_now, within


class BirthWishes(Section):
    """The woman's own part of the card: her wishes for the birth and questions."""

    wishes = models.TextField(_("wishes for the birth"), blank=True)
    questions = models.TextField(_("questions for the midwife"), blank=True)

    class Meta:
        verbose_name = _("birth wishes")
        verbose_name_plural = _("birth wishes")


class BirthOutcome(Entry):
    class Outcome(models.TextChoices):
        LIVE_BIRTH = "live_birth", _("Born alive")
        STILLBIRTH = "stillbirth", _("Stillborn")

    fetus = models.PositiveSmallIntegerField(_("fetus"), default=1, validators=within(1, 6))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome)
    born_at = models.DateTimeField(_("time of birth"), validators=[not_after_now])

    class Meta:
        verbose_name = _("birth status")
        verbose_name_plural = _("birth status")
        ordering = ["fetus"]
