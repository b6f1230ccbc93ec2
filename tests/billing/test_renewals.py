"""Renewals and dunning on a test clock; the same pass twice changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from propertyhub.billing.models import Subscription, Transaction
from propertyhub.billing.renewals import renew_due
from propertyhub.payments.models import PaymentCharge
from tests.billing.conftest import hire
from tests.conftest import SECRETS_ENV


async def hired(client, market, **body) -> Subscription:
    response = await hire(client, market, **body)
    assert response.status_code == 201, response.text
    return await Subscription.get(id=response.json()["subscription"]["id"])


async def test_a_due_subscription_renews_exactly_once(client, market):
    sub = await hired(client, market)
    as_of = sub.current_period_end + timedelta(hours=1)

    first = await renew_due(as_of)
    second = await renew_due(as_of)

    renewed = await Subscription.get(id=sub.id)
    assert first == {"succeeded": 1}
    assert second == {}
    assert renewed.current_period_start == sub.current_period_end
    assert renewed.status == "active"
    renewals = await Transaction.filter(kind="renewal")
    assert [(t.status, t.amount_cents, t.period_start) for t in renewals] == [
        ("succeeded", 4900, sub.current_period_end)]
    assert await PaymentCharge.filter(status="succeeded").count() == 2


async def test_a_clock_far_ahead_renews_every_period(client, market):
    sub = await hired(client, market)

    await renew_due(sub.current_period_start + timedelta(days=95))

    assert await Transaction.filter(kind="renewal", status="succeeded").count() == 3
    assert (await Subscription.get(id=sub.id)).current_period_end > \
        sub.current_period_start + timedelta(days=95)


async def test_failed_renewal_is_dunned_then_expires(client, market):
    sub = await hired(client, market)
    await Subscription.filter(id=sub.id).update(payment_method="pm_card_declined")
    end = sub.current_period_end

    await renew_due(end)
    past_due = await Subscription.get(id=sub.id)
    await renew_due(end + timedelta(days=2))   # the +1 day retry
    await renew_due(end + timedelta(days=4))   # the +3 days retry
    still = await Subscription.get(id=sub.id)
    await renew_due(end + timedelta(days=6))   # the +5 days retry, the last

    assert (past_due.status, past_due.next_retry_at) == ("past_due", end + timedelta(days=1))
    assert (still.status, still.next_retry_at) == ("past_due", end + timedelta(days=5))
    assert (await Subscription.get(id=sub.id)).status == "expired"
    attempts = await Transaction.filter(kind="renewal").order_by("attempt")
    assert [(t.attempt, t.status, t.failure_reason) for t in attempts] == [
        (n, "failed", "card_declined") for n in (1, 2, 3, 4)]


async def test_fixing_the_card_retries_at_once(client, market):
    sub = await hired(client, market)
    await Subscription.filter(id=sub.id).update(payment_method="pm_card_insufficient_funds")
    await renew_due(sub.current_period_end)
    assert (await Subscription.get(id=sub.id)).status == "past_due"

    response = await client.put(f"/api/subscriptions/{sub.id}/payment-method",
                                headers=market["seller"].auth,
                                json={"payment_method": "pm_card_visa"})

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["payment_method"]) == ("active", "pm_card_visa")
    assert body["current_period_start"].startswith(sub.current_period_end.date().isoformat())
    statuses = [t.status for t in await Transaction.filter(kind="renewal").order_by("attempt")]
    assert statuses == ["failed", "succeeded"]


async def test_cancel_at_period_end_is_not_charged_again(client, market):
    sub = await hired(client, market)
    await client.post(f"/api/ai-agents/{market['agent']['id']}/terminate",
                      headers=market["seller"].auth, json={"at_period_end": True})

    await renew_due(sub.current_period_end + timedelta(minutes=1))

    ended = await Subscription.get(id=sub.id)
    assert (ended.status, ended.canceled_at) == ("canceled", sub.current_period_end)
    assert await Transaction.filter(kind="renewal").count() == 0


async def test_renew_command_uses_the_test_clock(client, market, app):
    sub = await hired(client, market)
    as_of = (sub.current_period_end + timedelta(minutes=5)).isoformat()
    settings = app.sanic.ctx.settings
    env = {**os.environ, "DATABASE_URL": settings.database_url, "PROPERTYHUB_ENV": "test",
           **SECRETS_ENV}

    result = subprocess.run([sys.executable, "-m", "propertyhub.cli", "renew", "--as-of", as_of],
                            env=env, capture_output=True, text=True, timeout=60)
    again = subprocess.run([sys.executable, "-m", "propertyhub.cli", "renew", "--as-of", as_of],
                           env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert "1 succeeded" in result.stdout
    assert "nothing due" in again.stdout
    listed = await client.get(f"/api/subscriptions/{sub.id}", headers=market["seller"].auth)
    assert listed.json()["current_period_start"].startswith(
        sub.current_period_end.date().isoformat())
