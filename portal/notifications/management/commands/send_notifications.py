import signal
import time

from django.core.management.base import BaseCommand

from ...worker import send_waiting


class Command(BaseCommand):
    help = "Send the outbox's waiting e-mail and SMS; with --loop, keep doing so."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="run until stopped")
        parser.add_argument("--interval", type=float, default=5, help="seconds between rounds")

    def handle(self, *args, loop: bool, interval: float, **options) -> None:
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while True:
            sent, failed = send_waiting()
            if sent or failed:
                self.stdout.write(f"notifications: {sent} sent, {failed} to try again")
            if not loop or stopping:
                return
            time.sleep(interval)
