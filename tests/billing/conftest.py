from __future__ import annotations

import pytest

from tests.support.factories import create_listing, register


@pytest.fixture
async def market(client):
    """A seller with a listing, and a public AI agent priced 4,900 / 49,000 cents."""
    seller = await register(client, role="seller")
    vendor = await register(client, role="seller")
    listing = await create_listing(client, seller)
    agent = (await client.post("/api/ai-agents", headers=vendor.auth, json={
        "name": "Ava", "is_public": True, "price_monthly_cents": 4900,
        "price_yearly_cents": 49000})).json()
    return {"seller": seller, "vendor": vendor, "listing": listing, "agent": agent}


async def hire(client, market, key=None, **body):
    payload = {"ai_agent_id": market["agent"]["id"], "plan": "monthly",
               "property_ids": [market["listing"]["id"]], **body}
    headers = dict(market["seller"].auth)
    if key:
        headers["Idempotency-Key"] = key
    return await client.post("/api/ai-agents/hire", json=payload, headers=headers)
