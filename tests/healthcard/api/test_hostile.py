"""What an attacker or a broken client sends: every answer is a 4xx problem+json that says
what is wrong, never a 5xx; tokens are checked claim by claim before anything of theirs is
stored; refused attempts reach the operators' security log; nothing is cached by a browser."""

import logging
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse
from rest_framework.test import APIClient

from healthcard import parts
from healthcard.api.claims import CLAIM_HPR, CLAIM_ORG_PARENT, SCOPE_READ, SCOPE_WRITE
from healthcard.api.devkey import KEY_ID, mint_token
from healthcard.models import AccessEvent, Consultation
from tests.conftest import API
from tests.factories import CardFactory
from tests.races import epj

pytestmark = pytest.mark.django_db


@pytest.fixture
def card():
    return CardFactory()


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def send_raw(card, body: str, path: str = "antenatalAppointments"):
    return epj(card.woman.national_id).generic(
        "POST", API + f"record/{card.pk}/{path}", body, content_type="application/json"
    )


HOSTILE_BODIES = {
    "100,000 open brackets": "[" * 100_000,
    "100,000 nested objects": '{"a":' * 100_000,
    "5,000-deep array in a text field": '{"note": ' + "[" * 5000 + "]" * 5000 + "}",
    "30-deep array (parses, too deep)": '{"note": ' + "[" * 30 + "]" * 30 + "}",
    "a key given twice": '{"date": "2026-11-01", "date": "2026-11-02"}',
    "NaN": '{"motherWeight": NaN}',
    "Infinity": '{"motherWeight": Infinity}',
    "not JSON": "{date: 2026}",
    "truncated": '{"date": "2026-11-01"',
    "lone surrogate": '{"note": "\\ud800"}',
    "lone surrogate as an unknown key": '{"\\ud800": 1, "date": "2026-11-01"}',
}


@pytest.mark.parametrize("body", HOSTILE_BODIES.values(), ids=HOSTILE_BODIES.keys())
def test_hostile_json_is_400_and_stores_nothing(card, body):
    response = send_raw(card, body)
    assert response.status_code in (400, 422), response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert not Consultation.objects.exists()


def test_hostile_json_in_a_batch_is_400(card):
    response = send_raw(card, '{"operations": ' + "[" * 50_000, path="batch")
    assert "nested" in problem(response, 400)["detail"]


def test_a_duplicate_key_is_named(card):
    detail = problem(send_raw(card, '{"edema": 0, "edema": 3}'), 400)["detail"]
    assert "'edema' appears twice" in detail


def _token(key, algorithm: str, kid: str = KEY_ID, **claims) -> str:
    now = int(time.time())
    payload = {
        "iss": "https://dhg.local/dev-issuer",
        "aud": "nhn:maternity-record",
        "iat": now,
        "exp": now + 600,
        "scope": f"{SCOPE_READ} {SCOPE_WRITE}",
        CLAIM_ORG_PARENT: "974589095",
        **claims,
    }
    return jwt.encode(payload, key, algorithm=algorithm, headers={"kid": kid, "typ": "at+jwt"})


BAD_TOKENS = {
    "ES256 under the RSA key's kid": lambda: _token(
        ec.generate_private_key(ec.SECP256R1()), "ES256"
    ),
    "HS256 with the kid as secret": lambda: _token("dhg-dev-key-as-a-secret-of-32-bytes!", "HS256"),
    "no typ (an ID token)": lambda: jwt.encode(
        jwt.decode(mint_token(), options={"verify_signature": False}),
        "x" * 32,
        algorithm="HS256",
    ),
    "12-digit organisation number": lambda: mint_token(**{CLAIM_ORG_PARENT: "974589095123"}),
    "organisation number 'abc'": lambda: mint_token(**{CLAIM_ORG_PARENT: "abc"}),
    "bad organisation check digit": lambda: mint_token(**{CLAIM_ORG_PARENT: "974589096"}),
    "organisation number as a list": lambda: mint_token(**{CLAIM_ORG_PARENT: ["974589095"]}),
    "HPR number 'abc'": lambda: mint_token(**{CLAIM_HPR: "abc"}),
    "HPR number of 12 digits": lambda: mint_token(**{CLAIM_HPR: "123456789012"}),
    "a 5,000-character name": lambda: mint_token(name="x" * 5000),
    "a name that is an object": lambda: mint_token(name={"first": "Kari"}),
    "a 5,000-character org name": lambda: mint_token(org_name="x" * 5000),
    "a day-long lifetime": lambda: mint_token(exp=int(time.time()) + 86_400),
    "exp as text": lambda: mint_token(exp="tomorrow"),
    "scope as a number": lambda: mint_token(scope=1),
    "scope null": lambda: mint_token(scope=None),
    "scope true": lambda: mint_token(scope=True),
    "a NUL in the name": lambda: mint_token(name="a\x00b"),
    "a NUL in the org name": lambda: mint_token(org_name="a\x00b"),
    "a lone surrogate in the name": lambda: mint_token(name="a\ud800b"),
}


@pytest.mark.parametrize("make", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_every_token_error_is_401_with_www_authenticate(card, make):
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {make()}",
        HTTP_NHN_PATIENT_NIN=card.woman.national_id,
        HTTP_NHN_SOURCE_SYSTEM="Hostile",
    )
    response = client.post(
        API + f"record/{card.pk}/antenatalAppointments",
        parts.BY_NAME["antenatalAppointments"].example,
        format="json",
    )
    problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Consultation.objects.exists()
    assert not AccessEvent.objects.exists()


def test_an_if_match_of_thousands_of_digits_is_400(card):
    url = API + f"record/{card.pk}/geneticDisorders"
    response = epj(card.woman.national_id).put(
        url, {"noneKnown": True}, format="json", HTTP_IF_MATCH='"' + "9" * 4301 + '"'
    )
    assert "If-Match" in problem(response, 400)["detail"]


@pytest.mark.parametrize("path", ["/api/maternity-record/v1", "/api/maternity-record"])
def test_the_base_path_without_its_slash_is_a_404_problem(card, path):
    response = epj(card.woman.national_id).post(path, {}, format="json")
    problem(response, 404)


def test_without_consent_the_answer_is_403_whatever_the_body(card):
    from consent.services import withdraw_consent

    withdraw_consent(woman=card.woman)
    client = epj(card.woman.national_id)
    for method, path, body in [
        ("put", f"record/{card.pk}/notes/1", {}),
        ("post", f"record/{card.pk}/notes/1/entered-in-error", {}),
        ("post", "record", {"reason": "x"}),
    ]:
        response = getattr(client, method)(API + path, body, format="json")
        assert problem(response, 403)["type"].endswith("consent-missing"), (method, path)


def test_a_write_needs_the_read_scope_too(card):
    client = epj(card.woman.national_id, scope=SCOPE_WRITE)
    body = parts.BY_NAME["antenatalAppointments"].example
    response = client.post(API + f"record/{card.pk}/antenatalAppointments", body, format="json")
    assert SCOPE_READ in problem(response, 403)["detail"]


def test_a_write_must_be_signed_by_a_health_person(card):
    client = epj(card.woman.national_id, **{CLAIM_HPR: "", "name": ""})
    body = parts.BY_NAME["antenatalAppointments"].example
    response = client.post(API + f"record/{card.pk}/antenatalAppointments", body, format="json")
    assert "health person" in problem(response, 403)["detail"]
    assert client.get(API + f"record/{card.pk}").status_code == 200  # reading is allowed


def test_anonymous_requests_are_throttled_per_address(card, settings):
    settings.DHG_API_ANONYMOUS_RATE = "3/min"
    anonymous = APIClient()
    codes = [anonymous.get(API + "status").status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    guessing = APIClient(HTTP_AUTHORIZATION="Bearer guessed.token.value")
    assert guessing.get(API + "status").status_code == 429  # the same address
    # A record system with a valid token is not held up by the probes.
    assert epj(card.woman.national_id).get(API + "status").status_code == 200


def test_refused_attempts_are_in_the_security_log_not_in_hers(card, caplog):
    other = CardFactory()
    caplog.set_level(logging.WARNING, logger="dhg.security")
    response = epj(card.woman.national_id).get(API + f"record/{other.pk}")
    assert response.status_code == 404
    [line] = [r.getMessage() for r in caplog.records if r.name == "dhg.security"]
    assert line.startswith(f"refused 404 GET {API}record/{other.pk}")
    assert "org=974589095" in line and "hpr=9144900" in line
    assert card.woman.national_id not in line and other.woman.national_id not in line
    assert not AccessEvent.objects.filter(woman=other.woman).exists()


def test_an_unexpected_error_is_problem_json(card, client, monkeypatch):
    from healthcard import selectors

    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "record_document_for_clinician", broken)
    api = epj(card.woman.national_id)
    api.raise_request_exception = False
    response = api.get(API + f"record/{card.pk}")
    assert problem(response, 500)["title"] == "Internal server error"
    assert "a bug" not in response.content.decode()


def test_nothing_of_hers_is_cached_by_a_browser(card, client):
    api = epj(card.woman.national_id).get(API + f"record/{card.pk}")
    client.force_login(card.woman)
    page = client.get(reverse("healthcard:card_detail"))
    for response in (api, page):
        assert "no-store" in response["Cache-Control"]
        assert "camera=()" in response["Permissions-Policy"]
