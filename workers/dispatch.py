"""Enqueueing from the web process without blocking its event loop.

`.delay()` talks to Redis synchronously, so it runs in the default executor;
in the embedded mode the eager task runs there too and hands its coroutine
back to this loop (workers/runtime.py).
"""

from __future__ import annotations

import asyncio
import time

from celery.exceptions import Retry

from workers.celery_app import celery_app

_pending: set[asyncio.Future] = set()


async def enqueue(task, *args) -> None:
    loop = asyncio.get_running_loop()
    if celery_app.conf.task_always_eager:
        future = loop.run_in_executor(None, run_eagerly, task, args)
        _pending.add(future)  # keep a reference until it is done
        future.add_done_callback(_pending.discard)
    else:
        await loop.run_in_executor(None, lambda: task.delay(*args))


def run_eagerly(task, args: tuple):
    """An eager task, with its retries: Celery's eager mode propagates Retry instead."""
    for _ in range((task.max_retries or 0) + 1):
        try:
            return task.apply(args=args, throw=True).get()
        except Retry as retry:
            delay = retry.when if isinstance(retry.when, int | float) else 1
            time.sleep(min(delay, 1.0))  # embedded mode: no worker to defer to
    return None


async def settle_and_wait(transaction_id: int, wait_seconds: float = 2.0) -> None:
    """Hand the first charge to the workers; give it a moment to settle in-request."""
    from propertyhub.billing.models import Transaction
    from workers.tasks import settle_charge_task

    await enqueue(settle_charge_task, transaction_id)
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if await Transaction.filter(id=transaction_id).exclude(status="pending").exists():
            return
        await asyncio.sleep(0.02)
