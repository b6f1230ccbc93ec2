from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.billing.conftest import market  # noqa: F401  (shared fixture)
from workers.celery_app import celery_app


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.celery_app:celery_app", "worker",
         "--concurrency", "2", "--pool", "prefork", "--without-mingle", "--without-gossip",
         "--loglevel", "WARNING"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        proc.wait(30)


@pytest.fixture
def worker_env(app, redis_url) -> dict[str, str]:
    settings = app.sanic.ctx.settings
    return {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": redis_url,
            "PROPERTYHUB_ENV": "test", "JWT_SECRET": settings.jwt_secret,
            "CELERY_VISIBILITY_TIMEOUT": "3"}


@pytest.fixture
def real_workers(worker_env, redis_url):
    """The web app under test hands its tasks to a real worker process through Redis."""
    saved = {k: celery_app.conf[k] for k in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url=redis_url)
    worker = start_worker(worker_env)
    try:
        yield worker
    finally:
        stop(worker)
        celery_app.conf.update(saved)
