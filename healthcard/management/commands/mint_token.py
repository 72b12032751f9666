"""Mint an API access token signed with the local development key:

    python manage.py mint_token --orgnr 974589095 --hpr 9144900 --name "Kari Jordmor"

Then: curl -H "Authorization: Bearer $TOKEN" -H "nhn-patient-nin: ..." .../status
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from healthcard.api import authentication as auth
from healthcard.api.devkey import mint_token


class Command(BaseCommand):
    help = "Print a development access token for the clinician API (never in production)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--orgnr", default="974589095", help="organisation number")
        parser.add_argument("--org-name", default="Oslo kommune, Frogner helsestasjon")
        parser.add_argument("--hpr", default="9144900", help="HPR number of the health person")
        parser.add_argument("--name", default="Kari Jordmor", help="the health person's name")
        parser.add_argument("--client-id", default="dhg-dev-epj")
        parser.add_argument("--scope", nargs="+", default=[auth.SCOPE_READ, auth.SCOPE_WRITE])
        parser.add_argument("--minutes", type=int, default=60)

    def handle(self, *args, **options) -> None:
        if not settings.DHG_API_DEV_KEY_FILE:
            raise CommandError("No development key here: tokens come from HelseID.")
        self.stdout.write(
            mint_token(
                exp=int(time.time()) + options["minutes"] * 60,
                client_id=options["client_id"],
                scope=" ".join(options["scope"]),
                name=options["name"],
                org_name=options["org_name"],
                **{auth.CLAIM_ORG_PARENT: options["orgnr"], auth.CLAIM_HPR: options["hpr"]},
            )
        )
