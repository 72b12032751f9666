"""A card's life, as rules (the writes that follow them are in services.py).

    ACTIVE ──birth──────▶ DELIVERED ──┐
       │                              ├──close──▶ CLOSED (read-only, for good)
       └──early end─────▶ TERMINATED ─┘

A birth is written by the hospital (the `birth` section, or a baby's birth status); an
early end (a miscarriage or a termination) by its date only, nothing more about it. A card
is closed by a clinician once the postpartum checks are done, or automatically
CLOSE_AFTER the end of the pregnancy (`manage.py close_finished_cards`, run daily). A closed
card stays readable for her, in the API and in the admin; nothing on it changes again.

A new pregnancy's card may carry her history over from the card before it: her heredity and
medical conditions as they were recorded, and her previous pregnancies counted up with the
one that ended."""

import datetime

from django.utils.translation import gettext_lazy as _

from .models import Birth, Card, Heredity, MedicalConditions, PreviousPregnancies, Provenance

ACTIVE, DELIVERED, TERMINATED, CLOSED = (
    Card.Status.ACTIVE,
    Card.Status.DELIVERED,
    Card.Status.TERMINATED,
    Card.Status.CLOSED,
)

ALLOWED = frozenset(
    {(ACTIVE, DELIVERED), (ACTIVE, TERMINATED), (DELIVERED, CLOSED), (TERMINATED, CLOSED)}
)

# The postpartum guideline's last routine check is at six to eight weeks; twelve leaves time
# for a late one and its follow-up before the card is closed without a clinician.
CLOSE_AFTER = datetime.timedelta(weeks=12)


class CardClosed(Exception):
    """The card is closed: it can be read, not changed."""


class RefusedTransition(Exception):
    """The card cannot go from its status to the one asked for."""

    def __init__(self, current: str, wanted: str):
        super().__init__(f"{current} -> {wanted}")
        self.current = current
        self.wanted = wanted

    @property
    def reason(self) -> str:
        if self.current == CLOSED:
            return "The record is closed: it can be read, not changed."
        if self.wanted == CLOSED:
            return "Only a record whose pregnancy has ended (DELIVERED or TERMINATED) is closed."
        if self.current == TERMINATED and self.wanted == TERMINATED:
            return "The record is already TERMINATED, on another date."
        article = "An" if self.current == ACTIVE else "A"
        refused = f"{article} {self.current.upper()} record cannot become {self.wanted.upper()}"
        if self.wanted == DELIVERED:
            return f"{refused}: a record becomes DELIVERED when its birth is written."
        return f"{refused}."


def require_open(card: Card) -> None:
    if card.is_closed:
        raise CardClosed


def check_transition(current: str, wanted: str) -> None:
    """Raises RefusedTransition unless the state machine allows current -> wanted."""
    if (current, wanted) not in ALLOWED:
        raise RefusedTransition(current, wanted)


def due_for_closing(today: datetime.date) -> datetime.date:
    """Cards whose pregnancy ended on or before this day are closed automatically."""
    return today - CLOSE_AFTER


def closes_on(card: Card) -> datetime.date | None:
    """The day the card is closed on its own, once its pregnancy has ended."""
    if card.is_closed or card.ended_on is None:
        return None
    return card.ended_on + CLOSE_AFTER


# --- Carrying her history over to the next pregnancy's card --------------------------------

CARRIED_SECTIONS = (PreviousPregnancies, MedicalConditions, Heredity)

CARRIED_LABELS = {
    PreviousPregnancies._meta.model_name: _("previous pregnancies"),
    MedicalConditions._meta.model_name: _("illnesses and conditions"),
    Heredity._meta.model_name: _("heredity"),
}

_PROVENANCE = {f.name for f in Provenance._meta.get_fields()}
_HISTORY_FIELDS = {
    model: [
        f.name for f in model._meta.concrete_fields if f.name not in {"id", "card", *_PROVENANCE}
    ]
    for model in CARRIED_SECTIONS
}


# A glucose test in the diagnostic range on the previous card is gestational diabetes there, a
# risk factor for the next (Svangerskapsdiabetes). A suspected pre-eclampsia is not carried:
# only a diagnosis is (eclampsia or HELLP among the birth's complications).
GESTATIONAL_DIABETES_ALERTS = {"gestational-diabetes", "diabetes-in-pregnancy"}


def carried_values(model, section) -> dict:
    """A section's values as recorded on an earlier card (none if it had none)."""
    return {name: getattr(section, name) for name in _HISTORY_FIELDS[model]} if section else {}


def counted_up(values: dict, previous: Card, alert_codes=frozenset()) -> dict:
    """Her previous pregnancies with the one that `previous` followed added, and a
    gestational diabetes its tests found (alert_codes: that card's alerts). An early end
    adds to the pregnancies only: why it ended is not recorded (a termination must not be
    told from a miscarriage on the card)."""
    values = dict(values)
    if alert_codes & GESTATIONAL_DIABETES_ALERTS:
        values["gestational_diabetes"] = True

    def plus(name: str, by: int = 1) -> None:
        values[name] = (values.get(name) or 0) + by

    plus("previous_pregnancies")
    if previous.delivery_date is None:  # ended early, or closed without a birth
        return values
    birth: Birth | None = getattr(previous, "birth", None)
    babies = list(birth.babies.all()) if birth else []
    born_alive = sum(1 for baby in babies if baby.outcome == baby.Outcome.LIVE_BIRTH)
    stillborn = len(babies) - born_alive
    if not babies:  # the birth status alone (NHN's shape) says whether she had a live birth
        born_alive = 1 if previous.live_birth else 0
        stillborn = 0 if previous.live_birth or previous.live_birth is None else 1
    plus("live_births", born_alive)
    if stillborn:
        plus("stillbirths", stillborn)
    if birth and birth.mode in (Birth.Mode.PLANNED_CAESAREAN, Birth.Mode.EMERGENCY_CAESAREAN):
        plus("caesarean_sections")
    values["last_birth_year"] = previous.delivery_date.year
    if birth and Birth.Complication.SHOULDER_DYSTOCIA in (birth.complications or []):
        values["large_baby_or_shoulder_dystocia"] = True
    if any(baby.weight_g and baby.weight_g > 4500 for baby in babies):
        values["large_baby_or_shoulder_dystocia"] = True
    if birth and {Birth.Complication.ECLAMPSIA, Birth.Complication.HELLP} & set(
        birth.complications or []
    ):
        values["preeclampsia"] = True
    return values
