"""The handover to the child's health station after the birth: a short summary of the
birth, each baby, the feeding and what to follow up, so that the health visitor's first
home visit (day 7 to 10) starts from what the birth unit and the midwife recorded.

A pure function of a card with its birth, postpartum visits and alerts loaded (no queries);
the API serves it (record/{id}/handover) and the admin shows it. Its texts are in the
active language."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .clinical.dating import GestationalAge
from .models import Baby, Card
from .record import CardAlert, iso, section_document

# What the birth and the weeks after it leave for the health station to follow up: the
# mother's glucose, blood pressure and mood (the postpartum guideline, IS-2057).
FOLLOW_UP_ALERTS = (
    "diabetes-in-pregnancy",
    "gestational-diabetes",
    "early-hyperglycaemia",
    "postpartum-severe-hypertension",
    "postpartum-hypertension",
    "thoughts-of-self-harm",
    "probable-depression",
    "possible-depression",
)
# The handover's own codes, besides the alerts' (docs/codes.md).
FOLLOW_UP_CODES = ("preterm", "neonatal-care", "low-birth-weight", "low-apgar")
TERM_WEEKS = 37
LOW_BIRTH_WEIGHT_G = 2500


@dataclass(frozen=True)
class FollowUp:
    code: str  # stable: a record system keys on it
    text: str


def follow_ups(card: Card, alerts: list[CardAlert]) -> list[FollowUp]:
    """What the health station should know to follow up, most pressing first."""
    birth = getattr(card, "birth", None)
    items = [
        FollowUp(alert.code, str(alert.rule.title))
        for alert in alerts
        if alert.code in FOLLOW_UP_ALERTS
    ]
    if birth is None or not _live_babies(birth):
        return items
    if birth.weeks < TERM_WEEKS:
        age = GestationalAge(birth.weeks * 7 + birth.days)
        items.append(
            FollowUp(
                "preterm",
                _("Born before term (week %(age)s): follow growth by corrected age.")
                % {"age": age},
            )
        )
    for baby in _live_babies(birth):
        name = _baby_name(baby, birth)
        if baby.neonatal_care:
            items.append(FollowUp("neonatal-care", _("%(baby)s was in neonatal care.") % name))
        if baby.weight_g and baby.weight_g < LOW_BIRTH_WEIGHT_G:
            items.append(
                FollowUp(
                    "low-birth-weight",
                    _("%(baby)s weighed %(grams)s g at birth.") % {**name, "grams": baby.weight_g},
                )
            )
        if baby.apgar_5 is not None and baby.apgar_5 < 7:
            items.append(
                FollowUp(
                    "low-apgar",
                    _("%(baby)s had Apgar %(score)s at 5 minutes.")
                    % {**name, "score": baby.apgar_5},
                )
            )
    return items


def _live_babies(birth) -> list[Baby]:
    return [baby for baby in birth.babies.all() if baby.outcome == Baby.Outcome.LIVE_BIRTH]


def _baby_name(baby: Baby, birth) -> dict:
    several = len(birth.babies.all()) > 1
    return {"baby": _("Baby %(n)s") % {"n": baby.fetus} if several else _("The baby")}


@dataclass(frozen=True)
class Handover:
    card: Card
    birth: object  # models.Birth
    visits: list  # the postpartum visits, newest first, retracted ones left out
    fed: object | None  # the latest visit that recorded the feeding
    weighed: object | None  # the latest visit that weighed the baby
    follow_ups: list[FollowUp]


def summary(card: Card, alerts: list[CardAlert]) -> Handover | None:
    """The handover of a card with its birth, babies and postpartum visits loaded; None
    before a birth is recorded."""
    birth = getattr(card, "birth", None)
    if birth is None:
        return None
    visits = [v for v in card.postpartumvisits.all() if not v.entered_in_error]
    return Handover(
        card=card,
        birth=birth,
        visits=visits,
        fed=next((v for v in visits if v.feeding), None),
        weighed=next((v for v in visits if v.baby_weight_g), None),
        follow_ups=follow_ups(card, alerts),
    )


def handover_document(handover: Handover) -> dict:
    """The summary as the API's document."""
    card, visits, fed, weighed = handover.card, handover.visits, handover.fed, handover.weighed
    return {
        "recordId": str(card.pk),
        "recordVersion": card.version,
        "birth": section_document(handover.birth),  # the birth section, as the record has it
        "feeding": {"value": fed.feeding, "on": iso(fed.date)} if fed else None,
        "latestBabyWeight": {"grams": weighed.baby_weight_g, "on": iso(weighed.date)}
        if weighed
        else None,
        "postpartumVisits": [
            {"date": iso(v.date), "kind": v.kind, "epdsScore": v.epds_score} for v in visits
        ],
        "followUp": [{"code": f.code, "text": f.text} for f in handover.follow_ups],
    }
