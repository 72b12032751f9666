"""A clinician's acknowledgement of an alert. Alerts themselves are derived from the card's
entries and never stored (healthcard.clinical.rules); only that a clinician has seen one and
acted is, with who, for which organisation and when."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .card import Card


class AlertAcknowledgement(models.Model):
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="alert_acknowledgements")
    code = models.CharField(_("alert"), max_length=50)
    # The entries the alert was raised on, at their versions ("antenatalAppointments/12/v1
    # ..."): raised again by a new entry or a correction, it is a new alert, seen anew.
    cause = models.CharField(_("based on"), max_length=500)
    at = models.DateTimeField(_("acknowledged"), auto_now_add=True)
    by_name = models.CharField(_("acknowledged by"), max_length=200)
    by_hpr = models.CharField(_("HPR number"), max_length=9, blank=True)
    by_role = models.CharField(_("role"), max_length=100, blank=True)
    org_nr = models.CharField(_("organisation number"), max_length=9, blank=True)
    org_name = models.CharField(_("organisation"), max_length=200, blank=True)
    source_system = models.CharField(_("source system"), max_length=100, blank=True)
    note = models.CharField(_("what was done"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("acknowledged alert")
        verbose_name_plural = _("acknowledged alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["card", "code", "cause"], name="one_acknowledgement_per_alert"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.by_name}, {self.at:%d.%m.%Y})"
