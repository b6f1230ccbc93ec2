"""Celery task outcomes, counted where /metrics can see them: workers are other processes
(often other machines), so the counts go to a Redis hash that every web process reads
(workers.jobs.CeleryJobs.outcomes)."""

from __future__ import annotations

import redis
from celery.signals import task_failure, task_retry, task_success

from workers.jobs import OUTCOMES_KEY

_clients: dict[str, redis.Redis] = {}  # one per broker, made on first use in the process


def _count(sender, outcome: str) -> None:
    url = sender.app.conf.broker_url
    client = _clients.get(url) or _clients.setdefault(url, redis.Redis.from_url(url))
    client.hincrby(OUTCOMES_KEY, f"{sender.name}|{outcome}", 1)


@task_success.connect
def _success(sender=None, **_: object) -> None:
    _count(sender, "success")


@task_failure.connect
def _failure(sender=None, **_: object) -> None:
    _count(sender, "failure")


@task_retry.connect
def _retry(sender=None, **_: object) -> None:
    _count(sender, "retry")
