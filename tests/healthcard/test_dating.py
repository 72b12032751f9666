import datetime

import pytest

from healthcard.clinical.dating import (
    due_date_from_last_period,
    gestational_age,
)
from healthcard.models import CurrentPregnancy

DUE = datetime.date(2027, 3, 1)


def days_before_due(days: int) -> datetime.date:
    return DUE - datetime.timedelta(days=days)


class TestGestationalAge:
    def test_due_date_is_283_days_after_last_period(self):
        assert due_date_from_last_period(datetime.date(2026, 1, 1)) == datetime.date(2026, 10, 11)

    def test_on_the_due_date_she_is_40_plus_3(self):
        assert str(gestational_age(DUE, DUE)) == "40+3"

    def test_weeks_and_days(self):
        age = gestational_age(DUE, days_before_due(283 - (23 * 7 + 4)))
        assert (age.weeks, age.days, str(age)) == (23, 4, "23+4")

    def test_first_days_are_week_zero(self):
        assert str(gestational_age(DUE, days_before_due(283))) == "0+0"
        assert str(gestational_age(DUE, days_before_due(277))) == "0+6"

    def test_before_the_pregnancy_began_there_is_no_age(self):
        assert gestational_age(DUE, days_before_due(284)) is None

        assert str(gestational_age(DUE, DUE + datetime.timedelta(days=20))) == "43+2"


class TestDueDateInForce:
    @pytest.mark.parametrize(
        ("values", "expected", "basis"),
        [
            ({"last_period": datetime.date(2026, 5, 1)}, datetime.date(2027, 2, 8), "last_period"),
            (
                {"last_period": datetime.date(2026, 5, 1), "due_date_ultrasound": DUE},
                DUE,
                "ultrasound",
            ),
            (
                {"due_date_ultrasound": DUE, "due_date_corrected": datetime.date(2027, 3, 5)},
                datetime.date(2027, 3, 5),
                "corrected",
            ),
            ({}, None, ""),
        ],
    )
    def test_corrected_wins_over_ultrasound_which_wins_over_last_period(
        self, values, expected, basis
    ):
        current = CurrentPregnancy(**values)
        assert current.due_date == expected
        assert current.due_date_basis == basis

    def test_correcting_the_due_date_moves_the_gestational_age(self):
        current = CurrentPregnancy(due_date_ultrasound=DUE)
        today = days_before_due(70)
        before = gestational_age(current.due_date, today)
        current.due_date_corrected = DUE + datetime.timedelta(days=7)
        after = gestational_age(current.due_date, today)
        assert before.total_days - after.total_days == 7
