"""Hires settled by a real worker process (PostgreSQL + Redis), as in production."""

from __future__ import annotations

import asyncio

import pytest

from propertyhub.billing.models import Subscription, Transaction
from propertyhub.payments.models import PaymentCharge
from tests.billing.conftest import hire
from tests.support.processes import start_worker
from tests.workers.conftest import celery_jobs, stop_when_acked

pytestmark = pytest.mark.production_topology


async def settled(sub_id: int, seconds: float = 30) -> Subscription:
    for _ in range(int(seconds / 0.1)):
        sub = await Subscription.get(id=sub_id)
        if sub.status != "incomplete":
            return sub
        await asyncio.sleep(0.1)
    return sub


async def test_fifty_concurrent_hires_with_one_key(client, market, real_workers):
    responses = await asyncio.gather(*(hire(client, market, key="one-key") for _ in range(50)))

    assert {r.status_code for r in responses} <= {201, 409}
    firsts = [r.json() for r in responses if r.status_code == 201]
    assert firsts and all(body == firsts[0] for body in firsts)
    sub = await settled(firsts[0]["subscription"]["id"])
    assert sub.status == "active"
    assert await Subscription.all().count() == 1
    assert await PaymentCharge.all().count() == 1


@pytest.mark.parametrize(("card", "status", "tx_status", "reason", "attempts"), [
    ("pm_card_visa", "active", "succeeded", None, 1),
    ("pm_card_declined", "expired", "failed", "card_declined", 1),
    ("pm_card_insufficient_funds", "expired", "failed", "insufficient_funds", 1),
    ("pm_card_processing_error", "active", "succeeded", None, 2),
])
async def test_each_card_ends_in_its_state(client, market, real_workers, card, status,
                                           tx_status, reason, attempts):
    response = await hire(client, market, payment_method=card)

    assert response.status_code in (201, 402)
    body = response.json()
    sub_json = body.get("subscription") or body["error"]["details"]["subscription"]
    sub = await settled(sub_json["id"])
    tx = await Transaction.get(subscription_id=sub.id, kind="charge")
    charge = await PaymentCharge.get()
    assert (sub.status, tx.status, tx.failure_reason) == (status, tx_status, reason)
    assert charge.attempts == attempts


async def test_worker_task_outcomes_reach_metrics(client, market, real_workers, redis_url):
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    await redis.delete("propertyhub:celery:outcomes")
    response = await hire(client, market, payment_method="pm_card_processing_error")
    await settled(response.json()["subscription"]["id"])
    for _ in range(50):  # the success is counted just after the task's work is done
        text = (await client.get("/metrics")).text
        if 'task="workers.tasks.settle_charge_task",outcome="success"} 1' in text:
            break
        await asyncio.sleep(0.1)
    await redis.aclose()

    assert 'task="workers.tasks.settle_charge_task",outcome="retry"} 1' in text
    assert 'task="workers.tasks.settle_charge_task",outcome="success"} 1' in text


@pytest.fixture
async def queued_without_workers(app, worker_env, redis_url):
    """Tasks go to Redis, and no worker runs until the test starts one."""
    started = []
    async with celery_jobs(app, redis_url):
        try:
            yield lambda: started.append(start_worker(worker_env))
        finally:
            for worker in started:
                await stop_when_acked(worker, redis_url)


async def test_a_hire_terminated_before_any_worker_ran_never_charges(client, market,
                                                                    queued_without_workers):
    hired = await hire(client, market)
    assert hired.json()["subscription"]["status"] == "incomplete"
    sub_id = hired.json()["subscription"]["id"]

    terminated = await client.post(f"/api/ai-agents/{market['agent']['id']}/terminate",
                                   headers=market["seller"].auth)
    queued_without_workers()  # the queued settle task now runs
    for _ in range(100):
        tx = await Transaction.get(kind="charge")
        if tx.status != "pending":
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1)  # let the worker finish whatever it does with it

    assert terminated.json()["subscription"]["status"] == "canceled"
    assert (await Subscription.get(id=sub_id)).status == "canceled"
    tx = await Transaction.get(kind="charge")
    assert (tx.status, tx.failure_reason) == ("failed", "canceled")
    assert not await PaymentCharge.filter(status="succeeded").exists()


async def test_twenty_concurrent_hires_with_their_own_keys(client, market, real_workers):
    responses = await asyncio.gather(*(hire(client, market, key=f"key-{i}") for i in range(20)))

    assert sorted(r.status_code for r in responses) == [201] + [409] * 19
    winner = next(r.json() for r in responses if r.status_code == 201)
    assert (await settled(winner["subscription"]["id"])).status == "active"
    assert await Subscription.all().count() == 1
    assert await PaymentCharge.all().count() == 1
