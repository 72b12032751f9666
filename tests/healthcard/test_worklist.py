"""The midwife's worklist: the women in her organisation's care with where each is, what is
due or overdue, and which alerts wait for her; and her own recent actions, from the access
log."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consent.services import withdraw_consent
from healthcard import services
from healthcard.clinical import guideline
from healthcard.clinical.dating import GestationalAge
from healthcard.demo import MIDWIFE, week_30_full_history
from healthcard.models import AccessEvent, Card, Consultation
from tests.conftest import log_in_with_second_factor
from tests.factories import (
    CardFactory,
    CareTeamMemberFactory,
    ConsultationFactory,
    CurrentPregnancyFactory,
    WomanFactory,
)

pytestmark = pytest.mark.django_db

WORKLIST = reverse("admin:dhg_worklist")
TODAY = timezone.localdate()
OTHER_ORG = "912345688"


def in_care(weeks: int = 30, *, org_nr: str = MIDWIFE.org_nr, name: str = "", visits=()):
    """A woman in week `weeks` whose care team names the organisation, with consultations
    in the given weeks."""
    woman = WomanFactory(**({"full_name": name} if name else {}))
    card = CardFactory(woman=woman)
    due = TODAY + datetime.timedelta(days=283 - weeks * 7)
    CurrentPregnancyFactory(card=card, due_date_ultrasound=due)
    CareTeamMemberFactory(card=card, organisation_nr=org_nr)
    for week in visits:
        ConsultationFactory(card=card, weeks=week, date=due - datetime.timedelta(283 - week * 7))
    return card


def rows(html: str) -> str:
    return html[html.index("<tbody>") : html.index("</tbody>")]


class TestWhoIsListed:
    def test_the_women_her_organisation_wrote_on_or_cares_for(self, midwife_client, kari):
        written = week_30_full_history(kari)  # written by the demo midwife's organisation
        named = in_care(name="Nora Navn")
        in_care(name="Olga Annen", org_nr=OTHER_ORG)
        page = midwife_client.get(WORKLIST).content.decode()
        listed = rows(page)
        assert "Kari Nordmann" in listed and "Nora Navn" in listed
        assert "Olga Annen" not in listed
        assert reverse("admin:dhg_card", args=[written.pk]) in listed
        assert reverse("admin:dhg_card", args=[named.pk]) in listed
        assert "2 kvinner med åpent helsekort følges opp av" in page

    def test_not_without_consent_nor_after_the_card_is_closed(self, midwife_client):
        withdrawn = in_care(name="Wenche Trakk")
        withdraw_consent(woman=withdrawn.woman)
        closed = in_care(name="Lise Lukket")
        Card.objects.filter(pk=closed.pk).update(status=Card.Status.CLOSED)
        in_care(name="Anna Aktiv")
        listed = rows(midwife_client.get(WORKLIST).content.decode())
        assert "Anna Aktiv" in listed
        assert "Wenche Trakk" not in listed and "Lise Lukket" not in listed

    def test_a_retracted_care_team_entry_does_not_list_her(self, midwife_client):
        card = in_care(name="Rita Feil")
        card.careteammembers.update(entered_in_error=True)
        page = midwife_client.get(WORKLIST).content.decode()
        assert "Rita Feil" not in page

    def test_staff_without_an_organisation_are_told_why_the_list_is_empty(self, client, midwife):
        in_care(name="Nora Navn")
        midwife.org_nr = ""
        midwife.save()
        log_in_with_second_factor(client, midwife)
        page = client.get(WORKLIST).content.decode()
        assert "Nora Navn" not in page
        assert "organisasjonsnummer" in page
        assert not AccessEvent.objects.filter(section="worklist").exists()


class TestEachRow:
    def test_week_next_step_alerts_and_last_visit(self, midwife_client, kari):
        card = week_30_full_history(kari)
        ConsultationFactory(card=card, weeks=30, date=TODAY, systolic=165, diastolic=112)
        page = midwife_client.get(WORKLIST).content.decode()
        row = rows(page)
        assert "30+0" in row or "30+" in row
        assert "Kontroll i uke 32" in row
        assert "Haster</span> " in row
        assert TODAY.strftime("%d.%m.%Y") in row
        assert 'class="dhg-admin-row--urgent"' in row

    def test_a_missed_visit_is_overdue(self, midwife_client):
        in_care(30, name="Mona Mist", visits=(24,))
        row = rows(midwife_client.get(WORKLIST).content.decode())
        assert "Forfalt: Kontroll i uke 28" in row

    def test_after_the_birth(self, midwife_client):
        card = in_care(name="Berit Barsel")
        Card.objects.filter(pk=card.pk).update(
            status=Card.Status.DELIVERED, delivery_date=TODAY - datetime.timedelta(days=3)
        )
        assert "Etter fødselen" in rows(midwife_client.get(WORKLIST).content.decode())


class TestSortingAndPages:
    def test_sorted_by_week_name_or_last_visit(self, midwife_client):
        in_care(20, name="Anne Tjue", visits=(20,))
        in_care(36, name="Cecilie Trettiseks", visits=(12,))
        in_care(28, name="Bodil Tjueåtte")

        def order(sort: str) -> list[str]:
            html = rows(midwife_client.get(WORKLIST, {"sort": sort}).content.decode())
            names = ["Anne Tjue", "Bodil Tjueåtte", "Cecilie Trettiseks"]
            return sorted(names, key=html.index)

        assert order("week") == ["Cecilie Trettiseks", "Bodil Tjueåtte", "Anne Tjue"]
        assert order("name") == ["Anne Tjue", "Bodil Tjueåtte", "Cecilie Trettiseks"]
        # No visit first, then the longest since
        assert order("last_visit") == ["Bodil Tjueåtte", "Cecilie Trettiseks", "Anne Tjue"]
        assert order("nonsense") == order("week")
        # Each order the other way round, from its column's heading.
        assert order("-week") == ["Anne Tjue", "Bodil Tjueåtte", "Cecilie Trettiseks"]
        assert order("-name") == ["Cecilie Trettiseks", "Bodil Tjueåtte", "Anne Tjue"]
        assert order("-last_visit") == ["Anne Tjue", "Cecilie Trettiseks", "Bodil Tjueåtte"]

    def test_the_sorted_column_says_so_and_its_heading_reverses_it(self, midwife_client):
        in_care(20, name="Anne Tjue")
        page = midwife_client.get(WORKLIST, {"sort": "name"}).content.decode()
        assert '<th scope="col" aria-sort="ascending"><a href="?sort=-name">' in page
        assert '<a href="?sort=week">' in page
        page = midwife_client.get(WORKLIST, {"sort": "-name"}).content.decode()
        assert '<th scope="col" aria-sort="descending"><a href="?sort=name">' in page

    def test_paged_by_25(self, midwife_client):
        for n in range(27):
            in_care(10 + n % 30, name=f"Kvinne {n:02d}")
        first = midwife_client.get(WORKLIST).content.decode()
        second = midwife_client.get(WORKLIST, {"page": 2}).content.decode()
        assert rows(first).count("<tr") == 25 and rows(second).count("<tr") == 2
        assert "side 1 av 2" in first and 'rel="next"' in first
        assert midwife_client.get(WORKLIST, {"page": "x"}).status_code == 200


def test_queries_stay_the_same_for_1_10_and_100_women(midwife_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert midwife_client.get(WORKLIST).status_code == 200
        return len(captured)

    in_care(visits=(12, 20, 24, 28))
    queries()  # the first request of a test fills Django's own caches (content types)
    counts = [queries()]
    for total in (10, 100):
        while Card.objects.count() < total:
            in_care(8 + Card.objects.count() % 30, visits=(12,))
        counts.append(queries())
    assert counts[0] == counts[1] == counts[2], counts


def test_each_woman_shown_is_logged_as_read_in_one_insert(midwife_client, midwife):
    shown = [in_care(name=f"Kvinne {n}") for n in range(3)]
    before = AccessEvent.objects.count()
    midwife_client.get(WORKLIST)
    events = AccessEvent.objects.order_by("pk")[before:]
    assert sorted(e.card_id for e in events) == sorted(c.pk for c in shown)
    assert {(e.section, e.action, e.actor_name, e.staff_user_id) for e in events} == {
        ("worklist", "read", "Jorunn Jordmor", midwife.pk)
    }


def test_her_access_log_says_so_in_plain_words(midwife, kari, kari_client):
    week_30_full_history(kari)
    midwife_client = Client()
    log_in_with_second_factor(midwife_client, midwife)
    assert "Kari Nordmann" in rows(midwife_client.get(WORKLIST).content.decode())
    page = kari_client.get(reverse("healthcard:access_log")).content.decode()
    assert "så svangerskapsuken din, neste kontroll og varsler, i listen sin over kvinner" in page


def test_missed_step_is_the_latest_ended_visit_not_on_the_card():
    week_30 = GestationalAge(30 * 7)
    assert guideline.missed_step(week_30, rhd_negative=False).key == "week28"
    assert guideline.missed_step(week_30, rhd_negative=False, done={"week28"}) is None
    # An earlier visit missed is no news once a later one is on the card.
    assert guideline.missed_step(week_30, rhd_negative=False, done={"week28"}) is None
    assert guideline.missed_step(GestationalAge(8 * 7), rhd_negative=False) is None


class TestRecentActions:
    def test_what_she_did_on_cards_from_the_access_log(self, midwife_client, kari):
        card = week_30_full_history(kari)
        midwife_client.get(reverse("admin:dhg_card", args=[card.pk]))
        consultation = {"date": TODAY.isoformat(), "weeks": "30", "days": "0"}
        response = midwife_client.post(
            reverse("admin:dhg_add_entry", args=[card.pk, "consultation"]), consultation
        )
        assert response.status_code == 302
        midwife_client.get(WORKLIST)  # her views of the list are not "actions"
        page = midwife_client.get(reverse("admin:index")).content.decode()
        recent = page[page.index('id="recent-heading"') :]
        assert "Kari Nordmann</a>\n        – skrev konsultasjon" in recent
        assert "leste hele kortet hennes" in recent
        assert "listen" not in recent
        assert not LogEntry.objects.exists()

    def test_a_withdrawn_womans_card_is_no_longer_linked(self, midwife_client, kari):
        card = week_30_full_history(kari)
        midwife_client.get(reverse("admin:dhg_card", args=[card.pk]))
        withdraw_consent(woman=kari)
        page = midwife_client.get(reverse("admin:index")).content.decode()
        recent = page[page.index('id="recent-heading"') :]
        assert "Kari Nordmann" in recent
        assert reverse("admin:dhg_card", args=[card.pk]) not in recent


def test_a_write_through_the_service_lists_her_for_the_writing_organisation(midwife_client):
    woman = WomanFactory(full_name="Siri Skrevet")
    card = CardFactory(woman=woman)
    writer = services.Actor(name="Eva EPJ", org_nr=MIDWIFE.org_nr, org_name=MIDWIFE.org_name)
    services.write_batch(
        card=card,
        actor=writer,
        sections=[],
        entries=[services.EntryWrite(Consultation, {"date": TODAY, "weeks": 12, "days": 0})],
    )
    assert "Siri Skrevet" in rows(midwife_client.get(WORKLIST).content.decode())
