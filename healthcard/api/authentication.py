"""Bearer tokens of the HelseID kind: a signed JWT checked against the issuer's JWKS (by URL,
by file, or the development key), with issuer, audience, expiry, not-before and scope.
The token names the calling organisation, the health person (HPR number and name) and the
client. Designed so a DPoP proof check (RFC 9449) can be added in authenticate()."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jwt
from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from . import devkey

ALGORITHMS = ["RS256", "ES256"]
SCOPE_READ = "nhn:maternity-record/api"
SCOPE_WRITE = "nhn:maternity-record/write"
CLAIM_ORG_PARENT = "helseid://claims/client/claims/orgnr_parent"
CLAIM_ORG_CHILD = "helseid://claims/client/claims/orgnr_child"
CLAIM_HPR = "helseid://claims/hpr/hpr_number"
CLAIM_CLIENT_NAME = "helseid://claims/client/client_name"


@dataclass(frozen=True)
class Clinician:
    """The caller: a health person in an organisation, through a record system."""

    client_id: str
    org_nr: str
    org_name: str
    hpr: str
    name: str
    scopes: frozenset[str]

    is_authenticated = True

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


@cache
def _jwks_client(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=3600, timeout=5)


def _local_jwks() -> jwt.PyJWKSet:
    if settings.DHG_API_JWKS_FILE:
        path = Path(settings.DHG_API_JWKS_FILE)
        return _parsed_jwks(str(path), path.stat().st_mtime)
    return _parsed_jwks("", 0)


@cache
def _parsed_jwks(path: str, modified: float) -> jwt.PyJWKSet:
    """Parsed once per file version (a rotated key file is read again): parsing RSA keys on
    every request would cost more than the request itself."""
    if path:
        return jwt.PyJWKSet.from_dict(json.loads(Path(path).read_text()))
    return jwt.PyJWKSet.from_dict(devkey.public_jwks())


def _signing_key(token: str):
    if settings.DHG_API_JWKS_URL:
        return _jwks_client(settings.DHG_API_JWKS_URL).get_signing_key_from_jwt(token).key
    kid = jwt.get_unverified_header(token).get("kid")
    for key in _local_jwks().keys:
        if key.key_id == kid:
            return key.key
    raise jwt.InvalidTokenError("unknown signing key")


def _scopes(claims: dict) -> frozenset[str]:
    scope = claims.get("scope", "")
    return frozenset(scope.split() if isinstance(scope, str) else scope)


class HelseIDAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise exceptions.AuthenticationFailed("Authorization must be 'Bearer <token>'.")
        try:
            claims = jwt.decode(
                token.strip(),
                key=_signing_key(token.strip()),
                algorithms=ALGORITHMS,
                audience=settings.DHG_API_AUDIENCE,
                issuer=settings.DHG_API_ISSUER,
                leeway=30,
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise exceptions.AuthenticationFailed("The token has expired.") from None
        except jwt.ImmatureSignatureError:
            raise exceptions.AuthenticationFailed("The token is not valid yet.") from None
        except (jwt.InvalidTokenError, jwt.PyJWKClientError) as error:
            raise exceptions.AuthenticationFailed(f"The token is not valid: {error}") from None
        org_nr = str(claims.get(CLAIM_ORG_CHILD) or claims.get(CLAIM_ORG_PARENT) or "")
        if not org_nr:
            raise exceptions.AuthenticationFailed("The token names no organisation number.")
        clinician = Clinician(
            client_id=str(claims.get("client_id", "")),
            org_nr=org_nr,
            org_name=str(claims.get("org_name", "")),
            hpr=str(claims.get(CLAIM_HPR, "")),
            name=str(claims.get("name", "")),
            scopes=_scopes(claims),
        )
        return clinician, claims

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="dhg", error="invalid_token"'


class HelseIDScheme(OpenApiAuthenticationExtension):
    """Describes the bearer token in the OpenAPI schema."""

    target_class = HelseIDAuthentication
    name = "HelseID"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "A HelseID access token (audience nhn:maternity-record; scope "
            f"{SCOPE_READ} to read, also {SCOPE_WRITE} to write).",
        }
