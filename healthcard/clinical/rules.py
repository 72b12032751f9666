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
MATERNITY_UNIT, MIDWIFE_OR_GP = "maternity_unit", "midwife_or_gp"  # whom she is asked to call
SEVERITY_ORDER = {URGENT: 0, WARNING: 1, INFO: 2}

# Thresholds, each from the paragraph its rule cites.
BP_RAISED = (140, 90)  # systolic and/or diastolic, mmHg: follow up (Preeklampsi)
BP_SEVERE = (160, 110)  # severe hypertension: same-day assessment (Preeklampsi; NGF)
BP_TREATMENT = (150, 100)  # antihypertensive treatment from here (NGF): same-day referral
PREECLAMPSIA_FROM_DAYS = 20 * 7  # new hypertension after week 20 (NGF 2020 definition)
PROTEINURIA = {"T048", "T049", "T050"}  # urine dipstick 1+ or more (Volven 8340)
HB_LOW = {1: Decimal("11.0"), 2: Decimal("10.5"), 3: Decimal("11.0")}  # g/dL per trimester
HB_SEVERE = Decimal("7.0")  # g/dL: severe anaemia in pregnancy (WHO 2011), any trimester
FERRITIN_LOW = Decimal("30")  # µg/L: iron stores low, iron supplement
OGTT_FASTING_GDM, OGTT_FASTING_DIABETES = Decimal("5.3"), Decimal("7.0")  # mmol/L
OGTT_2H_GDM, OGTT_2H_DIABETES = Decimal("9.0"), Decimal("11.1")  # mmol/L
HBA1C_EARLY_HYPERGLYCAEMIA, HBA1C_DIABETES = Decimal("41"), Decimal("48")  # mmol/mol
SF_NO_GROWTH_DAYS = 14  # two SF heights at least two weeks apart, the later not higher
# Crossing centiles: between two SF heights two weeks or more apart, a change in z-score as
# large as the distance from the median to the 10th (or 90th) centile line of her chart.
SF_CROSSING_Z = growth.Z_P90
# A rising trend below 140/90: systolic up 30 or diastolic up 15 from her first measurement
# of the pregnancy (the classic early sign; measure more often, NGF Veileder i fødselshjelp).
BP_RISE = (30, 15)
FETAL_HEART_FROM_DAYS = 24 * 7  # the heart is listened to at each consultation from week 24
REDUCED_MOVEMENTS_FROM_DAYS = 24 * 7  # movements are asked about from week 24
POST_TERM_REFERRAL_DAYS = 41 * 7  # term control at the hospital from 41+0
POST_TERM_INDUCTION_DAYS = 42 * 7  # induction should have begun by day 294 (Overtidig)
HBA1C_EARLY_BEFORE_DAYS = 14 * 7  # early hyperglycaemia: HbA1c in the first trimester
HBA1C_OFFER_BEFORE_DAYS = 16 * 7  # HbA1c at the first consultation, before week 16
HBA1C_BMI = 30  # over this: HbA1c at the first consultation
# Glucose tolerance test at 24-28 weeks for women with a risk factor (Svangerskapsdiabetes).
OGTT_FROM_DAYS, OGTT_BY_DAYS = 24 * 7, 28 * 7 + 6
OGTT_AGE_FIRST_BIRTH, OGTT_AGE_LATER_BIRTH, OGTT_BMI = 25, 40, 25  # over these
# Serious risk factors for pre-eclampsia: low-dose aspirin from week 12 (Preeklampsi).
PREECLAMPSIA_RISK_AGE, PREECLAMPSIA_RISK_BMI = 40, 35  # over these
# Less serious factors count when two or more are present (first pregnancy, her mother or
# sister had pre-eclampsia, more than ten years since the last birth).
PREECLAMPSIA_LESSER_FACTORS, PREECLAMPSIA_INTERVAL_YEARS = 2, 10
# Aspirin is started before week 16 (from week 12) to help: later the advice cannot be acted on.
ASPIRIN_START_BY_DAYS = 16 * 7
# RhD negative: the fetal RhD test in week 24, anti-D in week 28 (Rutinemålinger i blodet).
FETAL_RHD_TEST_FROM_DAYS, ANTI_D_FROM_DAYS = 24 * 7, 28 * 7
ROUTINE_ULTRASOUND_BY_DAYS = 20 * 7  # offered in weeks 17-19 (the programme)
# After the birth (Barselomsorgen, IS-2057; NICE NG133 for postpartum blood pressure).
EPDS_POSSIBLE, EPDS_PROBABLE = 10, 13  # possible / probable depression
EPDS_SELF_HARM = "q10"  # the EPDS question on harming herself (questionnaires.epds)
# Her own measurements at home (Svangerskapsdiabetes: egenmåling; Preeklampsi). Blood sugar
# above target: fasting 5.3 or more, two hours after a meal 6.7 or more; three such values in
# two weeks and she is referred for treatment.
HOME_GLUCOSE_TARGET = {"fasting": Decimal("5.3"), "after_meal": Decimal("6.7")}  # mmol/L
HOME_GLUCOSE_ABOVE, HOME_GLUCOSE_DAYS = 3, 14
# What she ticks in her daily note that needs the maternity unit the same day (danger signs,
# WHO ANC DT01 and the guideline's "when to call"), and what needs a check within days.
DANGER_SIGNS = ("bleeding", "fluid", "headache", "visual_disturbance", "epigastric_pain", "fever",
                "swelling", "contractions")  # fmt: skip
ITCHING = "itching"  # obstetric cholestasis: bile acids and liver tests within a few days

HB, FERRITIN, HBA1C = "NOR05172", "NPU19763", "NPU27300"
PREECLAMPSIA_SYMPTOMS = ("headache", "visual_disturbance", "epigastric_pain")  # Consultation
ORGAN_SYMPTOMS = ("visual_disturbance", "epigastric_pain")  # same-day, whatever the pressure
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
IRON_RHD = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Blodtype, RhD og blodtypeantistoff",
    f"{GUIDELINE}/rutinemalinger-i-blodet-til-gravide",
)
PROGRAMME = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Basisprogram og ultralyd",
    f"{GUIDELINE}/konsultasjoner-i-svangerskapsomsorgen",
)
MOVEMENTS = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Fosterbevegelser", f"{GUIDELINE}/fosterbevegelser"
)
POST_TERM = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Overtidig svangerskap",
    f"{GUIDELINE}/overtidig-svangerskap",
)
BIRTH_AFTER_CAESAREAN = Reference(
    "Norsk gynekologisk forening, Veileder i fødselshjelp: Fødsel etter tidligere keisersnitt",
    "https://www.legeforeningen.no/foreningsledd/fagmed/norsk-gynekologisk-forening/"
    "veiledere/veileder-i-fodselshjelp/",
)
FETAL_HEART = Reference(
    "Helsedirektoratet, Svangerskapsomsorgen: Konsultasjonene (fosterlyd fra uke 24)",
    f"{GUIDELINE}/konsultasjoner-i-svangerskapsomsorgen",
)
POSTPARTUM = Reference(
    "Helsedirektoratet, Barselomsorgen: Nasjonal faglig retningslinje (IS-2057)",
    "https://www.helsedirektoratet.no/retningslinjer/barselomsorgen",
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
    heredity: object | None  # Heredity: diabetes, pre-eclampsia in the family
    mother: object | None  # MotherDetails: background from Asia or Africa
    rhesus_negative: object | None  # RhesusNegative: present only when she is RhD negative
    ultrasounds: Sequence  # Ultrasound
    postpartum_visits: Sequence  # PostpartumVisit
    home_measurements: Sequence  # HomeMeasurement, what she measured herself
    daily_notes: Sequence  # DailyNote, her note of movements and symptoms
    questionnaires: Sequence  # QuestionnaireResponse, her answers (EPDS: scored)
    ended_on: datetime.date | None  # the day the pregnancy ended, if it has
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
            heredity=getattr(card, "heredity", None),
            mother=getattr(card, "motherdetails", None),
            rhesus_negative=getattr(card, "rhesusnegative", None),
            ultrasounds=newest_first(card.ultrasounds.all(), "examined_on"),
            postpartum_visits=newest_first(card.postpartumvisits.all(), "date"),
            home_measurements=newest_first(card.homemeasurements.all(), "measured_at"),
            daily_notes=newest_first(card.dailynotes.all(), "date"),
            questionnaires=newest_first(card.questionnaireresponses.all(), "date"),
            ended_on=card.ended_on,
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
        return self.said(self.medical_conditions, condition)

    def said(self, section, field: str) -> bool:
        """The section records yes for the field (not no, not unrecorded)."""
        return bool(section and getattr(section, field))

    def latest_result(self, code: str):
        return next((r for r in self.lab_results if r.code == code and r.value is not None), None)

    def latest_blood_pressure(self):
        return next((c for c in self.consultations if c.systolic is not None), None)

    def blood_pressures(self) -> list:
        return [c for c in self.consultations if c.systolic is not None]

    def latest_symptoms_asked(self):
        """The latest consultation that asked about the signs of pre-eclampsia."""
        return next((c for c in self.consultations if any(
            getattr(c, s) is not None for s in PREECLAMPSIA_SYMPTOMS)), None)  # fmt: skip

    def latest_urine_test(self):
        """The latest consultation whose urine was tested: a visit without the test does
        not clear protein found before."""
        return next((c for c in self.consultations if c.urine_protein), None)

    def home_blood_pressures(self) -> list:
        """Her own blood pressures of this stage: during the pregnancy, or (once it has
        ended) only those measured after it, so that a pressure of the pregnancy does not
        alarm after the birth."""
        return [m for m in self.home_measurements if m.systolic is not None
                and (self.ended_on is None or m.measured_on > self.ended_on)]  # fmt: skip

    def latest_own_epds(self):
        """Her latest EPDS of this stage (once the pregnancy has ended, only one answered
        after it), answered whole."""
        return next((r for r in self.questionnaires if r.questionnaire == "epds"
                     and r.score is not None
                     and (self.ended_on is None or r.date > self.ended_on)), None)  # fmt: skip

    def results(self, code: str) -> list:
        return [r for r in self.lab_results if r.code == code and r.value is not None]


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
    her_contact: str = MATERNITY_UNIT  # whom the advice asks her to call


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


def hypertension_to_treat(facts: Facts) -> list:
    latest = facts.latest_blood_pressure()
    return [latest] if latest and _at_least(latest, BP_TREATMENT) else []


def raised_blood_pressure(facts: Facts) -> list:
    latest = facts.latest_blood_pressure()
    return [latest] if latest and _at_least(latest, BP_RAISED) else []


def persistent_raised_blood_pressure(facts: Facts) -> list:
    """The two latest measurements both 140/90 or higher: the guideline's follow-up."""
    latest_two = facts.blood_pressures()[:2]
    raised = len(latest_two) == 2 and all(_at_least(c, BP_RAISED) for c in latest_two)
    return latest_two if raised else []


def suspected_preeclampsia(facts: Facts) -> list:
    """Raised blood pressure after week 20 with protein in the latest tested urine, or with
    a sign of pre-eclampsia (headache, visual disturbance, epigastric pain) at the latest
    consultation that asked."""
    latest = facts.latest_blood_pressure()
    if not latest or not _at_least(latest, BP_RAISED):
        return []
    if latest.gestational_age.total_days < PREECLAMPSIA_FROM_DAYS:
        return []
    urine, asked = facts.latest_urine_test(), facts.latest_symptoms_asked()
    protein = urine if urine and urine.urine_protein in PROTEINURIA else None
    signs = asked if asked and any(getattr(asked, s) for s in PREECLAMPSIA_SYMPTOMS) else None
    if not (protein or signs):
        return []
    return list(dict.fromkeys(e for e in (latest, protein, signs) if e))


def _symptoms_after_week_20(facts: Facts, symptoms: tuple[str, ...]) -> list:
    asked = facts.latest_symptoms_asked()
    if not asked or asked.gestational_age.total_days < PREECLAMPSIA_FROM_DAYS:
        return []
    return [asked] if any(getattr(asked, s) for s in symptoms) else []


def preeclampsia_symptoms(facts: Facts) -> list:
    """Visual disturbance or epigastric pain after week 20: signs of organ involvement."""
    return _symptoms_after_week_20(facts, ORGAN_SYMPTOMS)


def headache_after_week_20(facts: Facts) -> list:
    return _symptoms_after_week_20(facts, ("headache",))


def rising_blood_pressure(facts: Facts) -> list:
    """Under 140/90 after week 20 but 30 systolic or 15 diastolic above her first reading."""
    readings = facts.blood_pressures()
    if len(readings) < 2:
        return []
    latest, first = readings[0], readings[-1]
    if _at_least(latest, BP_RAISED) or latest.gestational_age.total_days < PREECLAMPSIA_FROM_DAYS:
        return []
    rise = (latest.systolic - first.systolic, latest.diastolic - first.diastolic)
    return [latest, first] if rise[0] >= BP_RISE[0] or rise[1] >= BP_RISE[1] else []


def proteinuria(facts: Facts) -> list:
    """Protein 1+ or more in the latest tested urine, whatever the blood pressure."""
    urine = facts.latest_urine_test()
    return [urine] if urine and urine.urine_protein in PROTEINURIA else []


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


def sf_crossing_centiles(facts: Facts) -> list:
    """The latest SF height has moved across centiles since the measurement two weeks or
    more before it (both within the reference's weeks)."""
    if facts.fetuses > 1 or not facts.fundal_heights:
        return []
    latest = facts.fundal_heights[0]
    days = latest.gestational_age.total_days
    before = next((sf for sf in facts.fundal_heights[1:]
                   if days - sf.gestational_age.total_days >= SF_NO_GROWTH_DAYS), None)  # fmt: skip
    if before is None:
        return []
    z = []
    for sf in (latest, before):
        weeks = sf.gestational_age.exact_weeks
        if not growth.VALID_WEEKS[0] <= weeks <= growth.VALID_WEEKS[1]:
            return []
        z.append(growth.sfh_z_score(weeks, float(sf.centimetres)))
    return [latest, before] if abs(z[0] - z[1]) >= SF_CROSSING_Z else []


def no_fetal_heart_rate(facts: Facts) -> list:
    """The latest consultation from week 24 has no heart rate for one of the babies."""
    if not facts.active or not facts.consultations:
        return []
    latest = facts.consultations[0]
    if latest.gestational_age.total_days < FETAL_HEART_FROM_DAYS:
        return []
    heard = {f.fetus for f in latest.fetuses.all() if f.heart_rate is not None}
    return [latest] if len(heard) < facts.fetuses else []


def previous_caesarean(facts: Facts) -> list:
    earlier = facts.previous_pregnancies
    return [earlier] if facts.active and earlier and earlier.caesarean_sections else []


def _latest_postpartum(facts: Facts, asked: Callable[[object], bool]):
    return next((v for v in facts.postpartum_visits if asked(v)), None)


def _postpartum_pressure(facts: Facts, limits: tuple[int, int]) -> list:
    latest = _latest_postpartum(facts, lambda v: v.systolic is not None)
    return [latest] if latest and _at_least(latest, limits) else []


def postpartum_hypertension(facts: Facts) -> list:
    return _postpartum_pressure(facts, BP_RAISED)


def postpartum_severe_hypertension(facts: Facts) -> list:
    return _postpartum_pressure(facts, BP_SEVERE)


def _epds(facts: Facts, at_least: int) -> list:
    latest = _latest_postpartum(facts, lambda v: v.epds_score is not None)
    return [latest] if latest and latest.epds_score >= at_least else []


def possible_depression(facts: Facts) -> list:
    return _epds(facts, EPDS_POSSIBLE)


def probable_depression(facts: Facts) -> list:
    return _epds(facts, EPDS_PROBABLE)


def thoughts_of_self_harm(facts: Facts) -> list:
    latest = _latest_postpartum(facts, lambda v: v.epds_self_harm is not None)
    return [latest] if latest and latest.epds_self_harm else []


def postpartum_heavy_bleeding(facts: Facts) -> list:
    """Heavy bleeding at the latest check that asked: a late postpartum haemorrhage."""
    latest = _latest_postpartum(facts, lambda v: bool(v.bleeding))
    return [latest] if latest and latest.bleeding == "heavy" else []


def postpartum_wound_problem(facts: Facts) -> list:
    latest = _latest_postpartum(facts, lambda v: bool(v.wound))
    return [latest] if latest and latest.wound == "problem" else []


def _trimester(age: dating.GestationalAge) -> int:
    return 1 if age.weeks < 14 else 2 if age.weeks < 28 else 3


def _latest_hemoglobin(facts: Facts):
    """The latest Hb, from a blood test or written at a consultation: (value, age, entry)."""
    readings = [(r.taken_on, r.value, facts.age_on(r.taken_on), r) for r in facts.lab_results
                if r.code == HB and r.value is not None]  # fmt: skip
    readings += [(c.date, c.hemoglobin, c.gestational_age, c) for c in facts.consultations
                 if c.hemoglobin is not None]  # fmt: skip
    if not readings:
        return None
    return max(readings, key=lambda r: (r[0], r[3].pk or 0))[1:]


def low_hemoglobin(facts: Facts) -> list:
    """The latest Hb under its trimester's threshold."""
    latest = _latest_hemoglobin(facts)
    if latest is None:
        return []
    value, age, entry = latest
    threshold = HB_LOW[_trimester(age)] if age else min(HB_LOW.values())
    return [entry] if value < threshold else []


def severe_anaemia(facts: Facts) -> list:
    latest = _latest_hemoglobin(facts)
    return [latest[2]] if latest and latest[0] < HB_SEVERE else []


def low_ferritin(facts: Facts) -> list:
    latest = facts.latest_result(FERRITIN)
    return [latest] if latest and latest.value < FERRITIN_LOW else []


def _glucose(facts: Facts, diabetes: bool) -> list:
    """Every glucose tolerance value in the diabetes range, or (diabetes False) in the
    gestational diabetes range or above. A diagnosis lasts the pregnancy: a later normal
    value does not end it (a clinician acknowledges it once followed up)."""
    found = []
    for code, gdm, overt in (
        (OGTT_FASTING, OGTT_FASTING_GDM, OGTT_FASTING_DIABETES),
        (OGTT_2H, OGTT_2H_GDM, OGTT_2H_DIABETES),
    ):
        found += [r for r in facts.results(code) if r.value >= (overt if diabetes else gdm)]
    return found


def diabetes_in_pregnancy(facts: Facts) -> list:
    """A glucose tolerance value in the diabetes range, or HbA1c 48 or more taken before week
    16 (later in pregnancy HbA1c reads low and is not used to diagnose)."""
    hba1c = [r for r in facts.results(HBA1C)
             if r.value >= HBA1C_DIABETES
             and _before(facts, r.taken_on, HBA1C_OFFER_BEFORE_DAYS)]  # fmt: skip
    return _glucose(facts, diabetes=True) + hba1c


def _before(facts: Facts, date: datetime.date, days: int) -> bool:
    """Taken before this gestational age (or the card has no dating to tell)."""
    age = facts.age_on(date)
    return age is None or age.total_days < days


def gestational_diabetes(facts: Facts) -> list:
    return _glucose(facts, diabetes=False)


def early_hyperglycaemia(facts: Facts) -> list:
    """HbA1c 41-47 mmol/mol taken in the first trimester (or when the card has no dating)."""
    return [r for r in facts.results(HBA1C)
            if _before(facts, r.taken_on, HBA1C_EARLY_BEFORE_DAYS)
            and HBA1C_EARLY_HYPERGLYCAEMIA <= r.value < HBA1C_DIABETES]  # fmt: skip


def reduced_fetal_movements(facts: Facts) -> list:
    """The latest consultation that asked about movements says a baby's are not felt, from
    week 24 (a visit that did not ask does not clear it)."""
    asked = [c for c in facts.consultations
             if any(f.movements_felt is not None for f in c.fetuses.all())]  # fmt: skip
    if not asked or asked[0].gestational_age.total_days < REDUCED_MOVEMENTS_FROM_DAYS:
        return []
    return [asked[0]] if any(f.movements_felt is False for f in asked[0].fetuses.all()) else []


def post_term(facts: Facts) -> list:
    age = facts.age_on(facts.today)
    if not facts.active or age is None or age.total_days < POST_TERM_REFERRAL_DAYS:
        return []
    return [facts.current_pregnancy]  # the due date it is counted from


def induction_overdue(facts: Facts) -> list:
    age = facts.age_on(facts.today)
    if not facts.active or age is None or age.total_days < POST_TERM_INDUCTION_DAYS:
        return []
    return [facts.current_pregnancy]


def reached_42_weeks(facts: Facts) -> datetime.date:
    return facts.due_date + datetime.timedelta(POST_TERM_INDUCTION_DAYS - dating.PREGNANCY_DAYS)


def reached_41_weeks(facts: Facts) -> datetime.date:
    return facts.due_date + datetime.timedelta(POST_TERM_REFERRAL_DAYS - dating.PREGNANCY_DAYS)


def multiple_pregnancy(facts: Facts) -> list:
    return [facts.current_pregnancy] if facts.active and facts.fetuses > 1 else []


def _glucose_history(facts: Facts) -> list:
    """What her background and history say about glucose, as the guideline lists it for
    both the glucose tolerance test and the early HbA1c: background from Asia or Africa, a
    parent, sibling or child with diabetes, impaired glucose tolerance, and an earlier
    gestational diabetes or its complications (a child over 4500 g, shoulder dystocia,
    pre-eclampsia)."""
    earlier = facts.previous_pregnancies
    found = []
    if facts.said(facts.mother, "background_asia_africa"):
        found.append(facts.mother)
    if facts.said(facts.heredity, "diabetes_in_first_degree_relative"):
        found.append(facts.heredity)
    if facts.has("impaired_glucose_tolerance"):
        found.append(facts.medical_conditions)
    complications = ("gestational_diabetes", "large_baby_or_shoulder_dystocia", "preeclampsia")
    if any(facts.said(earlier, c) for c in complications):
        found.append(earlier)
    return found


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
    return list(dict.fromkeys(found + _glucose_history(facts)))


def hba1c_due(facts: Facts) -> list:
    """HbA1c at the first consultation, before week 16, for a woman with a risk factor
    (her background or history, or BMI over 30), if none is taken and no diabetes is known."""
    days = _days(facts)
    if days is None or days >= HBA1C_OFFER_BEFORE_DAYS:
        return []
    if facts.results(HBA1C) or facts.has("diabetes"):
        return []
    found = _glucose_history(facts)
    if (facts.bmi() or 0) > HBA1C_BMI:
        found.append(facts.before_pregnancy)
    return found


def _days_untested(facts: Facts) -> int | None:
    """Her gestational age today in days, if her card is active, she has had no glucose
    tolerance test and has no known diabetes."""
    tested = facts.results(OGTT_FASTING) or facts.results(OGTT_2H)
    return None if tested or facts.has("diabetes") else _days(facts)


def glucose_test_due(facts: Facts) -> list:
    """A risk factor, week 24+0 to 28+6, no glucose tolerance test yet, no known diabetes."""
    days = _days_untested(facts)
    due = days is not None and OGTT_FROM_DAYS <= days <= OGTT_BY_DAYS
    return _glucose_test_risk(facts) if due else []


def glucose_test_overdue(facts: Facts) -> list:
    days = _days_untested(facts)
    return _glucose_test_risk(facts) if days is not None and days > OGTT_BY_DAYS else []


def glucose_test_overdue_since(facts: Facts) -> datetime.date:
    return facts.due_date - datetime.timedelta(dating.PREGNANCY_DAYS - OGTT_BY_DAYS - 1)


def preeclampsia_risk(facts: Facts) -> list:
    """A serious risk factor for pre-eclampsia (or two less serious ones), before week 16:
    aspirin to be considered."""
    days = _days(facts)
    if days is None or days >= ASPIRIN_START_BY_DAYS:
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
    if facts.said(facts.previous_pregnancies, "preeclampsia"):
        found.append(facts.previous_pregnancies)
    lesser = _lesser_preeclampsia_factors(facts)
    if len(lesser) >= PREECLAMPSIA_LESSER_FACTORS:
        found += [section for _, section in lesser]
    return list(dict.fromkeys(found))  # each section once


def _lesser_preeclampsia_factors(facts: Facts) -> list[tuple[str, object]]:
    earlier = facts.previous_pregnancies
    factors = []
    if earlier and earlier.previous_pregnancies == 0:
        factors.append(("first pregnancy", earlier))
    if facts.said(facts.heredity, "preeclampsia_in_mother_or_sister"):
        factors.append(("mother or sister", facts.heredity))
    last = earlier.last_birth_year if earlier else None
    if last and facts.due_date and facts.due_date.year - last > PREECLAMPSIA_INTERVAL_YEARS:
        factors.append(("interval", earlier))
    return factors


def _days(facts: Facts) -> int | None:
    age = facts.age_on(facts.today)
    return age.total_days if facts.active and age else None


def fetal_rhd_test_due(facts: Facts) -> list:
    rhesus, days = facts.rhesus_negative, _days(facts)
    if rhesus is None or days is None or not FETAL_RHD_TEST_FROM_DAYS <= days < ANTI_D_FROM_DAYS:
        return []
    unknown = rhesus.fetus_rhd_positive is None and rhesus.consent_fetal_test is not False
    return [rhesus] if unknown else []


def anti_d_due(facts: Facts) -> list:
    """From week 28, unless the baby is known to be RhD negative or anti-D is given."""
    rhesus, days = facts.rhesus_negative, _days(facts)
    if rhesus is None or days is None or days < ANTI_D_FROM_DAYS:
        return []
    needed = rhesus.fetus_rhd_positive is not False and rhesus.anti_d_given is not True
    return [rhesus] if needed else []


def routine_ultrasound_missing(facts: Facts) -> list:
    days = _days(facts)
    if days is None or days < ROUTINE_ULTRASOUND_BY_DAYS or facts.current_pregnancy is None:
        return []
    done = facts.current_pregnancy.due_date_ultrasound or any(
        scan.kind == "routine" for scan in facts.ultrasounds
    )
    return [] if done else [facts.current_pregnancy]


def home_severe_hypertension(facts: Facts) -> list:
    latest = next(iter(facts.home_blood_pressures()), None)
    return [latest] if latest and _at_least(latest, BP_SEVERE) else []


def home_raised_blood_pressure(facts: Facts) -> list:
    """Her two latest home pressures both 140/90 or higher (one alone may be a bad reading:
    she is asked to measure again after a rest)."""
    latest_two = facts.home_blood_pressures()[:2]
    raised = len(latest_two) == 2 and all(_at_least(m, BP_RAISED) for m in latest_two)
    return latest_two if raised else []


def home_glucose_above_target(facts: Facts) -> list:
    """Three or more of her blood sugars above target in the last two weeks."""
    since = facts.today - datetime.timedelta(days=HOME_GLUCOSE_DAYS)
    above = [m for m in facts.home_measurements
             if m.glucose_mmol is not None and m.measured_on > since
             and m.glucose_timing in HOME_GLUCOSE_TARGET
             and m.glucose_mmol >= HOME_GLUCOSE_TARGET[m.glucose_timing]]  # fmt: skip
    return above if len(above) >= HOME_GLUCOSE_ABOVE else []


def _latest_note(facts: Facts, asked: Callable[[object], bool]):
    return next((n for n in facts.daily_notes if asked(n)), None)


def home_reduced_movements(facts: Facts) -> list:
    """Her latest note of the baby's movements says fewer or none, from week 24 (a later
    note of movements as usual ends it)."""
    latest = _latest_note(facts, lambda n: n.movements)
    if latest is None or latest.movements == "as_usual":
        return []
    age = facts.age_on(latest.date)
    return [latest] if age is not None and age.total_days >= REDUCED_MOVEMENTS_FROM_DAYS else []


def home_danger_signs(facts: Facts) -> list:
    """Her latest note ticks a danger sign (a later note without it ends it)."""
    latest = next(iter(facts.daily_notes), None)
    return [latest] if latest and set(latest.symptoms) & set(DANGER_SIGNS) else []


def home_itching(facts: Facts) -> list:
    latest = next(iter(facts.daily_notes), None)
    return [latest] if latest and ITCHING in latest.symptoms else []


def own_epds_self_harm(facts: Facts) -> list:
    latest = facts.latest_own_epds()
    return [latest] if latest and (latest.answer_score(EPDS_SELF_HARM) or 0) > 0 else []


def own_epds_at_threshold(facts: Facts) -> list:
    latest = facts.latest_own_epds()
    return [latest] if latest and latest.score >= EPDS_POSSIBLE else []


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
        replaces=(
            "raised-blood-pressure",
            "persistent-raised-blood-pressure",
            "hypertension-to-treat",
        ),
    ),
    Rule(
        "hypertension-to-treat",
        URGENT,
        _("Blood pressure 150/100 or higher"),
        _("Blood pressure 150/100 or higher is treated: refer to the maternity unit the same day."),
        PREECLAMPSIA,
        hypertension_to_treat,
        replaces=("raised-blood-pressure", "persistent-raised-blood-pressure"),
        her_advice=_(
            "Your blood pressure at the last check was high and needs to be checked again "
            "at the maternity unit today."
        ),
    ),
    Rule(
        "suspected-preeclampsia",
        URGENT,
        _("Suspected pre-eclampsia"),
        _(
            "Blood pressure 140/90 or higher after week 20 with protein in the urine, "
            "headache, visual disturbance or pain under the ribs: same-day assessment at "
            "the maternity unit."
        ),
        PREECLAMPSIA,
        suspected_preeclampsia,
        her_advice=_(
            "Your blood pressure and the other findings at your last check need to be "
            "checked again at the maternity unit today."
        ),
        replaces=(
            "raised-blood-pressure",
            "persistent-raised-blood-pressure",
            "hypertension-to-treat",
            "proteinuria",
            "preeclampsia-symptoms",
            "headache-after-week-20",
        ),
    ),
    Rule(
        "preeclampsia-symptoms",
        URGENT,
        _("Visual disturbance or upper abdominal pain"),
        _(
            "Visual disturbance or pain under the ribs after week 20 can be signs of "
            "pre-eclampsia whatever the blood pressure: same-day assessment at the "
            "maternity unit."
        ),
        PREECLAMPSIA,
        preeclampsia_symptoms,
        replaces=("headache-after-week-20",),
        her_advice=_(
            "What you told us at your last check about your eyesight or pain under the ribs "
            "should be checked at the maternity unit today."
        ),
    ),
    Rule(
        "headache-after-week-20",
        WARNING,
        _("Headache after week 20"),
        _(
            "Measure blood pressure and urine protein and ask about visual disturbance and "
            "pain under the ribs; tell her to call the maternity unit if it gets worse."
        ),
        PREECLAMPSIA,
        headache_after_week_20,
    ),
    Rule(
        "rising-blood-pressure",
        WARNING,
        _("Rising blood pressure"),
        _(
            "Under 140/90, but 30 systolic or 15 diastolic above her first measurement: "
            "measure more often, check urine protein and ask about symptoms."
        ),
        PREECLAMPSIA,
        rising_blood_pressure,
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
        "persistent-raised-blood-pressure",
        WARNING,
        _("Raised blood pressure twice"),
        _(
            "The two latest measurements are 140/90 or higher: follow up as hypertension in "
            "pregnancy (urine protein, symptoms, referral as the guideline says)."
        ),
        PREECLAMPSIA,
        persistent_raised_blood_pressure,
        replaces=("raised-blood-pressure",),
    ),
    Rule(
        "proteinuria",
        WARNING,
        _("Protein in the urine"),
        _(
            "Protein 1+ or more in the latest urine test: check for urinary infection, "
            "measure blood pressure and test again; refer if it persists."
        ),
        PREECLAMPSIA,
        proteinuria,
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
        replaces=("sf-crossing-centiles",),
    ),
    Rule(
        "large-for-dates",
        WARNING,
        _("SF height above the 90th centile"),
        _("Refer for an ultrasound of the baby's growth."),
        GROWTH,
        large_for_dates,
        replaces=("sf-crossing-centiles",),
    ),
    Rule(
        "no-fundal-growth",
        WARNING,
        _("No growth in SF height"),
        _("No increase over two weeks or more: refer for an ultrasound of the baby's growth."),
        GROWTH,
        no_fundal_growth,
        replaces=("sf-crossing-centiles",),
    ),
    Rule(
        "sf-crossing-centiles",
        WARNING,
        _("SF height crossing centiles"),
        _(
            "The SF height has moved across her chart's centiles (as far as from the median "
            "to the 10th or 90th centile) since two weeks or more before: refer for an "
            "ultrasound of the baby's growth."
        ),
        GROWTH,
        sf_crossing_centiles,
    ),
    Rule(
        "no-fetal-heart-rate",
        WARNING,
        _("No fetal heart rate recorded"),
        _(
            "No heart rate for every baby at the latest consultation after week 24: listen "
            "again; if no heartbeat is found, same-day assessment at the maternity unit."
        ),
        FETAL_HEART,
        no_fetal_heart_rate,
    ),
    Rule(
        "induction-overdue",
        URGENT,
        _("Past 42+0"),
        _("Induction should have begun by 42+0: refer to the maternity unit today."),
        POST_TERM,
        induction_overdue,
        since=reached_42_weeks,
        replaces=("post-term",),
        her_advice=_(
            "You are past 42+0. Call the maternity unit today if you have not been given a "
            "time for the birth to be started."
        ),
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
        "severe-anaemia",
        URGENT,
        _("Severe anaemia"),
        _(
            "Hb under 7.0 g/dL: refer to specialist care the same day (cause, iron "
            "infusion or transfusion)."
        ),
        IRON,
        severe_anaemia,
        replaces=("low-hemoglobin",),
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
            "She has a risk factor for gestational diabetes (see the entries it is based "
            "on) and no glucose tolerance test by 28+6: offer it now."
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
            "She has a risk factor for gestational diabetes (age, BMI over 25, background "
            "from Asia or Africa, diabetes in the family, impaired glucose tolerance, or an "
            "earlier gestational diabetes, child over 4500 g, shoulder dystocia or "
            "pre-eclampsia): offer the 75 g glucose tolerance test in weeks 24-28."
        ),
        GLUCOSE,
        glucose_test_due,
    ),
    Rule(
        "hba1c-due",
        INFO,
        _("Offer HbA1c at the first consultation"),
        _(
            "Her background or history (Asia or Africa, diabetes in the family, BMI over 30, "
            "an earlier gestational diabetes, child over 4500 g, shoulder dystocia or "
            "pre-eclampsia, impaired glucose tolerance): take HbA1c before week 16 to find "
            "undetected diabetes."
        ),
        GLUCOSE,
        hba1c_due,
    ),
    Rule(
        "preeclampsia-risk",
        INFO,
        _("Raised risk of pre-eclampsia"),
        _(
            "A serious risk factor (age over 40, twins, BMI over 35, diabetes, chronic "
            "hypertension, kidney or autoimmune disease, pre-eclampsia before) or two less "
            "serious ones (first pregnancy, her mother or sister had pre-eclampsia, more "
            "than ten years since the last birth): consider low-dose aspirin (75-150 mg), "
            "started before week 16 (from week 12) and taken to week 36."
        ),
        PREECLAMPSIA,
        preeclampsia_risk,
    ),
    Rule(
        "anti-d-due",
        WARNING,
        _("Anti-D prophylaxis due"),
        _(
            "She is RhD negative and the baby is RhD positive or not known: give anti-D "
            "prophylaxis in week 28."
        ),
        IRON_RHD,
        anti_d_due,
    ),
    Rule(
        "fetal-rhd-test-due",
        INFO,
        _("Fetal RhD test due"),
        _("She is RhD negative: take the fetal RhD test and antibody screening in week 24."),
        IRON_RHD,
        fetal_rhd_test_due,
    ),
    Rule(
        "routine-ultrasound-missing",
        WARNING,
        _("No routine ultrasound recorded"),
        _(
            "No routine ultrasound (weeks 17-19) or ultrasound due date by week 20: check "
            "that it was offered and done."
        ),
        PROGRAMME,
        routine_ultrasound_missing,
    ),
    Rule(
        "previous-caesarean",
        INFO,
        _("Caesarean section before"),
        _(
            "Talk with her about how the baby is to be born and refer her to the maternity "
            "unit's consultation for women with an earlier caesarean, as local routine says."
        ),
        BIRTH_AFTER_CAESAREAN,
        previous_caesarean,
    ),
    Rule(
        "postpartum-severe-hypertension",
        URGENT,
        _("Severe hypertension after the birth"),
        _(
            "Blood pressure 160/110 or higher after the birth: same-day assessment at the "
            "maternity unit (pre-eclampsia can arise in the weeks after birth)."
        ),
        POSTPARTUM,
        postpartum_severe_hypertension,
        replaces=("postpartum-hypertension",),
        her_advice=_(
            "Your blood pressure at the check after the birth was high and needs to be "
            "checked again at the maternity unit today."
        ),
    ),
    Rule(
        "postpartum-hypertension",
        WARNING,
        _("Raised blood pressure after the birth"),
        _(
            "Blood pressure 140/90 or higher after the birth: measure again within a day or "
            "two, ask about headache and visual disturbance, treat from 150/100."
        ),
        POSTPARTUM,
        postpartum_hypertension,
    ),
    Rule(
        "postpartum-heavy-bleeding",
        URGENT,
        _("Heavy bleeding after the birth"),
        _(
            "Heavy bleeding at the check after the birth: assess for retained tissue or "
            "infection at the maternity unit today."
        ),
        POSTPARTUM,
        postpartum_heavy_bleeding,
        her_advice=_(
            "The bleeding recorded at your check after the birth needs to be seen at the "
            "maternity unit today. If it gets heavier, or you feel faint, call 113."
        ),
    ),
    Rule(
        "postpartum-wound-problem",
        WARNING,
        _("A wound not healing well"),
        _(
            "The tear or caesarean wound is not healing well: look for infection and "
            "follow up within a few days."
        ),
        POSTPARTUM,
        postpartum_wound_problem,
    ),
    Rule(
        "thoughts-of-self-harm",
        URGENT,
        _("Thoughts of self-harm"),
        _(
            "She answered the EPDS question on harming herself with other than never: "
            "assess the risk today and refer to her GP or mental health services the same "
            "day."
        ),
        POSTPARTUM,
        thoughts_of_self_harm,
    ),
    Rule(
        "probable-depression",
        WARNING,
        _("EPDS 13 or more"),
        _("EPDS 13 or more: probable depression. Talk with her and refer to her GP."),
        POSTPARTUM,
        probable_depression,
        replaces=("possible-depression",),
    ),
    Rule(
        "possible-depression",
        WARNING,
        _("EPDS 10 or more"),
        _("EPDS 10-12: possible depression. Follow up and repeat the EPDS in two weeks."),
        POSTPARTUM,
        possible_depression,
    ),
    Rule(
        "home-severe-hypertension",
        URGENT,
        _("Severe hypertension at home"),
        _(
            "She measured 160/110 or higher at home: she is told to call the maternity unit "
            "now. Make sure she has been assessed today."
        ),
        PREECLAMPSIA,
        home_severe_hypertension,
        replaces=("home-raised-blood-pressure",),
        her_advice=_(
            "Your blood pressure is very high. Call the maternity unit now. If you have a bad "
            "headache, blurred vision or pain under the ribs, call 113."
        ),
    ),
    Rule(
        "home-raised-blood-pressure",
        WARNING,
        _("Raised blood pressure at home"),
        _(
            "Her two latest home blood pressures were 140/90 or higher: measure it at the "
            "practice within a day, with urine protein, and ask about symptoms."
        ),
        PREECLAMPSIA,
        home_raised_blood_pressure,
        her_contact=MIDWIFE_OR_GP,
        her_advice=_(
            "Your two latest blood pressures were 140/90 or higher. Call your midwife or GP "
            "today or tomorrow to have it checked. Call the maternity unit now if you get a "
            "bad headache, blurred vision or pain under the ribs."
        ),
    ),
    Rule(
        "home-glucose-above-target",
        WARNING,
        _("Blood sugar above target at home"),
        _(
            "Three or more of her blood sugars in two weeks were above target (fasting 5.3, "
            "two hours after a meal 6.7 mmol/L): refer to the diabetes outpatient clinic to "
            "assess treatment."
        ),
        GLUCOSE,
        home_glucose_above_target,
        her_contact=MIDWIFE_OR_GP,
        her_advice=_(
            "Several of your blood sugars in the last two weeks were above the target. Tell "
            "your midwife or GP this week: you may need more help to keep it down."
        ),
    ),
    Rule(
        "home-reduced-fetal-movements",
        URGENT,
        _("Fewer fetal movements noted at home"),
        _(
            "She noted fewer or no movements from week 24: she is told to call the maternity "
            "unit at once. Make sure she has been assessed (CTG) today."
        ),
        MOVEMENTS,
        home_reduced_movements,
        her_advice=_(
            "When the baby moves less than usual, or you feel no movements, call the "
            "maternity unit now, day or night. Do not wait until tomorrow."
        ),
    ),
    Rule(
        "home-danger-signs",
        URGENT,
        _("A danger sign noted at home"),
        _(
            "She noted a danger sign (bleeding, fluid, bad headache, visual disturbance, pain "
            "under the ribs, fever, sudden swelling or contractions): she is told to call the "
            "maternity unit now. Make sure she has been assessed today."
        ),
        PROGRAMME,
        home_danger_signs,
        her_advice=_(
            "What you noted can be a sign that you or the baby need to be seen. Call the "
            "maternity unit now. In an emergency, call 113."
        ),
    ),
    Rule(
        "home-itching",
        WARNING,
        _("Itching noted at home"),
        _(
            "Itching, especially of palms and soles, can be obstetric cholestasis: take bile "
            "acids and liver tests within a few days."
        ),
        PROGRAMME,
        home_itching,
        her_contact=MIDWIFE_OR_GP,
        her_advice=_(
            "Itching in pregnancy is usually harmless, but it should be checked with a blood "
            "test. Tell your midwife or GP in the next few days."
        ),
    ),
    Rule(
        "own-epds-self-harm",
        URGENT,
        _("Thoughts of self-harm in her own EPDS"),
        _(
            "In the EPDS she answered herself, the question on harming herself is answered "
            "with other than never: call her today, assess the risk and refer to her GP or "
            "mental health services the same day. She has been shown where to get help now."
        ),
        POSTPARTUM,
        own_epds_self_harm,
        replaces=("own-epds-at-threshold",),
    ),
    Rule(
        "own-epds-at-threshold",
        URGENT,
        _("Her own EPDS is 10 or more"),
        _(
            "The EPDS she answered herself scores 10 or more (13 or more: probable "
            "depression): call her today to talk about how she is, and refer to her GP as "
            "needed. See her answers on the card."
        ),
        POSTPARTUM,
        own_epds_at_threshold,
    ),
    Rule(
        "multiple-pregnancy",
        INFO,
        _("Multiple pregnancy"),
        _("Follow-up in specialist care, as the guideline says for multiple pregnancies."),
        MULTIPLE,
        multiple_pregnancy,
    ),
)
BY_CODE = {rule.code: rule for rule in RULES}


# Once the pregnancy is over (a birth, or an early end), its antenatal alerts end with it; what
# holds on are the checks after the birth and the diagnoses the pregnancy made, which her
# follow-up after the birth and her next pregnancy need.
DIAGNOSES = frozenset({"gestational-diabetes", "diabetes-in-pregnancy", "early-hyperglycaemia"})
# Her own pressures at home matter after the birth too (pre-eclampsia can begin then).
AFTER_THE_BIRTH_TOO = frozenset({"home-severe-hypertension", "home-raised-blood-pressure"})


def holds_after_the_pregnancy(rule: Rule) -> bool:
    return rule.reference is POSTPARTUM or rule.code in DIAGNOSES | AFTER_THE_BIRTH_TOO


def alerts(facts: Facts) -> list[Alert]:
    """The card's open alerts, the most urgent first."""
    raised = []
    for rule in RULES if facts.active else [r for r in RULES if holds_after_the_pregnancy(r)]:
        entries = rule.finds(facts)
        if entries:
            since = rule.since(facts) if rule.since else max(_entry_date(e) for e in entries)
            raised.append(Alert(rule, tuple(entries), since))
    replaced = {code for alert in raised for code in alert.rule.replaces}
    kept = [alert for alert in raised if alert.code not in replaced]
    return sorted(kept, key=lambda alert: SEVERITY_ORDER[alert.severity])
