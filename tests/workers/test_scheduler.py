"""The embedded mode's beat: renewals happen with nobody calling them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from propertyhub.billing.models import Subscription
from propertyhub.common.models import utcnow
from tests.billing.conftest import hire
from workers.scheduler import Scheduler


async def test_web_process_runs_the_scheduler_when_tasks_are_eager(app):
    # No REDIS_URL in this process's environment: Celery is eager, the beat is in-process.
    scheduler = getattr(app.sanic.ctx, "scheduler", None)

    assert scheduler is not None
    assert scheduler._task is not None and not scheduler._task.done()


async def test_scheduler_renews_due_subscriptions_on_its_own(client, market):
    response = await hire(client, market)
    sub_id = response.json()["subscription"]["id"]
    ended = utcnow() - timedelta(minutes=1)
    await Subscription.filter(id=sub_id).update(current_period_start=ended - timedelta(days=30),
                                                current_period_end=ended)
    scheduler = Scheduler(interval_seconds=0.05)

    scheduler.start()
    try:
        for _ in range(100):
            if (await Subscription.get(id=sub_id)).current_period_start == ended:
                break
            await asyncio.sleep(0.05)
    finally:
        await scheduler.stop()

    renewed = await Subscription.get(id=sub_id)
    assert renewed.current_period_start == ended
    assert renewed.status == "active"
