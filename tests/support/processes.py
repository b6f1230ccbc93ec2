"""Start the service's own processes (web, Celery worker) for tests and benchmarks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx

from tests.support.servers import free_port

TEST_SECRET = "test-secret-" + "x" * 40
TEST_PAYMENTS_SECRET = "test-payments-secret-" + "p" * 40
# The secrets a started process reads from its environment, as in production.
SECRETS_ENV = {"JWT_SECRET": TEST_SECRET, "PAYMENTS_SIGNING_SECRET": TEST_PAYMENTS_SECRET}


def embedded_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a web process in the embedded mode (no Redis), migrated."""
    env = {**os.environ, **SECRETS_ENV, "DATABASE_URL": database_url, "PROPERTYHUB_ENV": "test",
           "LOG_LEVEL": "warning",
           "RATE_LIMIT_REGISTER": "1000/minute", "RATE_LIMIT_LOGIN": "1000/minute", **extra}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True,
                   capture_output=True)
    return env


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.celery_app:celery_app", "worker",
         "--concurrency", "2", "--pool", "prefork", "--without-mingle", "--without-gossip",
         "--loglevel", "WARNING"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def start_web(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "propertyhub.cli", "serve"],
                            env={**env, "PORT": str(port)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            stop(proc)
            raise RuntimeError("the web process did not start")
        time.sleep(0.1)


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        proc.wait(30)
