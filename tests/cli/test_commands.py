"""The `propertyhub` command as an operator runs it: a real process, a real database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from propertyhub.config import ConfigError, Settings
from tests.conftest import BACKEND, SECRETS_ENV
from tests.support.servers import create_database, free_port


def run(args: list[str], env: dict[str, str], timeout: int = 120):
    return subprocess.run([sys.executable, "-m", "propertyhub.cli", *args], env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def database_url(tmp_path, request) -> str:
    if BACKEND == "sqlite":
        return f"sqlite:///{tmp_path}/cli.sqlite3"
    admin = request.getfixturevalue("pg_admin_url")
    return create_database(admin, f"cli_{os.getpid()}_{time.monotonic_ns()}").replace(
        "postgres://", "postgresql://")


@pytest.fixture
def env(database_url) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "PROPERTYHUB_ENV": "test",
            **SECRETS_ENV}


def test_migrate_is_repeatable_and_seed_fills_the_database(env, database_url):
    first = run(["migrate"], env)
    second = run(["migrate"], env)
    seeded = run(["seed", "--listings", "300", "--users", "20"], env)

    assert first.returncode == 0, first.stderr
    migrations = sorted(p.name for p in Path("migrations/models").glob("[0-9]*_*.py"))
    assert f"applied {len(migrations)} migration(s): {', '.join(migrations)}" in first.stdout
    assert "applied 0 migration" in second.stdout
    assert seeded.returncode == 0, seeded.stderr
    assert "seeded 20 users and 300 listings" in seeded.stdout
    assert "listings" in seeded.stderr  # the progress bar
    if database_url.startswith("sqlite"):
        db = sqlite3.connect(database_url.removeprefix("sqlite://"))
        assert db.execute("SELECT count(*) FROM properties").fetchone()[0] == 300
        assert db.execute("SELECT count(DISTINCT city) FROM properties").fetchone()[0] > 20


def test_serve_answers_on_port_and_shuts_down(env):
    assert run(["migrate"], env).returncode == 0
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "propertyhub.cli", "serve"],
                            env={**env, "PORT": str(port)}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        register = httpx.post(f"http://127.0.0.1:{port}/api/auth/register", json={
            "email": "cli@example.com", "password": "long enough", "name": "C",
            "role": "seller"})
        socketio = httpx.get(f"http://127.0.0.1:{port}/socket.io/",
                             params={"EIO": "4", "transport": "polling"})
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)

    assert ready.status_code == 200
    assert register.status_code == 201
    assert socketio.status_code == 200  # Socket.IO is mounted in front of the API
    output = proc.stdout.read().decode()
    # uvicorn re-raises SIGTERM after a graceful shutdown, so the exit status says SIGTERM.
    assert proc.returncode in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in output


def test_refuses_to_start_outside_development_with_default_secret(env):
    env = {k: v for k, v in env.items() if k != "JWT_SECRET"}
    env["PROPERTYHUB_ENV"] = "production"

    result = run(["migrate"], env)

    assert result.returncode != 0
    assert "JWT_SECRET must be set" in result.stderr
    with pytest.raises(ConfigError):
        Settings.from_env({"PROPERTYHUB_ENV": "production", "JWT_SECRET": "short"})


def test_payment_events_are_signed_with_their_own_secret(monkeypatch):
    from propertyhub.payments import processor

    production = {"PROPERTYHUB_ENV": "production", "JWT_SECRET": SECRETS_ENV["JWT_SECRET"]}
    with pytest.raises(ConfigError, match="PAYMENTS_SIGNING_SECRET must be set"):
        Settings.from_env(production)
    with pytest.raises(ConfigError, match="PAYMENTS_SIGNING_SECRET must differ"):
        Settings.from_env({**production, "PAYMENTS_SIGNING_SECRET": production["JWT_SECRET"]})
    with pytest.raises(ConfigError, match="at least 32"):
        Settings.from_env({**production, "PAYMENTS_SIGNING_SECRET": "short"})
    # Development: a JWT secret alone never becomes the payments key.
    monkeypatch.setenv("JWT_SECRET", SECRETS_ENV["JWT_SECRET"])
    monkeypatch.delenv("PAYMENTS_SIGNING_SECRET", raising=False)
    monkeypatch.delenv("PROPERTYHUB_ENV", raising=False)
    processor.cache_clear()
    try:
        assert processor().secret != SECRETS_ENV["JWT_SECRET"]
        monkeypatch.setenv("PAYMENTS_SIGNING_SECRET", SECRETS_ENV["PAYMENTS_SIGNING_SECRET"])
        processor.cache_clear()
        assert processor().secret == SECRETS_ENV["PAYMENTS_SIGNING_SECRET"]
    finally:
        processor.cache_clear()


def test_database_url_spellings():
    from tortoise.backends.base.config_generator import expand_db_url

    sqlite = expand_db_url(Settings.from_env({"DATABASE_URL": "sqlite:///tmp/x.sqlite3"})
                           .database_url)
    postgres = expand_db_url(Settings.from_env({"DATABASE_URL": "postgresql://u@h:5433/db"})
                             .database_url)
    default = Settings.from_env({}).database_url

    assert sqlite["credentials"]["file_path"] == "/tmp/x.sqlite3"
    assert postgres["engine"] == "tortoise.backends.asyncpg"
    assert (postgres["credentials"]["host"], postgres["credentials"]["port"]) == ("h", 5433)
    assert Path(default.removeprefix("sqlite://")).parts[-2:] == ("var", "propertyhub.sqlite3")
