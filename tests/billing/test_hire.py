from __future__ import annotations

import asyncio

import pytest

from propertyhub.billing.models import Subscription, Transaction
from propertyhub.payments.models import PaymentCharge, PaymentEvent
from propertyhub.payments.processor import verify
from tests.billing.conftest import hire
from tests.support.factories import register


async def test_hire_with_a_good_card_is_active_and_charged(client, market):
    response = await hire(client, market)

    assert response.status_code == 201
    body = response.json()
    sub, tx = body["subscription"], body["transaction"]
    assert (sub["status"], sub["kind"], sub["plan"]) == ("active", "ai", "monthly")
    assert sub["ai_agent_id"] == market["agent"]["id"]
    assert sub["amount_cents"] == 4900
    assert (tx["kind"], tx["status"], tx["amount_cents"]) == ("charge", "succeeded", 4900)
    assert await PaymentCharge.filter(status="succeeded").count() == 1
    listed = await client.get(f"/api/subscriptions/{sub['id']}", headers=market["seller"].auth)
    assert listed.json()["status"] == "active"


@pytest.mark.parametrize(("card", "reason"), [("pm_card_declined", "card_declined"),
                                             ("pm_card_insufficient_funds",
                                              "insufficient_funds")])
async def test_declined_cards_leave_no_active_subscription(client, market, card, reason):
    response = await hire(client, market, payment_method=card)

    assert response.status_code == 402
    error = response.json()["error"]
    assert error["code"] == "payment_failed"
    assert error["details"]["reason"] == reason
    assert error["details"]["subscription"]["status"] == "expired"
    assert await Subscription.filter(status="active").count() == 0
    txs = (await client.get("/api/transactions", headers=market["seller"].auth)).json()["items"]
    assert [(t["status"], t["failure_reason"]) for t in txs] == [("failed", reason)]


async def test_transient_processor_error_is_retried_and_succeeds(client, market):
    response = await hire(client, market, payment_method="pm_card_processing_error")

    assert response.status_code == 201
    sub_id = response.json()["subscription"]["id"]
    for _ in range(100):
        if (await Subscription.get(id=sub_id)).status != "incomplete":
            break
        await asyncio.sleep(0.05)
    assert (await Subscription.get(id=sub_id)).status == "active"
    charge = await PaymentCharge.get()
    assert (charge.status, charge.attempts) == ("succeeded", 2)
    assert await Transaction.filter(kind="charge").count() == 1


async def test_idempotency_key_replays_and_refuses_other_bodies(client, market):
    first = await hire(client, market, key="hire-1")
    again = await hire(client, market, key="hire-1")
    other = await hire(client, market, key="hire-1", plan="yearly")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert await Subscription.all().count() == 1
    assert await PaymentCharge.all().count() == 1


async def test_concurrent_hires_with_one_key_make_one_subscription(client, market):
    responses = await asyncio.gather(*(hire(client, market, key="same") for _ in range(50)))

    statuses = sorted({r.status_code for r in responses})
    assert set(statuses) <= {201, 409}
    assert 201 in statuses
    bodies = {r.text for r in responses if r.status_code == 201}
    assert len(bodies) == 1
    assert await Subscription.all().count() == 1
    assert await PaymentCharge.all().count() == 1


async def test_second_hire_of_the_same_agent_is_a_conflict(client, market):
    await hire(client, market)
    again = await hire(client, market)
    assert again.status_code == 409


async def test_hire_rules(client, market):
    buyer = await register(client)
    stranger = await register(client, role="seller")
    other_listing = (await client.post("/api/properties", headers=stranger.auth, json={
        "title": "x", "property_type": "land", "listing_type": "sale", "price": 1,
        "city": "Austin"})).json()

    as_buyer = await client.post("/api/ai-agents/hire", headers=buyer.auth, json={
        "ai_agent_id": market["agent"]["id"], "plan": "monthly"})
    foreign_listing = await hire(client, market, property_ids=[other_listing["id"]])
    unknown_agent = await hire(client, market, ai_agent_id=999999)
    bad_card = await hire(client, market, payment_method="pm_card_gold")
    bad_plan = await hire(client, market, plan="weekly")

    assert as_buyer.status_code == 403
    assert foreign_listing.status_code == 422
    assert unknown_agent.status_code == 404
    assert bad_card.status_code == 422
    assert bad_plan.status_code == 422
    assert await Subscription.all().count() == 0


async def test_processor_events_are_signed(client, market):
    await hire(client, market)

    events = await PaymentEvent.all().order_by("id")
    assert [e.type for e in events] == ["charge.succeeded"]
    from propertyhub.payments import processor

    assert all(verify(processor().secret, e) for e in events)
    tampered = events[0]
    tampered.body = tampered.body.replace("4900", "1")
    assert not verify(processor().secret, tampered)
