"""Settings, read from the environment only (12-factor)."""

from __future__ import annotations

import hashlib
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from limits import parse as parse_limit

DEV_JWT_SECRET = "dev-only-insecure-secret-change-me-0123456789"
DEV_PAYMENTS_SECRET = "dev-only-insecure-payments-signing-secret-0123456789"
MIN_SECRET_CHARS = 32
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


def _comma_list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    database_url: str = field(default_factory=_default_database_url)
    redis_url: str | None = None
    jwt_secret: str = DEV_JWT_SECRET
    # Signs the payment processor's event log. Its own key: whoever holds the JWT key
    # must not be able to forge payment events, nor the other way round.
    payments_signing_secret: str = DEV_PAYMENTS_SECRET
    jwt_issuer: str = "propertyhub"
    jwt_audience: str = "propertyhub-api"
    access_ttl_seconds: int = 900
    refresh_ttl_seconds: int = 30 * 24 * 3600
    port: int = 8000
    cors_origins: tuple[str, ...] = ()
    # Peers (addresses or networks) whose X-Forwarded-For / X-Forwarded-Proto are believed:
    # the reverse proxies in front of the web processes. None: the peer is the client.
    forwarded_allow_ips: tuple[str, ...] = ()
    rate_limit_register: str = "20/minute"
    rate_limit_login: str = "10/minute"
    # Inquiries per buyer: a person writes a few an hour; a script writing dozens would fill
    # sellers' CRMs and inflate their lead numbers.
    rate_limit_leads: str = "20/hour"
    max_body_bytes: int = 1024 * 1024
    # How often renewals and the reconciler run: one schedule, for the Celery beat and the
    # embedded mode's in-process scheduler alike.
    scheduler_interval_seconds: float = 60.0
    # Background work: "celery" (workers through Redis) or "inprocess" (on the web process's
    # own loop). Default: celery when REDIS_URL is set, else inprocess (the embedded mode);
    # the test suite's app runs in-process beside Redis.
    jobs: str = ""
    # Redis redelivers a task whose worker died after this long (it must exceed the longest
    # countdown a task is scheduled with, an hour).
    celery_visibility_timeout_seconds: int = 7200
    call_reconnect_grace_seconds: float = 30.0
    # Billing: the platform's minimum price of anything hired on a subscription, per plan.
    min_price_monthly_cents: int = 990
    min_price_yearly_cents: int = 9900
    # An unanswered Idempotency-Key becomes retryable after this (its request died).
    idempotency_lease_seconds: float = 30.0
    # Pending charges and refunds older than this are finished by the scheduler.
    reconcile_after_seconds: float = 60.0
    # Calls: a call never joined ends after this; a call's billing is rechecked this often.
    call_join_timeout_seconds: float = 60.0
    call_billing_check_seconds: float = 30.0
    # Text to speech: syntheses at once per web process, and how many may wait for one.
    tts_concurrency: int = 2
    tts_queue: int = 8
    # Where server-side voice_input -> agent_speak times go at exit (benchmarks); unset: none.
    calls_timing_file: str | None = None
    # `propertyhub serve`: uvicorn's processes, address, drain time and logging.
    web_concurrency: int = 1
    host: str = "0.0.0.0"
    graceful_timeout_seconds: int = 20
    access_log: bool = False
    log_level: str = "info"
    log_format: str = "json"
    # prometheus_client's shared directory when several web processes serve (/metrics sums
    # them); `propertyhub serve` makes one when WEB_CONCURRENCY > 1.
    prometheus_multiproc_dir: str | None = None

    @property
    def cursor_key(self) -> bytes:
        """Signs list cursors; derived from JWT_SECRET (one secret to configure), apart
        from the tokens' own key."""
        return hashlib.sha256(b"propertyhub list cursors\0" + self.jwt_secret.encode()).digest()

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def jobs_in_process(self) -> bool:
        """Whether background work runs on the web process's loop (embedded) or on Celery."""
        return (self.jobs or ("celery" if self.redis_url else "inprocess")) == "inprocess"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        origins = _comma_list(env.get("CORS_ORIGINS", ""))
        settings = cls(
            env=env.get("PROPERTYHUB_ENV", "development"),
            database_url=normalize_database_url(
                env.get("DATABASE_URL") or _default_database_url()
            ),
            redis_url=env.get("REDIS_URL") or None,
            jwt_secret=env.get("JWT_SECRET") or DEV_JWT_SECRET,
            payments_signing_secret=env.get("PAYMENTS_SIGNING_SECRET") or DEV_PAYMENTS_SECRET,
            access_ttl_seconds=min(int(env.get("ACCESS_TOKEN_TTL", "900")), 900),
            port=int(env.get("PORT", "8000")),
            cors_origins=origins,
            forwarded_allow_ips=_comma_list(env.get("FORWARDED_ALLOW_IPS", "")),
            rate_limit_register=env.get("RATE_LIMIT_REGISTER", "20/minute"),
            rate_limit_login=env.get("RATE_LIMIT_LOGIN", "10/minute"),
            rate_limit_leads=env.get("RATE_LIMIT_LEADS", "20/hour"),
            call_reconnect_grace_seconds=float(env.get("CALL_RECONNECT_GRACE", "30")),
            # RENEW_EVERY_S: the beat's older name for the same period.
            scheduler_interval_seconds=float(env.get("SCHEDULER_INTERVAL_S")
                                             or env.get("RENEW_EVERY_S") or "60"),
            celery_visibility_timeout_seconds=int(env.get("CELERY_VISIBILITY_TIMEOUT", "7200")),
            min_price_monthly_cents=int(env.get("MIN_PRICE_MONTHLY_CENTS", "990")),
            min_price_yearly_cents=int(env.get("MIN_PRICE_YEARLY_CENTS", "9900")),
            idempotency_lease_seconds=float(env.get("IDEMPOTENCY_LEASE_S", "30")),
            reconcile_after_seconds=float(env.get("RECONCILE_AFTER_S", "60")),
            call_join_timeout_seconds=float(env.get("CALL_JOIN_TIMEOUT_S", "60")),
            call_billing_check_seconds=float(env.get("CALL_BILLING_CHECK_S", "30")),
            tts_concurrency=int(env.get("TTS_CONCURRENCY", "2")),
            tts_queue=int(env.get("TTS_QUEUE", "8")),
            calls_timing_file=env.get("CALLS_TIMING_FILE") or None,
            web_concurrency=int(env.get("WEB_CONCURRENCY", "1")),
            host=env.get("HOST", "0.0.0.0"),
            graceful_timeout_seconds=int(env.get("GRACEFUL_TIMEOUT", "20")),
            access_log=env.get("ACCESS_LOG", "0") == "1",
            log_level=env.get("LOG_LEVEL", "info"),
            log_format=env.get("LOG_FORMAT", "json"),
            prometheus_multiproc_dir=env.get("PROMETHEUS_MULTIPROC_DIR") or None,
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.min_price_monthly_cents < 1 or self.min_price_yearly_cents < 1:
            raise ConfigError("MIN_PRICE_MONTHLY_CENTS and MIN_PRICE_YEARLY_CENTS must be >= 1")
        if self.jobs not in ("", "celery", "inprocess"):
            raise ConfigError(f"jobs: {self.jobs!r} is not celery or inprocess")
        if self.jobs == "celery" and not self.redis_url:
            raise ConfigError("jobs=celery needs REDIS_URL (the broker)")
        for name, value in (("SCHEDULER_INTERVAL_S", self.scheduler_interval_seconds),
                            ("WEB_CONCURRENCY", self.web_concurrency),
                            ("CELERY_VISIBILITY_TIMEOUT", self.celery_visibility_timeout_seconds)):
            if value <= 0:
                raise ConfigError(f"{name} must be positive")
        for name, value, dev_value in (
                ("JWT_SECRET", self.jwt_secret, DEV_JWT_SECRET),
                ("PAYMENTS_SIGNING_SECRET", self.payments_signing_secret, DEV_PAYMENTS_SECRET)):
            if self.env != "development" and value == dev_value:
                raise ConfigError(f"{name} must be set outside development")
            if len(value) < MIN_SECRET_CHARS:
                raise ConfigError(f"{name} must be at least {MIN_SECRET_CHARS} characters")
        if self.payments_signing_secret == self.jwt_secret:
            raise ConfigError("PAYMENTS_SIGNING_SECRET must differ from JWT_SECRET")
        for name, rate in (("RATE_LIMIT_REGISTER", self.rate_limit_register),
                           ("RATE_LIMIT_LOGIN", self.rate_limit_login),
                           ("RATE_LIMIT_LEADS", self.rate_limit_leads)):
            try:
                parse_limit(rate)
            except ValueError:
                raise ConfigError(f"{name}: {rate!r} is not a rate such as 20/minute") from None
        for proxy in self.forwarded_allow_ips:
            try:
                # Strict, as uvicorn silently never matches an entry it cannot parse.
                ipaddress.ip_network(proxy)
            except ValueError:
                raise ConfigError(f"FORWARDED_ALLOW_IPS: {proxy!r} is not an IP address or "
                                  "network (name the proxies; 0.0.0.0/0 trusts everyone)") from None
