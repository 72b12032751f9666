"""Consent events: the append-only history of a woman giving and withdrawing consent to the
digital health card. Current consent is her latest event. Events are never changed or
deleted, by the ORM (below) or by SQL (a trigger, see the migrations)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Consent events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Consent events cannot be deleted.")

    def latest_of(self, woman):
        """Her events, the latest first: the first is her consent now. woman may be an
        OuterRef, for other apps' queries that learn her consent with their own rows."""
        return self.filter(woman=woman).order_by("-created_at")


class ConsentEvent(models.Model):
    class Kind(models.TextChoices):
        GIVEN = "given", _("Consent given")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("The health card portal")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consent_events",
        verbose_name=_("woman"),
    )
    kind = models.CharField(_("event"), max_length=10, choices=Kind)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.PORTAL)
    text_version = models.CharField(_("consent text version"), max_length=20, blank=True)
    text_fingerprint = models.CharField(
        _("consent text fingerprint (SHA-256)"), max_length=64, blank=True
    )
    language = models.CharField(_("language shown"), max_length=5, blank=True)
    reason = models.TextField(_("reason given"), blank=True)
    # Counts of what a withdrawal erased: her receipt, and no health data.
    erased = models.JSONField(_("erased"), default=dict, blank=True)
    # The form's one-time id: a retried submission finds its first event instead of a new one.
    submission_id = models.UUIDField(_("submission"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["woman", "submission_id"], name="one_event_per_submission"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d.%m.%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Consent events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Consent events cannot be deleted.")
