"""A worker process's own event loop, database pool and task context, made once when the
process starts: every task of the process runs its coroutine on that loop."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Sequence
from types import SimpleNamespace
from typing import Any, TypeVar

import redis
from redis.asyncio import Redis as AsyncRedis
from tortoise import Tortoise

from propertyhub.common.jobs import Task
from propertyhub.config import Settings
from propertyhub.db import tortoise_config

T = TypeVar("T")
DONE_TTL_S = 60


def done_key(task_name: str, args: Sequence[Any]) -> str:
    """Where a worker says a task is done, for whoever waits on it (workers.jobs)."""
    return f"propertyhub:jobs:done:{task_name}:" + ":".join(str(a) for a in args)


# This process's loop and context, made when a worker process starts (workers.celery_app);
# None in processes that only send.
current: WorkerProcess | None = None


class WorkerProcess:
    def __init__(self, settings: Settings, jobs: Any) -> None:
        self.loop = asyncio.new_event_loop()
        # Global fallback: each task runs in its own context, all share this pool.
        self.loop.run_until_complete(Tortoise.init(config=tortoise_config(settings.database_url),
                                                   _enable_global_fallback=True))
        # What tasks get (common.jobs.Context): `jobs` sends fan-outs back to Celery; the
        # shared state (transcript buffers) is in Redis.
        self.context = SimpleNamespace(
            settings=settings, jobs=jobs,
            redis=AsyncRedis.from_url(settings.redis_url) if settings.redis_url else None)
        self.notices = redis.Redis.from_url(settings.redis_url) if settings.redis_url else None

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coro)

    def done(self, task: Task, args: tuple) -> None:
        """Wake whoever waits for this task (CeleryJobs.run_and_wait)."""
        if self.notices is not None:
            key = done_key(task.name, args)
            with self.notices.pipeline() as pipe:
                pipe.rpush(key, 1).expire(key, DONE_TTL_S).execute()

    def close(self) -> None:
        self.run(self.context.jobs.close())
        if self.context.redis is not None:
            self.run(self.context.redis.aclose())
        self.run(Tortoise.close_connections())
