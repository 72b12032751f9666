"""Her questions to the midwives who follow her up, and their answers."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .card import Card

QUESTION_LENGTH = 2000
ANSWER_LENGTH = 4000


class Question(models.Model):
    """A question she has asked on her card, and the one answer to it. Neither is changed or
    deleted once given: a follow-up is a new question. Erased with her card.

    submission_id comes with the form she sent: a retried submission finds the question it
    already made instead of asking twice."""

    card = models.ForeignKey(
        Card, on_delete=models.CASCADE, related_name="questions", verbose_name=_("card")
    )
    submission_id = models.UUIDField(unique=True, editable=False)
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    text = models.TextField(_("question"), max_length=QUESTION_LENGTH)
    answer = models.TextField(_("answer"), max_length=ANSWER_LENGTH, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by_name = models.CharField(_("answered by"), max_length=200, blank=True)
    answered_by_role = models.CharField(_("role"), max_length=100, blank=True)
    answered_by_hpr = models.CharField(_("HPR number"), max_length=9, blank=True)
    answered_by_org_nr = models.CharField(_("organisation number"), max_length=9, blank=True)
    answered_by_org_name = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("question to the midwife")
        verbose_name_plural = _("questions to the midwife")
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, answer="")
                | Q(answered_at__isnull=False) & ~Q(answer=""),
                name="an_answer_has_its_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["card"], condition=Q(answered_at__isnull=True), name="unanswered_questions"
            )
        ]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} ({self.asked_at:%d.%m.%Y})"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
