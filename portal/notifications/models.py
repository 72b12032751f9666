"""Her notification choices, her verified contact details, and the outbox.

A message says only that there is something new ("Du har noe nytt i helsekortet ditt"),
never what: no health information leaves the portal by e-mail or SMS. Every message is
written to the outbox in the same transaction as the change that causes it, and sent by the
worker (worker.py) with retries; all of it is erased with her card when she withdraws."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Topic(models.TextChoices):
    NEW_ON_CARD = "new_on_card", _("A midwife or doctor has written on my card")
    ANSWER = "answer", _("My question has been answered")
    REMINDER = "reminder", _("A reminder the day before an appointment")
    VERIFY = "verify", _("A code to confirm my contact details")


class NotificationChoice(models.Model):
    """What she wants to be told, in which language."""

    woman = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_choice"
    )
    topics = models.JSONField(_("topics"), default=list)  # Topic values she chose
    language = models.CharField(_("language"), max_length=8, default="nb")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification choice")
        verbose_name_plural = _("notification choices")

    def __str__(self) -> str:
        return f"notification choice {self.pk}"


class ContactPoint(models.Model):
    """Her e-mail address or mobile number; used only once she has confirmed it with the
    code sent to it."""

    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_points"
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel)
    address = models.CharField(_("address"), max_length=254)
    verified_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")
        constraints = [
            models.UniqueConstraint(fields=["woman", "channel"], name="one_address_per_channel")
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.pk}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class OutboxMessage(models.Model):
    """A message waiting to be sent, or sent. dedupe_key makes a notification that may be
    caused many times (a visit's many writes) one message."""

    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox_messages"
    )
    channel = models.CharField(max_length=8, choices=Channel)
    address = models.CharField(max_length=254)
    topic = models.CharField(max_length=16, choices=Topic)
    language = models.CharField(max_length=8, default="nb")
    code = models.CharField(max_length=8, blank=True)  # a confirmation code, cleared once sent
    # NULL for a message sent each time (a code): unique ignores NULLs, "" would collide.
    dedupe_key = models.CharField(max_length=200, unique=True, null=True)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)
    send_after = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)  # given up after MAX_ATTEMPTS
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("message to you")
        verbose_name_plural = _("messages to you")
        indexes = [
            models.Index(
                fields=["send_after", "id"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="outbox_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.channel} {self.pk}"
