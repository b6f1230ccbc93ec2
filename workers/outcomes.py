"""Celery task outcomes, counted where /metrics can see them.

Workers are other processes (often other machines), so with Redis the counts go
to a Redis hash that every web process renders in /metrics; in the embedded mode
tasks run in the web process and a local counter is enough.
"""

from __future__ import annotations

from collections import Counter

from celery.signals import task_failure, task_retry, task_success

KEY = "propertyhub:celery:outcomes"
local: Counter[str] = Counter()
_redis = None


def _count(task_name: str, outcome: str) -> None:
    field = f"{task_name}|{outcome}"
    from workers.celery_app import celery_app

    if celery_app.conf.task_always_eager:
        local[field] += 1
        return
    global _redis
    if _redis is None:
        import redis

        _redis = redis.Redis.from_url(celery_app.conf.broker_url)
    _redis.hincrby(KEY, field, 1)


@task_success.connect
def _success(sender=None, **_: object) -> None:
    _count(sender.name, "success")


@task_failure.connect
def _failure(sender=None, **_: object) -> None:
    _count(sender.name, "failure")


@task_retry.connect
def _retry(sender=None, **_: object) -> None:
    _count(sender.name, "retry")


def render(counts: dict[str, int]) -> str:
    lines = ["# HELP propertyhub_celery_tasks_total Celery task outcomes",
             "# TYPE propertyhub_celery_tasks_total counter"]
    for field, n in sorted(counts.items()):
        task, _, outcome = field.rpartition("|")
        lines.append(f'propertyhub_celery_tasks_total{{task="{task}",outcome="{outcome}"}} {n}')
    return "\n".join(lines) + "\n"
