"""Due dates and gestational age, as Norway reckons them (DOMAIN.md §6.1).

The due date set by ultrasound (eSnurra) is authoritative; without one, the due date is the
first day of the last period plus 283 days, the median pregnancy length eSnurra uses.
Gestational age on a date is 283 days minus the days left to the due date, shown as completed
weeks + days ("23+4").
"""

import datetime
from dataclasses import dataclass

PREGNANCY_DAYS = 283


def due_date_from_last_period(last_period: datetime.date) -> datetime.date:
    return last_period + datetime.timedelta(days=PREGNANCY_DAYS)


@dataclass(frozen=True, order=True)
class GestationalAge:
    total_days: int

    @property
    def weeks(self) -> int:
        return self.total_days // 7

    @property
    def days(self) -> int:
        return self.total_days % 7

    @property
    def exact_weeks(self) -> float:
        return self.total_days / 7

    def __str__(self) -> str:
        return f"{self.weeks}+{self.days}"


def gestational_age(due_date: datetime.date, on: datetime.date) -> GestationalAge | None:
    """Gestational age on a date, or None before the pregnancy began (before day 0)."""
    total_days = PREGNANCY_DAYS - (due_date - on).days
    if total_days < 0:
        return None
    return GestationalAge(total_days)
