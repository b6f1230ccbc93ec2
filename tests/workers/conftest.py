from __future__ import annotations

import os

import pytest

from tests.billing.conftest import market  # noqa: F401  (shared fixture)
from tests.conftest import SECRETS_ENV
from tests.support.processes import start_worker, stop
from workers.celery_app import celery_app


@pytest.fixture
def worker_env(app, redis_url) -> dict[str, str]:
    settings = app.sanic.ctx.settings
    return {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": redis_url,
            "PROPERTYHUB_ENV": "test", **SECRETS_ENV,
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
