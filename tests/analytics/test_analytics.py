"""Seller analytics: what happened, counted once, the same after any number of rollups."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

from propertyhub.analytics.events import flush_views
from propertyhub.analytics.models import ListingDaily
from propertyhub.analytics.rollup import rollup
from propertyhub.calls.models import CallLog
from propertyhub.common.models import utcnow
from propertyhub.crm.models import Lead
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


async def test_past_days_come_from_the_rollup_and_recompute_the_same(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    yesterday = utcnow() - timedelta(days=1)
    lead = await Lead.create(property_id=home["id"], buyer_id=buyer.id, seller_id=seller.id,
                             source="call", message="from a call")
    await Lead.filter(id=lead.id).update(created_at=yesterday)
    from propertyhub.agents.models import AiAgent

    agent = await AiAgent.create(name="A", owner_id=seller.id)
    call = await CallLog.create(buyer_id=buyer.id, seller_id=seller.id, ai_agent=agent,
                                property_id=home["id"], status="ended", duration_seconds=150)
    await CallLog.filter(id=call.id).update(started_at=yesterday)
    day = yesterday.date()

    before = (await client.get("/api/analytics", headers=seller.auth, params={
        "from": day.isoformat(), "to": day.isoformat()})).json()
    await rollup(day)
    await rollup(day)  # again: the same numbers
    after = (await client.get("/api/analytics", headers=seller.auth, params={
        "from": day.isoformat(), "to": day.isoformat()})).json()

    assert before["totals"]["leads"] == 0  # not rolled up yet
    assert after["totals"] == {"listings": 1, "views": 0, "cart_adds": 0, "leads": 1,
                               "calls": 1, "call_minutes": 2.5, "hires": 0}
    assert after["conversion"]["call_to_lead"] == 1.0
    assert await ListingDaily.filter(day=day).count() == 1


async def test_rollup_command_backfills_a_day(client, app):
    seller = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    day = (utcnow() - timedelta(days=3)).date()
    lead = await Lead.create(property_id=home["id"], buyer_id=buyer.id, seller_id=seller.id,
                             message="old")
    await Lead.filter(id=lead.id).update(created_at=utcnow() - timedelta(days=3))
    settings = app.sanic.ctx.settings
    env = {**os.environ, "DATABASE_URL": settings.database_url, "PROPERTYHUB_ENV": "test",
           "JWT_SECRET": settings.jwt_secret}

    result = subprocess.run([sys.executable, "-m", "propertyhub.cli", "rollup", "--date",
                             day.isoformat()], env=env, capture_output=True, text=True,
                            timeout=60)

    assert result.returncode == 0, result.stderr
    assert "1 listing(s)" in result.stdout
    row = await ListingDaily.get(property_id=home["id"], day=day)
    assert row.leads == 1


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
