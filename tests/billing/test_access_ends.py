"""A hired human agent's access ends with the subscription that pays for it: expiry after
dunning, or termination. Before, the agent kept reading (and changing) the seller's leads
with the buyers' contact details, and kept receiving hand-overs."""

from __future__ import annotations

from datetime import timedelta

from propertyhub.billing.models import Subscription
from propertyhub.billing.renewals import renew_due
from propertyhub.calls.tools import CallTools
from propertyhub.crm.models import AgentAssignment, Lead
from tests.billing.test_human_agents import agent_for_hire
from tests.support.factories import create_listing, register


async def hired_agent(client):
    agent = await agent_for_hire(client)
    seller = await register(client, role="seller")
    buyer = await register(client)
    listing = await create_listing(client, seller)
    lead = (await client.post("/api/leads", headers=buyer.auth, json={
        "property_id": listing["id"], "message": "Is it available?"})).json()
    hire = (await client.post("/api/crm/agents", headers=seller.auth, json={
        "agent_id": agent.id, "plan": "monthly"})).json()
    # A lead handed over to the agent by the voice agent, too.
    handed = await Lead.create(property_id=listing["id"], buyer_id=buyer.id, seller_id=seller.id,
                               source="call", message="talk to a person",
                               assigned_agent_id=agent.id)
    return agent, seller, listing, lead, handed, hire


async def assert_no_access(client, agent, seller, listing, lead):
    leads = await client.get("/api/crm/leads", headers=agent.auth)
    patch = await client.patch(f"/api/crm/leads/{lead['id']}", headers=agent.auth,
                               json={"status": "contacted"})
    call = type("Call", (), {"seller_id": seller.id, "property_id": listing["id"],
                             "buyer_id": lead["buyer_id"]})()
    handover = await CallTools(call).hand_over()

    assert leads.json()["items"] == []
    assert patch.status_code == 404
    assert handover is None


async def test_an_expired_subscription_ends_the_agents_access(client):
    agent, seller, listing, lead, _, hire = await hired_agent(client)
    assert len((await client.get("/api/crm/leads", headers=agent.auth)).json()["items"]) == 2
    sub = await Subscription.get(id=hire["subscription"]["id"])
    await client.put(f"/api/subscriptions/{sub.id}/payment-method", headers=seller.auth,
                     json={"payment_method": "pm_card_declined"})

    # Due, then every dunning retry fails: expired.
    for days in (1, 2, 4, 6, 8):
        await renew_due(sub.current_period_end + timedelta(days=days))

    assert (await Subscription.get(id=sub.id)).status == "expired"
    assignment = await AgentAssignment.get(id=hire["assignment"]["id"])
    assert (assignment.status, assignment.ended_at is not None) == ("ended", True)
    await assert_no_access(client, agent, seller, listing, lead)


async def test_terminating_the_hire_ends_the_agents_access(client):
    agent, seller, listing, lead, _, hire = await hired_agent(client)
    url = f"/api/crm/agents/{hire['assignment']['id']}/terminate"

    other_seller = await register(client, role="seller")
    not_theirs = await client.post(url, headers=other_seller.auth)
    response = await client.post(url, headers=seller.auth)
    again = await client.post(url, headers=seller.auth)

    assert not_theirs.status_code == 404
    assert response.status_code == 200
    body = response.json()
    assert body["subscription"]["status"] == "canceled"
    assert body["refund"]["status"] == "succeeded"
    assert again.status_code == 404
    assert (await AgentAssignment.get(id=hire["assignment"]["id"])).status == "ended"
    await assert_no_access(client, agent, seller, listing, lead)


async def test_cancel_at_period_end_ends_access_when_the_period_ends(client):
    agent, seller, listing, lead, _, hire = await hired_agent(client)
    url = f"/api/crm/agents/{hire['assignment']['id']}/terminate"
    await client.post(url, headers=seller.auth, json={"at_period_end": True})
    sub = await Subscription.get(id=hire["subscription"]["id"])
    assert len((await client.get("/api/crm/leads", headers=agent.auth)).json()["items"]) == 2

    await renew_due(sub.current_period_end + timedelta(hours=1))

    assert (await Subscription.get(id=sub.id)).status == "canceled"
    await assert_no_access(client, agent, seller, listing, lead)
