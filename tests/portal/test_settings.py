"""Configuration: production refuses to start without what it needs, says so in one clear
line, and `check --deploy` is clean. Each case runs manage.py in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.env import env_bool, env_secret

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "a-production-like-secret-with-enough-length-and-variety-8f3K2pQ9zX",
    "DATABASE_URL": "postgres://dhg@db.example.internal:5432/dhg",
    "DJANGO_ALLOWED_HOSTS": "dhg.example.no",
    "DHG_IDPORTEN_ISSUER": "https://idporten.no",
    "DHG_IDPORTEN_CLIENT_ID": "dhg",
    "DHG_IDPORTEN_CLIENT_SECRET": "secret",
    "DHG_API_ISSUER": "https://helseid-sts.nhn.no",
    "DHG_API_JWKS_URL": "https://helseid-sts.nhn.no/.well-known/openid-configuration/jwks",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DHG_", "DATABASE_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def this_runs_database() -> str:
    """The test run's own database, for a production-settings process to serve a page from."""
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class TestProductionSettings:
    def test_check_deploy_is_clean(self):
        result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
        assert result.returncode == 0, result.stderr
        assert "no issues" in result.stdout

    def test_knows_no_development_signing_key(self):
        """Tokens in production are checked against HelseID's keys only: the development
        key, which anyone with the source can mint tokens with, is not even named."""
        code = (
            "from django.conf import settings; "
            "print(repr(settings.DHG_API_DEV_JWKS), repr(settings.DHG_API_DEV_KEY_FILE))"
        )
        result = manage("shell", "-c", code, env=PRODUCTION_ENV)
        assert result.stdout.splitlines()[-1].split() == ["''", "''"], result.stderr

    def test_responses_carry_the_security_headers(self, db):
        """A page served with the production settings, over HTTPS as behind the proxy."""
        code = (
            "import json; from django.test import Client; "
            "r = Client().get('/logg-inn/', secure=True, headers={'host': 'dhg.example.no'}); "
            "c = r.cookies['csrftoken']; "
            "print(json.dumps({'status': r.status_code, 'headers': dict(r.headers), "
            "'csrf': [c['secure'], c['httponly'], c['samesite']]}))"
        )
        result = manage(
            "shell", "-c", code, env={**PRODUCTION_ENV, "DATABASE_URL": this_runs_database()}
        )
        assert result.returncode == 0, result.stderr
        page = json.loads(result.stdout.strip().splitlines()[-1])
        headers = page["headers"]
        assert page["status"] == 200
        policy = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "form-action 'self' https://idporten.no" in policy
        assert headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert page["csrf"] == [True, True, "Lax"]

    def test_plain_http_is_redirected_to_https(self):
        code = (
            "from django.test import Client; "
            "r = Client().get('/', headers={'host': 'dhg.example.no'}); "
            "print(r.status_code, r['Location'])"
        )
        result = manage("shell", "-c", code, env=PRODUCTION_ENV)
        assert result.stdout.split()[-2:] == ["301", "https://dhg.example.no/"]

    @pytest.mark.parametrize(
        "missing",
        [
            "DJANGO_SECRET_KEY",
            "DATABASE_URL",
            "DHG_IDPORTEN_ISSUER",
            "DHG_IDPORTEN_CLIENT_ID",
            "DHG_API_ISSUER",
        ],
    )
    def test_refuses_to_start_without_required_setting(self, missing):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
        result = manage("check", env=env)
        assert result.returncode == 1
        assert f"DHG configuration error: {missing} must be set" in result.stderr
        assert "Traceback" not in result.stderr

    def test_refuses_to_start_without_the_api_signing_keys(self):
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DHG_API_JWKS_URL"}
        result = manage("check", env=env)
        assert result.returncode == 1
        assert "DHG_API_JWKS_URL or DHG_API_JWKS_FILE must be set" in result.stderr

    def test_refuses_debug(self):
        result = manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "1"})
        assert "DJANGO_DEBUG must be off in production" in result.stderr

    def test_refuses_to_serve_with_the_caches_off(self):
        """The benchmark's switch: without a cache, rate limits and login throttling count
        nothing."""
        result = manage("check", env={**PRODUCTION_ENV, "DHG_CACHES_OFF": "1"})
        assert "DHG_CACHES_OFF is for the benchmark only" in result.stderr
        benchmark = {**PRODUCTION_ENV, "DHG_CACHES_OFF": "1", "DHG_BENCH_REFERENCE": "1"}
        assert manage("check", env=benchmark).returncode == 0

    def test_unreachable_database_is_named_clearly(self):
        env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://dhg@127.0.0.1:1/dhg"}
        result = manage("check", "--database", "default", env=env)
        assert result.returncode == 1
        assert "portal.E010" in result.stderr
        assert "Cannot connect to database 'dhg' on 127.0.0.1:1" in result.stderr
        assert "Traceback" not in result.stderr

    def test_wsgi_refuses_to_serve_with_unreachable_database(self):
        env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://dhg@127.0.0.1:1/dhg"}
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DHG_"))}
        result = subprocess.run(
            [sys.executable, "-c", "import portal.wsgi"],
            cwd=ROOT,
            env={**clean, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0
        assert "Cannot connect to database" in result.stderr

    def test_plain_http_idporten_issuer_is_refused(self):
        result = manage(
            "check", env={**PRODUCTION_ENV, "DHG_IDPORTEN_ISSUER": "http://idporten.no"}
        )
        assert "portal.E002" in result.stderr


class TestLocalSettings:
    def test_missing_oidc_client_is_reported_at_start(self):
        env = {"DJANGO_SETTINGS_MODULE": "portal.settings.local", "DHG_IDPORTEN_CLIENT_ID": ""}
        result = manage("check", env=env)
        assert result.returncode == 1
        assert "portal.E003" in result.stderr
        assert "DHG_IDPORTEN_CLIENT_ID is not set" in result.stderr


class TestEnvHelpers:
    def test_env_bool_rejects_typos(self, monkeypatch):
        monkeypatch.setenv("DJANGO_DEBUG", "ture")
        with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must be true or false"):
            env_bool("DJANGO_DEBUG", False)

    def test_env_secret_reads_a_file(self, monkeypatch, tmp_path):
        secret = tmp_path / "secret"
        secret.write_text("from-a-file\n")
        monkeypatch.setenv("DJANGO_SECRET_KEY_FILE", str(secret))
        assert env_secret("DJANGO_SECRET_KEY") == "from-a-file"
