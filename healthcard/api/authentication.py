"""Bearer tokens of the HelseID kind: a signed JWT (RFC 9068, typ at+jwt) checked against the
issuer's JWKS (by URL, by file, or in development the development key), with issuer,
audience, expiry, not-before, a lifetime no longer than HelseID issues, and scope. The token
names the calling organisation (a valid organisation number), the health person (HPR number
and name) and the client; each is checked before it is stored in a provenance or a log line.
Every token error is a 401 with WWW-Authenticate. Designed so a DPoP proof check (RFC 9449)
can be added in authenticate()."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jwt
from django.conf import settings
from django.utils.module_loading import import_string
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from portal.orgnr import is_valid_org_nr

from .claims import (
    CLAIM_HPR,
    CLAIM_ORG_CHILD,
    CLAIM_ORG_PARENT,
    SCOPE_READ,
    SCOPE_WRITE,
)

ALGORITHMS = ["RS256", "ES256"]
TOKEN_TYPES = {"at+jwt", "application/at+jwt"}  # RFC 9068 section 2.1
NAME_LENGTH = 200  # the provenance columns' length


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

    @property
    def names_a_health_person(self) -> bool:
        """Writes are signed by a person: a token with neither HPR number nor name is a
        system's own, which may read but not write."""
        return bool(self.hpr or self.name)


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
    every request would cost more than the request itself. Without a file, only the local
    and test settings name a key (DHG_API_DEV_JWKS, the development key's public half);
    production refuses to start without a JWKS (settings.production)."""
    if path:
        return jwt.PyJWKSet.from_dict(json.loads(Path(path).read_text()))
    if not settings.DHG_API_DEV_JWKS:
        raise jwt.InvalidTokenError("no signing keys are configured")
    return jwt.PyJWKSet.from_dict(import_string(settings.DHG_API_DEV_JWKS)())


def _signing_key(token: str) -> jwt.PyJWK:
    if settings.DHG_API_JWKS_URL:
        return _jwks_client(settings.DHG_API_JWKS_URL).get_signing_key_from_jwt(token)
    kid = jwt.get_unverified_header(token).get("kid")
    for key in _local_jwks().keys:
        if key.key_id == kid:
            return key
    raise jwt.InvalidTokenError("unknown signing key")


def _checked_header(token: str) -> None:
    typ = str(jwt.get_unverified_header(token).get("typ", "")).lower()
    if typ not in TOKEN_TYPES:
        raise jwt.InvalidTokenError("the token is not an access token (typ must be at+jwt)")


def _text_claim(claims: dict, name: str, label: str) -> str:
    value = claims.get(name, "")
    if (
        not isinstance(value, str)
        or len(value) > NAME_LENGTH
        or not value.isprintable()
        or not _encodable(value)
    ):
        raise exceptions.AuthenticationFailed(
            f"The token's {label} must be printable text of at most {NAME_LENGTH} characters."
        )
    return value.strip()


def _encodable(value: str) -> bool:
    try:
        value.encode()
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def _clinician(claims: dict) -> "Clinician":
    """The caller, from claims whose every stored value is checked first."""
    org_nr = claims.get(CLAIM_ORG_CHILD) or claims.get(CLAIM_ORG_PARENT) or ""
    if not org_nr:
        raise exceptions.AuthenticationFailed("The token names no organisation number.")
    if not isinstance(org_nr, str) or not is_valid_org_nr(org_nr):
        raise exceptions.AuthenticationFailed(
            "The token's organisation number is not valid (nine digits, mod-11 check digit)."
        )
    hpr = claims.get(CLAIM_HPR, "")
    if isinstance(hpr, int) and not isinstance(hpr, bool):
        hpr = str(hpr)
    if not isinstance(hpr, str) or (hpr and not (hpr.isascii() and hpr.isdigit())) or len(hpr) > 9:
        raise exceptions.AuthenticationFailed(
            "The token's HPR number is not valid (at most nine digits)."
        )
    lifetime = claims["exp"] - claims["iat"]
    if lifetime > settings.DHG_API_MAX_TOKEN_LIFETIME:
        raise exceptions.AuthenticationFailed(
            f"The token lives {lifetime} seconds; at most "
            f"{settings.DHG_API_MAX_TOKEN_LIFETIME} are accepted."
        )
    return Clinician(
        client_id=_text_claim(claims, "client_id", "client_id"),
        org_nr=org_nr,
        org_name=_text_claim(claims, "org_name", "organisation name"),
        hpr=hpr,
        name=_text_claim(claims, "name", "name"),
        scopes=_scopes(claims),
    )


def _scopes(claims: dict) -> frozenset[str]:
    """A space-separated string (RFC 9068) or a list of strings (as some issuers send)."""
    scope = claims.get("scope", "")
    if isinstance(scope, str):
        return frozenset(scope.split())
    if isinstance(scope, list) and all(isinstance(item, str) for item in scope):
        return frozenset(scope)
    raise exceptions.AuthenticationFailed("The token's scope must be text or a list of text.")


class HelseIDAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise exceptions.AuthenticationFailed("Authorization must be 'Bearer <token>'.")
        token = token.strip()
        try:
            _checked_header(token)
            key = _signing_key(token)
            claims = jwt.decode(
                token,
                key=key,
                # Only the algorithm of the key the token names: an ES256 token under an RSA
                # key's kid is refused, not tried.
                algorithms=[key.algorithm_name],
                audience=settings.DHG_API_AUDIENCE,
                issuer=settings.DHG_API_ISSUER,
                leeway=30,
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError:
            raise exceptions.AuthenticationFailed("The token has expired.") from None
        except jwt.ImmatureSignatureError:
            raise exceptions.AuthenticationFailed("The token is not valid yet.") from None
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as error:
            # Whatever a forged or broken token makes the JWT library raise, it is a 401.
            raise exceptions.AuthenticationFailed(f"The token is not valid: {error}") from None
        if not all(isinstance(claims[n], int | float) for n in ("exp", "iat")):
            raise exceptions.AuthenticationFailed("The token's exp and iat must be numbers.")
        return _clinician(claims), claims

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
