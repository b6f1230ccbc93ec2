"""Seller analytics: what happened, counted once, the same after any number of rollups."""

from __future__ import annotations

import pytest

from propertyhub.analytics.events import flush_views
from propertyhub.analytics.viewers import ANONYMOUS_PER_ADDRESS, MemoryViewers, RedisViewers
from propertyhub.common.models import utcnow
from tests.support.factories import create_listing, register


async def test_views_cart_adds_and_leads_today(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    quiet = await create_listing(client, seller, title="Quiet one")
    for browser in range(4):  # four anonymous visitors behind one address
        await client.get(f"/api/properties/{home['id']}",
                         headers={"User-Agent": f"Browser/{browser}"})
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


async def _views(client, seller) -> dict[int, int]:
    await flush_views()
    body = (await client.get("/api/analytics", headers=seller.auth)).json()
    return {p["property_id"]: p["views"] for p in body["by_property"]}


async def test_a_view_counts_once_per_viewer_listing_and_day(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    other = await create_listing(client, seller, title="Other")
    url = f"/api/properties/{home['id']}"

    for _ in range(20):  # one anonymous visitor reloading
        await client.get(url, headers={"User-Agent": "Firefox"})
    for _ in range(3):
        await client.get(url, headers=buyer.auth)
    await client.get(url, headers={"User-Agent": "Safari"})  # another browser, same address
    await client.get(f"/api/properties/{other['id']}", headers={"User-Agent": "Firefox"})

    assert await _views(client, seller) == {home["id"]: 3, other["id"]: 1}


async def test_rotating_user_agents_count_a_few_viewers_per_address(client):
    seller = await register(client, role="seller")
    home = await create_listing(client, seller)

    for n in range(30):
        await client.get(f"/api/properties/{home['id']}", headers={"User-Agent": f"bot/{n}"})

    assert await _views(client, seller) == {home["id"]: ANONYMOUS_PER_ADDRESS}


@pytest.fixture(params=["memory", "redis"])
def two_processes(request):
    """Each web process's view of who has visited: separate objects (and Redis clients)
    over one Redis, or the embedded process's memory."""
    if request.param == "memory":
        one = MemoryViewers()
        return one, one
    from redis.asyncio import Redis

    url = request.getfixturevalue("redis_url")
    return RedisViewers(Redis.from_url(url)), RedisViewers(Redis.from_url(url))


async def test_viewers_are_shared_by_web_processes_and_forgotten_daily(two_processes):
    web_a, web_b = two_processes
    await web_a.reset()
    today = utcnow().date()
    tomorrow = today.fromordinal(today.toordinal() + 1)

    salts = (await web_a.salt(today), await web_b.salt(today))
    first = await web_a.first_visit(today, 7, "a-visitor", "an-address")
    again = await web_b.first_visit(today, 7, "a-visitor", "an-address")
    elsewhere = await web_b.first_visit(today, 8, "a-visitor", "an-address")
    next_day = await web_b.first_visit(tomorrow, 7, "a-visitor", "an-address")

    assert salts[0] == salts[1] and len(salts[0]) == 32
    assert await web_b.salt(tomorrow) != salts[0]
    assert (first, again, elsewhere, next_day) == (True, False, True, True)


async def test_no_client_address_is_stored(client, app, backend):
    seller = await register(client, role="seller")
    home = await create_listing(client, seller)

    await client.get(f"/api/properties/{home['id']}", headers={"User-Agent": "Firefox"})

    redis = app.sanic.ctx.redis
    if backend == "postgres":
        stored = [key async for key in redis.scan_iter(match="ph:views:*")]
        values = [m for key in stored if await redis.type(key) == b"set"
                  for m in await redis.smembers(key)]
        values += [f for key in stored if await redis.type(key) == b"hash"
                   for f in await redis.hkeys(key)]
        assert stored and values
        assert not any(b"127.0.0.1" in v or b"Firefox" in v for v in stored + values)
    else:
        seen = app.sanic.ctx.viewers._seen
        assert seen and not any("127.0.0.1" in v or "Firefox" in v for _, v in seen)
