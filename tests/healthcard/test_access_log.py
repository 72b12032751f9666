"""Hvem har sett helsekortet mitt: her view of the access log, and the log's own guarantees."""

import datetime

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from consent.services import withdraw_consent
from healthcard.access import log_access
from healthcard.demo import week_30_full_history
from healthcard.models import AccessEvent, Consultation
from healthcard.selectors import ACCESS_LOG_PAGE
from healthcard.services import Actor, add_entry
from tests.factories import WomanFactory

pytestmark = pytest.mark.django_db

URL = reverse("healthcard:access_log")
OSLO = datetime.timezone(datetime.timedelta(hours=1))


def logged(woman, *, at=None, action="read", section="consultation", name="Kari Jordmor"):
    """An access by a midwife, at a given time (auto_now_add takes timezone.now)."""
    if at is None:
        return _log(woman, action, section, name)
    original = timezone.now
    timezone.now = lambda: at
    try:
        return _log(woman, action, section, name)
    finally:
        timezone.now = original


def _log(woman, action, section, name):
    return log_access(
        woman=woman,
        card_id=None,
        channel=AccessEvent.Channel.API,
        action=action,
        sections=[section],
        actor_name=name,
        actor_hpr="1234567",
        actor_role="Jordmor",
        org_name="Oslo kommune helsestasjon",
        source_system="DIPS Arena",
    )[0]


def test_she_reads_who_saw_what_and_when_in_plain_words(kari_client, kari):
    logged(kari, at=datetime.datetime(2026, 3, 12, 10, 14, tzinfo=OSLO))
    html = kari_client.get(URL).content.decode()
    assert "Kari Jordmor</strong>, Oslo kommune helsestasjon, så konsultasjonene dine" in html
    assert "12. mars 2026 kl. 10:14" in html
    assert "HPR-nr. 1234567" in html
    assert "DIPS Arena" in html


def test_writes_and_a_new_card_are_told_apart(kari_client, kari):
    logged(kari, action="write", section="record")
    logged(kari, action="write", section="labresult")
    html = kari_client.get(URL).content.decode()
    assert "opprettet et helsekort for deg" in html
    assert "skrev om prøvesvarene dine" in html


def test_a_written_entry_is_named_with_its_week_while_the_card_holds_it(
    kari_client, kari, django_assert_num_queries
):
    card = week_30_full_history(kari)
    actor = Actor(name="Jorunn Jordmor", org_name="Frogner helsestasjon")
    for weeks in (30, 31):
        add_entry(
            card=card, model=Consultation, actor=actor, date=timezone.localdate(),
            weeks=weeks, days=2, systolic=118, diastolic=74,
        )  # fmt: skip
    html = kari_client.get(URL).content.decode()
    assert "skrev en konsultasjon (uke 30)" in html and "skrev en konsultasjon (uke 31)" in html
    # + the weeks of the entries, + the tests of the results, + the register names
    with django_assert_num_queries(7):
        kari_client.get(URL)

    withdraw_consent(woman=kari)
    html = kari_client.get(URL).content.decode()
    assert "skrev en konsultasjon</" in html or "skrev en konsultasjon <" in html
    assert "(uke 30)" not in html  # the log keeps no health data once the card is erased


def test_a_visits_repeated_reads_are_one_line(kari_client, kari):
    for minute in (0, 10, 25, 40):  # four reads, each within half an hour of the one before
        logged(kari, at=datetime.datetime(2026, 3, 1, 9, minute, tzinfo=OSLO))
    logged(kari, at=datetime.datetime(2026, 3, 1, 12, 0, tzinfo=OSLO))  # a later visit
    logged(kari, at=datetime.datetime(2026, 3, 1, 12, 5, tzinfo=OSLO), name="Annen Jordmor")
    html = kari_client.get(URL).content.decode()
    assert html.count("dhg-log__entry") == 3
    assert "så konsultasjonene dine (4 ganger)" in html
    assert "fra 09:00 til 09:40" in html
    assert "fra journalsystemet sitt (DIPS Arena)" in html  # where, in plain words


def test_newest_first_and_only_her_own(kari_client, kari):
    logged(kari, at=datetime.datetime(2026, 3, 1, 9, 0, tzinfo=OSLO), name="Eldste Jordmor")
    logged(kari, at=datetime.datetime(2026, 4, 1, 9, 0, tzinfo=OSLO), name="Nyeste Jordmor")
    logged(WomanFactory(), name="Annen Kvinnes Jordmor")
    html = kari_client.get(URL).content.decode()
    assert html.index("Nyeste Jordmor") < html.index("Eldste Jordmor")
    assert "Annen Kvinnes Jordmor" not in html


def test_filtered_by_month(kari_client, kari):
    logged(kari, at=datetime.datetime(2026, 3, 12, 10, 0, tzinfo=OSLO), name="Mars Jordmor")
    logged(kari, at=datetime.datetime(2026, 4, 2, 10, 0, tzinfo=OSLO), name="April Jordmor")
    html = kari_client.get(URL, {"month": "2026-03"}).content.decode()
    assert "Mars Jordmor" in html and "April Jordmor" not in html
    assert '<option value="2026-04">april 2026</option>' in html


def test_an_unknown_month_is_named_as_an_error_not_ignored(kari_client, kari):
    logged(kari)
    response = kari_client.get(URL, {"month": "1999-13"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_show_more_pages_through_the_log_with_and_without_htmx(kari_client, kari):
    for number in range(ACCESS_LOG_PAGE + 5):
        logged(kari, name=f"Jordmor {number:02d}")
    first = kari_client.get(URL)
    html = first.content.decode()
    assert html.count("dhg-log__entry") == ACCESS_LOG_PAGE
    assert "Jordmor 29" in html and "Jordmor 04" not in html
    next_page = first.context["more_query"]
    plain = kari_client.get(f"{URL}?{next_page}").content.decode()
    assert plain.count("dhg-log__entry") == 5 and "<html" in plain
    partial = kari_client.get(f"{URL}?{next_page}", HTTP_HX_REQUEST="true").content.decode()
    assert partial.count("dhg-log__entry") == 5 and "<html" not in partial
    assert "Jordmor 00" in partial and "Vis flere" not in partial


@pytest.mark.parametrize("entries", [1, 10, 40, 100])
def test_query_count_does_not_grow_with_the_log(
    kari_client, kari, django_assert_num_queries, entries
):
    for _ in range(entries):
        logged(kari)
    kari_client.get(URL)  # session refreshed once
    # session, user, months for the filter, one page of the log
    with django_assert_num_queries(4):
        kari_client.get(URL)


def test_she_still_sees_the_log_after_withdrawing(kari_client, kari):
    logged(kari, name="Kari Jordmor")
    withdraw_consent(woman=kari)
    assert "Kari Jordmor" in kari_client.get(URL).content.decode()


def test_login_is_required(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize(
    "statement",
    ["UPDATE healthcard_accessevent SET actor_name = 'x'", "DELETE FROM healthcard_accessevent"],
)
def test_the_database_refuses_to_change_or_delete_the_log(kari, statement):
    logged(kari)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement)
    assert AccessEvent.objects.filter(actor_name="Kari Jordmor").count() == 1


def test_the_same_words_in_one_visit_are_one_line(kari_client, kari):
    """Entries no longer on a card cannot be told apart by their words: one line."""
    for entry_id in (1, 2, 2):
        log_access(
            woman=kari, card_id=None, channel=AccessEvent.Channel.API, action="write",
            sections=[("labresult", entry_id)], actor_name="Kari Jordmor",
        )  # fmt: skip
    html = kari_client.get(URL).content.decode()
    assert html.count("skrev et prøvesvar") == 1
    assert "skrev et prøvesvar (3 ganger)" in html
    assert " til " not in html.split('id="main"')[1]  # the same minute: no "fra … til"


def test_each_test_result_written_is_named(kari_client, kari):
    card = week_30_full_history(kari)
    html = kari_client.get(URL).content.decode()
    named = {result.code for result in card.labresults.all()} & {"NOR05172", "NPU19763"}
    assert named and "skrev et prøvesvar: Hemoglobin (Hb, blodprosent)" in html
    assert "skrev et prøvesvar: Ferritin (jernlager)" in html
