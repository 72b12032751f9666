"""Close the cards whose pregnancy ended twelve weeks ago or more (healthcard.lifecycle).
Run it daily (a systemd timer or cron); running it twice on a day closes nothing more. A
card with an unacknowledged urgent alert is left open, and counted on stderr.

    python manage.py close_finished_cards [--today 2026-12-01]
"""

import datetime

from django.core.management.base import BaseCommand

from healthcard import lifecycle, services


class Command(BaseCommand):
    help = f"Close cards {lifecycle.CLOSE_AFTER.days} days or more after the pregnancy ended."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="count from this day (tests)"
        )

    def handle(self, *args, **options) -> None:
        closed, left_open = services.close_finished_cards(today=options["today"])
        self.stdout.write(f"{closed} card(s) closed.")
        if left_open:  # for the operator's alerting: a clinician must see these
            self.stderr.write(f"{left_open} card(s) left open: urgent alerts not yet acknowledged.")
