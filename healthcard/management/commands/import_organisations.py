"""Load the organisation register her access log names organisations by.

    manage.py import_organisations register.json

The file is a JSON list of organisations, as NHN's Adresseregisteret or Brønnøysund's
Enhetsregisteret export them: {"orgNr": ..., "name": ...} or {"organisasjonsnummer": ...,
"navn": ...}. An organisation already held gets the register's name; nothing is deleted."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from healthcard.models import Organisation
from portal.orgnr import is_valid_org_nr


def _row(item: dict) -> tuple[str, str]:
    org_nr = str(item.get("orgNr") or item.get("organisasjonsnummer") or "").replace(" ", "")
    name = str(item.get("name") or item.get("navn") or "").strip()
    return org_nr, name


class Command(BaseCommand):
    help = "Load organisation names by organisation number (a JSON list)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        try:
            with open(file, encoding="utf-8") as f:
                items = json.load(f)
        except (OSError, ValueError) as error:
            raise CommandError(f"{file}: {error}") from None
        if not isinstance(items, list):
            raise CommandError(f"{file}: expected a JSON list of organisations")
        rows, refused = {}, []
        for position, item in enumerate(items):
            org_nr, name = _row(item if isinstance(item, dict) else {})
            if not is_valid_org_nr(org_nr) or not name or len(name) > 200:
                refused.append(position)
            else:
                rows[org_nr] = name
        if refused:
            raise CommandError(
                f"{file}: no valid organisation number and name at positions "
                f"{', '.join(map(str, refused[:10]))}{' …' if len(refused) > 10 else ''}"
            )
        with transaction.atomic():
            Organisation.objects.bulk_create(
                [Organisation(org_nr=nr, name=name) for nr, name in rows.items()],
                update_conflicts=True,
                unique_fields=["org_nr"],
                update_fields=["name"],
            )
        self.stdout.write(f"{len(rows)} organisations held.")
