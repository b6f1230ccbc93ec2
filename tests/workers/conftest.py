from __future__ import annotations

import asyncio
import contextlib
import os
import time
from dataclasses import replace

import pytest
from redis.asyncio import Redis

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


async def stop_when_acked(worker, redis_url: str, seconds: float = 10) -> None:
    """Stop a worker once it has acknowledged what it ran (acks are late: after the task,
    and so after a waiting request was woken); a task stopped unacknowledged is run again
    by the next test's worker, into that test's numbers."""
    client = Redis.from_url(redis_url)
    deadline = time.monotonic() + seconds
    while await client.hlen("unacked") and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await client.aclose()
    stop(worker)


@pytest.fixture
async def real_workers(app, worker_env, redis_url):
    """The web app under test hands its tasks to a real worker process through Redis."""
    async with celery_jobs(app, redis_url):
        worker = start_worker(worker_env)
        try:
            yield worker
        finally:
            await stop_when_acked(worker, redis_url)
