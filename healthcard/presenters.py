"""What the woman's card pages show, derived from the card: where she is now, what comes
next, and chart geometry. Pure functions of data already loaded: no queries here."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from . import charts, dating, growth, guideline
from .models import Pregnancy


@dataclass
class Overview:
    age: dating.GestationalAge | None
    due_date: datetime.date | None
    due_date_basis: str
    post_term: bool
    next_steps: list[guideline.Step]
    rhd_negative: bool


def _section(pregnancy: Pregnancy, name: str):
    # A missing one-to-one raises an AttributeError subclass, so getattr's default applies.
    return getattr(pregnancy, name, None)


def overview(pregnancy: Pregnancy, consultations, today: datetime.date | None = None) -> Overview:
    today = today or timezone.localdate()
    current = _section(pregnancy, "currentpregnancy")
    due_date = current.due_date if current else None
    rhd_negative = _section(pregnancy, "rhesusnegative") is not None
    age = None
    steps: list[guideline.Step] = []
    if due_date and pregnancy.status == Pregnancy.Status.ACTIVE:
        age = dating.gestational_age(due_date, today)
        if age is not None:
            done = guideline.steps_done_by_consultations(
                [c.gestational_age for c in consultations if not c.entered_in_error]
            )
            if current.due_date_ultrasound:
                done |= {"early_ultrasound", "routine_ultrasound"}
            rhesus = _section(pregnancy, "rhesusnegative")
            if rhesus and rhesus.fetus_rhd_positive is not None:
                done.add("fetal_rhd_test")
            if rhesus and (rhesus.anti_d_given or rhesus.fetus_rhd_positive is False):
                done.add("anti_d")
            steps = guideline.next_steps(age, rhd_negative=rhd_negative, done=done)
    return Overview(
        age=age,
        due_date=due_date,
        due_date_basis=current.due_date_basis if current else "",
        post_term=bool(age and dating.is_post_term(age)),
        next_steps=steps,
        rhd_negative=rhd_negative,
    )


def fundal_height_rows(measurements) -> list[dict]:
    """The SF chart's table: each measurement with the reference band at its age."""
    rows = []
    for m in measurements:
        weeks = m.gestational_age.exact_weeks
        in_range = growth.VALID_WEEKS[0] <= weeks <= growth.VALID_WEEKS[1]
        rows.append(
            {
                "entry": m,
                "p10": round(growth.sfh_centile(weeks, growth.Z_P10), 1) if in_range else None,
                "p50": round(growth.sfh_mean(weeks), 1) if in_range else None,
                "p90": round(growth.sfh_centile(weeks, growth.Z_P90), 1) if in_range else None,
                "band": growth.sfh_band(weeks, float(m.centimetres)),
            }
        )
    return rows


def card_charts(pregnancy: Pregnancy, consultations, measurements) -> dict:
    before = _section(pregnancy, "beforepregnancy")
    return {
        "fundal_height": charts.fundal_height_chart(measurements),
        "weight": charts.weight_chart(consultations, before.weight_kg if before else None),
        "blood_pressure": charts.blood_pressure_chart(consultations),
    }
