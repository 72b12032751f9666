from io import StringIO
from pathlib import Path

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from consent.selectors import has_active_consent
from consent.services import give_consent
from healthcard.apps import MIDWIFE_GROUP
from healthcard.demo import SCENARIOS
from portal.demo import (
    DEMO_STAFF_PASSWORD,
    DEMO_STAFF_TOTP_SECRET,
    DEMO_STAFF_USERNAME,
    DEMO_WOMEN,
)
from portal.models import User

DEMO_REGISTER = Path(__file__).resolve().parents[3] / "healthcard" / "data" / "organisations.json"


class Command(BaseCommand):
    help = (
        "Load the demo women (all but the last have consented, and all but the last two have "
        "a card) and a demo midwife account. Never in production."
    )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if not settings.DHG_ALLOW_SYNTHETIC_NIN:
            raise CommandError(
                "Demo data is synthetic and is refused where "
                "DHG_ALLOW_SYNTHETIC_NIN is off (production)."
            )
        for woman, build_card in zip(DEMO_WOMEN, SCENARIOS, strict=True):
            user, _ = User.objects.get_or_create(
                national_id=woman.nin,
                defaults={"username": f"citizen-demo-{woman.nin[-5:]}"},
            )
            user.full_name, user.first_name, user.last_name = (
                woman.name,
                woman.given_name,
                woman.family_name,
            )
            user.set_unusable_password()
            user.save()
            if build_card is not None and not has_active_consent(woman=user):
                give_consent(woman=user)
                build_card(user)
        staff, _ = User.objects.get_or_create(username=DEMO_STAFF_USERNAME)
        staff.full_name = "Jorunn Jordmor"
        staff.is_staff = True
        staff.hpr_number, staff.profession = "9144900", "Jordmor"
        staff.org_nr, staff.org_name = "974589095", "Oslo kommune, Frogner helsestasjon"
        staff.set_password(DEMO_STAFF_PASSWORD)
        staff.save()
        staff.groups.add(Group.objects.get(name=MIDWIFE_GROUP))
        if not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(staff, DEMO_STAFF_TOTP_SECRET)
        # The register's spelling of the demo's organisations (the midwife's own account
        # spells hers differently, as people do).
        call_command("import_organisations", DEMO_REGISTER, verbosity=0, stdout=StringIO())
        self.stdout.write(
            f"Demo data: {len(DEMO_WOMEN)} women and the staff user {DEMO_STAFF_USERNAME!r}."
        )
