"""A local signing key for development and tests, so a developer can mint tokens and call
the API in minutes (python manage.py mint_token). Never used in production, where tokens come
from HelseID and are checked against its JWKS."""

import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from jwt.algorithms import RSAAlgorithm

from .claims import CLAIM_HPR, CLAIM_ORG_PARENT, SCOPE_READ, SCOPE_WRITE

KEY_ID = "dhg-dev-key"


def _path() -> Path | None:
    path = getattr(settings, "DHG_API_DEV_KEY_FILE", "")
    return Path(path) if path else None


def private_key() -> rsa.RSAPrivateKey:
    """The development key, created on first use."""
    path = _path()
    if path is None:
        raise RuntimeError("No development signing key outside development (DHG_API_DEV_KEY_FILE).")
    if not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        path.chmod(0o600)
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


def public_jwks() -> dict:
    jwk = json.loads(RSAAlgorithm.to_jwk(private_key().public_key()))
    return {"keys": [{**jwk, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}


def mint_token(**claims) -> str:
    """A token signed with the development key. Claims given replace the defaults."""
    import time
    import uuid

    import jwt

    now = int(time.time())
    defaults = {
        "iss": settings.DHG_API_ISSUER,
        "aud": settings.DHG_API_AUDIENCE,
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "jti": str(uuid.uuid4()),
        "client_id": "dhg-dev-epj",
        "scope": f"{SCOPE_READ} {SCOPE_WRITE}",
        CLAIM_ORG_PARENT: "974589095",
        "org_name": "Oslo kommune, Frogner helsestasjon",
        CLAIM_HPR: "9144900",
        "name": "Kari Jordmor",
    }
    return jwt.encode(
        {**defaults, **claims},
        private_key(),
        algorithm="RS256",
        headers={"kid": KEY_ID, "typ": "at+jwt"},
    )
