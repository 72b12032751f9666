from healthcard.clinical.dating import GestationalAge
from healthcard.clinical.guideline import next_steps, steps_done_by_consultations


def keys(steps):
    return [step.key for step in steps]


def age(weeks, days=0):
    return GestationalAge(weeks * 7 + days)


class TestNextSteps:
    def test_early_pregnancy_gets_first_consultation_and_early_ultrasound(self):
        assert keys(next_steps(age(7), rhd_negative=False)) == ["first", "early_ultrasound"]
        assert keys(next_steps(age(12), rhd_negative=False)) == [
            "first",
            "early_ultrasound",
            "routine_ultrasound",
        ]

    def test_done_steps_are_left_out(self):
        done = steps_done_by_consultations([age(9)]) | {"early_ultrasound", "routine_ultrasound"}
        assert keys(next_steps(age(12), rhd_negative=False, done=done)) == ["week24"]

    def test_week_30_is_told_about_week_32(self):
        assert keys(next_steps(age(30, 2), rhd_negative=False)) == ["week32"]

    def test_rhd_negative_woman_gets_the_rhd_steps(self):
        assert keys(next_steps(age(23), rhd_negative=True)) == ["week24", "fetal_rhd_test"]
        assert keys(next_steps(age(23), rhd_negative=False)) == ["week24"]
        assert "anti_d" in keys(next_steps(age(28, 1), rhd_negative=True))

    def test_after_week_41_the_programme_is_over(self):
        assert keys(next_steps(age(41, 6), rhd_negative=False)) == ["week41"]
        assert next_steps(age(42), rhd_negative=False) == []

    def test_consultation_windows(self):
        assert steps_done_by_consultations([age(24, 6), age(36)]) == {"week24", "week36"}
        assert steps_done_by_consultations([age(25)]) == set()
