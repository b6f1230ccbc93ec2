"""Access JWTs (short, stateless but revocable by session) and opaque refresh tokens."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from propertyhub.config import Settings

ALGORITHM = "HS256"


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    role: str
    session_id: uuid.UUID


def issue_access(settings: Settings, user_id: int, role: str, session_id: uuid.UUID) -> str:
    now = datetime.now(UTC)
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": str(user_id),
        "iat": now,
        "exp": now + timedelta(seconds=settings.access_ttl_seconds),
        "jti": uuid.uuid4().hex,
        "typ": "access",
        "role": role,
        "sid": str(session_id),
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM)


def decode_access(settings: Settings, token: str) -> AccessClaims | None:
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[ALGORITHM],  # pinned: never trust the header's alg
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["iss", "aud", "sub", "iat", "exp", "jti", "typ"]},
        )
        if claims.get("typ") != "access":
            return None
        return AccessClaims(int(claims["sub"]), str(claims["role"]), uuid.UUID(claims["sid"]))
    except (jwt.PyJWTError, KeyError, ValueError, TypeError):
        return None


def new_refresh_token() -> tuple[str, str]:
    """Returns (token for the client, hash to store)."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh(token)


def hash_refresh(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
