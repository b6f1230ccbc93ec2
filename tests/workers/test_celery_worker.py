"""Real Celery worker processes on Redis and PostgreSQL: renewals survive a kill -9, and
the nightly rollup runs there."""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import timedelta

import pytest

from propertyhub.accounts.models import User
from propertyhub.agents.models import AiAgent
from propertyhub.analytics.models import RolledDay, SellerDaily
from propertyhub.billing.models import Subscription, Transaction
from propertyhub.common.models import utcnow
from propertyhub.config import Settings
from propertyhub.payments.models import PaymentCharge
from tests.analytics.history import History, record_lead
from tests.support.factories import create_listing, register
from tests.support.processes import start_worker, stop
from workers.celery_app import make_celery

pytestmark = pytest.mark.production_topology


async def due_subscriptions(n: int) -> tuple[list[int], object]:
    # One seller each: a seller holds at most one live subscription on an agent.
    await User.bulk_create([User(email=f"bulk{i}@example.com", password_hash="x", name="Bulk",
                                 role="seller") for i in range(n)])
    sellers = await User.filter(email__startswith="bulk").order_by("id")
    agent = await AiAgent.create(name="Bulk agent", is_public=True, price_monthly_cents=4900)
    start = utcnow() - timedelta(days=40)
    end = start + timedelta(days=30)
    await Subscription.bulk_create([
        Subscription(user=seller, kind="ai", ai_agent=agent, plan="monthly", status="active",
                     current_period_start=start, current_period_end=end, amount_cents=4900)
        for seller in sellers])
    ids = await Subscription.all().order_by("id").values_list("id", flat=True)
    return ids, end


async def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await predicate():
            return True
        await asyncio.sleep(0.2)
    return False


async def test_kill_9_mid_batch_charges_every_subscription_exactly_once(client, worker_env,
                                                                        redis_url):
    ids, period_start = await due_subscriptions(400)
    sender = make_celery(Settings(env="test", database_url="sqlite://:memory:",
                                  redis_url=redis_url, jwt_secret="x" * 40))
    worker = start_worker(worker_env)
    try:
        sender.send_task("workers.tasks.renew_due_task", args=[utcnow().isoformat()])

        async def some_renewed():
            return await Transaction.filter(kind="renewal", status="succeeded").count() >= 40

        assert await wait_for(some_renewed, 60), "the worker renewed nothing"
        stop(worker, signal.SIGKILL)  # parent and children, mid-batch
        killed_at = await Transaction.filter(kind="renewal", status="succeeded").count()
        worker = start_worker(worker_env)

        async def all_renewed():
            return await Subscription.filter(current_period_start=period_start).count() == 400

        assert await wait_for(all_renewed, 120), "renewals did not finish after the restart"
    finally:
        stop(worker)

    assert killed_at < 400  # the kill did land in the middle of the batch
    succeeded = await Transaction.filter(kind="renewal", status="succeeded") \
        .values_list("subscription_id", flat=True)
    assert sorted(succeeded) == sorted(ids)  # every one, once
    assert await PaymentCharge.filter(status="succeeded").count() == 400
    assert await Transaction.filter(kind="renewal").exclude(status="succeeded").count() == 0


async def test_the_nightly_rollup_runs_on_a_worker(client, worker_env, redis_url):
    seller = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    yesterday = utcnow().date() - timedelta(days=1)
    history = History(seller.id, [home["id"]])
    await record_lead(history, buyer.id, home["id"], yesterday, source="call")
    sender = make_celery(Settings(env="test", database_url="sqlite://:memory:",
                                  redis_url=redis_url, jwt_secret="x" * 40))
    worker = start_worker(worker_env)
    try:
        sender.send_task("workers.tasks.rollup_task")  # as beat sends it: no arguments

        async def closed():
            return await RolledDay.filter(day=yesterday).exists()

        assert await wait_for(closed, 60), "the worker did not roll up yesterday"
    finally:
        stop(worker)

    day = await SellerDaily.get(seller_id=seller.id, day=yesterday)
    assert (day.leads, day.call_leads) == (1, 1)
