"""Money under races: concurrent hires, terminate while a charge settles, a renewal racing
a terminate. Every case here charged twice, or brought a canceled subscription back,
before the database enforced one live subscription and statuses moved by compare-and-set."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from propertyhub.billing import renewals
from propertyhub.billing.models import LIVE, Subscription, Transaction
from propertyhub.common.models import utcnow
from propertyhub.payments.models import PaymentCharge, PaymentRefund
from propertyhub.payments.processor import MockProcessor
from tests.billing.conftest import hire
from tests.billing.test_human_agents import agent_for_hire
from tests.support.factories import create_listing, register


async def money_moved() -> int:
    charged = sum(c.amount_cents for c in await PaymentCharge.filter(status="succeeded"))
    return charged - sum(r.amount_cents for r in await PaymentRefund.all())


@pytest.mark.parametrize("keys", ["distinct", "none", "mixed"])
async def test_twenty_parallel_hires_open_one_subscription_and_charge_once(client, market, keys):
    def key(i: int) -> str | None:
        return {"distinct": f"k{i}", "none": None, "mixed": f"k{i}" if i % 2 else None}[keys]

    responses = await asyncio.gather(*(hire(client, market, key=key(i)) for i in range(20)))

    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [409] * 19
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {
        "already_subscribed"}
    assert await Subscription.filter(status__in=LIVE).count() == 1
    assert await PaymentCharge.all().count() == 1
    assert await Transaction.filter(kind="charge").count() == 1


async def test_twenty_parallel_human_hires_open_one_assignment_and_charge_once(client):
    agent = await agent_for_hire(client)
    seller = await register(client, role="seller")
    listing = await create_listing(client, seller)

    async def one(i: int):
        return await client.post("/api/crm/agents", headers={**seller.auth,
                                                             "Idempotency-Key": f"h{i}"},
                                 json={"agent_id": agent.id, "plan": "monthly",
                                       "property_ids": [listing["id"]]})

    responses = await asyncio.gather(*(one(i) for i in range(20)))

    assert sorted(r.status_code for r in responses) == [201] + [409] * 19
    assert await PaymentCharge.all().count() == 1
    assert await Subscription.filter(kind="human", status__in=LIVE).count() == 1


async def wait_for(predicate, seconds: float = 5.0) -> bool:
    for _ in range(int(seconds / 0.05)):
        if await predicate():
            return True
        await asyncio.sleep(0.05)
    return False


async def test_terminating_while_the_charge_settles_keeps_it_canceled(client, market):
    # pm_card_processing_error: the first attempt fails transiently, a retry ~1 s later
    # succeeds. Terminate in between.
    hiring = asyncio.create_task(hire(client, market, payment_method="pm_card_processing_error"))
    assert await wait_for(lambda: PaymentCharge.filter(status="pending").exists())
    url = f"/api/ai-agents/{market['agent']['id']}/terminate"

    terminated = await client.post(url, headers=market["seller"].auth)
    await hiring
    await asyncio.sleep(2.5)  # past the retry

    assert terminated.status_code == 200
    assert terminated.json()["subscription"]["status"] == "canceled"
    sub = await Subscription.get()
    assert sub.status == "canceled"
    tx = await Transaction.get(kind="charge")
    assert (tx.status, tx.failure_reason) == ("failed", "canceled")
    assert await money_moved() == 0


async def test_a_charge_that_lands_after_terminate_is_refunded(client, market, monkeypatch):
    """The processor settles the charge, then the seller terminates before the worker
    records it: the worker must not activate, and must refund in full."""
    real_charge = MockProcessor.charge

    async def charge_then_terminate(self, *args, **kwargs):
        result = await real_charge(self, *args, **kwargs)
        sub = await Subscription.get()
        await Subscription.filter(id=sub.id).update(status="canceled", canceled_at=utcnow())
        return result

    monkeypatch.setattr(MockProcessor, "charge", charge_then_terminate)
    response = await hire(client, market)

    assert response.json()["subscription"]["status"] == "canceled"
    refunds = await Transaction.filter(kind="refund")
    assert [(r.status, r.amount_cents) for r in refunds] == [("succeeded", 4900)]
    assert await money_moved() == 0


async def test_a_renewal_racing_a_terminate_does_not_revive_it(client, market, monkeypatch):
    sub_id = (await hire(client, market)).json()["subscription"]["id"]
    start = utcnow() - timedelta(days=31)
    await Subscription.filter(id=sub_id).update(current_period_start=start,
                                                current_period_end=start + timedelta(days=30))
    await Transaction.filter(subscription_id=sub_id).update(period_start=start)
    real_charge = MockProcessor.charge
    url = f"/api/ai-agents/{market['agent']['id']}/terminate"

    async def charge_while_terminated(self, *args, **kwargs):
        result = await real_charge(self, *args, **kwargs)
        if kwargs["idempotency_key"] != "tx:1":  # the renewal, not the first charge
            assert (await client.post(url, headers=market["seller"].auth)).status_code == 200
        return result

    monkeypatch.setattr(MockProcessor, "charge", charge_while_terminated)
    outcome = await renewals.renew_one(sub_id, utcnow())

    sub = await Subscription.get(id=sub_id)
    assert (outcome, sub.status) == ("already_done", "canceled")
    renewal = await Transaction.get(kind="renewal")
    refund = await Transaction.get(kind="refund")
    assert (renewal.status, refund.status, refund.amount_cents) == ("succeeded", "succeeded",
                                                                     4900)
    assert refund.refund_of_id == renewal.id
    assert await money_moved() == 4900  # the first period, used up, stays paid
