"""The national guideline's programme for antenatal care (IS-2735; DOMAIN.md §2.1–2.2), and
what comes next for a woman at a given gestational age."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .dating import GestationalAge


@dataclass(frozen=True)
class Step:
    key: str
    starts: int  # gestational age in days, inclusive
    ends: int  # inclusive
    title: str
    what: str
    rhd_negative_only: bool = False

    @property
    def names_its_week(self) -> bool:
        """A consultation of one week says so in its title ("Consultation in week 32"): its
        window need not be said again."""
        return GestationalAge(self.starts).weeks == GestationalAge(self.ends).weeks and (
            self.key.startswith("week")
        )

    @property
    def window(self) -> str:
        first, last = GestationalAge(self.starts), GestationalAge(self.ends)
        if first.weeks == last.weeks:
            return str(first.weeks)
        if first.days == 0 and last.days == 6:
            return f"{first.weeks}–{last.weeks}"
        return f"{first}–{last}"


def _week(start_week: int, end_week: int | None = None, start_day: int = 0, end_day: int = 6):
    return start_week * 7 + start_day, (end_week or start_week) * 7 + end_day


PROGRAMME = [
    Step(
        "first",
        *_week(6, 12),
        _("First consultation"),
        _(
            "A longer talk about your health and needs, blood pressure, urine, weight, "
            "and blood tests: Hb, blood type and antibodies, HIV, hepatitis B and syphilis."
        ),
    ),
    Step(
        "early_ultrasound",
        *_week(11, 13),
        _("Early ultrasound"),
        _("Offered to everyone between week 11+0 and 13+6."),
    ),
    Step(
        "routine_ultrasound",
        *_week(17, 19),
        _("Routine ultrasound"),
        _("Sets your due date, and checks the number of babies and the placenta."),
    ),
    Step(
        "week24",
        *_week(24),
        _("Consultation in week 24"),
        _("Blood pressure, urine, the baby's growth (symphysis-fundus height) and heartbeat."),
    ),
    Step(
        "fetal_rhd_test",
        *_week(24),
        _("Fetal RhD test and antibody screening"),
        _("A blood test shows whether the baby is RhD positive."),
        rhd_negative_only=True,
    ),
    Step(
        "week28", *_week(28), _("Consultation in week 28"), _("As in week 24, and a new Hb test.")
    ),
    Step(
        "anti_d",
        *_week(28),
        _("Anti-D prophylaxis"),
        _("An injection that protects the baby if it is RhD positive."),
        rhd_negative_only=True,
    ),
    Step(
        "week32",
        *_week(32),
        _("Consultation in week 32"),
        _("Blood pressure, urine, the baby's growth and heartbeat."),
    ),
    Step(
        "week36",
        *_week(36),
        _("Consultation in week 36"),
        _("The baby's position is checked, and you talk about lifestyle and the birth."),
    ),
    Step(
        "week38",
        *_week(38),
        _("Consultation in week 38"),
        _("Blood pressure, urine, the baby's growth and heartbeat."),
    ),
    Step(
        "week40",
        *_week(40),
        _("Consultation in week 40"),
        _("Blood pressure, urine, the baby's growth and heartbeat."),
    ),
    Step(
        "week41",
        *_week(41),
        _("Consultation in week 41"),
        _("Check-up after the due date; often at the hospital from 41+0."),
    ),
]


def programme_for(*, rhd_negative: bool) -> list[Step]:
    return [step for step in PROGRAMME if rhd_negative or not step.rhd_negative_only]


CONSULTATION_STEPS = {"first", "week24", "week28", "week32", "week36", "week38", "week40", "week41"}


def steps_done_by_consultations(ages: list[GestationalAge]) -> set[str]:
    """The consultation steps whose window holds one of the given consultations."""
    return {
        step.key
        for step in PROGRAMME
        if step.key in CONSULTATION_STEPS
        and any(step.starts <= age.total_days <= step.ends for age in ages)
    }


def next_steps(
    age: GestationalAge, *, rhd_negative: bool, done: frozenset[str] | set[str] = frozenset()
) -> list[Step]:
    """The steps now due or coming next: every step not done whose window has not ended, up
    to and including the next one that starts later (several steps can share a window)."""
    upcoming = [
        s
        for s in programme_for(rhd_negative=rhd_negative)
        if s.ends >= age.total_days and s.key not in done
    ]
    if not upcoming:
        return []
    current = [s for s in upcoming if s.starts <= age.total_days]
    later = [s for s in upcoming if s.starts > age.total_days]
    if later:
        current += [s for s in later if s.starts == later[0].starts]
    return current


# The steps whose absence from the card a midwife should notice: the visits and the routine
# ultrasound. (The early ultrasound and the blood tests are offered; they may be declined.)
CHECKED_FOR_OVERDUE = CONSULTATION_STEPS | {"routine_ultrasound"}


def missed_step(
    age: GestationalAge, *, rhd_negative: bool, done: frozenset[str] | set[str] = frozenset()
) -> Step | None:
    """The programme's latest visit (or routine ultrasound) whose window has ended, if it
    is not on the card: she is overdue for it. An earlier one missed and made up for by a
    later visit is no longer news."""
    ended = [
        s
        for s in programme_for(rhd_negative=rhd_negative)
        if s.key in CHECKED_FOR_OVERDUE and s.ends < age.total_days
    ]
    latest = max(ended, key=lambda s: s.ends, default=None)
    return latest if latest is not None and latest.key not in done else None


@dataclass(frozen=True)
class LabTest:
    code: str  # Norsk laboratoriekodeverk
    display: str
    unit: str = ""  # empty: the result is negative/positive or a text
    low: float = 0  # what a laboratory can report, in unit: a value outside is mistyped
    high: float = 0


# What she reads for each test: plain names, as Norwegians say them (the laboratory's own
# name, as a record system sent it, is kept on the entry).
PLAIN_TEST_NAMES = {
    "NOR05172": _("Haemoglobin (Hb)"),
    "NPU19763": _("Ferritin (iron stores)"),
    "NPU27300": _("Long-term blood sugar (HbA1c)"),
    "NPU02192": _("Glucose tolerance test, fasting"),
    "NPU02193": _("Glucose tolerance test, after 2 hours"),
    "NPU58582": _("Blood group (ABO)"),
    "NPU21917": _("Blood group RhD"),
    "NPU19649": _("HIV"),
    "NPU03611": _("Syphilis"),
    "NPU02349": _("Hepatitis B (HBsAg)"),
}

# The tests of the antenatal programme a midwife records most (DOMAIN.md §2.2).
LAB_TESTS = (
    LabTest("NOR05172", "Hemoglobin", "g/dL", 4, 20),
    LabTest("NPU19763", "Ferritin", "ug/L", 1, 2000),
    LabTest("NPU27300", "HbA1c", "mmol/mol", 15, 200),
    LabTest("NPU02192", "Glukosebelastning, fastende", "mmol/L", 1, 40),
    LabTest("NPU02193", "Glukosebelastning, 2 timer", "mmol/L", 1, 40),
    LabTest("NPU58582", "ABO blodtype"),
    LabTest("NPU21917", "RhD"),
    LabTest("NPU19649", "HIV"),
    LabTest("NPU03611", "Syphilis"),
    LabTest("NPU02349", "Hepatitt B-virus s-antigen (HBsAg)"),
)
