"""Notifications: she chooses what she is told and where, confirms each address with a code;
a clinician's write puts one message in the outbox in the same transaction; the worker sends
it through a real SMTP server (aiosmtpd, started here) or an SMS gateway over HTTP (a local
fake), retries a failure with backoff, sends each message once with workers side by side,
and sends nothing after a withdrawal. No message says anything about her health."""

import datetime
import email
import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consent.services import withdraw_consent
from healthcard.demo import MIDWIFE, rhd_negative_week_28, week_30_full_history
from healthcard.models import BookedAppointment, Consultation
from healthcard.services import (
    Actor,
    add_entry,
    answer_question,
    ask_question,
    remind_of_appointments,
    remind_of_due_tests,
)
from portal.notifications import services, worker
from portal.notifications.models import ContactPoint, OutboxMessage, Topic
from tests.races import race

pytestmark = pytest.mark.django_db

SETTINGS = reverse("notifications:settings")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An SMTP server's handler: what it received; fail_next makes the next ones fail."""

    def __init__(self):
        self.messages: list[str] = []
        self.fail_next = 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail_next:
            self.fail_next -= 1
            return "451 Try again later"
        self.messages.append(envelope.content.decode())
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


class Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received.append((self.headers["Authorization"], body))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sms_gateway(settings):
    Gateway.received, Gateway.status = [], 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.DHG_SMS_URL = f"http://127.0.0.1:{server.server_port}/sms"
    settings.DHG_SMS_TOKEN = "gateway-token"
    yield Gateway
    server.shutdown()


@pytest.fixture
def card(kari):
    return week_30_full_history(kari)


def confirmed(woman, channel="email", address="kari@example.no", topics=services.CHOOSABLE):
    services.save_choice(woman=woman, topics=list(topics), language="nb")
    point = ContactPoint.objects.create(
        woman=woman, channel=channel, address=address, verified_at=timezone.now()
    )
    return point


def a_consultation(card, actor=MIDWIFE):
    return add_entry(card=card, model=Consultation, actor=actor, date=timezone.localdate(),
                     weeks=30, days=2, systolic=150, diastolic=100)  # fmt: skip


def body_of(raw: str) -> str:
    message = email.message_from_bytes(raw.encode())
    return message.get_payload(decode=True).decode(message.get_content_charset())


class TestHerChoices:
    def test_she_chooses_e_mail_confirms_it_with_the_code_and_is_told(
        self, kari_client, kari, card, smtp
    ):
        response = kari_client.post(
            SETTINGS,
            {"action": "save", "topics": ["new_on_card", "answer"], "email": "kari@example.no"},
        )
        assert response.status_code == 302
        assert worker.send_waiting() == (1, 0)
        [mail] = smtp.messages
        code = re.search(r"\b(\d{6})\b", body_of(mail)).group(1)
        page = kari_client.get(SETTINGS).content.decode()
        assert "Vi har sendt en kode til kari@example.no" in page
        wrong = kari_client.post(
            SETTINGS,
            {
                "action": "confirm",
                "channel": "email",
                "code": "000000" if code != "000000" else "111111",
            },
        )
        assert wrong.status_code == 422 and "Koden er feil" in wrong.content.decode()
        right = kari_client.post(SETTINGS, {"action": "confirm", "channel": "email", "code": code})
        assert right.status_code == 302
        assert ContactPoint.objects.get(woman=kari).is_verified
        assert OutboxMessage.objects.get(topic=Topic.VERIFY).code == ""  # not kept once sent

        a_consultation(card)
        assert worker.send_waiting() == (1, 0)
        assert "Du har noe nytt i helsekortet ditt." in body_of(smtp.messages[1])

    def test_an_unconfirmed_address_is_told_nothing(self, kari, card):
        services.save_choice(woman=kari, topics=["new_on_card"], language="nb")
        services.set_contact(woman=kari, channel="email", address="kari@example.no", language="nb")
        a_consultation(card)
        assert list(OutboxMessage.objects.values_list("topic", flat=True)) == [Topic.VERIFY]

    def test_five_wrong_codes_spend_it_and_an_old_code_has_expired(self, kari):
        services.set_contact(woman=kari, channel="email", address="kari@example.no", language="nb")
        for _ in range(services.CODE_ATTEMPTS):
            assert services.confirm(woman=kari, channel="email", code="999999x") is False
        with pytest.raises(services.CodeSpent) as spent:
            services.confirm(woman=kari, channel="email", code="123456")
        assert spent.value.used_up
        point = ContactPoint.objects.get(woman=kari)
        point.code_attempts, point.code_sent_at = 0, timezone.now() - datetime.timedelta(hours=1)
        point.save()
        with pytest.raises(services.CodeSpent):
            services.confirm(woman=kari, channel="email", code="123456")

    def test_a_new_code_waits_a_minute(self, kari):
        point = services.set_contact(
            woman=kari, channel="email", address="k@example.no", language="nb"
        )
        with pytest.raises(services.CodeTooSoon):
            services.send_code(point=point, language="nb")

    @pytest.mark.parametrize(
        ("typed", "stored"), [("912 34 567", "+4791234567"), ("+47 41234567", "+4741234567")]
    )
    def test_a_norwegian_mobile_number(self, kari_client, kari, sms_gateway, typed, stored):
        kari_client.post(SETTINGS, {"action": "save", "topics": ["answer"], "sms": typed})
        assert ContactPoint.objects.get(woman=kari, channel="sms").address == stored

    @pytest.mark.parametrize("typed", ["12345678", "+46 701234567", "9123456"])
    def test_not_a_norwegian_mobile_number(self, kari_client, kari, sms_gateway, typed):
        response = kari_client.post(
            SETTINGS, {"action": "save", "topics": ["answer"], "sms": typed}
        )
        assert response.status_code == 422 and "mobilnummer" in response.content.decode()
        assert not ContactPoint.objects.exists()

    def test_without_consent_nothing_is_stored(self, client, ingrid):
        client.force_login(ingrid)
        response = client.post(
            SETTINGS, {"action": "save", "topics": ["answer"], "email": "i@example.no"}
        )
        assert response.status_code == 302 and not ContactPoint.objects.exists()


class TestTheOutbox:
    def test_one_message_for_a_visit_of_many_writes(self, kari, card):
        confirmed(kari)
        for _ in range(3):
            a_consultation(card)
        assert OutboxMessage.objects.filter(topic=Topic.NEW_ON_CARD).count() == 1

    def test_written_in_the_same_transaction_as_the_change(self, kari, card):
        confirmed(kari)
        with pytest.raises(RuntimeError), transaction.atomic():
            a_consultation(card)
            assert OutboxMessage.objects.count() == 1
            raise RuntimeError("the change is rolled back")
        assert not OutboxMessage.objects.exists()

    def test_what_she_writes_herself_tells_her_nothing(self, kari, card):
        confirmed(kari)
        ask_question(
            card=card, woman=kari, text="Kan jeg trene?", submission_id=__import__("uuid").uuid4()
        )
        assert not OutboxMessage.objects.exists()

    def test_an_answer_is_told_as_an_answer_once(self, kari, card):
        confirmed(kari, topics=["answer"])
        question = ask_question(
            card=card, woman=kari, text="Kan jeg trene?", submission_id=__import__("uuid").uuid4()
        )
        answer_question(card=card, question_id=question.pk, actor=MIDWIFE, text="Ja, rolig.")
        assert list(OutboxMessage.objects.values_list("topic", flat=True)) == [Topic.ANSWER]

    def test_a_crash_between_commit_and_send_still_sends_once(self, kari, card, smtp):
        confirmed(kari)
        a_consultation(card)  # committed; no worker ran (the process "crashed")
        assert smtp.messages == []
        assert worker.send_waiting() == (1, 0)  # a worker started later
        assert worker.send_waiting() == (0, 0)
        assert len(smtp.messages) == 1

    def test_a_failing_smtp_server_is_tried_again_later(self, kari, card, smtp):
        confirmed(kari)
        a_consultation(card)
        smtp.fail_next = 1
        assert worker.send_waiting() == (0, 1)
        message = OutboxMessage.objects.get()
        assert message.attempts == 1 and "451" in message.last_error
        assert message.send_after > timezone.now() + datetime.timedelta(seconds=50)
        assert worker.send_waiting() == (0, 0)  # not yet: its backoff
        OutboxMessage.objects.update(send_after=timezone.now())
        assert worker.send_waiting() == (1, 0)
        assert len(smtp.messages) == 1

    def test_an_smtp_server_that_is_down_is_recorded_and_given_up_after_max_attempts(
        self, kari, card, settings
    ):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens
        confirmed(kari)
        a_consultation(card)
        for _ in range(worker.MAX_ATTEMPTS):
            OutboxMessage.objects.update(send_after=timezone.now())
            worker.send_waiting()
        message = OutboxMessage.objects.get()
        assert message.failed_at and message.sent_at is None and "SMTP" in message.last_error

    def test_the_backoff_doubles_to_six_hours(self):
        assert [worker.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
        assert worker.backoff(20) == datetime.timedelta(hours=6)

    def test_nothing_is_sent_after_withdrawal(self, kari, card, smtp):
        confirmed(kari)
        a_consultation(card)
        withdraw_consent(woman=kari)
        assert not OutboxMessage.objects.exists() and not ContactPoint.objects.exists()
        assert worker.send_waiting() == (0, 0) and smtp.messages == []

    def test_no_message_says_anything_of_her_health(self, kari, card, smtp, settings):
        confirmed(kari, topics=services.CHOOSABLE)
        a_consultation(card)
        worker.send_waiting()
        [mail] = smtp.messages
        assert body_of(mail).strip() == (
            "Du har noe nytt i helsekortet ditt. Logg inn for å se det: "
            f"{settings.DHG_SITE_URL} Denne meldingen kan ikke besvares."
        )
        assert "Subject: Noe nytt i helsekortet ditt" in mail
        assert "Message-ID: <dhg-outbox-" in mail  # the same on every try


class TestSms:
    def test_sent_to_the_gateway_with_its_token_and_reference(self, kari, card, sms_gateway):
        confirmed(kari, channel="sms", address="+4791234567")
        a_consultation(card)
        assert worker.send_waiting() == (1, 0)
        [(authorization, body)] = sms_gateway.received
        assert authorization == "Bearer gateway-token"
        assert body["to"] == "+4791234567" and body["from"] == "Helsekort"
        assert body["reference"] == f"dhg-outbox-{OutboxMessage.objects.get().pk}"
        assert body["text"].startswith("Du har noe nytt i helsekortet ditt.")

    def test_a_gateway_error_is_tried_again_with_the_same_reference(self, kari, card, sms_gateway):
        confirmed(kari, channel="sms", address="+4791234567")
        a_consultation(card)
        sms_gateway.status = 503
        assert worker.send_waiting() == (0, 1)
        sms_gateway.status = 200
        OutboxMessage.objects.update(send_after=timezone.now())
        assert worker.send_waiting() == (1, 0)
        first, second = (body["reference"] for _, body in sms_gateway.received)
        assert first == second


def test_reminders_of_tomorrows_appointment_once(kari, card):
    confirmed(kari, topics=["reminder"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    starts = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(10, 30)))
    add_entry(card=card, model=BookedAppointment, actor=MIDWIFE, starts_at=starts, place="Frogner")
    OutboxMessage.objects.all().delete()  # the booking's own "something new"
    assert remind_of_appointments(day=tomorrow) == 1
    assert remind_of_appointments(day=tomorrow) == 0
    assert OutboxMessage.objects.get().topic == Topic.REMINDER


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_message_once(kari, smtp):
    card = week_30_full_history(kari)
    confirmed(kari)
    for topic in (Topic.ANSWER, Topic.REMINDER):
        services.notify(woman=kari, topic=topic, key="race")
    a_consultation(card)
    results = race(worker.send_waiting, worker.send_waiting)
    assert sum(sent for sent, _failed in results) == 3
    assert len(smtp.messages) == 3


@pytest.mark.django_db(transaction=True)
def test_two_clinicians_writing_at_once_make_one_message(kari):
    card = week_30_full_history(kari)
    confirmed(kari)
    other = Actor(name="Per Lege", hpr="1234567", org_nr="974589095", source_system="EPJ")
    race(lambda: a_consultation(card), lambda: a_consultation(card, other))
    assert OutboxMessage.objects.filter(topic=Topic.NEW_ON_CARD).count() == 1


def test_too_many_wrong_codes_says_so_not_that_it_expired(kari_client, kari):
    services.set_contact(woman=kari, channel="email", address="kari@example.no", language="nb")
    for _ in range(services.CODE_ATTEMPTS):
        kari_client.post(SETTINGS, {"action": "confirm", "channel": "email", "code": "999999"})
    response = kari_client.post(
        SETTINGS, {"action": "confirm", "channel": "email", "code": "123456"}
    )
    assert "For mange feil koder" in response.content.decode()


def test_her_receipt_names_what_went_in_her_words(kari_client, kari, card):
    confirmed(kari)
    a_consultation(card)
    event = withdraw_consent(woman=kari)
    page = kari_client.get(reverse("consent:receipt", args=[event.pk])).content.decode()
    assert "Kontaktinformasjon: 1" in page and "Meldinger til deg: 1" in page
    assert "contactpoint" not in page.lower() and "outboxmessage" not in page.lower()


def test_reminders_of_a_test_now_due_once(kari):
    rhd_negative_week_28(kari)  # RhD negative at 28+3, anti-D not yet given
    confirmed(kari, topics=["reminder"])
    assert remind_of_due_tests() == 1
    assert remind_of_due_tests() == 0
    [message] = OutboxMessage.objects.filter(topic=Topic.REMINDER)
    assert message.address == "kari@example.no"


def test_no_reminder_for_one_who_did_not_ask(kari):
    rhd_negative_week_28(kari)
    confirmed(kari, topics=["answer"])
    assert remind_of_due_tests() == 0
