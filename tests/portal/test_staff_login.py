"""Staff reach the administration only with a password and a second factor (TOTP), and
failed logins are throttled."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from portal.management.commands.demo_totp_code import current_code
from tests.conftest import MIDWIFE_TOTP_SECRET, log_in_with_second_factor

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
LOGIN = "/admin/login/"


def test_password_then_authenticator_code_opens_the_administration(client, midwife):
    response = client.post(LOGIN, {"login": "jorunn", "password": "jorunn-long-password-1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # The password alone is not enough.
    assert client.get(ADMIN).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(MIDWIFE_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_a_wrong_code_does_not_log_in(client, midwife):
    client.post(LOGIN, {"login": "jorunn", "password": "jorunn-long-password-1"})
    wrong = f"{(int(current_code(MIDWIFE_TOTP_SECRET)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN).status_code == 302


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, midwife):
    Authenticator.objects.filter(user=midwife).delete()
    client.force_login(midwife)  # a password login: allauth records no second factor
    response = client.get(ADMIN)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    response = client.get(response["Location"])
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("admin:healthcard_card_changelist")).status_code == 302


def test_a_session_without_the_second_factor_is_logged_out_at_the_admin_login(client, midwife):
    client.force_login(midwife)  # has an authenticator, but this session never used it
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)  # allauth announces the new authenticator on commit
def test_setting_up_the_authenticator_counts_as_the_second_factor(client, midwife):
    Authenticator.objects.filter(user=midwife).delete()
    client.post(LOGIN, {"login": "jorunn", "password": "jorunn-long-password-1"})
    # allauth asks for the password again before an authenticator is added.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": "jorunn-long-password-1"})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_failed_logins_are_throttled(client, midwife):
    for _attempt in range(5):
        response = client.post(LOGIN, {"login": "jorunn", "password": "wrong-password"})
        assert response.status_code == 200
    # Even the right password is refused until the lock-out has passed.
    response = client.post(LOGIN, {"login": "jorunn", "password": "jorunn-long-password-1"})
    assert response.status_code != 302
    assert "For mange innloggingsforsøk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_citizens_cannot_use_the_administration(client, kari):
    log_in_with_second_factor(client, kari)  # even with a second factor recorded
    assert client.get(ADMIN).status_code == 302


def test_the_code_is_that_of_an_authenticator_app():
    # RFC 6238's reference: the secret "12345678901234567890" at t=59 gives 287082 (6 digits).
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert format_hotp_value(hotp_value(secret, 59 // 30)) == "287082"
    assert len(current_code(MIDWIFE_TOTP_SECRET)) == 6 and time.time() > 0
