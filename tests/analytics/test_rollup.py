"""The rollup closes days; a seller's numbers for any range match what happened, before
and after it, and after backfills."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest

from propertyhub.analytics.models import ListingDaily, RolledDay, SellerDaily, SellerTotals
from propertyhub.analytics.packing import unpack
from propertyhub.analytics.rollup import DayNotOver, rollup
from propertyhub.common.models import utcnow
from tests.analytics.history import History, random_history, record_lead, record_views
from tests.conftest import SECRETS_ENV
from tests.support.factories import create_listing, register


async def _seller_with_history(client, days: int, seed: int):
    seller = await register(client, role="seller")
    buyer = await register(client)
    homes = [await create_listing(client, seller, title=f"Home {i}") for i in range(3)]
    history = History(seller.id, [h["id"] for h in homes])
    today = utcnow().date()
    await random_history(history, buyer.id, today - timedelta(days=days), today, seed)
    return seller, buyer, history


async def _read(client, seller, first, last) -> dict:
    response = await client.get("/api/analytics", headers=seller.auth, params={
        "from": first.isoformat(), "to": last.isoformat()})
    assert response.status_code == 200, response.text
    return response.json()


def _seen(body: dict) -> dict:
    return {"by_property": body["by_property"], "daily": body["daily"],
            "leads": body["totals"]["leads"], "calls": body["totals"]["calls"],
            "call_minutes": body["totals"]["call_minutes"]}


async def test_any_range_matches_what_happened_before_and_after_the_rollup(client):
    seller, _, history = await _seller_with_history(client, days=12, seed=7)
    today = utcnow().date()
    ago = [today - timedelta(days=n) for n in range(21)]
    ranges = [(ago[12], ago[1]), (ago[10], ago[6]), (ago[7], ago[3]), (ago[3], today),
              (ago[12], today), (ago[5], ago[5]), (ago[20], ago[13]), (today, today)]

    never_rolled = [_seen(await _read(client, seller, a, b)) for a, b in ranges]
    await rollup(ago[5])  # nothing rolled yet: from the first activity (12 days ago) on
    partly_rolled = [_seen(await _read(client, seller, a, b)) for a, b in ranges]
    await rollup(ago[1])  # catches up days 4..1
    all_rolled = [_seen(await _read(client, seller, a, b)) for a, b in ranges]

    expected = [history.expected(a, b) for a, b in ranges]
    assert never_rolled == expected
    assert partly_rolled == expected
    assert all_rolled == expected
    assert await RolledDay.all().count() == 12
    assert await SellerDaily.filter(seller_id=seller.id).count() == 12


async def test_a_late_lead_shows_once_its_day_is_rolled_up_again(client):
    seller, buyer, history = await _seller_with_history(client, days=9, seed=11)
    today = utcnow().date()
    eight_ago, six_ago, yesterday = (today - timedelta(days=n) for n in (8, 6, 1))
    await rollup(yesterday)
    home = history.listing_ids[0]
    before = history.expected(eight_ago, yesterday)

    await record_lead(history, buyer.id, home, eight_ago, source="call")  # e.g. an import
    stale = _seen(await _read(client, seller, eight_ago, yesterday))
    first = await rollup(eight_ago)
    again = await rollup(eight_ago)

    busy = {pid for (pid, day), c in history.cells.items()
            if day == eight_ago and (c["leads"] or c["calls"])}
    assert first == again == {eight_ago: len(busy)}
    assert stale == before  # closed days read what the rollup saw
    assert _seen(await _read(client, seller, eight_ago, yesterday)) == history.expected(
        eight_ago, yesterday)
    assert _seen(await _read(client, seller, six_ago, yesterday)) == history.expected(
        six_ago, yesterday)
    assert _seen(await _read(client, seller, eight_ago, eight_ago))["leads"] == (
        before["daily"][0]["leads"] + 1)


async def test_the_rollup_keeps_rolled_days_unbroken_and_refuses_open_days(client):
    seller = await register(client, role="seller")
    home = await create_listing(client, seller)
    history = History(seller.id, [home["id"]])
    today = utcnow().date()
    ago = [today - timedelta(days=n) for n in range(9)]
    await record_views(history, home["id"], ago[5], views=3, cart_adds=1)

    first = await rollup(ago[3])
    later = await rollup(ago[1])
    earlier = await rollup(ago[8])
    with pytest.raises(DayNotOver):
        await rollup(today)

    assert list(first) == [ago[5], ago[4], ago[3]]
    assert list(later) == [ago[2], ago[1]]
    assert list(earlier) == [ago[8], ago[7], ago[6]]
    assert sorted(d.day for d in await RolledDay.all()) == sorted(ago[1:9])
    snapshots = await SellerTotals.filter(seller_id=seller.id)
    assert [(s.day, unpack(s.listing_ids), unpack(s.views), unpack(s.cart_adds))
            for s in snapshots] == [(ago[5], [home["id"]], [3], [1])]


async def test_a_withdrawn_listing_shows_only_where_it_has_numbers(client):
    seller = await register(client, role="seller")
    kept = await create_listing(client, seller)
    gone = await create_listing(client, seller, title="Sold privately")
    history = History(seller.id, [kept["id"], gone["id"]])
    today = utcnow().date()
    three_ago = today - timedelta(days=3)
    await record_views(history, gone["id"], three_ago, views=4, cart_adds=0)
    assert (await client.delete(f"/api/properties/{gone['id']}",
                                headers=seller.auth)).status_code == 204
    await rollup(today - timedelta(days=1))

    that_day = await _read(client, seller, three_ago, three_ago)
    since = await _read(client, seller, three_ago + timedelta(days=1), today)

    assert [p["property_id"] for p in that_day["by_property"]] == [kept["id"], gone["id"]]
    assert that_day["by_property"][1]["views"] == 4
    assert [p["property_id"] for p in since["by_property"]] == [kept["id"]]
    assert that_day["totals"]["listings"] == since["totals"]["listings"] == 1


async def test_rollup_command_backfills_a_day_and_refuses_today(client, app):
    seller = await register(client, role="seller")
    buyer = await register(client)
    home = await create_listing(client, seller)
    history = History(seller.id, [home["id"]])
    day = utcnow().date() - timedelta(days=3)
    await record_lead(history, buyer.id, home["id"], day)
    settings = app.sanic.ctx.settings
    env = {**os.environ, "DATABASE_URL": settings.database_url, "PROPERTYHUB_ENV": "test",
           **SECRETS_ENV}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "propertyhub.cli", "rollup", *args],
                              env=env, capture_output=True, text=True, timeout=60)

    done = run("--date", day.isoformat())
    refused = run("--date", utcnow().date().isoformat())

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"rolled up {day.isoformat()}: 1 listing(s) with leads or calls\n"
    assert (await ListingDaily.get(property_id=home["id"], day=day)).leads == 1
    assert refused.returncode == 2
    assert "has not ended yet" in refused.stderr
