"""The production side of the jobs seam: the Celery app (tasks the domains declare, the
schedule table as the beat's), and tasks sent to its workers through Redis.

A web process only sends. A request that waits for a task (a hire's first charge) is woken
by the worker: once the task is done (its transaction committed) the worker pushes to a
key of that task's own, which the request waits on (BLPOP), so nothing polls the database
meanwhile; the pushed value outlives a late waiter for a minute.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial
from typing import Any

from celery import Celery
from celery.schedules import crontab
from redis.asyncio import Redis

from propertyhub.common.jobs import TASKS, Context, DailyAt, Every, Scheduled, Task
from propertyhub.config import Settings
from propertyhub.schedule import schedule
from workers import runtime
from workers.runtime import done_key

OUTCOMES_KEY = "propertyhub:celery:outcomes"


class CeleryJobs:
    scheduler = None  # the beat process runs the schedule, not the web process

    def __init__(self, app: Celery, redis_url: str) -> None:
        self.app = app
        self.redis = Redis.from_url(redis_url)

    async def start(self, context: Context, entries: Sequence[Scheduled],
                    interval_seconds: float) -> None:
        """Nothing to start here: workers and the beat are processes of their own."""

    async def enqueue(self, task: Task, *args: Any) -> None:
        # Celery talks to Redis synchronously: off the event loop, which serves everyone.
        send = partial(self.app.send_task, task.name, args=list(args))
        await asyncio.get_running_loop().run_in_executor(None, send)

    async def run_and_wait(self, task: Task, *args: Any, timeout: float) -> None:
        await self.enqueue(task, *args)
        await self.redis.blpop([done_key(task.name, args)], timeout=timeout)

    async def fan_out(self, task: Task, calls: Sequence[tuple]) -> None:
        for args in calls:
            await self.enqueue(task, *args)

    async def outcomes(self) -> dict[str, int]:
        """Counted by the workers (workers.outcomes), wherever they run."""
        found = await self.redis.hgetall(OUTCOMES_KEY)
        return {k.decode(): int(v) for k, v in found.items()}

    async def close(self) -> None:
        await self.redis.aclose()


# The packages whose `tasks` modules declare tasks.
DOMAINS = ["propertyhub.billing", "propertyhub.calls", "propertyhub.analytics", "propertyhub.viewings"]


def beat_schedule(entries: tuple[Scheduled, ...]) -> dict:
    def when(entry: Scheduled):
        if isinstance(entry.when, Every):
            return entry.when.seconds
        assert isinstance(entry.when, DailyAt)
        return crontab(hour=entry.when.at.hour, minute=entry.when.at.minute)

    return {e.name: {"task": e.task.name, "schedule": when(e)} for e in entries}


def _register(app: Celery, declared: Task) -> None:
    @app.task(bind=True, name=declared.name, max_retries=declared.max_retries)
    def run(self, *args):
        process = runtime.current
        if process is None:
            raise RuntimeError("no event loop: the worker process was not initialised")
        try:
            result = process.run(declared.run(process.context, *args))
        except declared.retry_on as exc:
            raise self.retry(exc=exc, countdown=declared.backoff(self.request.retries)) from exc
        if declared.notify:
            process.done(declared, args)
        return result


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or Settings.from_env()
    app = Celery("propertyhub")
    app.conf.update(
        broker_url=settings.redis_url or "memory://",
        result_backend=None,
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        # A task of a worker that died unannounced is redelivered after the visibility
        # timeout, found by a sweep every few seconds (kombu's default sweeps only every
        # 100 s).
        broker_transport_options={
            "visibility_timeout": settings.celery_visibility_timeout_seconds,
            "unacked_restore_interval": max(1, min(10, settings.celery_visibility_timeout_seconds // 2)),
            "unacked_restore_throttle": 1},
        beat_schedule=beat_schedule(schedule(settings)),
        task_serializer="json", accept_content=["json"], timezone="UTC", enable_utc=True,
    )
    app.autodiscover_tasks(DOMAINS, related_name="tasks", force=True)
    for declared in TASKS.values():
        _register(app, declared)
    return app
