"""Who accessed her card (the access log), the API's stored replies, and earlier versions
of corrected entries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .card import Card


class AccessEvent(models.Model):
    """One read or write of a woman's card by someone other than her (Normen).

    Written only by healthcard.access, in the same transaction as the access.
    Append-only. It outlives the card (withdrawal erases the card, not this log): the card is
    referred to by id, not by a foreign key, and the log holds no health data.
    """

    class Channel(models.TextChoices):
        API = "api", _("Record system (API)")
        ADMIN = "admin", _("Administration")

    class Action(models.TextChoices):
        READ = "read", _("read")
        WRITE = "write", _("wrote")

    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="access_events",
        verbose_name=_("woman"),
    )
    card_id = models.UUIDField(_("card"), null=True, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    section = models.CharField(_("what"), max_length=50)
    actor_name = models.CharField(_("who"), max_length=200)
    actor_hpr = models.CharField(_("HPR number"), max_length=9, blank=True)
    actor_role = models.CharField(_("role"), max_length=100, blank=True)
    org_nr = models.CharField(_("organisation number"), max_length=9, blank=True)
    org_name = models.CharField(_("organisation"), max_length=200, blank=True)
    source_system = models.CharField(_("source system"), max_length=100, blank=True)
    # Which entry of a list was written: while the card exists her log can say "a
    # consultation (week 30)"; the id itself tells nothing once the card is erased.
    entry_id = models.BigIntegerField(_("entry"), null=True, blank=True)
    # The staff account in DHG's own pages, for her list of what she did (no foreign key:
    # the log outlives accounts as it outlives cards).
    staff_user_id = models.IntegerField(_("staff account"), null=True, blank=True)

    class Meta:
        verbose_name = _("access")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["woman", "-at"]),
            # Which cards an organisation has written on (the midwife's worklist).
            models.Index(
                fields=["org_nr", "card_id"],
                condition=models.Q(action="write"),
                name="access_written_by_org",
            ),
            models.Index(
                fields=["staff_user_id", "-id"],
                condition=models.Q(staff_user_id__isnull=False),
                name="access_by_staff_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.get_action_display()} {self.section}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The access log is append-only.")


class IdempotencyRecord(models.Model):
    """The first answer to an API write sent with an Idempotency-Key, replayed on retries
    (healthcard.idempotency). It holds her data, so it is hers: scoped to her, erased with her
    card on withdrawal, and expired after a day."""

    client_id = models.CharField(max_length=200)
    woman = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_records"
    )
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    record_id = models.UUIDField(null=True, blank=True)
    section = models.CharField(max_length=50)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("stored reply to a record system")
        verbose_name_plural = _("stored replies to record systems")
        constraints = [
            models.UniqueConstraint(
                fields=["client_id", "woman", "key"], name="one_answer_per_client_woman_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.key}"


class EntryRevision(models.Model):
    """An entry as it was before a correction: corrections replace, but never lose."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="revisions")
    entry_type = models.CharField(max_length=50)
    entry_id = models.BigIntegerField()
    version = models.PositiveIntegerField()
    document = models.JSONField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry_type", "entry_id", "version"], name="one_revision_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_type} {self.entry_id} v{self.version}"


class Organisation(models.Model):
    """The organisation register as we hold it (NHN's Adresseregisteret or Enhetsregisteret,
    loaded with manage.py import_organisations): one name per organisation number, so her
    access log spells each the same way whatever a record system's token said."""

    org_nr = models.CharField(_("organisation number"), max_length=9, primary_key=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation register")

    def __str__(self) -> str:
        return f"{self.name} ({self.org_nr})"
