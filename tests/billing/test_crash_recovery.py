"""A web process killed (-9) in the middle of money: the scheduler finishes what it left.

Embedded mode, as `make run` serves it: the hire's charge settles in-process, so a kill
during its retry used to leave the subscription `incomplete`, its charge `pending` and its
Idempotency-Key answering 409 for a day.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import httpx
import pytest

from propertyhub.billing import ledger
from propertyhub.billing.models import Subscription, Transaction
from propertyhub.billing.reconcile import reconcile
from propertyhub.common.models import utcnow
from propertyhub.payments.models import PaymentCharge, PaymentRefund
from tests.billing.conftest import hire
from tests.support.factories import create_listing, register
from tests.support.processes import embedded_env, start_web, stop


def _scalar(db: Path, query: str):
    with sqlite3.connect(db) as conn:
        return conn.execute(query).fetchone()[0]


@pytest.mark.embedded
async def test_a_hire_killed_mid_charge_is_settled_after_restart(tmp_path):
    db = tmp_path / "crash.sqlite3"
    env = embedded_env(f"sqlite://{db}", RECONCILE_AFTER_S="1", SCHEDULER_INTERVAL_S="1",
                       IDEMPOTENCY_LEASE_S="2")
    web, base = start_web(env)
    try:
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            seller = await register(http, role="seller")
            listing = await create_listing(http, seller)
            agent = (await http.post("/api/ai-agents", headers=seller.auth, json={
                "name": "Ava", "price_monthly_cents": 4900})).json()
            body = {"ai_agent_id": agent["id"], "plan": "monthly",
                    "property_ids": [listing["id"]],
                    "payment_method": "pm_card_processing_error"}
            headers = {**seller.auth, "Idempotency-Key": "crash-1"}
            hiring = asyncio.create_task(http.post("/api/ai-agents/hire", json=body,
                                                   headers=headers))
            # The first attempt failed transiently; the retry waits ~1 s. Kill it now.
            for _ in range(200):
                if _scalar(db, "SELECT count(*) FROM payment_charges WHERE status='pending'"):
                    break
                await asyncio.sleep(0.01)
            stop(web, signal.SIGKILL)
            with pytest.raises(httpx.TransportError):
                await hiring
        assert _scalar(db, "SELECT status FROM subscriptions") == "incomplete"
        assert _scalar(db, "SELECT status FROM transactions") == "pending"

        web, base = start_web(env)
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            for _ in range(100):  # the scheduler reconciles within a few seconds
                if _scalar(db, "SELECT status FROM transactions") != "pending":
                    break
                await asyncio.sleep(0.1)
            await asyncio.sleep(2)  # past the key's lease
            retried = await http.post("/api/ai-agents/hire", json=body, headers=headers)
            again = await http.post("/api/ai-agents/hire", json=body, headers=seller.auth)
    finally:
        stop(web)

    assert _scalar(db, "SELECT status FROM subscriptions") == "active"
    assert _scalar(db, "SELECT status FROM transactions") == "succeeded"
    assert _scalar(db, "SELECT count(*) FROM payment_charges") == 1
    assert retried.status_code == 201
    assert retried.json()["subscription"]["status"] == "active"
    assert retried.json()["subscription"]["id"] == _scalar(db, "SELECT id FROM subscriptions")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_subscribed"


async def test_a_refund_left_pending_by_a_crash_is_sent_by_the_reconciler(client, market):
    sub_id = (await hire(client, market)).json()["subscription"]["id"]
    paid = await Transaction.get(kind="charge")
    conn = ledger.sql.connection()
    # What a crash between committing the refund row and calling the processor leaves.
    refund_id = await ledger.open_refund(conn, paid, 1000)
    await Subscription.filter(id=sub_id).update(status="canceled")

    early = await reconcile(utcnow(), after_seconds=60)
    late = await reconcile(utcnow(), after_seconds=0)
    again = await reconcile(utcnow(), after_seconds=0)

    assert early == {}
    assert late == {"refund": 1}
    assert again == {}
    refund = await Transaction.get(id=refund_id)
    assert refund.status == "succeeded"
    assert [r.amount_cents for r in await PaymentRefund.all()] == [1000]
    assert (await PaymentCharge.get()).refunded_cents == 1000


async def test_a_first_charge_left_pending_is_settled_or_voided(client, market):
    hired = (await hire(client, market)).json()
    # A second seller's hire that died before its charge reached the processor.
    other = await register(client, role="seller")
    home = await create_listing(client, other)
    sub = await Subscription.create(user_id=other.id, kind="ai",
                                    ai_agent_id=market["agent"]["id"], plan="monthly",
                                    status="incomplete", current_period_start=utcnow(),
                                    current_period_end=utcnow(), amount_cents=4900,
                                    property_ids=[home["id"]])
    pending = await Transaction.create(user_id=other.id, subscription=sub, kind="charge",
                                       amount_cents=4900, status="pending",
                                       period_start=utcnow())

    await reconcile(utcnow(), after_seconds=0)

    assert (await Subscription.get(id=sub.id)).status == "active"
    assert (await Transaction.get(id=pending.id)).status == "succeeded"
    assert hired["subscription"]["status"] == "active"
    assert await PaymentCharge.filter(status="succeeded").count() == 2
