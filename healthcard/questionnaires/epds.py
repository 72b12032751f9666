"""The Edinburgh Postnatal Depression Scale (Cox, Holden and Sagovsky, British Journal of
Psychiatry 1987;150:782-786), ten questions on the last seven days, each scored 0-3: items
1, 2 and 4 from the first answer up, items 3 and 5-10 from the first answer down (the
published scoring). Free to reproduce with this citation.

The English wording is the scale's own. The Norwegian is our translation for this service:
before clinical use it is to be replaced with the validated Norwegian version (Eberhard-Gran
et al. 2001), under its terms, as a new version."""

from django.utils.translation import gettext_lazy as _

from ..clinical.rules import EPDS_POSSIBLE, EPDS_SELF_HARM
from . import Option, Question, Questionnaire

# Answers scored from 0 upwards (items 1, 2, 4) or from 3 downwards (items 3, 5-10).
UP, DOWN = (0, 1, 2, 3), (3, 2, 1, 0)
# Item 10, and the score at or above which her own EPDS raises an urgent alert and shows her
# where to get help (decision support's: 13 and over is probable depression).
SELF_HARM, THRESHOLD = EPDS_SELF_HARM, EPDS_POSSIBLE


def _item(code: str, text, scores, *labels) -> Question:
    return Question(
        code,
        text,
        options=tuple(
            Option(f"{code}-{score}", label, score)
            for score, label in zip(scores, labels, strict=True)
        ),
    )


EPDS = Questionnaire(
    code="epds",
    version="2026-1",
    title=_("How you have been feeling (EPDS)"),
    intro=_(
        "Pregnancy and a new baby bring many feelings. Tick the answer that comes closest to "
        "how you have felt in the last 7 days, not just today. Your midwife sees your answers "
        "and talks with you about them."
    ),
    source="Cox JL, Holden JM, Sagovsky R. Br J Psychiatry 1987;150:782-6",
    scored=True,
    max_score=30,
    questions=(
        _item(
            "q1",
            _("I have been able to laugh and see the funny side of things"),
            UP,
            _("As much as I always could"),
            _("Not quite so much now"),
            _("Definitely not so much now"),
            _("Not at all"),
        ),
        _item(
            "q2",
            _("I have looked forward with enjoyment to things"),
            UP,
            _("As much as I ever did"),
            _("Rather less than I used to"),
            _("Definitely less than I used to"),
            _("Hardly at all"),
        ),
        _item(
            "q3",
            _("I have blamed myself unnecessarily when things went wrong"),
            DOWN,
            _("Yes, most of the time"),
            _("Yes, some of the time"),
            _("Not very often"),
            _("No, never"),
        ),
        _item(
            "q4",
            _("I have been anxious or worried for no good reason"),
            UP,
            _("No, not at all"),
            _("Hardly ever"),
            _("Yes, sometimes"),
            _("Yes, very often"),
        ),
        _item(
            "q5",
            _("I have felt scared or panicky for no very good reason"),
            DOWN,
            _("Yes, quite a lot"),
            _("Yes, sometimes"),
            _("No, not much"),
            _("No, not at all"),
        ),
        _item(
            "q6",
            _("Things have been getting on top of me"),
            DOWN,
            _("Yes, most of the time I haven't been able to cope at all"),
            _("Yes, sometimes I haven't been coping as well as usual"),
            _("No, most of the time I have coped quite well"),
            _("No, I have been coping as well as ever"),
        ),
        _item(
            "q7",
            _("I have been so unhappy that I have had difficulty sleeping"),
            DOWN,
            _("Yes, most of the time"),
            _("Yes, sometimes"),
            _("Not very often"),
            _("No, not at all"),
        ),
        _item(
            "q8",
            _("I have felt sad or miserable"),
            DOWN,
            _("Yes, most of the time"),
            _("Yes, quite often"),
            _("Not very often"),
            _("No, not at all"),
        ),
        _item(
            "q9",
            _("I have been so unhappy that I have been crying"),
            DOWN,
            _("Yes, most of the time"),
            _("Yes, quite often"),
            _("Only occasionally"),
            _("No, never"),
        ),
        _item(
            SELF_HARM,
            _("The thought of harming myself has occurred to me"),
            DOWN,
            _("Yes, quite often"),
            _("Sometimes"),
            _("Hardly ever"),
            _("Never"),
        ),
    ),
)
