from __future__ import annotations

import contextlib
import os
from dataclasses import replace

import pytest

from tests.billing.conftest import market  # noqa: F401  (shared fixture)
from tests.conftest import SECRETS_ENV
from tests.support.processes import start_worker, stop
from workers.jobs import CeleryJobs, make_celery


@pytest.fixture
def worker_env(app, redis_url) -> dict[str, str]:
    settings = app.sanic.ctx.settings
    return {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": redis_url,
            "PROPERTYHUB_ENV": "test", **SECRETS_ENV,
            "CELERY_VISIBILITY_TIMEOUT": "3"}


@contextlib.asynccontextmanager
async def celery_jobs(app, redis_url):
    """The app under test sends its tasks to Celery through Redis (as production does)."""
    ctx = app.sanic.ctx
    saved = ctx.jobs
    settings = replace(ctx.settings, redis_url=redis_url, jobs="celery")
    ctx.jobs = CeleryJobs(make_celery(settings), redis_url)
    try:
        yield
    finally:
        await ctx.jobs.close()
        ctx.jobs = saved


@pytest.fixture
async def real_workers(app, worker_env, redis_url):
    """The web app under test hands its tasks to a real worker process through Redis."""
    async with celery_jobs(app, redis_url):
        worker = start_worker(worker_env)
        try:
            yield worker
        finally:
            stop(worker)
