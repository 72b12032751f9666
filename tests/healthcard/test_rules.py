"""Every decision-support rule at its boundaries (just below, at, above), with retractions,
later readings and twins (healthcard.clinical.rules; docs/clinical-safety.md)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from healthcard.clinical import rules
from tests.factories import (
    BeforePregnancyFactory,
    CardFactory,
    ConsultationFactory,
    CurrentPregnancyFactory,
    FetalObservationFactory,
    FundalHeightFactory,
    HeredityFactory,
    LabResultFactory,
    MedicalConditionsFactory,
    MotherDetailsFactory,
    PreviousPregnanciesFactory,
    RhesusNegativeFactory,
    UltrasoundFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def card():
    """A card at 30+0 today, one baby."""
    return CurrentPregnancyFactory(due_date_ultrasound=TODAY + datetime.timedelta(70)).card


def codes(card, born: datetime.date | None = None) -> list[str]:
    card.refresh_from_db()
    return [alert.code for alert in rules.alerts(rules.Facts.of(card, TODAY, born))]


def born_years_before_due(card, years: int, days: int = 0) -> datetime.date:
    """A birth date that makes her this many years old on her due date (plus days)."""
    due = card.currentpregnancy.due_date
    return due.replace(year=due.year - years) - datetime.timedelta(days=days)


def visit(card, systolic=120, diastolic=80, protein="T008", weeks=30, on=None, days=0, **kw):
    return ConsultationFactory(
        card=card,
        systolic=systolic,
        diastolic=diastolic,
        urine_protein=protein,
        weeks=weeks,
        days=days,
        date=on or TODAY,
        **kw,
    )


class TestBloodPressure:
    @pytest.mark.parametrize(
        ("systolic", "diastolic", "expected"),
        [
            (139, 89, []),
            (140, 80, ["raised-blood-pressure"]),
            (130, 90, ["raised-blood-pressure"]),
            (149, 99, ["raised-blood-pressure"]),
            (150, 80, ["hypertension-to-treat"]),
            (140, 100, ["hypertension-to-treat"]),
            (159, 109, ["hypertension-to-treat"]),
            (160, 100, ["severe-hypertension"]),
            (150, 110, ["severe-hypertension"]),
        ],
    )
    def test_thresholds(self, card, systolic, diastolic, expected):
        visit(card, systolic, diastolic)
        assert codes(card) == expected

    def test_with_protein_after_week_20_it_is_suspected_preeclampsia(self, card):
        visit(card, 150, 98, protein="T049")
        assert codes(card) == ["suspected-preeclampsia"]

    @pytest.mark.parametrize(("protein", "weeks"), [("T052", 30), ("T048", 19)])
    def test_trace_protein_or_before_week_20_is_not(self, card, protein, weeks):
        visit(card, 145, 92, protein=protein, weeks=weeks)
        expected = ["raised-blood-pressure"] + (["proteinuria"] if protein == "T048" else [])
        assert codes(card) == expected

    def test_severe_with_protein_raises_both(self, card):
        visit(card, 165, 112, protein="T048")
        assert codes(card) == ["severe-hypertension", "suspected-preeclampsia"]

    def test_a_later_normal_reading_ends_it(self, card):
        visit(card, 150, 95, on=days_ago(3), weeks=29)
        visit(card, 128, 82)
        assert codes(card) == []

    def test_a_retracted_reading_raises_nothing(self, card):
        visit(card, 128, 82, on=days_ago(3), weeks=29)
        visit(card, 170, 115, entered_in_error=True)
        assert codes(card) == []

    def test_a_visit_without_pressure_does_not_hide_the_last_one(self, card):
        high = visit(card, 150, 95, on=days_ago(3), weeks=29)
        visit(card, None, None)
        [alert] = rules.alerts(rules.Facts.of(card, TODAY))
        assert (alert.code, alert.based_on, alert.raised_on) == (
            "hypertension-to-treat",
            (high,),
            days_ago(3),
        )

    def test_two_raised_readings_in_a_row_are_followed_up(self, card):
        visit(card, 145, 92, on=days_ago(1), weeks=29)
        visit(card, 146, 93)
        assert codes(card) == ["persistent-raised-blood-pressure"]

    def test_protein_without_raised_pressure_is_followed_up(self, card):
        visit(card, 120, 80, protein="T050")
        assert codes(card) == ["proteinuria"]

    def test_a_recheck_without_a_urine_test_does_not_clear_preeclampsia(self, card):
        first = visit(card, 152, 100, protein="T049", on=days_ago(1), weeks=29)
        recheck = visit(card, 145, 95, protein="")
        [alert] = rules.alerts(rules.Facts.of(card, TODAY))
        assert (alert.code, alert.based_on) == ("suspected-preeclampsia", (recheck, first))


class TestFundalHeight:
    # At 30+0 the INTERGROWTH 10th centile is 27.32 cm and the 90th 31.85 cm.
    @pytest.mark.parametrize(
        ("centimetres", "expected"),
        [
            ("27.3", ["small-for-dates"]),
            ("27.4", []),
            ("31.8", []),
            ("31.9", ["large-for-dates"]),
        ],
    )
    def test_centiles(self, card, centimetres, expected):
        FundalHeightFactory(card=card, weeks=30, days=0, centimetres=Decimal(centimetres))
        assert codes(card) == expected

    def test_with_twins_the_singleton_curve_does_not_apply(self, card):
        card.currentpregnancy.number_of_fetuses = 2
        card.currentpregnancy.save()
        FundalHeightFactory(card=card, weeks=30, days=0, centimetres=Decimal("34"))
        assert codes(card) == ["multiple-pregnancy"]

    @pytest.mark.parametrize(("days_apart", "expected"), [(13, []), (14, ["no-fundal-growth"])])
    def test_no_growth_over_two_weeks(self, card, days_apart, expected):
        FundalHeightFactory(
            card=card, weeks=28, days=0, centimetres=Decimal("29"), measured_on=days_ago(14)
        )
        FundalHeightFactory(
            card=card,
            weeks=28 + days_apart // 7,
            days=days_apart % 7,
            centimetres=Decimal("29"),
            measured_on=days_ago(14 - days_apart),
        )
        assert codes(card) == expected

    def test_growth_ends_it(self, card):
        FundalHeightFactory(
            card=card, weeks=28, centimetres=Decimal("28"), measured_on=days_ago(14)
        )
        FundalHeightFactory(card=card, weeks=30, centimetres=Decimal("29.5"))
        assert codes(card) == []


class TestSignsOfPreeclampsia:
    def test_raised_pressure_with_headache_after_week_20_is_suspected_preeclampsia(self, card):
        visit(card, 140, 85, headache=True)
        assert codes(card) == ["suspected-preeclampsia"]

    @pytest.mark.parametrize("symptom", ["visual_disturbance", "epigastric_pain"])
    def test_visual_disturbance_or_epigastric_pain_is_urgent_whatever_the_pressure(
        self, card, symptom
    ):
        visit(card, 118, 72, **{symptom: True})
        assert codes(card) == ["preeclampsia-symptoms"]

    @pytest.mark.parametrize(
        ("weeks", "days", "expected"),
        [(19, 6, []), (20, 0, ["headache-after-week-20"])],
    )
    def test_headache_alone_from_week_20(self, card, weeks, days, expected):
        visit(card, weeks=weeks, days=days, headache=True)
        assert codes(card) == expected

    def test_a_later_visit_that_asked_ends_it_one_that_did_not_ask_does_not(self, card):
        visit(card, on=days_ago(7), weeks=29, visual_disturbance=True)
        visit(card, on=days_ago(3), weeks=29)  # not asked
        assert codes(card) == ["preeclampsia-symptoms"]
        visit(card, headache=False, visual_disturbance=False, epigastric_pain=False)
        assert codes(card) == []

    def test_a_retracted_visit_raises_nothing(self, card):
        visit(card, epigastric_pain=True, entered_in_error=True)
        assert codes(card) == []


class TestRisingBloodPressure:
    @pytest.mark.parametrize(
        ("latest", "expected"),
        [((134, 79), []), ((135, 79), ["rising-blood-pressure"]),
         ((120, 84), []), ((120, 85), ["rising-blood-pressure"])],
    )  # fmt: skip
    def test_30_systolic_or_15_diastolic_above_her_first_reading(self, card, latest, expected):
        visit(card, 105, 70, weeks=12, on=days_ago(126))
        visit(card, *latest)
        assert codes(card) == expected

    def test_not_before_week_20(self, card):
        visit(card, 105, 70, weeks=8, on=days_ago(150))
        visit(card, 135, 80, weeks=19, days=6, on=days_ago(71))
        assert codes(card) == []

    def test_past_140_90_the_raised_pressure_rules_speak_instead(self, card):
        visit(card, 105, 70, weeks=12, on=days_ago(126))
        visit(card, 142, 80)
        assert codes(card) == ["raised-blood-pressure"]


class TestCrossingCentiles:
    # From 27.0 cm at 26+0 (z +0.76): at 30+0 28.7 cm is z -0.50, 28.6 cm z -0.56.
    @pytest.mark.parametrize(
        ("centimetres", "expected"), [("28.7", []), ("28.6", ["sf-crossing-centiles"])]
    )
    def test_falling_as_far_as_from_the_median_to_the_10th_centile(
        self, card, centimetres, expected
    ):
        FundalHeightFactory(
            card=card, weeks=26, centimetres=Decimal("27.0"), measured_on=days_ago(28)
        )
        FundalHeightFactory(card=card, weeks=30, centimetres=Decimal(centimetres))
        assert codes(card) == expected

    def test_rising_across_centiles(self, card):
        FundalHeightFactory(
            card=card, weeks=26, centimetres=Decimal("24.0"), measured_on=days_ago(28)
        )
        FundalHeightFactory(card=card, weeks=30, centimetres=Decimal("30.5"))
        assert codes(card) == ["sf-crossing-centiles"]

    def test_below_the_10th_centile_says_only_that(self, card):
        FundalHeightFactory(
            card=card, weeks=26, centimetres=Decimal("27.0"), measured_on=days_ago(28)
        )
        FundalHeightFactory(card=card, weeks=30, centimetres=Decimal("27.2"))
        assert codes(card) == ["small-for-dates"]

    def test_twins_are_not_judged_on_the_singleton_curve(self, card):
        card.currentpregnancy.number_of_fetuses = 2
        card.currentpregnancy.save()
        FundalHeightFactory(
            card=card, weeks=26, centimetres=Decimal("27.0"), measured_on=days_ago(28)
        )
        FundalHeightFactory(card=card, weeks=30, centimetres=Decimal("28.0"))
        assert "sf-crossing-centiles" not in codes(card)


class TestFetalHeart:
    @pytest.mark.parametrize(("weeks", "expected"), [(23, []), (24, ["no-fetal-heart-rate"])])
    def test_from_week_24_each_consultation_records_the_heart(self, card, weeks, expected):
        visit(card, weeks=weeks, fetus=None)
        assert codes(card) == expected

    def test_a_heart_rate_clears_it(self, card):
        visit(card, fetus=None)
        assert codes(card) == ["no-fetal-heart-rate"]
        FetalObservationFactory(consultation=card.consultations.get(), heart_rate=140)
        assert codes(card) == []

    def test_twins_need_a_heart_rate_each(self, card):
        card.currentpregnancy.number_of_fetuses = 2
        card.currentpregnancy.save()
        consultation = visit(card, fetus=None)
        FetalObservationFactory(consultation=consultation, fetus=1, heart_rate=140)
        assert "no-fetal-heart-rate" in codes(card)
        FetalObservationFactory(consultation=consultation, fetus=2, heart_rate=135)
        assert "no-fetal-heart-rate" not in codes(card)


class TestBlood:
    @pytest.mark.parametrize(
        ("weeks", "value", "expected"),
        [
            (10, "10.9", ["low-hemoglobin"]),
            (10, "11.0", []),
            (20, "10.6", []),
            (20, "10.4", ["low-hemoglobin"]),
            (29, "10.9", ["low-hemoglobin"]),
            (29, "7.0", ["low-hemoglobin"]),
            (29, "6.9", ["severe-anaemia"]),
        ],
    )
    def test_hb_by_trimester(self, weeks, value, expected):
        card = CurrentPregnancyFactory(
            due_date_ultrasound=TODAY + datetime.timedelta(283 - weeks * 7)
        ).card
        LabResultFactory(card=card, code=rules.HB, value=Decimal(value), taken_on=TODAY)
        assert codes(card) == expected

    def test_hb_written_at_a_consultation_counts_and_a_later_test_replaces_it(self, card):
        visit(card, hemoglobin=Decimal("10.2"), on=days_ago(2), weeks=29)
        assert codes(card) == ["low-hemoglobin"]
        LabResultFactory(card=card, code=rules.HB, value=Decimal("11.8"), taken_on=TODAY)
        assert codes(card) == []

    @pytest.mark.parametrize(("value", "expected"), [("29", ["low-ferritin"]), ("30", [])])
    def test_ferritin(self, card, value, expected):
        LabResultFactory(card=card, code=rules.FERRITIN, value=Decimal(value), unit="ug/L")
        assert codes(card) == expected


class TestGlucose:
    @pytest.mark.parametrize(
        ("code", "value", "expected"),
        [
            (rules.OGTT_FASTING, "5.2", []),
            (rules.OGTT_FASTING, "5.3", ["gestational-diabetes"]),
            (rules.OGTT_FASTING, "6.9", ["gestational-diabetes"]),
            (rules.OGTT_FASTING, "7.0", ["diabetes-in-pregnancy"]),
            (rules.OGTT_2H, "8.9", []),
            (rules.OGTT_2H, "9.0", ["gestational-diabetes"]),
            (rules.OGTT_2H, "11.0", ["gestational-diabetes"]),
            (rules.OGTT_2H, "11.1", ["diabetes-in-pregnancy"]),
            (rules.HBA1C, "40", []),
            (rules.HBA1C, "41", ["early-hyperglycaemia"]),
            (rules.HBA1C, "47", ["early-hyperglycaemia"]),
            (rules.HBA1C, "48", ["diabetes-in-pregnancy"]),
        ],
    )
    def test_ranges(self, card, code, value, expected):
        taken = days_ago(20 * 7) if code == rules.HBA1C else TODAY  # HbA1c at 10+0
        LabResultFactory(card=card, code=code, value=Decimal(value), taken_on=taken)
        assert codes(card) == expected

    def test_a_diagnosis_lasts_after_a_later_normal_value(self, card):
        high = LabResultFactory(card=card, code=rules.OGTT_2H, value=Decimal("12.0"),
                                taken_on=days_ago(6))  # fmt: skip
        LabResultFactory(card=card, code=rules.OGTT_2H, value=Decimal("7.0"), taken_on=TODAY)
        [alert] = rules.alerts(rules.Facts.of(card, TODAY))
        assert (alert.code, alert.based_on) == ("diabetes-in-pregnancy", (high,))

    def test_hba1c_is_early_hyperglycaemia_only_in_the_first_trimester(self, card):
        LabResultFactory(card=card, code=rules.HBA1C, value=Decimal("44"), taken_on=TODAY)
        assert codes(card) == []  # she is at 30+0

    @pytest.mark.parametrize(
        ("weeks", "days", "expected"), [(15, 6, ["diabetes-in-pregnancy"]), (16, 0, [])]
    )
    def test_hba1c_diagnoses_diabetes_only_before_week_16(self, card, weeks, days, expected):
        due = card.currentpregnancy.due_date
        taken = due - datetime.timedelta(283 - weeks * 7 - days)
        LabResultFactory(card=card, code=rules.HBA1C, value=Decimal("50"), taken_on=taken)
        assert codes(card) == expected

    def test_diabetes_replaces_gestational_diabetes(self, card):
        LabResultFactory(card=card, code=rules.OGTT_FASTING, value=Decimal("5.6"))
        LabResultFactory(card=card, code=rules.OGTT_2H, value=Decimal("11.5"))
        [alert] = rules.alerts(rules.Facts.of(card, TODAY))
        assert alert.code == "diabetes-in-pregnancy"
        assert [entry.code for entry in alert.based_on] == [rules.OGTT_2H]


class TestMovementsAndTerm:
    def test_reduced_movements_from_week_24(self, card):
        consultation = visit(card, weeks=24, fetus=None)
        FetalObservationFactory(consultation=consultation, movements_felt=False)
        assert codes(card) == ["reduced-fetal-movements"]

    def test_reduced_movements_of_either_twin(self, card):
        consultation = visit(card, weeks=26, fetus=None)
        FetalObservationFactory(consultation=consultation, fetus=1, movements_felt=True)
        FetalObservationFactory(consultation=consultation, fetus=2, movements_felt=False)
        assert "reduced-fetal-movements" in codes(card)

    def test_a_visit_that_did_not_ask_does_not_clear_reduced_movements(self, card):
        earlier = visit(card, weeks=29, on=days_ago(2), fetus=None)
        FetalObservationFactory(consultation=earlier, movements_felt=False)
        visit(card, fetus=None)  # no fetal row at all: nor was the heart listened to
        assert codes(card) == ["reduced-fetal-movements", "no-fetal-heart-rate"]

    def test_before_week_24_movements_are_not_judged(self, card):
        consultation = visit(card, weeks=23, fetus=None)
        FetalObservationFactory(consultation=consultation, movements_felt=False)
        assert codes(card) == []

    @pytest.mark.parametrize(("days_past_due", "expected"), [(3, []), (4, ["post-term"])])
    def test_post_term_at_41_plus_0(self, days_past_due, expected):
        due = TODAY - datetime.timedelta(days=days_past_due)
        card = CurrentPregnancyFactory(due_date_ultrasound=due).card
        assert codes(card) == expected

    @pytest.mark.parametrize(
        ("days_past_due", "expected"), [(10, "post-term"), (11, "induction-overdue")]
    )
    def test_past_42_plus_0_is_urgent(self, days_past_due, expected):
        due = TODAY - datetime.timedelta(days=days_past_due)
        assert codes(CurrentPregnancyFactory(due_date_ultrasound=due).card) == [expected]

    def test_post_term_dates_from_41_plus_0_not_today(self):
        due = TODAY - datetime.timedelta(days=6)
        card = CurrentPregnancyFactory(due_date_ultrasound=due).card
        [alert] = rules.alerts(rules.Facts.of(card, TODAY))
        assert alert.raised_on == due + datetime.timedelta(days=4)

    def test_a_delivered_card_is_not_post_term(self):
        card = CurrentPregnancyFactory(due_date_ultrasound=days_ago(10)).card
        card.status = "delivered"
        card.save()
        assert codes(card) == []


class TestRiskFactors:
    """Screening by her history: the glucose tolerance test and pre-eclampsia risk."""

    def card_at(self, weeks: int, days: int = 0):
        due = TODAY + datetime.timedelta(283 - weeks * 7 - days)
        return CurrentPregnancyFactory(due_date_ultrasound=due).card

    @pytest.mark.parametrize(
        ("births", "age", "expected"),
        [(0, 25, []), (0, 26, ["glucose-test-due"]), (1, 40, []), (1, 41, ["glucose-test-due"])],
    )
    def test_age_by_earlier_births(self, births, age, expected):
        card = self.card_at(25)
        PreviousPregnanciesFactory(card=card, previous_pregnancies=births, live_births=births)
        born = born_years_before_due(card, age, days=1)
        assert [c for c in codes(card, born) if c.startswith("glucose")] == expected

    @pytest.mark.parametrize(("weight", "expected"), [("69.7", []), ("70.0", ["glucose-test-due"])])
    def test_bmi_over_25(self, weight, expected):
        card = self.card_at(25)  # height 167 cm: BMI 25.0 at 69.7 kg, 25.1 at 70.0 kg
        BeforePregnancyFactory(card=card, height_cm=Decimal("167"), weight_kg=Decimal(weight))
        assert codes(card) == expected

    @pytest.mark.parametrize(
        ("weeks", "days", "expected"),
        [(23, 6, []), (24, 0, ["glucose-test-due"]), (28, 6, ["glucose-test-due"]),
         (29, 0, ["glucose-test-overdue"])],
    )  # fmt: skip
    def test_the_window_and_when_it_is_overdue(self, weeks, days, expected):
        card = self.card_at(weeks, days)
        BeforePregnancyFactory(card=card, height_cm=Decimal("160"), weight_kg=Decimal("80"))
        assert codes(card) == expected

    def test_a_glucose_test_taken_or_known_diabetes_ends_it(self):
        card = self.card_at(29)
        BeforePregnancyFactory(card=card, height_cm=Decimal("160"), weight_kg=Decimal("80"))
        LabResultFactory(card=card, code=rules.OGTT_2H, value=Decimal("6.1"))
        assert codes(card) == []
        other = self.card_at(26)
        BeforePregnancyFactory(card=other, height_cm=Decimal("160"), weight_kg=Decimal("80"))
        MedicalConditionsFactory(card=other, nothing_particular=False, diabetes=True)
        assert "glucose-test-due" not in codes(other)

    @pytest.mark.parametrize(
        ("condition", "expected"),
        [("hypertension", ["preeclampsia-risk"]), ("allergy_asthma", [])],
    )
    def test_a_serious_condition_suggests_aspirin(self, condition, expected):
        card = self.card_at(12)
        MedicalConditionsFactory(card=card, nothing_particular=False, **{condition: True})
        assert codes(card) == expected

    @pytest.mark.parametrize(("age", "expected"), [(40, []), (41, ["preeclampsia-risk"])])
    def test_age_over_40_suggests_aspirin(self, age, expected):
        card = self.card_at(12)
        assert codes(card, born_years_before_due(card, age, days=1)) == expected

    @pytest.mark.parametrize(("weeks", "days", "suggested"), [(15, 6, True), (16, 0, False)])
    def test_until_week_16_bmi_over_35_suggests_aspirin(self, weeks, days, suggested):
        card = self.card_at(weeks, days)
        BeforePregnancyFactory(card=card, height_cm=Decimal("160"), weight_kg=Decimal("95"))
        assert ("preeclampsia-risk" in codes(card)) is suggested


class TestHistory:
    """What her background and earlier pregnancies say (Svangerskapsdiabetes; Preeklampsi)."""

    card_at = TestRiskFactors.card_at

    @pytest.mark.parametrize(
        ("factory", "field"),
        [
            (MotherDetailsFactory, "background_asia_africa"),
            (HeredityFactory, "diabetes_in_first_degree_relative"),
            (MedicalConditionsFactory, "impaired_glucose_tolerance"),
            (PreviousPregnanciesFactory, "gestational_diabetes"),
            (PreviousPregnanciesFactory, "large_baby_or_shoulder_dystocia"),
        ],
    )
    def test_each_risk_factor_offers_the_glucose_test_and_no_does_not(self, factory, field):
        extra = {"nothing_particular": False} if factory is MedicalConditionsFactory else {}
        card = self.card_at(25)
        factory(card=card, **extra, **{field: True})
        assert codes(card) == ["glucose-test-due"]
        other = self.card_at(25)
        factory(card=other, **{field: False})
        assert codes(other) == []

    @pytest.mark.parametrize(("weeks", "days", "expected"), [(15, 6, ["hba1c-due"]), (16, 0, [])])
    def test_hba1c_at_the_first_consultation_before_week_16(self, weeks, days, expected):
        card = self.card_at(weeks, days)
        MotherDetailsFactory(card=card, background_asia_africa=True)
        assert codes(card) == expected

    @pytest.mark.parametrize(("weight", "expected"), [("76.8", []), ("77.0", ["hba1c-due"])])
    def test_hba1c_for_bmi_over_30(self, weight, expected):
        card = self.card_at(10)  # height 160 cm: BMI 30.0 at 76.8 kg, 30.1 at 77.0 kg
        BeforePregnancyFactory(card=card, height_cm=Decimal("160"), weight_kg=Decimal(weight))
        assert codes(card) == expected

    def test_an_hba1c_taken_ends_it(self):
        card = self.card_at(10)
        HeredityFactory(card=card, diabetes_in_first_degree_relative=True)
        LabResultFactory(card=card, code=rules.HBA1C, value=Decimal("36"), unit="mmol/mol")
        assert codes(card) == []

    def test_earlier_preeclampsia_is_a_serious_risk_factor(self):
        card = self.card_at(13)
        PreviousPregnanciesFactory(card=card, preeclampsia=True)
        assert codes(card) == ["hba1c-due", "preeclampsia-risk"]  # a risk for diabetes too

    def test_one_lesser_factor_is_not_enough_two_are(self):
        card = self.card_at(13)
        PreviousPregnanciesFactory(card=card, previous_pregnancies=0, live_births=0)
        assert codes(card) == []
        HeredityFactory(card=card, preeclampsia_in_mother_or_sister=True)
        assert codes(card) == ["preeclampsia-risk"]

    @pytest.mark.parametrize(("years", "expected"), [(10, []), (11, ["preeclampsia-risk"])])
    def test_more_than_ten_years_since_the_last_birth(self, years, expected):
        card = self.card_at(13)
        due = card.currentpregnancy.due_date
        PreviousPregnanciesFactory(
            card=card, previous_pregnancies=1, live_births=1, last_birth_year=due.year - years
        )
        HeredityFactory(card=card, preeclampsia_in_mother_or_sister=True)
        assert codes(card) == expected

    @pytest.mark.parametrize(("sections", "expected"), [(0, []), (1, ["previous-caesarean"])])
    def test_a_caesarean_before(self, sections, expected):
        card = self.card_at(20)
        PreviousPregnanciesFactory(
            card=card, previous_pregnancies=1, live_births=1, caesarean_sections=sections
        )
        assert codes(card) == expected


class TestProgramme:
    """Steps of the programme that are due or overdue: the RhD pathway and the routine
    ultrasound."""

    def card_at(self, weeks: int, days: int = 0, **pregnancy):
        due = TODAY + datetime.timedelta(283 - weeks * 7 - days)
        return CurrentPregnancyFactory(due_date_ultrasound=due, **pregnancy).card

    @pytest.mark.parametrize(
        ("weeks", "days", "expected"),
        [(23, 6, []), (24, 0, ["fetal-rhd-test-due"]), (27, 6, ["fetal-rhd-test-due"])],
    )
    def test_the_fetal_rhd_test_in_week_24(self, weeks, days, expected):
        card = self.card_at(weeks, days)
        RhesusNegativeFactory(card=card)
        assert codes(card) == expected

    @pytest.mark.parametrize(
        ("fetus_positive", "given", "expected"),
        [(True, None, ["anti-d-due"]), (None, None, ["anti-d-due"]), (False, None, []),
         (True, True, [])],
    )  # fmt: skip
    def test_anti_d_from_week_28_unless_the_baby_is_rhd_negative_or_it_is_given(
        self, fetus_positive, given, expected
    ):
        card = self.card_at(28)
        RhesusNegativeFactory(card=card, fetus_rhd_positive=fetus_positive, anti_d_given=given)
        assert codes(card) == expected

    def test_rhd_positive_women_have_no_pathway(self):
        assert codes(self.card_at(29)) == []

    @pytest.mark.parametrize(
        ("weeks", "expected"), [(19, []), (20, ["routine-ultrasound-missing"])]
    )
    def test_no_routine_ultrasound_by_week_20(self, weeks, expected):
        due = TODAY + datetime.timedelta(283 - weeks * 7)
        card = CurrentPregnancyFactory(
            due_date_ultrasound=None, last_period=due - datetime.timedelta(283)
        ).card
        assert codes(card) == expected
        UltrasoundFactory(card=card)
        assert codes(card) == []


def test_an_empty_card_has_no_alerts():
    assert codes(CardFactory()) == []


def test_every_rule_has_a_title_action_and_guideline_reference():
    for rule in rules.RULES:
        assert rule.severity in rules.SEVERITY_ORDER
        assert str(rule.title) and str(rule.action)
        assert rule.reference.url.startswith(
            (
                "https://www.helsedirektoratet.no/retningslinjer/",
                "https://www.legeforeningen.no/foreningsledd/fagmed/norsk-gynekologisk-forening/",
            )
        )
    assert len(rules.BY_CODE) == len(rules.RULES)
