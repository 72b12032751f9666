"""How a message leaves: e-mail through Django's mail backend (SMTP in production), SMS
through a provider behind one small interface, and the words of each message, which carry
no health information."""

import json
import smtplib
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Channel, OutboxMessage, Topic


class TransportFailed(Exception):
    """The message did not go: the worker tries again later."""


def words_of(message: OutboxMessage) -> tuple[str, str]:
    """(subject, text) in her language: that there is something, never what."""
    site = settings.DHG_SITE_URL
    with translation.override(message.language):
        if message.topic == Topic.VERIFY:
            return (
                _("Your code for Helsekortet"),
                _("Your code is %(code)s. It is valid for 30 minutes.") % {"code": message.code},
            )
        said = {
            Topic.NEW_ON_CARD: _("You have something new on your health card."),
            Topic.ANSWER: _("You have an answer on your health card."),
            Topic.REMINDER: _("You have a reminder on your health card."),
        }[message.topic]
        text = " ".join(
            (said, _("Log in to see it: %(site)s") % {"site": site},
             _("This message cannot be answered.")))  # fmt: skip
        return _("Something new on your health card"), text


class SmsProvider(Protocol):
    def send(self, *, to: str, text: str, reference: str) -> None:
        """Send, or raise TransportFailed. reference is the same on every try of one
        message, so a provider that saw it already can drop the repeat."""


class HttpSmsProvider:
    """An SMS gateway with a JSON API: POST {to, from, text, reference} with a bearer token
    (the shape of the common Norwegian gateways' REST APIs); any 2xx is sent."""

    def __init__(self, url: str, token: str, sender: str, timeout: float = 10):
        self.url, self.token, self.sender, self.timeout = url, token, sender, timeout

    def send(self, *, to: str, text: str, reference: str) -> None:
        body = json.dumps({"to": to, "from": self.sender, "text": text, "reference": reference})
        request = urllib.request.Request(
            self.url,
            data=body.encode(),
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except (urllib.error.URLError, OSError) as error:  # HTTPError (non-2xx) is a URLError
            raise TransportFailed(f"SMS gateway: {error}") from error


def sms_provider() -> SmsProvider:
    if not settings.DHG_SMS_URL:
        raise TransportFailed("no SMS gateway is configured (DHG_SMS_URL)")
    return HttpSmsProvider(settings.DHG_SMS_URL, settings.DHG_SMS_TOKEN, settings.DHG_SMS_SENDER)


def send(message: OutboxMessage) -> None:
    subject, text = words_of(message)
    reference = f"dhg-outbox-{message.pk}"
    if message.channel == Channel.SMS:
        sms_provider().send(to=message.address, text=text, reference=reference)
        return
    email = EmailMessage(
        subject,
        text,
        to=[message.address],
        headers={"Message-ID": f"<{reference}@{settings.DHG_MAIL_DOMAIN}>"},
    )
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as error:
        raise TransportFailed(f"SMTP: {error}") from error
