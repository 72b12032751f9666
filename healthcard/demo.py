"""Demo cards for the demo women (portal/demo.py): a first-time mother in week 12, one in week
30 with a full history, twins, an RhD-negative woman and a delivered card. Dates are relative
to today, so each woman is always at her stage. Written through the services, with provenance."""

import datetime
import uuid
from decimal import Decimal

from django.utils import timezone

from . import services
from .clinical import dating
from .models import (
    Baby,
    BeforePregnancy,
    Birth,
    BirthOutcome,
    Card,
    CareTeamMember,
    ClinicalNote,
    Consultation,
    CurrentPregnancy,
    DailyNote,
    FetalObservation,
    FundalHeight,
    Heredity,
    HomeMeasurement,
    LabResult,
    LifestyleFactor,
    MedicalConditions,
    Medication,
    MotherDetails,
    PostpartumVisit,
    PreviousPregnancies,
    RhesusNegative,
    Ultrasound,
)

MIDWIFE = services.Actor(
    name="Jorunn Jordmor",
    hpr="9144900",
    role="Jordmor",
    org_nr="974589095",
    org_name="Oslo kommune, Frogner helsestasjon",
    source_system="Helsestasjon EPJ",
)
GP = services.Actor(
    name="Lars Fastlege",
    hpr="8011223",
    role="Lege",
    org_nr="912345688",
    org_name="Majorstuen legesenter",
    source_system="Allmennlege EPJ",
)
HOSPITAL = services.Actor(
    name="Hanne Sonograf",
    hpr="7033445",
    role="Jordmor",
    org_nr="993467049",
    org_name="Oslo universitetssykehus HF",
    source_system="Sykehus EPJ",
)

BLOOD_TESTS = [  # code, display, value, unit, qualitative
    ("NOR05172", "Hemoglobin", Decimal("12.8"), "g/dL", ""),
    ("NPU19763", "Ferritin", Decimal("38"), "ug/L", ""),
    ("NPU19649", "HIV", None, "", LabResult.Qualitative.NEGATIVE),
    ("NPU03611", "Syphilis", None, "", LabResult.Qualitative.NEGATIVE),
    ("NPU02349", "Hepatitt B-virus s-antigen (HBsAg)", None, "", LabResult.Qualitative.NEGATIVE),
]


def _date_at(due_date: datetime.date, weeks: int, days: int = 0) -> datetime.date:
    return due_date - datetime.timedelta(days=dating.PREGNANCY_DAYS - (weeks * 7 + days))


class CardBuilder:
    def __init__(
        self,
        woman,
        *,
        weeks_now: int,
        days_now: int = 0,
        fetuses: int = 1,
        status: str = Card.Status.ACTIVE,
        carry_over: bool = False,
    ):
        self.today = timezone.localdate()
        self.due = self.today + datetime.timedelta(
            days=dating.PREGNANCY_DAYS - (weeks_now * 7 + days_now)
        )
        self.fetuses = fetuses
        self.card = services.create_card(woman=woman, actor=MIDWIFE, carry_over=carry_over)
        if weeks_now > 45:  # a card of an earlier pregnancy: opened at its first visit
            opened = self._signed(self.at(8, 3))
            Card.objects.filter(pk=self.card.pk).update(created_at=opened)
            self.card.created_at = opened
        if status != Card.Status.ACTIVE:
            self.card.status = status
            self.card.save(update_fields=["status"])

    def at(self, weeks: int, days: int = 0) -> datetime.date:
        return _date_at(self.due, weeks, days)

    def _signed(self, on: datetime.date | None) -> datetime.datetime:
        # Signed in the record system on the day (the first visit unless told), after noon.
        day = on or self.at(8, 3)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 14)))

    def section(self, model, actor=MIDWIFE, *, on: datetime.date | None = None, **values):
        return services.save_section(
            card=self.card, model=model, actor=actor, recorded_at=self._signed(on), **values
        )

    def entry(self, model, actor=MIDWIFE, *, on: datetime.date | None = None, **values):
        return services.add_entry(
            card=self.card, model=model, actor=actor, recorded_at=self._signed(on), **values
        )

    def her_own_entries(self):
        """Two weeks of her own blood pressures at home (the last two raised: an alert for
        the midwife, advice for her), her weight, and daily notes of movements."""
        woman = self.card.woman
        readings = [(118, 74), (121, 76), (124, 79), (126, 80), (143, 91), (145, 92)]
        for days_ago, (systolic, diastolic) in zip(range(12, 0, -2), readings, strict=True):
            at = timezone.make_aware(
                datetime.datetime.combine(
                    self.today - datetime.timedelta(days=days_ago), datetime.time(7, 40)
                )
            )
            values = {"measured_at": at, "systolic": systolic, "diastolic": diastolic}
            values |= {"pulse": 72 + days_ago % 5, "glucose_mmol": None, "glucose_timing": ""}
            values["weight_kg"] = Decimal("66.0") + Decimal(12 - days_ago) / 10
            services.record_her_entry(
                card=self.card, woman=woman, model=HomeMeasurement, values=values,
                submission_id=uuid.uuid4(),
            )  # fmt: skip
        for days_ago, text in ((3, ""), (1, "Mye spark om kvelden.")):
            values = {"movements": "as_usual", "symptoms": [], "text": text}
            services.record_her_entry(
                card=self.card, woman=woman, model=DailyNote, submission_id=uuid.uuid4(),
                values={"date": self.today - datetime.timedelta(days=days_ago), **values},
            )  # fmt: skip

    def basics(
        self,
        *,
        ultrasound: bool,
        rhd_negative: bool = False,
        first_time: bool = True,
        history: bool = True,
    ):
        """The first visit's sections; history=False when her history was carried over."""
        self.section(
            MotherDetails,
            phone="99887766",
            address="Eksempelveien 1",
            post_number="0368",
            post_name="Oslo",
            marital_status="Samboer",
            cohabiting_coparent=True,
            coparent_name="Ola Nordmann",
            education="Universitet/høgskole",
            occupation="Sykepleier",
            employed_last_6_months=True,
            employment_percentage=100,
            country_of_birth="Norge",
            language_code="nor",
            language="Norsk",
            needs_interpreter=False,
            background_asia_africa=False,
        )
        self.entry(
            CareTeamMember,
            role=CareTeamMember.Role.MIDWIFE,
            name=MIDWIFE.name,
            organisation=MIDWIFE.org_name,
            organisation_nr=MIDWIFE.org_nr,
            hpr_nr=MIDWIFE.hpr,
            phone="23456789",
        )
        self.entry(
            CareTeamMember,
            actor=GP,
            role=CareTeamMember.Role.GP,
            name=GP.name,
            organisation=GP.org_name,
            organisation_nr=GP.org_nr,
            hpr_nr=GP.hpr,
        )
        self.entry(
            CareTeamMember,
            role=CareTeamMember.Role.BIRTH_INSTITUTION,
            name="Ullevål sykehus, fødeavdelingen",
            organisation=HOSPITAL.org_name,
            organisation_nr=HOSPITAL.org_nr,
            phone="22118000",
        )
        if history:
            self._history(first_time)
        self._first_visit(ultrasound, rhd_negative)

    def _history(self, first_time: bool) -> None:
        self.section(
            PreviousPregnancies,
            previous_pregnancies=0 if first_time else 2,
            live_births=0 if first_time else 1,
            spontaneous_miscarriages=0 if first_time else 1,
            stillbirths=0,
            ectopic_pregnancies=0,
            caesarean_sections=0,
            last_birth_year=None if first_time else self.at(0).year - 3,
            **dict.fromkeys(
                ("preeclampsia", "gestational_diabetes", "large_baby_or_shoulder_dystocia"),
                None if first_time else False,
            ),
        )
        self.section(
            Heredity,
            none_known=True,
            parents_related=False,
            hip_dysplasia=False,
            diabetes_in_first_degree_relative=False,
            preeclampsia_in_mother_or_sister=False,
        )
        self.section(
            MedicalConditions,
            nothing_particular=True,
            **{c: False for c in MedicalConditions.CONDITIONS[1:]},
        )

    def _first_visit(self, ultrasound: bool, rhd_negative: bool) -> None:
        self.section(
            Medication,
            frequency=Medication.Frequency.NONE,
            drug_allergy=False,
            folate_before=True,
            folate_during=True,
        )
        for stimulant in LifestyleFactor.Stimulant:
            self.entry(
                LifestyleFactor,
                stimulant=stimulant,
                frequency_first=LifestyleFactor.Frequency.NEVER,
            )
        self.section(BeforePregnancy, height_cm=Decimal("168"), weight_kg=Decimal("64.0"))
        self.section(
            CurrentPregnancy,
            on=self.at(18, 3) if ultrasound else None,
            last_period=self.at(0, 2),
            number_of_fetuses=self.fetuses,
            assisted_conception=False,
            prenatal_diagnostics_informed=True,
            due_date_ultrasound=self.due if ultrasound else None,
        )
        for code, display, value, unit, qualitative in BLOOD_TESTS:
            self.entry(
                LabResult,
                actor=GP,
                on=self.at(9),
                code=code,
                display=display,
                value=value,
                unit=unit,
                qualitative=qualitative,
                taken_on=self.at(8, 3),
            )
        self.entry(
            LabResult,
            actor=GP,
            code="NPU58582",
            display="ABO blodtype",
            value_text="O",
            taken_on=self.at(8, 3),
        )
        self.entry(
            LabResult,
            actor=GP,
            code="NPU21917",
            display="RhD",
            qualitative=LabResult.Qualitative.NEGATIVE
            if rhd_negative
            else LabResult.Qualitative.POSITIVE,
            taken_on=self.at(8, 3),
        )
        if rhd_negative:
            self.section(RhesusNegative, actor=GP, consent_fetal_test=True)

    def ultrasounds(self, until_weeks: int):
        if until_weeks >= 12:
            self.entry(
                Ultrasound,
                actor=HOSPITAL,
                kind=Ultrasound.Kind.EARLY,
                examined_on=self.at(12, 2),
                on=self.at(12, 2),
                weeks=12,
                days=2,
                number_of_fetuses=self.fetuses,
            )
        if until_weeks >= 18:
            self.entry(
                Ultrasound,
                actor=HOSPITAL,
                kind=Ultrasound.Kind.ROUTINE,
                examined_on=self.at(18, 3),
                on=self.at(18, 3),
                weeks=18,
                days=3,
                due_date=self.due,
                number_of_fetuses=self.fetuses,
                placenta="Fremre vegg",
                remarks="Normale funn.",
            )

    def consultation(
        self,
        weeks: int,
        days: int = 0,
        *,
        weight: str,
        bp: tuple[int, int],
        sf: str | None = None,
        heart_rates=(142,),
        actor=MIDWIFE,
        **extra,
    ):
        consultation = self.entry(
            Consultation,
            actor=actor,
            on=self.at(weeks, days),
            date=self.at(weeks, days),
            weeks=weeks,
            days=days,
            weight_kg=Decimal(weight),
            systolic=bp[0],
            diastolic=bp[1],
            urine_protein=Consultation.UrineProtein.NEGATIVE,
            oedema=0,
            medication_in_use=False,
            **extra,
        )
        if weeks >= 24:
            for fetus, rate in enumerate(heart_rates, start=1):
                FetalObservation.objects.create(
                    consultation=consultation,
                    fetus=fetus,
                    heart_rate=rate,
                    presentation=FetalObservation.Presentation.CEPHALIC
                    if weeks >= 32
                    else FetalObservation.Presentation.UNKNOWN,
                    movements_felt=True,
                )
        if sf:
            self.entry(
                FundalHeight,
                actor=actor,
                on=self.at(weeks, days),
                measured_on=self.at(weeks, days),
                weeks=weeks,
                days=days,
                centimetres=Decimal(sf),
            )
        return consultation


def week_12_first_pregnancy(woman) -> Card:
    b = CardBuilder(woman, weeks_now=12, days_now=1)
    b.basics(ultrasound=False)
    b.consultation(
        8,
        3,
        weight="64.5",
        bp=(112, 70),
        actor=GP,
        hemoglobin=Decimal("12.8"),
        note="Første konsultasjon. Informert om fosterdiagnostikk og ultralyd.",
    )
    return b.card


def week_30_full_history(woman) -> Card:
    b = CardBuilder(woman, weeks_now=30, days_now=2)
    b.basics(ultrasound=True)
    b.ultrasounds(until_weeks=30)
    b.consultation(
        8,
        1,
        weight="63.8",
        bp=(110, 68),
        actor=GP,
        hemoglobin=Decimal("12.9"),
        note="Første konsultasjon.",
    )
    mistyped = b.consultation(16, 0, weight="76.5", bp=(114, 72))
    services.retract_entry(
        entry=mistyped, actor=MIDWIFE, reason="Feil vekt: 76,5 kg skulle vært 66,5 kg."
    )
    b.consultation(16, 0, weight="66.5", bp=(114, 72), note="Vekt rettet, feil vekt står under.")
    b.consultation(24, 2, weight="69.0", bp=(116, 74), sf="24.0")
    b.consultation(28, 1, weight="71.2", bp=(118, 76), sf="27.5", hemoglobin=Decimal("11.6"))
    b.consultation(
        30,
        0,
        weight="72.0",
        bp=(120, 78),
        sf="29.5",
        headache=False,
        visual_disturbance=False,
        epigastric_pain=False,
        note="Kjenner mye liv. Snakket om fødselsforberedelse.",
    )
    b.entry(
        LabResult,
        code="NPU27300",
        display="HbA1c",
        value=Decimal("33"),
        unit="mmol/mol",
        taken_on=b.at(10),
        on=b.at(11),
    )
    b.entry(
        LabResult,
        code="NPU02192",
        display="Glukosebelastning, fastende",
        value=Decimal("4.8"),
        unit="mmol/L",
        taken_on=b.at(26),
        on=b.at(26, 1),
    )
    b.entry(
        LabResult,
        code="NPU02193",
        display="Glukosebelastning, 2 timer",
        value=Decimal("6.9"),
        unit="mmol/L",
        taken_on=b.at(26),
        on=b.at(26, 1),
    )
    services.save_birth_wishes(
        card=b.card,
        woman=woman,
        wishes="Ønsker å prøve lystgass først. Samboer er med.",
        questions="Når bør vi dra til fødeavdelingen?",
        expected_version=None,
    )
    return b.card


def twins_week_26(woman) -> Card:
    b = CardBuilder(woman, weeks_now=26, fetuses=2)
    b.basics(ultrasound=True, first_time=False)
    b.ultrasounds(until_weeks=26)
    b.consultation(9, weight="70.0", bp=(118, 74), actor=GP)
    b.consultation(20, weight="75.5", bp=(120, 76))
    b.consultation(24, weight="78.0", bp=(122, 78), sf="27.0", heart_rates=(145, 138))
    b.entry(
        ClinicalNote,
        on=b.at(20),
        kind=ClinicalNote.Kind.NOTE,
        text="Tvillinger, dikorionisk-diamniotisk. Følges også opp ved sykehuset.",
    )
    return b.card


def _earlier_pregnancy(woman, weeks_now: int) -> Card:
    """A pregnancy some years ago, after an early miscarriage: a birth at 40+1, the checks
    after it, and the card closed by the midwife after the six-week check."""
    b = CardBuilder(woman, weeks_now=weeks_now)
    b.basics(ultrasound=True, rhd_negative=True)
    b.section(
        PreviousPregnancies,
        previous_pregnancies=1,
        live_births=0,
        spontaneous_miscarriages=1,
        stillbirths=0,
        ectopic_pregnancies=0,
        caesarean_sections=0,
        preeclampsia=False,
        gestational_diabetes=False,
        large_baby_or_shoulder_dystocia=False,
    )
    b.ultrasounds(until_weeks=40)
    for weeks, weight, bp, sf in [
        (10, "59.0", (106, 64), None),
        (24, "64.0", (110, 68), "24.0"),
        (28, "66.0", (112, 70), "28.0"),
        (36, "70.0", (116, 72), "35.5"),
    ]:
        b.consultation(weeks, weight=weight, bp=bp, sf=sf)
    born = timezone.make_aware(datetime.datetime.combine(b.at(40, 1), datetime.time(14, 40)))
    b.section(
        Birth,
        actor=HOSPITAL,
        on=born.date() + datetime.timedelta(days=1),  # signed after the birth, not before
        born_at=born,
        weeks=40,
        days=1,
        place="Ullevål sykehus, fødeavdelingen",
        place_org_nr=HOSPITAL.org_nr,
        onset=Birth.Onset.SPONTANEOUS,
        mode=Birth.Mode.SPONTANEOUS_VAGINAL,
        blood_loss_ml=300,
        perineal_tear=Birth.Tear.FIRST,
        anti_d_given=True,
        babies=[
            {
                "fetus": 1,
                "outcome": Baby.Outcome.LIVE_BIRTH,
                "sex": Baby.Sex.FEMALE,
                "weight_g": 3350,
                "length_cm": Decimal("50"),
                "apgar_1": 9,
                "apgar_5": 10,
            }
        ],
    )

    def after(**delta) -> datetime.date:
        return born.date() + datetime.timedelta(**delta)

    b.entry(
        PostpartumVisit,
        on=after(days=2),
        date=after(days=2),
        kind=PostpartumVisit.Kind.HOME_VISIT,
        bleeding=PostpartumVisit.Bleeding.NORMAL,
        feeding=PostpartumVisit.Feeding.BREAST,
        baby_weight_g=3210,
    )
    b.entry(
        PostpartumVisit,
        actor=GP,
        on=after(weeks=6),
        date=after(weeks=6),
        kind=PostpartumVisit.Kind.SIX_WEEK_CHECK,
        systolic=114,
        diastolic=70,
        epds_score=4,
        epds_self_harm=False,
        contraception_discussed=True,
        feeding=PostpartumVisit.Feeding.BREAST,
    )
    services.close_card(card=b.card, actor=MIDWIFE)
    closed = b._signed(after(weeks=7))
    Card.objects.filter(pk=b.card.pk).update(closed_at=closed)
    return b.card


def rhd_negative_week_28(woman) -> Card:
    """Marte's second card: her history carried over from her first (closed) one."""
    _earlier_pregnancy(woman, weeks_now=28 + 52 * 3 + 10)
    b = CardBuilder(woman, weeks_now=28, days_now=3, carry_over=True)
    b.basics(ultrasound=True, rhd_negative=True, first_time=False, history=False)
    b.ultrasounds(until_weeks=28)
    b.consultation(10, weight="60.0", bp=(108, 66), actor=GP)
    b.consultation(24, 1, weight="65.0", bp=(112, 70), sf="23.5")
    b.section(
        RhesusNegative,
        actor=GP,
        on=b.at(25),
        consent_fetal_test=True,
        fetus_rhd_positive=True,
        fetal_test_date=b.at(24, 1),
        note="Anti-D gis i uke 28.",
    )
    b.her_own_entries()
    return b.card


def delivered(woman) -> Card:
    b = CardBuilder(woman, weeks_now=44, status=Card.Status.DELIVERED)
    b.basics(ultrasound=True, first_time=False)
    b.ultrasounds(until_weeks=40)
    for weeks, weight, bp, sf in [
        (9, "66.0", (110, 70), None),
        (24, "71.0", (114, 72), "24.5"),
        (28, "73.0", (116, 74), "28.0"),
        (32, "75.0", (118, 74), "31.5"),
        (36, "77.0", (120, 76), "35.0"),
        (38, "78.0", (120, 78), "36.0"),
    ]:
        b.consultation(weeks, weight=weight, bp=bp, sf=sf)
    born = timezone.make_aware(datetime.datetime.combine(b.at(39, 4), datetime.time(3, 12)))
    b.entry(
        BirthOutcome,
        actor=HOSPITAL,
        on=born.date(),
        fetus=1,
        outcome=BirthOutcome.Outcome.LIVE_BIRTH,
        born_at=born,
    )
    birth = b.section(
        Birth,
        actor=HOSPITAL,
        on=born.date(),
        born_at=born,
        weeks=39,
        days=4,
        place="Ullevål sykehus, fødeavdelingen",
        place_org_nr=HOSPITAL.org_nr,
        onset=Birth.Onset.SPONTANEOUS,
        mode=Birth.Mode.SPONTANEOUS_VAGINAL,
        blood_loss_ml=400,
        perineal_tear=Birth.Tear.SECOND,
        note="Ukomplisert fødsel. Mor og barn overflyttet til barsel.",
    )
    Baby.objects.create(
        birth=birth,
        fetus=1,
        outcome=Baby.Outcome.LIVE_BIRTH,
        sex=Baby.Sex.MALE,
        weight_g=3620,
        length_cm=Decimal("51"),
        head_cm=Decimal("35.5"),
        apgar_1=8,
        apgar_5=9,
        apgar_10=10,
        presentation=FetalObservation.Presentation.CEPHALIC,
        neonatal_care=False,
    )
    b.card.delivery_date = born.date()
    b.card.live_birth = True
    b.card.save(update_fields=["delivery_date", "live_birth"])
    # The checks after the birth so far: the midwife's home visit, the health station's.
    b.entry(
        PostpartumVisit,
        on=born.date() + datetime.timedelta(days=2),
        date=born.date() + datetime.timedelta(days=2),
        kind=PostpartumVisit.Kind.HOME_VISIT,
        systolic=122,
        diastolic=78,
        bleeding=PostpartumVisit.Bleeding.NORMAL,
        wound=PostpartumVisit.Wound.HEALING,
        feeding=PostpartumVisit.Feeding.BREAST,
        baby_weight_g=3410,
        note="Ammer godt. Gulsott sjekket, normal.",
    )
    b.entry(
        PostpartumVisit,
        on=born.date() + datetime.timedelta(days=9),
        date=born.date() + datetime.timedelta(days=9),
        kind=PostpartumVisit.Kind.HEALTH_STATION,
        wound=PostpartumVisit.Wound.HEALING,
        feeding=PostpartumVisit.Feeding.MIXED,
        baby_weight_g=3650,
        contraception_discussed=True,
        note="Litt tilleggsmelk om kvelden. Over fødselsvekt.",
    )
    return b.card


# One per demo woman, in order; the last one has not consented, so she has no card.
def consented_without_a_card(woman) -> None:
    """She has consented at home; her midwife opens the card at the first visit."""


SCENARIOS = [
    week_12_first_pregnancy,
    week_30_full_history,
    twins_week_26,
    rhd_negative_week_28,
    delivered,
    consented_without_a_card,
    None,
]
