from __future__ import annotations

from tests.support.factories import create_listing, register


async def agent_for_hire(client, **profile):
    agent = await register(client, role="agent", name="Rita Realtor")
    body = {"bio": "Austin specialist", "monthly_fee_cents": 19900, "yearly_fee_cents": 199000,
            "service_areas": ["Austin"], **profile}
    assert (await client.patch("/api/auth/me", headers=agent.auth, json=body)).status_code == 200
    return agent


async def test_available_lists_agents_with_fees(client):
    agent = await agent_for_hire(client)
    await register(client, role="agent")  # no fees yet: not for hire

    items = (await client.get("/api/crm/agents/available")).json()["items"]

    assert items == [{"id": agent.id, "name": "Rita Realtor", "bio": "Austin specialist",
                      "service_areas": ["Austin"], "monthly_fee_cents": 19900,
                      "yearly_fee_cents": 199000}]


async def test_seller_hires_an_agent_who_then_works_the_leads(client):
    agent = await agent_for_hire(client)
    seller = await register(client, role="seller")
    buyer = await register(client)
    listing = await create_listing(client, seller)
    await client.post("/api/leads", headers=buyer.auth,
                      json={"property_id": listing["id"], "message": "Is it available?"})

    before = (await client.get("/api/crm/leads", headers=agent.auth)).json()["items"]
    response = await client.post("/api/crm/agents", headers={**seller.auth,
                                                             "Idempotency-Key": "h1"},
                                 json={"agent_id": agent.id, "plan": "yearly",
                                       "property_ids": [listing["id"]]})
    replay = await client.post("/api/crm/agents", headers={**seller.auth, "Idempotency-Key": "h1"},
                               json={"agent_id": agent.id, "plan": "yearly",
                                     "property_ids": [listing["id"]]})
    after = (await client.get("/api/crm/leads", headers=agent.auth)).json()["items"]
    clients = (await client.get("/api/crm/agents", headers=agent.auth)).json()["items"]
    hires = (await client.get("/api/crm/agents", headers=seller.auth)).json()["items"]

    assert response.status_code == 201
    body = response.json()
    assert body["assignment"]["status"] == "active"
    assert (body["subscription"]["kind"], body["subscription"]["status"]) == ("human", "active")
    assert body["subscription"]["amount_cents"] == 199000
    assert body["subscription"]["agent_assignment_id"] == body["assignment"]["id"]
    assert body["transaction"]["status"] == "succeeded"
    assert replay.json() == body
    assert before == []
    assert [lead["property_id"] for lead in after] == [listing["id"]]
    assert [c["seller_id"] for c in clients] == [seller.id]
    assert [h["agent_id"] for h in hires] == [agent.id]


async def test_declined_hire_leaves_no_working_agent(client):
    agent = await agent_for_hire(client)
    seller = await register(client, role="seller")
    listing = await create_listing(client, seller)
    await client.post("/api/leads", headers=(await register(client)).auth,
                      json={"property_id": listing["id"], "message": "hi"})

    response = await client.post("/api/crm/agents", headers=seller.auth, json={
        "agent_id": agent.id, "plan": "monthly", "payment_method": "pm_card_declined"})

    assert response.status_code == 402
    assert response.json()["error"]["details"]["assignment"]["status"] == "ended"
    assert (await client.get("/api/crm/leads", headers=agent.auth)).json()["items"] == []


async def test_hire_rules(client):
    agent = await agent_for_hire(client)
    no_fees = await register(client, role="agent")
    seller = await register(client, role="seller")

    not_for_hire = await client.post("/api/crm/agents", headers=seller.auth,
                                      json={"agent_id": no_fees.id, "plan": "monthly"})
    as_agent = await client.post("/api/crm/agents", headers=agent.auth,
                                 json={"agent_id": agent.id, "plan": "monthly"})
    unknown_field = await client.post("/api/crm/agents", headers=seller.auth,
                                      json={"agent_id": agent.id, "plan": "monthly", "tip": 5})

    assert not_for_hire.status_code == 404
    assert as_agent.status_code == 403
    assert unknown_field.status_code == 422
