"""Print the demo midwife's current authenticator code, for trying the administration
without an authenticator app. Refused outside the demo (where synthetic data is off)."""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import DEMO_STAFF_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the demo midwife's current two-factor code (demo only)."

    def handle(self, *args, **options) -> None:
        if not settings.DHG_ALLOW_SYNTHETIC_NIN:
            raise CommandError("The demo midwife exists only in the demo.")
        self.stdout.write(current_code(DEMO_STAFF_TOTP_SECRET))


def current_code(secret: str) -> str:
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))
