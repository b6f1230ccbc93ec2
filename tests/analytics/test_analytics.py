"""Seller analytics: what happened, counted once, the same after any number of rollups."""

from __future__ import annotations

from propertyhub.analytics.events import flush_views
from propertyhub.common.models import utcnow
from tests.support.factories import create_listing, register


async def test_views_cart_adds_and_leads_today(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    quiet = await create_listing(client, seller, title="Quiet one")
    for _ in range(4):
        await client.get(f"/api/properties/{home['id']}")
    await client.get(f"/api/properties/{home['id']}", headers=seller.auth)  # the owner's own
    await client.get(f"/api/properties/{home['id']}", headers=buyer.auth)
    await client.post("/api/cart", headers=buyer.auth, json={"property_id": home["id"]})
    await client.post("/api/leads", headers=buyer.auth,
                      json={"property_id": home["id"], "message": "hi"})
    await flush_views()

    body = (await client.get("/api/analytics", headers=seller.auth)).json()

    today = utcnow().date().isoformat()
    assert body["totals"] == {"listings": 2, "views": 5, "cart_adds": 1, "leads": 1,
                              "calls": 0, "call_minutes": 0.0, "hires": 0}
    assert body["conversion"] == {"view_to_lead": 0.2, "call_to_lead": 0.0}
    assert body["by_property"] == [
        {"property_id": home["id"], "views": 5, "cart_adds": 1, "leads": 1, "calls": 0},
        {"property_id": quiet["id"], "views": 0, "cart_adds": 0, "leads": 0, "calls": 0}]
    assert body["daily"][-1] == {"date": today, "views": 5, "cart_adds": 1, "leads": 1,
                                 "calls": 0}
    assert len(body["daily"]) == 30


async def test_ranges_are_checked_and_private(client):
    seller = await register(client, role="seller")
    rival = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    await client.get(f"/api/properties/{home['id']}")
    await flush_views()

    rival_view = (await client.get("/api/analytics", headers=rival.auth)).json()
    as_buyer = await client.get("/api/analytics", headers=buyer.auth)
    reversed_range = await client.get("/api/analytics", headers=seller.auth,
                                      params={"from": "2026-02-01", "to": "2026-01-01"})
    too_long = await client.get("/api/analytics", headers=seller.auth,
                                params={"from": "2024-01-01", "to": "2026-01-01"})
    not_a_date = await client.get("/api/analytics", headers=seller.auth,
                                  params={"from": "yesterday"})

    assert rival_view["totals"]["views"] == 0 and rival_view["by_property"] == []
    assert as_buyer.status_code == 403
    assert [r.status_code for r in (reversed_range, too_long, not_a_date)] == [400, 400, 400]
