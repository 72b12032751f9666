"""Questionnaires she answers on her card: versioned definitions as data, scored on the
server, and when each is due. Pure: no queries, no requests.

A definition is never changed once answers exist: a new wording is a new version, and each
response keeps the version and the words she was shown (QuestionnaireResponse.answers), so
an answer is always read with the question it answered.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..clinical import dating

CHOICE, MULTI, YES_NO, DATE, NUMBER, TEXT = "choice", "multi", "yes_no", "date", "number", "text"


@dataclass(frozen=True)
class Option:
    code: str
    label: Promise
    score: int | None = None  # its points, in a scored questionnaire


@dataclass(frozen=True)
class Question:
    code: str  # stable within a version: the answer's linkId
    text: Promise
    kind: str = CHOICE
    options: tuple[Option, ...] = ()
    required: bool = True
    help: Promise | None = None
    low: int | None = None  # a number's bounds
    high: int | None = None


@dataclass(frozen=True)
class Questionnaire:
    code: str  # "epds"
    version: str  # "2026-1": a new wording is a new version
    title: Promise
    intro: Promise
    questions: tuple[Question, ...]
    source: str = ""  # where the questions come from
    scored: bool = False
    max_score: int | None = None

    def question(self, code: str) -> Question:
        return next(q for q in self.questions if q.code == code)


@dataclass(frozen=True)
class Answer:
    """One answer as stored: what she was asked and what she answered, in her words."""

    link_id: str
    question: str
    value: object  # an option's code, a list of codes, a date (ISO), a number or a text
    display: str
    score: int | None = None

    def as_stored(self) -> dict:
        return {
            "linkId": self.link_id,
            "question": self.question,
            "answer": self.value,
            "display": self.display,
            "score": self.score,
        }


def answers_of(questionnaire: Questionnaire, cleaned: dict) -> list[Answer]:
    """Her cleaned form values as answers, each with the words she was shown."""
    answers = []
    for question in questionnaire.questions:
        value = cleaned.get(question.code)
        if value in (None, "", []):
            continue
        options = {option.code: option for option in question.options}
        if question.kind in (CHOICE, YES_NO):
            option = options[value]
            answers.append(
                Answer(question.code, str(question.text), value, str(option.label), option.score)
            )
        elif question.kind == MULTI:
            display = "; ".join(str(options[code].label) for code in value)
            answers.append(Answer(question.code, str(question.text), list(value), display))
        elif question.kind == DATE:
            answers.append(
                Answer(question.code, str(question.text), value.isoformat(), value.isoformat())
            )
        else:
            answers.append(Answer(question.code, str(question.text), value, str(value)))
    return answers


def total_score(questionnaire: Questionnaire, answers: Sequence[Answer]) -> int | None:
    """The sum of the answers' points, or None for an unscored questionnaire or a scored one
    not answered whole (a partial EPDS has no valid score)."""
    if not questionnaire.scored:
        return None
    scores = [a.score for a in answers if a.score is not None]
    if len(scores) != len(questionnaire.questions):
        return None
    return sum(scores)


def response_values(
    questionnaire: Questionnaire, cleaned: dict, *, language: str, on: datetime.date
) -> dict:
    """A QuestionnaireResponse's values from her cleaned form: her answers with the words she
    saw, and the score computed here, never taken from the form."""
    answers = answers_of(questionnaire, cleaned)
    return {
        "questionnaire": questionnaire.code,
        "questionnaire_version": questionnaire.version,
        "date": on,
        "language": language,
        "answers": [answer.as_stored() for answer in answers],
        "score": total_score(questionnaire, answers),
    }


@dataclass(frozen=True)
class Due:
    """A questionnaire she is asked to answer now, and why."""

    questionnaire: Questionnaire
    why: Promise


from .epds import EPDS  # noqa: E402  (they build on the classes above)
from .pre_visit import PRE_VISIT  # noqa: E402

CURRENT = {q.code: q for q in (PRE_VISIT, EPDS)}  # the version she is given today
VERSIONS = {(q.code, q.version): q for q in (PRE_VISIT, EPDS)}  # every version ever given

# When the EPDS is asked (the programme, after Barselomsorgen and the Norwegian
# practice of screening in pregnancy): weeks 20+0 to 28+6, and 6 to 8 weeks after the birth.
EPDS_IN_PREGNANCY = (20 * 7, 28 * 7 + 6)  # days of pregnancy
EPDS_AFTER_BIRTH = (6 * 7, 8 * 7 + 6)  # days after the birth


def due_now(
    *,
    today: datetime.date,
    due_date: datetime.date | None,
    ended_on: datetime.date | None,
    active: bool,
    consultations: int,
    answered: Sequence,
) -> list[Due]:
    """What she is asked to answer today. answered: her live responses on this card (with
    .questionnaire and .date)."""

    def answered_between(code: str, first: datetime.date, last: datetime.date) -> bool:
        return any(r.questionnaire == code and first <= r.date <= last for r in answered)

    due = []
    if (
        active
        and consultations == 0
        and not any(r.questionnaire == PRE_VISIT.code for r in answered)
    ):
        due.append(Due(PRE_VISIT, _("Before your first consultation")))
    if active and due_date and not ended_on:
        start = due_date - datetime.timedelta(days=dating.PREGNANCY_DAYS)
        first, last = (start + datetime.timedelta(days=d) for d in EPDS_IN_PREGNANCY)
        if first <= today <= last and not answered_between(EPDS.code, first, last):
            due.append(Due(EPDS, _("In weeks 20 to 28 of the pregnancy")))
    if ended_on:
        first, last = (ended_on + datetime.timedelta(days=d) for d in EPDS_AFTER_BIRTH)
        if first <= today <= last and not answered_between(EPDS.code, first, last):
            due.append(Due(EPDS, _("6 to 8 weeks after the birth")))
    return due
