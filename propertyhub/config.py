"""Settings, read from the environment only (12-factor)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

DEV_JWT_SECRET = "dev-only-insecure-secret-change-me-0123456789"
ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    pass


def _default_database_url() -> str:
    return f"sqlite://{ROOT / 'var' / 'propertyhub.sqlite3'}"


def normalize_database_url(url: str) -> str:
    """Accept the URL spellings the contract promises and hand Tortoise its own."""
    if url.startswith("postgresql://"):
        return "postgres://" + url[len("postgresql://") :]
    return url


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    database_url: str = field(default_factory=_default_database_url)
    redis_url: str | None = None
    jwt_secret: str = DEV_JWT_SECRET
    jwt_issuer: str = "propertyhub"
    jwt_audience: str = "propertyhub-api"
    access_ttl_seconds: int = 900
    refresh_ttl_seconds: int = 30 * 24 * 3600
    port: int = 8000
    cors_origins: tuple[str, ...] = ()
    rate_limit_register: str = "20/minute"
    rate_limit_login: str = "10/minute"
    max_body_bytes: int = 1024 * 1024
    scheduler_interval_seconds: float = 60.0
    call_reconnect_grace_seconds: float = 30.0

    @property
    def cursor_key(self) -> bytes:
        """Signs list cursors; derived from JWT_SECRET (one secret to configure), apart
        from the tokens' own key."""
        return hashlib.sha256(b"propertyhub list cursors\0" + self.jwt_secret.encode()).digest()

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        origins = tuple(o.strip() for o in env.get("CORS_ORIGINS", "").split(",") if o.strip())
        settings = cls(
            env=env.get("PROPERTYHUB_ENV", "development"),
            database_url=normalize_database_url(
                env.get("DATABASE_URL") or _default_database_url()
            ),
            redis_url=env.get("REDIS_URL") or None,
            jwt_secret=env.get("JWT_SECRET") or DEV_JWT_SECRET,
            access_ttl_seconds=min(int(env.get("ACCESS_TOKEN_TTL", "900")), 900),
            port=int(env.get("PORT", "8000")),
            cors_origins=origins,
            rate_limit_register=env.get("RATE_LIMIT_REGISTER", "20/minute"),
            rate_limit_login=env.get("RATE_LIMIT_LOGIN", "10/minute"),
            call_reconnect_grace_seconds=float(env.get("CALL_RECONNECT_GRACE", "30")),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.env != "development" and self.jwt_secret == DEV_JWT_SECRET:
            raise ConfigError("JWT_SECRET must be set outside development")
        if len(self.jwt_secret) < 32:
            raise ConfigError("JWT_SECRET must be at least 32 characters")
