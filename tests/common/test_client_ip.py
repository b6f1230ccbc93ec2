"""Who the client is, behind proxies or not: served web processes (uvicorn, as in
production) and the per-IP registration limit as the witness."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from propertyhub.config import ConfigError, Settings
from tests.conftest import SECRETS_ENV
from tests.support.processes import start_web, stop

# An untrusted peer: the whole of 127.0.0.0/8 is loopback, so a client can connect from
# 127.0.0.2 while only 127.0.0.1 is named as the proxy.
PROXY, STRANGER = "127.0.0.1", "127.0.0.2"


def test_forwarded_allow_ips_setting():
    settings = Settings.from_env({"FORWARDED_ALLOW_IPS": " 10.0.0.0/8, 127.0.0.1,::1 "})

    assert settings.forwarded_allow_ips == ("10.0.0.0/8", "127.0.0.1", "::1")
    assert Settings.from_env({}).forwarded_allow_ips == ()
    for wrong in ("*", "10.0.0.1/8", "proxy.internal"):
        with pytest.raises(ConfigError, match="FORWARDED_ALLOW_IPS"):
            Settings.from_env({"FORWARDED_ALLOW_IPS": wrong})


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    path = Path(tmp_path_factory.mktemp("proxies")) / "migrated.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite://{path}", **SECRETS_ENV}
    subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True,
                   capture_output=True)
    return path


@pytest.fixture(scope="module")
def serve(migrated) -> Iterator:
    started = []

    def start(**extra: str) -> str:
        database = migrated.with_name(f"web{len(started)}.sqlite3")
        shutil.copy(migrated, database)
        env = {**os.environ, "DATABASE_URL": f"sqlite://{database}", "PROPERTYHUB_ENV": "test",
               **SECRETS_ENV, "LOG_LEVEL": "warning", "RATE_LIMIT_REGISTER": "2/minute",
               **extra}
        for inherited in ("REDIS_URL", "FORWARDED_ALLOW_IPS"):
            if inherited not in extra:
                env.pop(inherited, None)
        proc, base = start_web(env)
        started.append(proc)
        return base

    yield start
    for proc in started:
        stop(proc)


def registrations(base: str, forwarded: list[str], peer: str = PROXY) -> list[int]:
    """Each attempt's status: 422 (the empty body, once past the limit check) or 429."""
    transport = httpx.HTTPTransport(local_address=peer)
    with httpx.Client(base_url=base, transport=transport, timeout=10) as client:
        return [client.post("/api/auth/register", json={},
                            headers={"X-Forwarded-For": ip, "X-Real-IP": ip}).status_code
                for ip in forwarded]


# The rule does not depend on the database: the embedded pass runs it once.
served_once = pytest.mark.embedded


@served_once
def test_without_trusted_proxies_forwarded_headers_change_nothing(serve):
    # Sanic's own switches, set from the environment, must not bring its header parsing back.
    base = serve(SANIC_PROXIES_COUNT="1", SANIC_REAL_IP_HEADER="x-real-ip")

    rotating = registrations(base, ["203.0.113.1", "203.0.113.2", "203.0.113.3"])

    assert rotating == [422, 422, 429]


@served_once
def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(serve):
    base = serve(FORWARDED_ALLOW_IPS=PROXY)

    first = registrations(base, ["203.0.113.1"] * 3)
    second = registrations(base, ["203.0.113.2"])
    # What a client writes itself stays left of what the proxy appends.
    spoofed = registrations(base, ["198.51.100.7, 203.0.113.1"])
    stranger = registrations(base, ["198.51.100.1", "198.51.100.2", "198.51.100.3"],
                             peer=STRANGER)

    assert first == [422, 422, 429]
    assert second == [422]
    assert spoofed == [429]
    assert stranger == [422, 422, 429]
