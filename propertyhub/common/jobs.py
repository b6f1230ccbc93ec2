"""Background work behind one seam: tasks declared beside their domain, run by Celery workers
(production) or on the web process's own loop (the embedded mode), chosen once at start-up.

A task is an async function of a context and ids (or other plain JSON values). The context
is the process's own: its settings, this seam (to hand work on) and what the process built
(the calls runtime, ...). Domain modules declare tasks with `@task(name)` and never see
Celery; the seam's two sides are `common.inprocess.InProcessJobs` and `workers.jobs`.
One schedule table (`propertyhub.schedule`) drives the Celery beat and the in-process
scheduler alike.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any, Protocol

from propertyhub.config import Settings


def _one_second(retries: int) -> float:
    return 1.0


@dataclass(frozen=True)
class Task:
    """`name` is what the broker, the beat and /metrics call it. A task is retried on
    `retry_on`, at most `max_retries` times, `backoff(retries so far)` seconds later.
    `coalesce`: enqueues made together run as one call with all their arguments (the
    embedded mode batches; workers get one message each). `notify`: whoever waits for it
    (`run_and_wait`) is woken when it finishes, instead of asking the database."""

    name: str
    run: Callable[..., Awaitable[Any]]
    retry_on: tuple[type[Exception], ...] = ()
    max_retries: int = 0
    backoff: Callable[[int], float] = _one_second
    coalesce: bool = False
    notify: bool = False


# Every declared task, by name: what a Celery worker registers.
TASKS: dict[str, Task] = {}


def task(name: str, **options: Any) -> Callable[[Callable[..., Awaitable[Any]]], Task]:
    def declare(run: Callable[..., Awaitable[Any]]) -> Task:
        declared = Task(name, run, **options)
        TASKS[name] = declared
        return declared
    return declare


class Jobs(Protocol):
    async def start(self, context: Context, entries: Sequence[Scheduled],
                    interval_seconds: float) -> None:
        """Tasks get `context`; the in-process side also runs the schedule."""

    async def enqueue(self, task: Task, *args: Any) -> None:
        """Hand the task to whoever runs them; returns at once."""

    async def run_and_wait(self, task: Task, *args: Any, timeout: float) -> None:
        """Enqueue, then wait until it has finished or `timeout` has passed (no error
        either way: the caller reads the outcome where the task writes it)."""

    async def fan_out(self, task: Task, calls: Sequence[tuple]) -> None:
        """The task once per argument tuple: spread over the workers, or one after the
        other on this loop."""

    async def outcomes(self) -> dict[str, int]:
        """Task outcomes so far, `{"<task>|<success|failure|retry>": n}` (for /metrics)."""

    async def close(self) -> None: ...


class Context(Protocol):
    """What a task gets: the process's settings and jobs (plus what the process built)."""

    settings: Settings
    jobs: Jobs


@dataclass(frozen=True)
class Every:
    seconds: float


@dataclass(frozen=True)
class DailyAt:
    at: time  # UTC


@dataclass(frozen=True)
class Scheduled:
    name: str
    task: Task
    when: Every | DailyAt
