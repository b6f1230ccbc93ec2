"""The embedded mode's beat: renewals and the nightly rollup happen with nobody calling them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

from propertyhub.analytics.models import RolledDay, SellerDaily
from propertyhub.analytics.rollup import CLOSE_AFTER
from propertyhub.billing.models import Subscription
from propertyhub.common.inprocess import Scheduler
from propertyhub.common.models import utcnow
from propertyhub.schedule import schedule
from tests.analytics.history import History, record_views
from tests.billing.conftest import hire
from tests.support.factories import create_listing, register


async def test_web_process_runs_the_scheduler_when_jobs_run_in_process(app):
    # The app under test runs its background work in-process: so does the beat's.
    scheduler = getattr(app.sanic.ctx, "scheduler", None)

    assert scheduler is not None
    assert scheduler._task is not None and not scheduler._task.done()


async def test_scheduler_renews_due_subscriptions_on_its_own(app, client, market):
    response = await hire(client, market)
    sub_id = response.json()["subscription"]["id"]
    ended = utcnow() - timedelta(minutes=1)
    await Subscription.filter(id=sub_id).update(current_period_start=ended - timedelta(days=30),
                                                current_period_end=ended)
    jobs = app.sanic.ctx.jobs
    scheduler = Scheduler(jobs, schedule(app.sanic.ctx.settings), interval_seconds=0.05)

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


async def test_scheduler_closes_yesterday_only_once_its_calls_can_have_ended(app, client,
                                                                            monkeypatch):
    seller = await register(client, role="seller")
    home = await create_listing(client, seller)
    today = utcnow().date()
    history = History(seller.id, [home["id"]])
    await record_views(history, home["id"], today - timedelta(days=1), views=2, cart_adds=0)
    clock = {"now": datetime.combine(today, time(1, 0), tzinfo=UTC)}
    monkeypatch.setattr("propertyhub.common.models.utcnow", lambda: clock["now"])
    scheduler = Scheduler(app.sanic.ctx.jobs, schedule(app.sanic.ctx.settings),
                          interval_seconds=60)

    await scheduler.tick()  # 01:00: yesterday's last calls may still be going on
    before = await RolledDay.all().count()
    clock["now"] = datetime.combine(today, CLOSE_AFTER, tzinfo=UTC)
    await scheduler.tick()
    await scheduler.tick()  # once a day

    assert before == 0
    assert [d.day for d in await RolledDay.all()] == [today - timedelta(days=1)]
    assert (await SellerDaily.get(seller_id=seller.id)).views == 2
