"""Plausibility: what a clinician cannot have meant is refused, naming the field and why.

The bounds of a single value (a blood pressure, a week) live on the models and serializers;
what needs more than one value — the date against her last period, the week against the date
and her due date, a fetus against the number of fetuses, a lab test against the programme's
list — is checked here. Pure functions of the values and the card's dating, called by the
services under her lock, so that every door (the API, the admin, her own pages) refuses the
same things. Errors are keyed by model field ("fetuses[1].fetus" for a consultation's fetal
rows); each door names them in its own words."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.orgnr import is_valid_org_nr

from .clinical import dating
from .clinical.guideline import LAB_TESTS
from .models import (
    BirthOutcome,
    BookedAppointment,
    CareTeamMember,
    Consultation,
    CurrentPregnancy,
    DailyNote,
    FundalHeight,
    Heredity,
    HomeMeasurement,
    LabResult,
    LifestyleFactor,
    MedicalConditions,
    PostpartumVisit,
    PreviousPregnancies,
    QuestionnaireResponse,
    Ultrasound,
)

EARLIEST = datetime.date(1900, 1, 1)
# Nothing of this pregnancy is examined long before her last period (a late-recorded period
# or an early test taken before she knew): a month's margin.
BEFORE_LAST_PERIOD = datetime.timedelta(days=30)
# Week and date disagree by more than dating's own uncertainty: one of them is mistyped.
WEEK_TOLERANCE_DAYS = 14
# A pregnancy's last period lies at most this long before its card was opened.
LONGEST_PREGNANCY = datetime.timedelta(days=45 * 7)
# SF height in cm follows the week closely (INTERGROWTH's 3rd-97th centiles are within about
# ±4 cm from week 24); ten centimetres off from week 16 is a typing error, not a finding.
SF_FROM_WEEK, SF_TOLERANCE_CM = 16, 10
# The longest gap between two checks in the programme (weeks 6-12 to 17-19, a late booking).
NEXT_CHECK_WITHIN = datetime.timedelta(weeks=16)
# A booking is made for a time to come (a few minutes back is a clock's drift); a year ahead
# is past the pregnancy and the checks after it.
BOOKING_GRACE, BOOKING_WITHIN = datetime.timedelta(minutes=5), datetime.timedelta(weeks=52)
# Each entry's date field, and whether it carries a gestational age (weeks + days).
DATE_FIELDS = {
    Consultation: ("date", True),
    FundalHeight: ("measured_on", True),
    Ultrasound: ("examined_on", True),
    LabResult: ("taken_on", False),
    BirthOutcome: ("born_at", False),
    PostpartumVisit: ("date", False),
}
# What she writes herself, and its date field (checked in her words: her_entry_errors).
HER_DATE_FIELDS = {HomeMeasurement: "measured_at", DailyNote: "date", QuestionnaireResponse: "date"}
# How far back she may note something: the card is for this pregnancy and the time after it.
HER_EARLIEST = datetime.timedelta(days=60)
LAB_TESTS_BY_CODE = {test.code: test for test in LAB_TESTS}
NLK = LabResult._meta.get_field("code_system").default


class Implausible(Exception):
    """errors: {model field: message}; position: which of a batch's sections (in_section)
    or entries it was."""

    def __init__(self, errors: dict[str, str], position: int = 0, in_section: bool = False):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        self.position = position
        self.in_section = in_section


@dataclass(frozen=True)
class Dating:
    """What the card knows of this pregnancy's timing."""

    last_period: datetime.date | None = None
    due_date: datetime.date | None = None
    fetuses: int | None = None
    delivered_on: datetime.date | None = None  # the day of the birth, once it is recorded
    ended_on: datetime.date | None = None  # the day the pregnancy ended: a birth or earlier
    live_birth: bool | None = None

    @classmethod
    def of(cls, current: CurrentPregnancy | None, card=None) -> "Dating":
        """The dating of the card's current pregnancy section, and (card) how it ended."""
        ended = {}
        if card is not None:
            ended = {
                "delivered_on": card.delivery_date,
                "ended_on": card.delivery_date or card.termination_date,
                "live_birth": card.live_birth,
            }
        if current is None:
            return cls(**ended)
        return cls(current.last_period, current.due_date, current.number_of_fetuses, **ended)


def entry_errors(model, values: dict, fetuses: list[dict], card: Dating) -> dict[str, str]:
    if model in HER_DATE_FIELDS:
        return her_entry_errors(model, values, card)
    errors = _early_dates(values)
    date_field, aged = DATE_FIELDS.get(model, (None, False))
    on = _day(values.get(date_field)) if date_field else None
    if on is not None and not errors:
        errors.update(_date_errors(date_field, on, card))
        if aged and card.ended_on and on > card.ended_on:
            errors[date_field] = _(
                "The pregnancy ended on %(date)s: a check of the pregnancy is not after that."
            ) % {"date": date_format(card.ended_on)}
        if aged and values.get("weeks") is not None and not errors:  # a bad date says enough
            errors.update(_week_errors(on, values["weeks"], values.get("days") or 0, card))
    if model is FundalHeight and not errors:
        errors.update(_fundal_height_errors(values))
    if model is Consultation and values.get("next_check_on") and on is not None:
        errors.update(_next_check_errors(on, values["next_check_on"]))
    if model is Ultrasound:
        errors.update(_ultrasound_errors(values, card))
    if model is LifestyleFactor:
        errors.update(_lifestyle_errors(values))
    if model is BirthOutcome:
        errors.update(_fetus_errors("fetus", values.get("fetus"), card))
        if on is not None and not errors:
            errors.update(_from_week_22("born_at", on, card))
    if model is PostpartumVisit and on is not None and not errors:
        errors.update(_after_the_birth(values, on, card))
    for index, row in enumerate(fetuses):
        errors.update(_fetus_errors(f"fetuses[{index}].fetus", row.get("fetus"), card))
    if model is LabResult:
        errors.update(_lab_errors(values))
    if model is CareTeamMember and values.get("organisation_nr"):
        errors.update(_org_nr_errors("organisation_nr", values["organisation_nr"]))
    if model is BookedAppointment and values.get("starts_at"):
        errors.update(_booking_errors(values["starts_at"]))
    return errors


def section_errors(model, values: dict, opened_on: datetime.date) -> dict[str, str]:
    """opened_on: when the card was opened (a pregnancy's dates belong near it)."""
    errors = _early_dates(values)
    if errors:
        return errors
    if model is PreviousPregnancies:
        year = values.get("last_birth_year")
        if year is not None and year > opened_on.year:
            return {"last_birth_year": _("The last birth cannot be after this card was opened.")}
        return _count_errors(values)
    if model is CurrentPregnancy:
        return _current_pregnancy_errors(values, opened_on)
    if model is MedicalConditions:
        return _none_and_some(
            MedicalConditions, values, "nothing_particular", MedicalConditions.CONDITIONS[1:]
        )
    if model is Heredity:
        known = ("parents_related", "hip_dysplasia", "other", "diabetes_in_first_degree_relative")
        return _none_and_some(
            Heredity, values, "none_known", (*known, "preeclampsia_in_mother_or_sister")
        )
    return {}


def birth_errors(values: dict, babies: list[dict], card: Dating) -> dict[str, str]:
    """The birth against the card's dating, and its babies against the fetuses."""
    errors = {}
    born = values.get("born_at")
    if born is not None:
        on = timezone.localdate(born) if timezone.is_aware(born) else born.date()
        errors.update(_date_errors("born_at", on, card))
        if not errors:
            errors.update(_from_week_22("born_at", on, card))
        if not errors and values.get("weeks") is not None:
            errors.update(_week_errors(on, values["weeks"], values.get("days") or 0, card))
    errors.update(_birth_coherence(values, babies))
    if values.get("place_org_nr"):
        errors.update(_org_nr_errors("place_org_nr", values["place_org_nr"]))
    numbers = [baby.get("fetus") for baby in babies]
    if len(numbers) != len(set(numbers)):
        errors["babies"] = _("Each baby (fosterId) may appear once.")
    for index, number in enumerate(numbers):
        errors.update(_fetus_errors(f"babies[{index}].fetus", number, card))
    return errors


def end_errors(
    ended_on: datetime.date, card: Dating, last_seen: datetime.date | None
) -> dict[str, str]:
    """An early end of the pregnancy: on a day she was pregnant, before week 22 (from then
    on it is a birth, stillborn or alive, and is recorded as one), and not before a visit
    that found her pregnant (last_seen: the latest consultation, ultrasound or SF)."""
    field = "termination_date"
    if ended_on > timezone.localdate():
        return {field: _("The date is after today.")}
    if card.last_period and ended_on < card.last_period:
        return {
            field: _("The date is before her last period (%(date)s).")
            % {"date": date_format(card.last_period)}
        }
    if last_seen and ended_on < last_seen:
        return {
            field: _("The card has a visit or an ultrasound on %(date)s, after that date.")
            % {"date": date_format(last_seen)}
        }
    age = dating.gestational_age(card.due_date, ended_on) if card.due_date else None
    if age is not None and age.weeks >= 22:
        return {
            field: _(
                "On %(date)s she was %(age)s: from week 22 a pregnancy that ends is "
                "recorded as a birth."
            )
            % {"date": date_format(ended_on), "age": age}
        }
    return {}


def _from_week_22(field: str, on: datetime.date, card: Dating) -> dict[str, str]:
    """A birth is from 22+0 by her dating; before, the pregnancy ended early."""
    age = dating.gestational_age(card.due_date, on) if card.due_date else None
    if age is not None and age.weeks < 22:
        return {
            field: _(
                "By her due date (%(due)s) she was %(age)s on %(date)s: before week 22 the end "
                "of a pregnancy is recorded as TERMINATED (recordStatus), not as a birth."
            )
            % {"due": card.due_date.isoformat(), "age": age, "date": on.isoformat()}
        }
    return {}


def _after_the_birth(values: dict, on: datetime.date, card: Dating) -> dict[str, str]:
    if card.delivered_on is None:
        return {"date": _("A check after the birth needs the birth recorded first.")}
    if on < card.delivered_on:
        return {
            "date": _("The date is before the birth (%(date)s).")
            % {"date": date_format(card.delivered_on)}
        }
    if card.live_birth is False:  # no baby to feed or weigh
        return {
            name: _("No baby was born alive: leave this out.")
            for name in ("feeding", "baby_weight_g")
            if values.get(name)
        }
    return {}


CAESAREANS = {"planned_caesarean", "emergency_caesarean"}
HAEMORRHAGE_ML = 1000  # "postpartum_haemorrhage" is a blood loss of 1000 ml or more


def _birth_coherence(values: dict, babies: list[dict]) -> dict[str, str]:
    """What the birth's own fields say of each other, and a stillborn baby's."""
    errors = {}
    mode, onset, tear = values.get("mode"), values.get("onset"), values.get("perineal_tear")
    if onset == "no_labour" and mode not in CAESAREANS:
        errors["onset"] = _("No labour (no_labour) goes with a caesarean only.")
    if mode == "planned_caesarean" and onset in ("spontaneous", "induced"):
        errors["mode"] = _(
            "A caesarean after labour began is an emergency caesarean (emergency_caesarean)."
        )
    if mode in CAESAREANS and tear not in (None, "", "none"):
        errors["perineal_tear"] = _("A perineal tear is not recorded for a caesarean birth.")
    complications = values.get("complications") or []
    if len(complications) != len(set(complications)):
        errors["complications"] = _("Each complication may appear once.")
    loss = values.get("blood_loss_ml")
    if "postpartum_haemorrhage" in complications and loss is not None and loss < HAEMORRHAGE_ML:
        errors["blood_loss_ml"] = _(
            "A postpartum haemorrhage is a blood loss of %(ml)s ml or more."
        ) % {"ml": HAEMORRHAGE_ML}
    for index, baby in enumerate(babies):
        if baby.get("outcome") != "stillbirth":
            continue
        if any(baby.get(f"apgar_{minute}") for minute in (1, 5, 10)):
            errors[f"babies[{index}].apgar_1"] = _("A stillborn baby has Apgar 0.")
        if baby.get("neonatal_care"):
            errors[f"babies[{index}].neonatal_care"] = _(
                "A stillborn baby is not transferred to neonatal care."
            )
    return errors


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, datetime.date) else None


def _early_dates(values: dict) -> dict[str, str]:
    return {
        name: _("The date is before 1900.")
        for name, value in values.items()
        if _day(value) is not None and _day(value) < EARLIEST
    }


def _current_pregnancy_errors(values: dict, opened_on: datetime.date) -> dict[str, str]:
    errors = {}
    last_period = values.get("last_period")
    if last_period and last_period < opened_on - LONGEST_PREGNANCY:
        errors["last_period"] = _(
            "More than %(weeks)s weeks before the card was opened (%(date)s): not this "
            "pregnancy's last period."
        ) % {"weeks": LONGEST_PREGNANCY.days // 7, "date": opened_on.isoformat()}
    if values.get("assisted_conception") is False and values.get("assisted_conception_date"):
        errors["assisted_conception_date"] = _("A date of assisted conception, but not assisted.")
    corrected = values.get("due_date_corrected")
    if corrected and not values.get("correction_reason"):
        errors["correction_reason"] = _("A corrected due date needs its reason.")
    if corrected and last_period and not 200 <= (corrected - last_period).days <= 320:
        errors["due_date_corrected"] = _("The due date must be 200–320 days after the last period.")
    return errors


def _none_and_some(model, values: dict, none: str, conditions) -> dict[str, str]:
    present = [name for name in conditions if values.get(name)]
    if values.get(none) and present:
        names = ", ".join(str(model._meta.get_field(name).verbose_name) for name in present)
        return {none: _("Cannot be yes together with %(conditions)s.") % {"conditions": names}}
    return {}


def _fundal_height_errors(values: dict) -> dict[str, str]:
    weeks, centimetres = values.get("weeks"), values.get("centimetres")
    if weeks is None or centimetres is None or weeks < SF_FROM_WEEK:
        return {}
    if abs(float(centimetres) - weeks) <= SF_TOLERANCE_CM:
        return {}
    return {
        "centimetres": _(
            "%(cm)s cm at week %(weeks)s: SF height is about the week in cm (±%(tolerance)s); "
            "check the measurement."
        )
        % {"cm": centimetres, "weeks": weeks, "tolerance": SF_TOLERANCE_CM}
    }


def _ultrasound_errors(values: dict, card: Dating) -> dict[str, str]:
    errors = {}
    fetuses = values.get("number_of_fetuses")
    if fetuses and card.fetuses and fetuses != card.fetuses:
        errors["number_of_fetuses"] = _(
            "%(fetuses)s fetus(es), but her card records %(recorded)s: correct "
            "currentPregnancy.numberOfFetuses first."
        ) % {"fetuses": fetuses, "recorded": card.fetuses}
    due, on = values.get("due_date"), values.get("examined_on")
    if due and isinstance(on, datetime.date):
        age = dating.PREGNANCY_DAYS - (due - on).days
        if not 5 * 7 <= age <= dating.PREGNANCY_DAYS:  # set at a scan before the due date
            errors["due_date"] = _("A due date set at this scan must fall 0–35 weeks after it.")
        elif values.get("weeks") is not None:
            given = values["weeks"] * 7 + (values.get("days") or 0)
            if abs(age - given) > WEEK_TOLERANCE_DAYS:
                errors["due_date"] = _(
                    "The due date makes her %(age)s at the scan, not %(given)s."
                ) % {
                    "age": f"{age // 7}+{age % 7}",
                    "given": f"{values['weeks']}+{values.get('days') or 0}",
                }
    return errors


def _lifestyle_errors(values: dict) -> dict[str, str]:
    errors = {}
    for when in ("first", "week36"):
        if values.get(f"frequency_{when}") == "never" and values.get(f"daily_count_{when}"):
            errors[f"daily_count_{when}"] = _("A daily count for a stimulant she never uses.")
    return errors


def her_entry_errors(model, values: dict, card: Dating) -> dict[str, str]:
    """What she writes herself, in her words: not before this pregnancy, and the baby's
    movements not after its birth."""
    field = HER_DATE_FIELDS[model]
    on = _day(values.get(field))
    if on is None:
        return {}
    began = card.last_period
    if began is None and card.due_date:
        began = card.due_date - datetime.timedelta(days=dating.PREGNANCY_DAYS)
    earliest = (began or timezone.localdate() - LONGEST_PREGNANCY) - HER_EARLIEST
    if on < earliest:
        return {
            field: _("The date is before this pregnancy (%(date)s): it cannot belong to this card.")
            % {"date": date_format(earliest)}
        }
    if model is DailyNote and values.get("movements") and card.ended_on and on > card.ended_on:
        return {
            "movements": _("The baby is born (%(date)s): there are no movements to note.")
            % {"date": date_format(card.ended_on)}
        }
    return {}


def _date_errors(field: str, on: datetime.date, card: Dating) -> dict[str, str]:
    if on < EARLIEST:
        return {field: _("The date is before 1900.")}
    if card.last_period and on < card.last_period - BEFORE_LAST_PERIOD:
        return {
            field: _(
                "The date is more than %(days)s days before her last period (%(date)s): it "
                "cannot belong to this pregnancy."
            )
            % {"days": BEFORE_LAST_PERIOD.days, "date": card.last_period.isoformat()}
        }
    return {}


def _week_errors(on: datetime.date, weeks: int, days: int, card: Dating) -> dict[str, str]:
    if card.due_date is None:
        return {}
    expected = dating.gestational_age(card.due_date, on)
    given = weeks * 7 + days
    if expected is not None and abs(expected.total_days - given) <= WEEK_TOLERANCE_DAYS:
        return {}
    what = (
        _("about %(age)s") % {"age": f"{expected.weeks}+{expected.days}"}
        if expected
        else _("before the pregnancy began")
    )
    return {
        "weeks": _(
            "Week %(given)s does not match the date %(date)s and her due date %(due)s: "
            "expected %(expected)s (±2 weeks)."
        )
        % {
            "given": f"{weeks}+{days}",
            "date": on.isoformat(),
            "due": card.due_date.isoformat(),
            "expected": what,
        }
    }


def _fetus_errors(field: str, fetus: int | None, card: Dating) -> dict[str, str]:
    if fetus is not None and card.fetuses is not None and fetus > card.fetuses:
        return {
            field: _("Fetus %(fetus)s, but her card records %(recorded)s fetus(es).")
            % {"fetus": fetus, "recorded": card.fetuses}
        }
    return {}


def _lab_errors(values: dict) -> dict[str, str]:
    test = LAB_TESTS_BY_CODE.get(values.get("code", ""))
    if test is None:
        codes = ", ".join(f"{t.code} ({t.display})" for t in LAB_TESTS)
        return {
            "code": _("Not a test of the antenatal programme. Known NLK codes: %(codes)s.")
            % {"codes": codes}
        }
    errors = {}
    display = values.get("display") or ""
    if display and display.casefold() != test.display.casefold():
        errors["display"] = _("%(code)s is %(name)r, not %(display)r.") % {
            "code": test.code,
            "name": test.display,
            "display": display,
        }
    if values.get("code_system") and values["code_system"] != NLK:
        errors["code_system"] = _("%(code)s is a code of Norsk laboratoriekodeverk (%(nlk)s).") % {
            "code": test.code,
            "nlk": NLK,
        }
    value = values.get("value")
    if test.unit and values.get("qualitative"):
        errors["qualitative"] = _("%(test)s is reported as a number in %(unit)s.") % {
            "test": test.display,
            "unit": test.unit,
        }
    if value is not None:
        if not test.unit:
            errors["value"] = _("%(test)s is reported as a result, not a number.") % {
                "test": test.display
            }
        elif _unit(values.get("unit", "")) != _unit(test.unit):
            errors["unit"] = _("%(test)s is measured in %(unit)s.") % {
                "test": test.display,
                "unit": test.unit,
            }
        elif not test.low <= value <= test.high:
            errors["value"] = _(
                "%(test)s %(value)s %(unit)s is outside what can be measured "
                "(%(low)s–%(high)s %(unit)s)."
            ) % {
                "test": test.display,
                "value": value,
                "unit": test.unit,
                "low": test.low,
                "high": test.high,
            }
    values["display"] = test.display  # the code's own name, whatever was sent
    return errors


def _next_check_errors(on: datetime.date, next_check: datetime.date) -> dict[str, str]:
    if next_check <= on:
        return {"next_check_on": _("The next check must be after the consultation.")}
    if next_check > on + NEXT_CHECK_WITHIN:
        return {"next_check_on": _("The next check is more than 16 weeks after the consultation.")}
    return {}


def _booking_errors(starts_at: datetime.datetime) -> dict[str, str]:
    """A booking is for a time to come, within the pregnancy and the weeks after it."""
    now = timezone.now()
    if starts_at < now - BOOKING_GRACE:
        return {"starts_at": _("The appointment is in the past: book a time to come.")}
    if starts_at > now + BOOKING_WITHIN:
        return {"starts_at": _("The appointment is more than 52 weeks ahead.")}
    return {}


def _unit(unit: str) -> str:
    return unit.strip().replace("µ", "u").replace("μ", "u").casefold()


def _count_errors(values: dict) -> dict[str, str]:
    """Each earlier pregnancy ended once: in a miscarriage, an ectopic pregnancy or a birth
    (where twins make two children, so births count children, not pregnancies)."""
    total = values.get("previous_pregnancies")
    if total is None:
        return {}
    ended_early = (values.get("spontaneous_miscarriages") or 0) + (
        values.get("ectopic_pregnancies") or 0
    )
    children = (values.get("live_births") or 0) + (values.get("stillbirths") or 0)
    births_at_least = 1 if children else 0
    if total == 0 and (children or values.get("last_birth_year")):
        return {"previous_pregnancies": _("No earlier pregnancies, but an earlier birth.")}
    if ended_early + births_at_least > total:
        return {
            "previous_pregnancies": (
                _(
                    "%(total)s earlier pregnancies cannot include %(early)s miscarriages or "
                    "ectopic pregnancies and a birth."
                )
                if births_at_least
                else _(
                    "%(total)s earlier pregnancies cannot include %(early)s miscarriages or "
                    "ectopic pregnancies."
                )
            )
            % {"total": total, "early": ended_early}
        }
    if children > 6 * (total - ended_early):
        return {"live_births": _("More children than the earlier pregnancies could have given.")}
    if (values.get("caesarean_sections") or 0) > total - ended_early:
        return {"caesarean_sections": _("More caesarean sections than earlier births.")}
    return {}


def _org_nr_errors(field: str, value: str) -> dict[str, str]:
    if not is_valid_org_nr(value):
        return {field: _("Not a valid organisation number (nine digits, mod-11 check digit).")}
    return {}
