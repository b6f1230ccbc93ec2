"""The Celery application.

With `REDIS_URL` set, tasks go through Redis to worker processes. Without it
(the embedded default) they run eagerly, in-process, so `make run` needs
nothing but Python.
"""

from __future__ import annotations

from celery import Celery

from propertyhub.config import Settings


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or Settings.from_env()
    app = Celery("propertyhub", include=[])
    if settings.redis_url:
        app.conf.update(
            broker_url=settings.redis_url,
            result_backend=settings.redis_url,
            task_acks_late=True,
            task_reject_on_worker_lost=True,
            worker_prefetch_multiplier=1,
            # Above the longest countdown a task is scheduled with.
            broker_transport_options={"visibility_timeout": 6 * 3600},
        )
    else:
        app.conf.update(task_always_eager=True, task_eager_propagates=True,
                        broker_url="memory://", result_backend="cache+memory://")
    app.conf.update(task_serializer="json", accept_content=["json"], timezone="UTC",
                    enable_utc=True)
    return app


celery_app = make_celery()
