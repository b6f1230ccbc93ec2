"""The Celery application: the production side of the jobs seam.

With `REDIS_URL` set, `celery -A workers.celery_app:celery_app worker` runs the tasks the
domains declare beside their services (`propertyhub/<domain>/tasks.py`, autodiscovered),
and one `celery ... beat --scheduler workers.beat:LockedScheduler` sends the jobs of the
one schedule table (`propertyhub.schedule`). Web processes only send (workers.jobs).
Without Redis nothing here runs: the embedded mode does its background work in-process.
"""

from __future__ import annotations

from celery.signals import worker_process_init, worker_process_shutdown

import workers.outcomes  # noqa: F401  (connects the task-outcome signal handlers)
from propertyhub.config import Settings
from workers import runtime
from workers.jobs import CeleryJobs, make_celery
from workers.runtime import WorkerProcess

__all__ = ["celery_app", "make_celery"]

_settings = Settings.from_env()  # read once, as the process starts
celery_app = make_celery(_settings)


@worker_process_init.connect
def _open_process(**_: object) -> None:
    runtime.current = WorkerProcess(_settings, CeleryJobs(celery_app, _settings.redis_url or ""))


@worker_process_shutdown.connect
def _close_process(**_: object) -> None:
    if runtime.current is not None:
        runtime.current.close()
