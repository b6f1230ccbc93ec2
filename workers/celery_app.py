"""The Celery application.

With `REDIS_URL` set, tasks go through Redis to worker processes, and one beat
process schedules the periodic jobs. Without it (the embedded default) tasks
run eagerly in a thread of the web process and an in-process scheduler
(workers/scheduler.py) runs the periodic jobs, so `make run` needs nothing but
Python.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_process_init, worker_process_shutdown

from propertyhub.analytics.rollup import CLOSE_AFTER
from propertyhub.config import Settings

# The longest countdown a task is scheduled with (a dunning retry is a beat job,
# not a countdown); the visibility timeout must exceed it.
MAX_COUNTDOWN_S = 3600
BEAT_SCHEDULE = {
    "renew-due-subscriptions": {"task": "workers.tasks.renew_due_task",
                                "schedule": float(os.environ.get("RENEW_EVERY_S", "60"))},
    "reconcile-pending-payments": {"task": "workers.tasks.reconcile_task",
                                   "schedule": float(os.environ.get("RENEW_EVERY_S", "60"))},
    "viewing-reminders": {"task": "workers.tasks.viewing_reminders_task", "schedule": 60.0},
    "prune-idempotency-keys": {"task": "workers.tasks.prune_idempotency_task",
                               "schedule": 3600.0},
    "rollup-yesterday": {"task": "workers.tasks.rollup_task",
                         "schedule": crontab(hour=CLOSE_AFTER.hour,
                                             minute=CLOSE_AFTER.minute)},
}


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or Settings.from_env()
    app = Celery("propertyhub", include=["workers.tasks"])
    if settings.redis_url:
        visibility = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", MAX_COUNTDOWN_S * 2))
        app.conf.update(
            broker_url=settings.redis_url,
            result_backend=None,
            task_ignore_result=True,
            task_acks_late=True,
            task_reject_on_worker_lost=True,
            worker_prefetch_multiplier=1,
            # A task of a worker that died unannounced is redelivered after the
            # visibility timeout, found by a sweep every few seconds (kombu's default
            # sweeps only every 100 s).
            broker_transport_options={"visibility_timeout": visibility,
                                      "unacked_restore_interval": max(1, min(10, visibility // 2)),
                                      "unacked_restore_throttle": 1},
            beat_schedule=BEAT_SCHEDULE,
        )
    else:
        app.conf.update(task_always_eager=True, task_eager_propagates=True,
                        broker_url="memory://", task_ignore_result=True)
    app.conf.update(task_serializer="json", accept_content=["json"], timezone="UTC",
                    enable_utc=True)
    return app


celery_app = make_celery()

import workers.outcomes  # noqa: E402, F401  (connects the task-outcome signal handlers)


@worker_process_init.connect
def _open_loop(**_: object) -> None:
    from workers.runtime import start_worker_loop

    start_worker_loop(Settings.from_env().database_url)


@worker_process_shutdown.connect
def _close_loop(**_: object) -> None:
    from workers.runtime import stop_worker_loop

    stop_worker_loop()
