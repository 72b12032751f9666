import pytest
from django.core.management import call_command

from healthcard.models import Consultation, FundalHeight
from tests.conftest import KARI

pytestmark = pytest.mark.django_db(transaction=True)


def test_reference_client_sends_a_whole_pregnancy_and_reads_it_back(live_server, kari, capsys):
    call_command("epj_demo", url=live_server.url, nin=KARI.nin)
    assert "OK: record" in capsys.readouterr().out
    assert Consultation.objects.count() == 8
    assert FundalHeight.objects.count() == 7


def test_reference_client_stops_without_consent(live_server, ingrid):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not consented"):
        call_command("epj_demo", url=live_server.url, nin=ingrid.national_id)
