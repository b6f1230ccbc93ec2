"""Analytics benchmark: `python -m bench.analytics` (or `make bench-analytics`).

A seller with 1,000 listings and a year of events (views and cart adds as the live
counters write them; leads and calls as rows in their own tables) in a throwaway
PostgreSQL, with Redis, as in production. Yesterday alone holds 1,000,000 events
(500,000 leads, 500,000 calls); today has live numbers too. Measured with
`propertyhub rollup`: catching up the year's first 363 days, the nightly rollup of
yesterday, and a backfill of a day 300 days ago (which moves 300 days of running
totals). Then GET /api/analytics (the default last 30 days, and the whole year) at 2
and 32 clients against one web process, beside a hello-world route, after checking
the year's totals against counts taken straight from the tables. Last, the nightly
rollup again with 10,000 more sellers and 200,000 more listings active that day.
Writes bench/results/analytics.json.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import asyncpg
import httpx

from bench.loadgen import get_load, write_results
from tests.support.processes import SECRETS_ENV, start_web, stop
from tests.support.servers import create_database, postgres_server, redis_server

RESULTS = Path(__file__).parent / "results" / "analytics.json"
LEAD_COLUMNS = ("property_id", "buyer_id", "seller_id", "source", "status", "message", "notes",
                "created_at", "updated_at")
CALL_COLUMNS = ("buyer_id", "seller_id", "ai_agent_id", "property_id", "status", "started_at",
                "duration_seconds")


async def _accounts(base: str) -> tuple[str, int, int]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        ids = []
        for role in ("seller", "buyer"):
            body = (await http.post("/api/auth/register", json={
                "email": f"{role}@bench.test", "password": "benchmark1", "name": role,
                "role": role})).json()
            ids.append((body["access_token"], body["user"]["id"]))
    return ids[0][0], ids[0][1], ids[1][1]


async def add_listings(conn: asyncpg.Connection, owners: list[int], now: datetime) -> None:
    """One plain Austin house per entry of `owners`, straight into the table."""
    await conn.copy_records_to_table("properties", columns=(
        "owner_id", "title", "description", "property_type", "listing_type", "status", "price",
        "currency", "bedrooms", "bathrooms", "area_sqft", "address", "city", "city_key",
        "state", "postal_code", "country", "amenities", "images", "search_text", "created_at",
        "updated_at"), records=[
        (owner, "Home", "", "house", "sale", "active", 300_000, "USD", 3, 2.0, 1500, "",
         "Austin", "austin", "TX", "", "US", "[]", "[]", " home", now, now)
        for owner in owners])


async def seed(dsn: str, seller_id: int, buyer_id: int, listings: int, days: int,
               busy_day_events: int) -> None:
    conn = await asyncpg.connect(dsn)
    now = datetime.now(UTC)
    today = now.date()
    await add_listings(conn, [seller_id] * listings, now)
    ids = [r["id"] for r in await conn.fetch("SELECT id FROM properties WHERE owner_id = $1",
                                             seller_id)]
    agent = await conn.fetchval(
        "INSERT INTO ai_agents (name, description, is_public, greeting, persona, voice, "
        "max_call_seconds, silence_timeout_seconds, price_monthly_cents, price_yearly_cents, "
        "created_at, updated_at) VALUES ('A', '', true, 'hi', '', '{}', 900, 60, 0, 0, $1, $1) "
        "RETURNING id", now)
    rng = random.Random(1)
    history = [today - timedelta(days=d) for d in range(days, -1, -1)]  # ... yesterday, today
    # Each listing's day as the live counters leave it: views, cart adds, leads and calls.
    cells = {(pid, day): [rng.randint(0, 40), rng.randint(0, 4), 0, 0, 0, 0]
             for day in history for pid in ids}

    def at(day: date) -> datetime:
        limit = 86399 if day < today else max(0, int((now - datetime.combine(
            today, datetime.min.time(), tzinfo=UTC)).total_seconds()) - 1)
        return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(
            seconds=rng.randint(0, limit))

    leads, calls = [], []

    def lead(pid: int, day: date, source: str) -> None:
        leads.append((pid, buyer_id, seller_id, source, "new", "", "", at(day), now))
        cells[(pid, day)][2] += 1
        cells[(pid, day)][3] += source == "call"

    def call(pid: int, day: date, seconds: int) -> None:
        calls.append((buyer_id, seller_id, agent, pid, "ended", at(day), seconds))
        cells[(pid, day)][4] += 1
        cells[(pid, day)][5] += seconds

    yesterday = today - timedelta(days=1)
    for day in history:
        if day == yesterday:
            continue
        for pid in ids:
            for _ in range(rng.randint(0, 2)):
                lead(pid, day, rng.choice(("call", "form")))
            if rng.random() < 0.5:
                call(pid, day, rng.randint(30, 600))
    half = busy_day_events // 2
    for i in range(half):
        lead(ids[i % len(ids)], yesterday, "call" if i % 3 == 0 else "form")
    for i in range(busy_day_events - half):
        call(ids[i % len(ids)], yesterday, 60 + i % 300)
    await conn.copy_records_to_table(  # day by day, as they are written
        "listing_daily", columns=("property_id", "day", "views", "cart_adds", "leads",
                                  "call_leads", "calls", "call_seconds"),
        records=[(pid, day, *cells[(pid, day)]) for day in history for pid in ids])
    await conn.copy_records_to_table("leads", columns=LEAD_COLUMNS, records=leads)
    await conn.copy_records_to_table("call_logs", columns=CALL_COLUMNS, records=calls)
    await conn.execute("VACUUM ANALYZE")
    await conn.close()


async def seed_platform(dsn: str, sellers: int, per_seller: int, day: date) -> None:
    """Many other sellers, each listing with a view, a lead and a call on `day`."""
    conn = await asyncpg.connect(dsn)
    now = datetime.now(UTC)
    await conn.copy_records_to_table("users", columns=(
        "email", "password_hash", "name", "role", "service_areas", "created_at", "updated_at"),
        records=[(f"seller{i}@platform.test", "x", f"Seller {i}", "seller", "[]", now, now)
                 for i in range(sellers)])
    owners = [r["id"] for r in await conn.fetch(
        "SELECT id FROM users WHERE email LIKE '%@platform.test'")]
    await add_listings(conn, [owner for owner in owners for _ in range(per_seller)], now)
    homes = await conn.fetch("SELECT id, owner_id FROM properties WHERE owner_id = ANY($1)",
                             owners)
    at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    buyer = await conn.fetchval("SELECT id FROM users WHERE role = 'buyer' LIMIT 1")
    agent = await conn.fetchval("SELECT id FROM ai_agents LIMIT 1")
    await conn.copy_records_to_table("leads", columns=LEAD_COLUMNS, records=[
        (h["id"], buyer, h["owner_id"], "form", "new", "", "", at, now) for h in homes])
    await conn.copy_records_to_table("call_logs", columns=CALL_COLUMNS, records=[
        (buyer, h["owner_id"], agent, h["id"], "ended", at, 120) for h in homes])
    await conn.copy_records_to_table(
        "listing_daily", columns=("property_id", "day", "views", "cart_adds", "leads",
                                  "call_leads", "calls", "call_seconds"),
        records=[(h["id"], day, 5, 1, 1, 0, 1, 120) for h in homes])
    await conn.execute("VACUUM ANALYZE")
    await conn.close()


def rollup(env: dict[str, str], day: date | None = None) -> float:
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-m", "propertyhub.cli", "rollup",
                    *(["--date", day.isoformat()] if day else [])], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return round(time.monotonic() - t0, 2)


async def check(dsn: str, base: str, token: str, seller_id: int, first: date,
                last: date) -> bool:
    """The year's totals as served equal counts taken straight from the tables."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        body = (await http.get("/api/analytics", params={"from": first.isoformat(),
                                                         "to": last.isoformat()},
                               headers={"Authorization": f"Bearer {token}"})).json()
    conn = await asyncpg.connect(dsn)
    start = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    truth = await conn.fetchrow(
        """SELECT (SELECT count(*) FROM leads WHERE seller_id = $1 AND created_at >= $2
                   AND created_at < $3) AS leads,
                  (SELECT count(*) FROM call_logs WHERE seller_id = $1 AND started_at >= $2
                   AND started_at < $3) AS calls,
                  (SELECT sum(views) FROM listing_daily WHERE day >= $4 AND day <= $5) AS views
        """, seller_id, start, end, first, last)
    await conn.close()
    served = body["totals"]
    return (served["leads"], served["calls"], served["views"]) == tuple(truth.values()) and (
        sum(p["leads"] for p in body["by_property"]) == truth["leads"])


async def main(args: argparse.Namespace) -> dict:
    today = date.today()
    out: dict = {"listings": args.listings, "days": args.days + 1,
                 "busy_day_events": args.events}
    with postgres_server({"shared_buffers": "2GB"}) as admin, redis_server() as redis:
        dsn = create_database(admin, "analytics")
        env = {**os.environ, "DATABASE_URL": dsn, "REDIS_URL": redis,
               "PROPERTYHUB_ENV": "bench", **SECRETS_ENV,
               "LOG_LEVEL": "warning"}
        subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True)
        web, base = start_web(env)
        port = int(base.rsplit(":", 1)[1])
        try:
            token, seller_id, buyer_id = await _accounts(base)
            t0 = time.monotonic()
            await seed(dsn, seller_id, buyer_id, args.listings, args.days, args.events)
            out["seed_seconds"] = round(time.monotonic() - t0, 1)
            out["catch_up_days"] = args.days - 1
            out["catch_up_seconds"] = rollup(env, today - timedelta(days=2))
            out["rollup_seconds"] = rollup(env)  # yesterday: the busy day
            out["backfill_day_ago"] = min(300, args.days - 1)
            out["backfill_seconds"] = rollup(env, today - timedelta(
                days=out["backfill_day_ago"]))
            subprocess.run(["psql", dsn, "-q", "-c", "VACUUM ANALYZE"], check=True)
            year = (today - timedelta(days=365), today)
            out["year_matches_the_tables"] = await check(dsn, base, token, seller_id, *year)
            auth = f"Authorization: Bearer {token}\r\n"
            month = "/api/analytics"
            year_url = "/api/analytics?" + urlencode({"from": year[0].isoformat(),
                                                      "to": year[1].isoformat()})
            for clients in (2, 32):
                out[f"hello_{clients}"] = await get_load(port, "/healthz", clients, args.seconds)
                out[f"month_{clients}"] = await get_load(port, month, clients, args.seconds, auth)
                out[f"year_{clients}"] = await get_load(port, year_url, clients, args.seconds,
                                                        auth)
            # The same nightly rollup, with the rest of a platform active that day too.
            await seed_platform(dsn, args.platform_sellers, args.platform_listings //
                                args.platform_sellers, today - timedelta(days=1))
            out["platform_sellers"] = args.platform_sellers + 1
            out["platform_active_listings"] = args.platform_listings + args.listings
            out["platform_rollup_seconds"] = rollup(env)
        finally:
            stop(web)
    out["targets"] = {"month p99 (2 clients) <= 50 ms": out["month_2"]["p99_ms"] <= 50,
                      "rollup of 1,000,000 events <= 60 s": out["rollup_seconds"] <= 60}
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365, help="days of history before today")
    parser.add_argument("--events", type=int, default=1_000_000, help="events yesterday")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--platform-sellers", type=int, default=10_000)
    parser.add_argument("--platform-listings", type=int, default=200_000,
                        help="other sellers' listings active yesterday")
    parser.add_argument("--out", type=Path, default=RESULTS)
    ns = parser.parse_args()
    result = asyncio.run(main(ns))
    write_results(result, ns.out)
