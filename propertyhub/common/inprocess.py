"""The embedded mode's side of the jobs seam: tasks on the web process's own loop, and the
schedule run by an in-process scheduler instead of the Celery beat."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from propertyhub.common import models as clock
from propertyhub.common.jobs import Context, DailyAt, Every, Scheduled, Task

log = logging.getLogger(__name__)
# Embedded, there is no worker to defer a retry to: the request (or the schedule) waits on
# it, so a retry waits at most this long whatever the task's backoff says.
MAX_LOCAL_BACKOFF_S = 1.0
DRAIN_ON_STOP_S = 5.0


class InProcessJobs:
    def __init__(self) -> None:
        self.context: Context | None = None  # the app's, once it starts
        self.scheduler: Scheduler | None = None
        self.counts: Counter[str] = Counter()
        self._running: set[asyncio.Task] = set()
        self._coalesced: dict[str, list[tuple]] = {}

    async def start(self, context: Context, entries: Sequence[Scheduled],
                    interval_seconds: float) -> None:
        """Tasks get `context`; the schedule runs here, the beat's work."""
        self.context = context
        self.scheduler = Scheduler(self, entries, interval_seconds)
        self.scheduler.start()

    async def enqueue(self, task: Task, *args: Any) -> None:
        if task.coalesce:
            self._join(task, args)
        else:
            self._spawn(task, args)

    async def run_and_wait(self, task: Task, *args: Any, timeout: float) -> None:
        running = self._spawn(task, args)
        with contextlib.suppress(TimeoutError):
            # Shielded: a request that stops waiting does not stop the task.
            await asyncio.wait_for(asyncio.shield(running), timeout)

    async def fan_out(self, task: Task, calls: Sequence[tuple]) -> None:
        for args in calls:
            await self.run(task, *args)

    async def outcomes(self) -> dict[str, int]:
        return dict(self.counts)

    async def run(self, task: Task, *args: Any) -> Any:
        """Run the task here and now, with its retries; failures are counted and logged."""
        for retries in range(task.max_retries + 1):
            try:
                result = await task.run(self.context, *args)
            except task.retry_on:
                if retries == task.max_retries:
                    break
                self.counts[f"{task.name}|retry"] += 1
                await asyncio.sleep(min(task.backoff(retries), MAX_LOCAL_BACKOFF_S))
            except Exception:
                log.exception("task %s failed", task.name)
                break
            else:
                self.counts[f"{task.name}|success"] += 1
                return result
        self.counts[f"{task.name}|failure"] += 1
        return None

    def _spawn(self, task: Task, args: tuple) -> asyncio.Task:
        return self._keep(asyncio.create_task(self.run(task, *args), name=task.name))

    def _keep(self, running: asyncio.Task) -> asyncio.Task:
        self._running.add(running)  # a reference until it is done
        running.add_done_callback(self._running.discard)
        return running

    def _join(self, task: Task, args: tuple) -> None:
        """Calls due together run as one: two hundred talkers flush their transcripts in a
        few statements a second, not fifty."""
        pending = self._coalesced.get(task.name)
        if pending is not None:
            pending.append(args)
            return
        self._coalesced[task.name] = [args]
        self._keep(asyncio.create_task(self._drain(task), name=task.name))

    async def _drain(self, task: Task) -> None:
        await asyncio.sleep(0)  # let this tick's other enqueues join the batch
        while batch := self._coalesced.get(task.name):
            self._coalesced[task.name] = []
            await self.run(task, *dict.fromkeys(arg for args in batch for arg in args))
        self._coalesced.pop(task.name, None)

    async def close(self) -> None:
        """Stop the schedule; let running tasks finish for a moment (a charge half-way is
        the reconciler's to finish otherwise), then stop them."""
        if self.scheduler is not None:
            await self.scheduler.stop()
        if self._running:
            _, late = await asyncio.wait(set(self._running), timeout=DRAIN_ON_STOP_S)
            for running in late:
                running.cancel()


class Scheduler:
    """The beat's work on this loop: each tick runs what the table says is due, one job
    after the other (a job never overlaps itself)."""

    def __init__(self, jobs: InProcessJobs, entries: Sequence[Scheduled],
                 interval_seconds: float) -> None:
        self.jobs, self.entries, self.interval = jobs, tuple(entries), interval_seconds
        self._last_run: dict[str, float] = {}
        self._last_day: dict[str, object] = {}
        self._task: asyncio.Task | None = None
        self.ticked = asyncio.Event()  # set once the first round of jobs is over

    def _due(self, entry: Scheduled) -> bool:
        if isinstance(entry.when, Every):
            last = self._last_run.get(entry.name)
            return last is None or time.monotonic() - last >= entry.when.seconds
        assert isinstance(entry.when, DailyAt)
        now = clock.utcnow()  # through the module: a test may set the clock
        return self._last_day.get(entry.name) != now.date() and now.time() >= entry.when.at

    async def tick(self) -> None:
        for entry in self.entries:
            if not self._due(entry):
                continue
            self._last_run[entry.name] = time.monotonic()
            self._last_day[entry.name] = clock.utcnow().date()
            await self.jobs.run(entry.task)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="propertyhub-scheduler")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:  # a failed tick must not stop the schedule
                log.exception("scheduled jobs failed")
            self.ticked.set()
            await asyncio.sleep(self.interval)
