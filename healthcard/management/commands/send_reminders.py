import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from healthcard.services import remind_of_appointments


class Command(BaseCommand):
    help = "Put tomorrow's appointment reminders in the outbox (run once a day, e.g. at 17:00)."

    def handle(self, *args, **options) -> None:
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        told = remind_of_appointments(day=tomorrow)
        self.stdout.write(f"reminders: {told} for {tomorrow.isoformat()}")
