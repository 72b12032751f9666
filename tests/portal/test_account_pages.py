"""allauth's account pages are for staff: a woman logged in with ID-porten cannot reach
them (she could otherwise unlink her ID-porten login or add an e-mail address)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOT_HERS = [
    "socialaccount_connections",
    "account_email",
    "account_change_password",
    "account_set_password",
    "account_reset_password",
    "account_reauthenticate",
    "account_signup",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
]


@pytest.mark.parametrize("name", NOT_HERS)
def test_she_cannot_open_the_staff_account_pages(kari_client, name):
    assert kari_client.get(reverse(name)).status_code == 404
    assert kari_client.post(reverse(name)).status_code == 404


def test_she_can_still_log_out(kari_client):
    response = kari_client.post(reverse("account_logout"))
    assert response.status_code == 302 and "_auth_user_id" not in kari_client.session


def test_staff_keep_their_two_factor_pages(midwife_client):
    assert midwife_client.get(reverse("mfa_index")).status_code == 200
