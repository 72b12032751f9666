import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from healthcard.services import remind_of_appointments, remind_of_due_tests


class Command(BaseCommand):
    help = (
        "Put tomorrow's appointment reminders, and reminders of tests now due, in the outbox "
        "(run once a day, e.g. at 17:00)."
    )

    def handle(self, *args, **options) -> None:
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        told = remind_of_appointments(day=tomorrow)
        tests = remind_of_due_tests()
        self.stdout.write(
            f"reminders: {told} of appointments on {tomorrow.isoformat()}, {tests} of tests due"
        )
