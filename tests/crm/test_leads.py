from __future__ import annotations

import asyncio

import pytest

from propertyhub.common.ratelimit import parse_rule
from propertyhub.config import ConfigError, Settings
from propertyhub.crm.models import AgentAssignment
from tests.support.factories import create_listing, register


async def test_inquiry_lands_in_the_sellers_crm(client):
    seller = await register(client, role="seller")
    buyer = await register(client, name="Bea Buyer", phone="+1 512 555 0199")
    listing = await create_listing(client, seller)

    created = await client.post("/api/leads", headers=buyer.auth, json={
        "property_id": listing["id"], "message": "Can I see it Saturday?"})
    crm = await client.get("/api/crm/leads", headers=seller.auth)

    assert created.status_code == 201
    lead = created.json()
    assert lead["status"] == "new"
    assert lead["source"] == "form"
    assert (lead["property_id"], lead["buyer_id"], lead["seller_id"]) == (
        listing["id"], buyer.id, seller.id)
    items = crm.json()["items"]
    assert [i["id"] for i in items] == [lead["id"]]
    assert items[0]["contact"] == {"name": "Bea Buyer", "email": buyer.user["email"],
                                   "phone": "+1 512 555 0199"}


async def test_pipeline_update_and_filters(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    one = await create_listing(client, seller)
    two = await create_listing(client, seller)
    lead1 = (await client.post("/api/leads", headers=buyer.auth,
                               json={"property_id": one["id"], "message": "hi"})).json()
    await client.post("/api/leads", headers=buyer.auth,
                      json={"property_id": two["id"], "message": "hello"})

    updated = await client.patch(f"/api/crm/leads/{lead1['id']}", headers=seller.auth,
                                 json={"status": "viewing_scheduled", "notes": "Sat 10am"})
    by_status = await client.get("/api/crm/leads", headers=seller.auth,
                                 params={"status": "viewing_scheduled"})
    by_listing = await client.get("/api/crm/leads", headers=seller.auth,
                                  params={"property_id": two["id"]})
    bad_status = await client.patch(f"/api/crm/leads/{lead1['id']}", headers=seller.auth,
                                    json={"status": "married"})
    bad_filter = await client.get("/api/crm/leads", headers=seller.auth,
                                  params={"status": "married"})

    assert updated.status_code == 200
    assert (updated.json()["status"], updated.json()["notes"]) == ("viewing_scheduled", "Sat 10am")
    assert [i["id"] for i in by_status.json()["items"]] == [lead1["id"]]
    assert [i["property_id"] for i in by_listing.json()["items"]] == [two["id"]]
    assert bad_status.status_code == 422
    assert bad_filter.status_code == 400


async def test_other_sellers_never_see_a_lead(client):
    seller = await register(client, role="seller")
    rival = await register(client, role="seller")
    buyer = await register(client)
    listing = await create_listing(client, seller)
    lead = (await client.post("/api/leads", headers=buyer.auth,
                              json={"property_id": listing["id"], "message": "hi"})).json()

    listed = await client.get("/api/crm/leads", headers=rival.auth)
    patched = await client.patch(f"/api/crm/leads/{lead['id']}", headers=rival.auth,
                                 json={"status": "lost"})
    as_buyer = await client.get("/api/crm/leads", headers=buyer.auth)

    assert listed.json()["items"] == []
    assert patched.status_code == 404
    assert as_buyer.status_code == 403


async def test_hired_agent_sees_the_clients_leads(client):
    seller = await register(client, role="seller")
    agent = await register(client, role="agent")
    stranger = await register(client, role="agent")
    buyer = await register(client)
    listing = await create_listing(client, seller)
    lead = (await client.post("/api/leads", headers=buyer.auth,
                              json={"property_id": listing["id"], "message": "hi"})).json()
    # Hiring through the API arrives with billing; the assignment row is what grants access.
    await AgentAssignment.create(seller_id=seller.id, agent_id=agent.id, plan="monthly")

    hired = await client.get("/api/crm/leads", headers=agent.auth)
    other = await client.get("/api/crm/leads", headers=stranger.auth)
    moved = await client.patch(f"/api/crm/leads/{lead['id']}", headers=agent.auth,
                               json={"status": "contacted"})

    assert [i["id"] for i in hired.json()["items"]] == [lead["id"]]
    assert other.json()["items"] == []
    assert moved.status_code == 200


async def test_lead_validation(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    listing = await create_listing(client, seller)
    await client.delete(f"/api/properties/{listing['id']}", headers=seller.auth)

    withdrawn = await client.post("/api/leads", headers=buyer.auth,
                                  json={"property_id": listing["id"], "message": "hi"})
    empty = await client.post("/api/leads", headers=buyer.auth,
                              json={"property_id": listing["id"], "message": ""})
    by_seller = await client.post("/api/leads", headers=seller.auth,
                                  json={"property_id": listing["id"], "message": "hi"})

    assert withdrawn.status_code == 404
    assert empty.status_code == 422
    assert by_seller.status_code == 403


async def test_a_buyer_sending_inquiries_in_a_burst_is_rate_limited(client, app, monkeypatch):
    monkeypatch.setattr(app.sanic.ctx, "leads_rule", parse_rule("3/minute"))
    seller = await register(client, role="seller")
    spammer = await register(client)
    other = await register(client)
    listing = await create_listing(client, seller)
    body = {"property_id": listing["id"], "message": "still available?"}

    burst = await asyncio.gather(*(client.post("/api/leads", headers=spammer.auth, json=body)
                                   for _ in range(10)))
    unaffected = await client.post("/api/leads", headers=other.auth, json=body)
    crm = await client.get("/api/crm/leads", headers=seller.auth)

    assert sorted(r.status_code for r in burst) == [201] * 3 + [429] * 7
    refused = next(r for r in burst if r.status_code == 429)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["error"]["code"] == "rate_limited"
    assert set(refused.json()["error"]) == {"code", "message", "details"}
    assert unaffected.status_code == 201
    assert len(crm.json()["items"]) == 4


def test_rate_limit_settings_are_checked():
    assert Settings.from_env({}).rate_limit_leads == "20/hour"
    assert Settings.from_env({"RATE_LIMIT_LEADS": "5/minute"}).rate_limit_leads == "5/minute"
    for name in ("RATE_LIMIT_LEADS", "RATE_LIMIT_REGISTER", "RATE_LIMIT_LOGIN"):
        with pytest.raises(ConfigError, match=name):
            Settings.from_env({name: "lots"})
