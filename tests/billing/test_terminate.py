from __future__ import annotations

from datetime import timedelta

from propertyhub.billing.models import Subscription
from propertyhub.billing.periods import prorated_refund
from propertyhub.common.models import utcnow
from propertyhub.payments.models import PaymentCharge, PaymentRefund
from tests.billing.conftest import hire


def test_prorated_refund_is_to_the_second_rounded_down():
    start = utcnow()
    end = start + timedelta(days=30)

    assert prorated_refund(4900, start, end, start) == 4900
    assert prorated_refund(4900, start, end, end) == 0
    assert prorated_refund(4900, start, end, start + timedelta(days=10)) == 3266  # 3266.66
    assert prorated_refund(4900, start, end, start + timedelta(seconds=1)) == 4899  # 4899.998
    assert prorated_refund(4900, start, end, end + timedelta(days=1)) == 0


async def test_terminate_now_refunds_unused_time_once(client, market):
    sub = (await hire(client, market)).json()["subscription"]
    # Ten days into the period.
    start = utcnow() - timedelta(days=10)
    await Subscription.filter(id=sub["id"]).update(current_period_start=start,
                                                   current_period_end=start + timedelta(days=30))
    from propertyhub.billing.models import Transaction

    await Transaction.filter(subscription_id=sub["id"], kind="charge").update(period_start=start)
    url = f"/api/ai-agents/{market['agent']['id']}/terminate"

    response = await client.post(url, headers=market["seller"].auth)
    again = await client.post(url, headers=market["seller"].auth)

    assert response.status_code == 200
    body = response.json()
    assert body["subscription"]["status"] == "canceled"
    refund = body["refund"]
    assert (refund["kind"], refund["status"]) == ("refund", "succeeded")
    assert 3265 <= refund["amount_cents"] <= 3266  # a second or two passed
    assert again.status_code == 404
    charge = await PaymentCharge.get()
    assert charge.refunded_cents == refund["amount_cents"]
    assert await PaymentRefund.all().count() == 1


async def test_terminate_at_period_end_keeps_it_until_then(client, market):
    sub = (await hire(client, market)).json()["subscription"]

    response = await client.post(f"/api/ai-agents/{market['agent']['id']}/terminate",
                                 headers=market["seller"].auth, json={"at_period_end": True})

    assert response.status_code == 200
    assert response.json()["refund"] is None
    assert response.json()["subscription"]["status"] == "active"
    assert response.json()["subscription"]["cancel_at_period_end"] is True
    assert (await Subscription.get(id=sub["id"])).status == "active"


async def test_agent_with_an_active_subscription_cannot_be_deleted(client, market):
    await hire(client, market)
    url = f"/api/ai-agents/{market['agent']['id']}"

    by_owner = await client.delete(url, headers=market["vendor"].auth)
    by_subscriber = await client.delete(url, headers=market["seller"].auth)
    await client.post(f"{url}/terminate", headers=market["seller"].auth)
    after_termination = await client.delete(url, headers=market["vendor"].auth)

    assert by_owner.status_code == 409
    assert by_owner.json()["error"]["code"] == "agent_in_use"
    assert by_subscriber.status_code == 403
    assert after_termination.status_code == 204


async def test_someone_elses_subscription_is_404(client, market):
    from tests.support.factories import register

    sub = (await hire(client, market)).json()["subscription"]
    other = await register(client, role="seller")

    assert (await client.get(f"/api/subscriptions/{sub['id']}",
                             headers=other.auth)).status_code == 404
    assert (await client.get("/api/subscriptions", headers=other.auth)).json()["items"] == []
    terminate = await client.post(f"/api/ai-agents/{market['agent']['id']}/terminate",
                                  headers=other.auth)
    assert terminate.status_code == 404
