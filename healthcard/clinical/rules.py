"""Decision support: the card's alerts, computed from its current (non-retracted) entries as
the national guideline for antenatal care says (Helsedirektoratet, Nasjonal faglig
retningslinje for svangerskapsomsorgen; DOMAIN.md §2.3).

Each rule is data: a stable code, a severity, what it says to the clinician, the guideline
paragraph it comes from, and a `finds` function that returns the entries it is based on
(empty: the rule does not apply). Alerts are derived, never stored: an alert ends when the
entry that raised it is retracted or a later one resolves it (a later normal blood pressure).
A rule reads only the latest relevant entry, so the same card always gives the same alerts.
The hazard of each rule, and the test that covers it, is in docs/clinical-safety.md.

Pure: no queries, no requests. `Facts.of(card)` reads a card whose lists are loaded.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import dating, growth

INFO, WARNING, URGENT = "info", "warning", "urgent"
SEVERITY_ORDER = {URGENT: 0, WARNING: 1, INFO: 2}

# Thresholds, each from the paragraph its rule cites.
BP_RAISED = (140, 90)  # systolic and/or diastolic, mmHg: follow up (Preeklampsi)
BP_SEVERE = (160, 110)  # severe hypertension: same-day assessment (Preeklampsi; NGF)
PREECLAMPSIA_FROM_DAYS = 20 * 7  # new hypertension after week 20 (NGF 2020 definition)
PROTEINURIA = {"T048", "T049", "T050"}  # urine dipstick 1+ or more (Volven 8340)
HB_LOW = {1: Decimal("11.0"), 2: Decimal("10.5"), 3: Decimal("11.0")}  # g/dL per trimester
FERRITIN_LOW = Decimal("30")  # µg/L: iron stores low, iron supplement
OGTT_FASTING_GDM, OGTT_FASTING_DIABETES = Decimal("5.3"), Decimal("7.0")  # mmol/L
OGTT_2H_GDM, OGTT_2H_DIABETES = Decimal("9.0"), Decimal("11.1")  # mmol/L
HBA1C_EARLY_HYPERGLYCAEMIA, HBA1C_DIABETES = Decimal("41"), Decimal("48")  # mmol/mol
SF_NO_GROWTH_DAYS = 14  # two SF heights at least two weeks apart, the later not higher
REDUCED_MOVEMENTS_FROM_DAYS = 24 * 7  # movements are asked about from week 24
POST_TERM_REFERRAL_DAYS = 41 * 7  # term control at the hospital from 41+0
# Glucose tolerance test at 24-28 weeks for women with a risk factor (Svangerskapsdiabetes).
OGTT_FROM_DAYS, OGTT_BY_DAYS = 24 * 7, 28 * 7 + 6
OGTT_AGE_FIRST_BIRTH, OGTT_AGE_LATER_BIRTH, OGTT_BMI = 25, 40, 25  # over these
# Serious risk factors for pre-eclampsia: low-dose aspirin from week 12 (Preeklampsi).
PREECLAMPSIA_RISK_AGE, PREECLAMPSIA_RISK_BMI = 40, 35  # over these
ASPIRIN_UNTIL_DAYS = 36 * 7

HB, FERRITIN, HBA1C = "NOR05172", "NPU19763", "NPU27300"
OGTT_FASTING, OGTT_2H = "NPU02192", "NPU02193"

GUIDELINE = "https://www.helsedirektoratet.no/retningslinjer/svangerskapsomsorgen"
DIABETES = "https://www.helsedirektoratet.no/retningslinjer/svangerskapsdiabetes"


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


PREECLAMPSIA = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Preeklampsi", f"{GUIDELINE}/preeklampsi"
)
GROWTH = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Symfyse-fundusmål",
    f"{GUIDELINE}/symfyse-fundusmal",
)
IRON = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Rutinemålinger i blodet (Hb, ferritin)",
    f"{GUIDELINE}/rutinemalinger-i-blodet-til-gravide",
)
GLUCOSE = Reference(
    "Helsedirektoratet, Svangerskapsdiabetes: Diagnostikk og tiltak",
    f"{DIABETES}/diagnostikk-og-tiltak-for-a-finne-uoppdaget-diabetes-og-svangerskapsdiabetes",
)
MOVEMENTS = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Fosterbevegelser", f"{GUIDELINE}/fosterbevegelser"
)
POST_TERM = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Overtidig svangerskap",
    f"{GUIDELINE}/overtidig-svangerskap",
)
MULTIPLE = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Flerlingesvangerskap",
    f"{GUIDELINE}/flerlingesvangerskap",
)


@dataclass(frozen=True)
class Facts:
    """What the rules read: the card's live entries, newest first, and where she is now."""

    consultations: Sequence  # Consultation, with .fetuses loaded
    fundal_heights: Sequence  # FundalHeight
    lab_results: Sequence  # LabResult
    current_pregnancy: object | None  # CurrentPregnancy: the due date and number of babies
    before_pregnancy: object | None  # BeforePregnancy: height and weight (BMI)
    previous_pregnancies: object | None  # PreviousPregnancies: earlier births
    medical_conditions: object | None  # MedicalConditions: diabetes, hypertension, ...
    mother_born: datetime.date | None
    due_date: datetime.date | None
    fetuses: int
    active: bool
    today: datetime.date

    @classmethod
    def of(cls, card, today: datetime.date, mother_born: datetime.date | None = None) -> "Facts":
        def newest_first(entries, date: str):
            live = (e for e in entries if not e.entered_in_error)
            return sorted(live, key=lambda e: (getattr(e, date), e.pk or 0), reverse=True)

        current = getattr(card, "currentpregnancy", None)  # a missing one-to-one: None
        return cls(
            consultations=newest_first(card.consultations.all(), "date"),
            fundal_heights=newest_first(card.fundalheights.all(), "measured_on"),
            lab_results=newest_first(card.labresults.all(), "taken_on"),
            current_pregnancy=current,
            before_pregnancy=getattr(card, "beforepregnancy", None),
            previous_pregnancies=getattr(card, "previouspregnancies", None),
            medical_conditions=getattr(card, "medicalconditions", None),
            mother_born=mother_born,
            due_date=current.due_date if current else None,
            fetuses=(current.number_of_fetuses or 1) if current else 1,
            active=card.status == "active",
            today=today,
        )

    def age_on(self, date: datetime.date) -> dating.GestationalAge | None:
        return dating.gestational_age(self.due_date, date) if self.due_date else None

    def age_at_due_date(self) -> int | None:
        if not (self.mother_born and self.due_date):
            return None
        born, due = self.mother_born, self.due_date
        return due.year - born.year - ((due.month, due.day) < (born.month, born.day))

    def bmi(self) -> float | None:
        return self.before_pregnancy.bmi if self.before_pregnancy else None

    def earlier_births(self) -> int | None:
        earlier = self.previous_pregnancies
        if earlier is None or earlier.live_births is None:
            return None
        return earlier.live_births + (earlier.stillbirths or 0)

    def has(self, condition: str) -> bool:
        return bool(self.medical_conditions and getattr(self.medical_conditions, condition))

    def latest_result(self, code: str):
        return next((r for r in self.lab_results if r.code == code and r.value is not None), None)

    def latest_blood_pressure(self):
        return next((c for c in self.consultations if c.systolic is not None), None)


@dataclass(frozen=True)
class Rule:
    code: str  # stable: record systems key on it
    severity: str
    title: Promise
    action: Promise
    reference: Reference
    finds: Callable[[Facts], list]  # the entries it is based on; empty: it does not apply
    replaces: tuple[str, ...] = ()  # lesser alerts this one makes redundant
    since: Callable[[Facts], datetime.date] | None = None  # when it arose, if not an entry's date
    # What she is asked to do, where the guideline asks her to act: calm, plain, no diagnosis.
    her_advice: Promise | None = None


@dataclass(frozen=True)
class Alert:
    rule: Rule
    based_on: tuple  # the entries, newest first
    raised_on: datetime.date  # the date of the newest entry it is based on

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def severity(self) -> str:
        return self.rule.severity


def _entry_date(entry) -> datetime.date:
    for name in ("date", "measured_on", "taken_on"):
        if hasattr(entry, name):
            return getattr(entry, name)
    return entry.recorded_at.date()  # a section: when it was written


def _at_least(consultation, limits: tuple[int, int]) -> bool:
    return consultation.systolic >= limits[0] or consultation.diastolic >= limits[1]


def severe_hypertension(facts: Facts) -> list:
    latest = facts.latest_blood_pressure()
    return [latest] if latest and _at_least(latest, BP_SEVERE) else []


def raised_blood_pressure(facts: Facts) -> list:
    latest = facts.latest_blood_pressure()
    return [latest] if latest and _at_least(latest, BP_RAISED) else []


def suspected_preeclampsia(facts: Facts) -> list:
    """Raised blood pressure after week 20 with protein in the urine at the same visit."""
    latest = facts.latest_blood_pressure()
    if not latest or not _at_least(latest, BP_RAISED) or latest.urine_protein not in PROTEINURIA:
        return []
    return [latest] if latest.gestational_age.total_days >= PREECLAMPSIA_FROM_DAYS else []


def _singleton_sf(facts: Facts, band: str) -> list:
    # The SF reference is for one baby: with twins the heights are larger by nature.
    if facts.fetuses > 1 or not facts.fundal_heights:
        return []
    latest = facts.fundal_heights[0]
    weeks = latest.gestational_age.exact_weeks
    return [latest] if growth.sfh_band(weeks, float(latest.centimetres)) == band else []


def small_for_dates(facts: Facts) -> list:
    return _singleton_sf(facts, "below")


def large_for_dates(facts: Facts) -> list:
    return _singleton_sf(facts, "above")


def no_fundal_growth(facts: Facts) -> list:
    if facts.fetuses > 1 or len(facts.fundal_heights) < 2:
        return []
    latest, before = facts.fundal_heights[0], facts.fundal_heights[1]
    apart = latest.gestational_age.total_days - before.gestational_age.total_days
    if apart >= SF_NO_GROWTH_DAYS and latest.centimetres <= before.centimetres:
        return [latest, before]
    return []


def _trimester(age: dating.GestationalAge) -> int:
    return 1 if age.weeks < 14 else 2 if age.weeks < 28 else 3


def low_hemoglobin(facts: Facts) -> list:
    """The latest Hb, from a blood test or written at a consultation, under its trimester's
    threshold."""
    readings = [(r.taken_on, r.value, facts.age_on(r.taken_on), r) for r in facts.lab_results
                if r.code == HB and r.value is not None]  # fmt: skip
    readings += [(c.date, c.hemoglobin, c.gestational_age, c) for c in facts.consultations
                 if c.hemoglobin is not None]  # fmt: skip
    if not readings:
        return []
    _, value, age, entry = max(readings, key=lambda r: (r[0], r[3].pk or 0))
    threshold = HB_LOW[_trimester(age)] if age else min(HB_LOW.values())
    return [entry] if value < threshold else []


def low_ferritin(facts: Facts) -> list:
    latest = facts.latest_result(FERRITIN)
    return [latest] if latest and latest.value < FERRITIN_LOW else []


def _glucose(facts: Facts, diabetes: bool) -> list:
    """The latest OGTT values and HbA1c in the diabetes range, or (diabetes False) in the
    gestational diabetes range."""
    found = []
    for code, gdm, overt in (
        (OGTT_FASTING, OGTT_FASTING_GDM, OGTT_FASTING_DIABETES),
        (OGTT_2H, OGTT_2H_GDM, OGTT_2H_DIABETES),
    ):
        latest = facts.latest_result(code)
        if latest and (latest.value >= overt if diabetes else gdm <= latest.value < overt):
            found.append(latest)
    return found


def diabetes_in_pregnancy(facts: Facts) -> list:
    found = _glucose(facts, diabetes=True)
    hba1c = facts.latest_result(HBA1C)
    return found + ([hba1c] if hba1c and hba1c.value >= HBA1C_DIABETES else [])


def gestational_diabetes(facts: Facts) -> list:
    return _glucose(facts, diabetes=False)


def early_hyperglycaemia(facts: Facts) -> list:
    hba1c = facts.latest_result(HBA1C)
    in_range = hba1c and HBA1C_EARLY_HYPERGLYCAEMIA <= hba1c.value < HBA1C_DIABETES
    return [hba1c] if in_range else []


def reduced_fetal_movements(facts: Facts) -> list:
    """The latest consultation says a baby's movements are not felt, from week 24."""
    if not facts.consultations:
        return []
    latest = facts.consultations[0]
    if latest.gestational_age.total_days < REDUCED_MOVEMENTS_FROM_DAYS:
        return []
    return [latest] if any(f.movements_felt is False for f in latest.fetuses.all()) else []


def post_term(facts: Facts) -> list:
    age = facts.age_on(facts.today)
    if not facts.active or age is None or age.total_days < POST_TERM_REFERRAL_DAYS:
        return []
    return [facts.current_pregnancy]  # the due date it is counted from


def reached_41_weeks(facts: Facts) -> datetime.date:
    return facts.due_date + datetime.timedelta(POST_TERM_REFERRAL_DAYS - dating.PREGNANCY_DAYS)


def multiple_pregnancy(facts: Facts) -> list:
    return [facts.current_pregnancy] if facts.active and facts.fetuses > 1 else []


def _glucose_test_risk(facts: Facts) -> list:
    """The sections that make her a woman to offer the glucose tolerance test."""
    age, births, bmi = facts.age_at_due_date(), facts.earlier_births(), facts.bmi()
    found = []
    if age is not None and births is not None:
        limit = OGTT_AGE_FIRST_BIRTH if births == 0 else OGTT_AGE_LATER_BIRTH
        if age > limit:
            found.append(facts.previous_pregnancies)
    elif age is not None and age > OGTT_AGE_LATER_BIRTH:
        found.append(facts.current_pregnancy)
    if bmi is not None and bmi > OGTT_BMI:
        found.append(facts.before_pregnancy)
    return found


def glucose_test_due(facts: Facts) -> list:
    """A risk factor, week 24+0 to 28+6, no glucose tolerance test yet, no known diabetes."""
    age = facts.age_on(facts.today)
    tested = facts.latest_result(OGTT_FASTING) or facts.latest_result(OGTT_2H)
    if not facts.active or age is None or tested or facts.has("diabetes"):
        return []
    if not OGTT_FROM_DAYS <= age.total_days <= OGTT_BY_DAYS:
        return []
    return _glucose_test_risk(facts)


def glucose_test_overdue(facts: Facts) -> list:
    age = facts.age_on(facts.today)
    tested = facts.latest_result(OGTT_FASTING) or facts.latest_result(OGTT_2H)
    if not facts.active or age is None or tested or facts.has("diabetes"):
        return []
    return _glucose_test_risk(facts) if age.total_days > OGTT_BY_DAYS else []


def glucose_test_overdue_since(facts: Facts) -> datetime.date:
    return facts.due_date - datetime.timedelta(dating.PREGNANCY_DAYS - OGTT_BY_DAYS - 1)


def preeclampsia_risk(facts: Facts) -> list:
    """A serious risk factor for pre-eclampsia, before week 36: aspirin to be considered."""
    age = facts.age_on(facts.today)
    if not facts.active or age is None or age.total_days >= ASPIRIN_UNTIL_DAYS:
        return []
    found = []
    if (facts.age_at_due_date() or 0) > PREECLAMPSIA_RISK_AGE:
        found.append(facts.current_pregnancy)
    if facts.fetuses > 1:
        found.append(facts.current_pregnancy)
    if (facts.bmi() or 0) > PREECLAMPSIA_RISK_BMI:
        found.append(facts.before_pregnancy)
    if any(facts.has(c) for c in ("diabetes", "hypertension", "kidney_disease", "autoimmune")):
        found.append(facts.medical_conditions)
    return list(dict.fromkeys(found))  # each section once


RULES: tuple[Rule, ...] = (
    Rule(
        "severe-hypertension",
        URGENT,
        _("Severe hypertension"),
        _("Blood pressure 160/110 or higher: same-day assessment at the maternity unit."),
        PREECLAMPSIA,
        severe_hypertension,
        her_advice=_(
            "Your blood pressure at the last check was high and needs to be checked again "
            "at the maternity unit today."
        ),
        replaces=("raised-blood-pressure",),
    ),
    Rule(
        "suspected-preeclampsia",
        URGENT,
        _("Suspected pre-eclampsia"),
        _(
            "Blood pressure 140/90 or higher with protein in the urine after week 20: "
            "same-day assessment at the maternity unit."
        ),
        PREECLAMPSIA,
        suspected_preeclampsia,
        her_advice=_(
            "Your blood pressure and urine test at the last check need to be checked again "
            "at the maternity unit today."
        ),
        replaces=("raised-blood-pressure",),
    ),
    Rule(
        "raised-blood-pressure",
        WARNING,
        _("Raised blood pressure"),
        _(
            "Blood pressure 140/90 or higher: measure again; two raised measurements must be "
            "followed up. Check urine protein and ask about headache, visual disturbance and "
            "pain under the ribs."
        ),
        PREECLAMPSIA,
        raised_blood_pressure,
    ),
    Rule(
        "reduced-fetal-movements",
        URGENT,
        _("Reduced fetal movements"),
        _("Reduced movements after week 24: assessment at the maternity unit the same day."),
        MOVEMENTS,
        reduced_fetal_movements,
        her_advice=_(
            "At your last check you felt the baby move less. The maternity unit should "
            "check the baby today."
        ),
    ),
    Rule(
        "diabetes-in-pregnancy",
        URGENT,
        _("Glucose in the diabetes range"),
        _(
            "Fasting glucose 7.0 or higher, 2-hour value 11.1 or higher, or HbA1c 48 mmol/mol "
            "or higher: refer to specialist care at once."
        ),
        GLUCOSE,
        diabetes_in_pregnancy,
        replaces=("gestational-diabetes", "early-hyperglycaemia"),
    ),
    Rule(
        "gestational-diabetes",
        WARNING,
        _("Gestational diabetes"),
        _(
            "Fasting glucose 5.3–6.9 or 2-hour value 9.0–11.0 mmol/L: gestational diabetes. "
            "Start diet and glucose self-monitoring and refer as the guideline says."
        ),
        GLUCOSE,
        gestational_diabetes,
    ),
    Rule(
        "early-hyperglycaemia",
        WARNING,
        _("Early hyperglycaemia"),
        _("HbA1c 41–47 mmol/mol: refer for follow-up of raised blood glucose."),
        GLUCOSE,
        early_hyperglycaemia,
    ),
    Rule(
        "small-for-dates",
        WARNING,
        _("SF height below the 10th centile"),
        _("Refer for an ultrasound of the baby's growth."),
        GROWTH,
        small_for_dates,
    ),
    Rule(
        "large-for-dates",
        WARNING,
        _("SF height above the 90th centile"),
        _("Refer for an ultrasound of the baby's growth."),
        GROWTH,
        large_for_dates,
    ),
    Rule(
        "no-fundal-growth",
        WARNING,
        _("No growth in SF height"),
        _("No increase over two weeks or more: refer for an ultrasound of the baby's growth."),
        GROWTH,
        no_fundal_growth,
    ),
    Rule(
        "post-term",
        WARNING,
        _("Past 41+0"),
        _("Refer to the hospital's check-up after the due date (term control at 41+0)."),
        POST_TERM,
        post_term,
        her_advice=_(
            "You are past 41+0. You should have an appointment at the hospital for a "
            "check after the due date; call the maternity unit if you have not got one."
        ),
        since=reached_41_weeks,
    ),
    Rule(
        "low-hemoglobin",
        WARNING,
        _("Low Hb"),
        _(
            "Hb under 11.0 g/dL (under 10.5 in the second trimester): check ferritin and "
            "consider iron."
        ),
        IRON,
        low_hemoglobin,
    ),
    Rule(
        "low-ferritin",
        INFO,
        _("Low ferritin"),
        _("Ferritin under 30 µg/L: recommend an iron supplement."),
        IRON,
        low_ferritin,
    ),
    Rule(
        "glucose-test-overdue",
        WARNING,
        _("Glucose tolerance test not taken"),
        _(
            "She has a risk factor for gestational diabetes (age, BMI over 25) and no "
            "glucose tolerance test by 28+6: offer it now."
        ),
        GLUCOSE,
        glucose_test_overdue,
        since=glucose_test_overdue_since,
    ),
    Rule(
        "glucose-test-due",
        INFO,
        _("Offer the glucose tolerance test"),
        _(
            "She has a risk factor for gestational diabetes (age, BMI over 25): offer the "
            "75 g glucose tolerance test in weeks 24-28."
        ),
        GLUCOSE,
        glucose_test_due,
    ),
    Rule(
        "preeclampsia-risk",
        INFO,
        _("Raised risk of pre-eclampsia"),
        _(
            "A serious risk factor (age over 40, twins, BMI over 35, diabetes, chronic "
            "hypertension, kidney or autoimmune disease): consider low-dose aspirin "
            "(75-150 mg) from week 12 to week 36."
        ),
        PREECLAMPSIA,
        preeclampsia_risk,
    ),
    Rule(
        "multiple-pregnancy",
        INFO,
        _("Multiple pregnancy"),
        _("Follow-up in specialist care, as the guideline says for twins."),
        MULTIPLE,
        multiple_pregnancy,
    ),
)
BY_CODE = {rule.code: rule for rule in RULES}


def alerts(facts: Facts) -> list[Alert]:
    """The card's open alerts, the most urgent first."""
    raised = []
    for rule in RULES:
        entries = rule.finds(facts)
        if entries:
            since = rule.since(facts) if rule.since else max(_entry_date(e) for e in entries)
            raised.append(Alert(rule, tuple(entries), since))
    replaced = {code for alert in raised for code in alert.rule.replaces}
    kept = [alert for alert in raised if alert.code not in replaced]
    return sorted(kept, key=lambda alert: SEVERITY_ORDER[alert.severity])
