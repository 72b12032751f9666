"""One spelling per organisation in her access log: the register's."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from healthcard.access import log_access
from healthcard.models import AccessEvent, Organisation

pytestmark = pytest.mark.django_db


def register(tmp_path, items) -> str:
    path = tmp_path / "register.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return str(path)


def test_the_register_is_loaded_from_either_registers_export(tmp_path):
    call_command(
        "import_organisations",
        register(
            tmp_path,
            [
                {"orgNr": "974589095", "name": "Oslo kommune, Frogner helsestasjon"},
                {"organisasjonsnummer": "993467049", "navn": "Oslo universitetssykehus HF"},
            ],
        ),
    )
    assert dict(Organisation.objects.values_list("org_nr", "name")) == {
        "974589095": "Oslo kommune, Frogner helsestasjon",
        "993467049": "Oslo universitetssykehus HF",
    }
    call_command("import_organisations", register(tmp_path, [{"orgNr": "974589095", "name": "Ny"}]))
    assert Organisation.objects.get(org_nr="974589095").name == "Ny"  # the register's latest


def test_a_bad_register_is_refused_whole_and_says_where(tmp_path):
    bad = [{"orgNr": "974589095", "name": "OK"}, {"orgNr": "123456789", "name": "Wrong digit"}]
    with pytest.raises(CommandError, match="positions 1"):
        call_command("import_organisations", register(tmp_path, bad))
    assert not Organisation.objects.exists()
    with pytest.raises(CommandError, match="JSON list"):
        call_command("import_organisations", register(tmp_path, {"orgNr": "974589095"}))


def test_her_log_spells_each_organisation_as_the_register_does(kari_client, kari):
    Organisation.objects.create(org_nr="974589095", name="Oslo kommune, Frogner helsestasjon")
    for org_name, section in (("Helsestasjon Frogner", "consultation"), ("FROGNER HS", "record")):
        log_access(
            woman=kari, card_id=None, channel=AccessEvent.Channel.API, action="read",
            sections=[section], actor_name="Jorunn Jordmor", org_nr="974589095",
            org_name=org_name,
        )  # fmt: skip
    log_access(
        woman=kari, card_id=None, channel=AccessEvent.Channel.API, action="read",
        sections=["record"], actor_name="Lars Fastlege", org_nr="912345688",
        org_name="Majorstuen legesenter",
    )  # fmt: skip
    html = kari_client.get(reverse("healthcard:access_log")).content.decode()
    assert html.count("Oslo kommune, Frogner helsestasjon") == 2
    assert "Helsestasjon Frogner" not in html and "FROGNER HS" not in html
    assert "Majorstuen legesenter" in html  # not in the register: as the token said
