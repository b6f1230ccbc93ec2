"""Analytics benchmark: `python -m bench.analytics` (or `make bench-analytics`).

A seller with 1,000 listings and a year of daily numbers in a throwaway
PostgreSQL; GET /api/analytics (last 30 days, and the whole year) at 2 and 32
clients against one web process, beside a hello-world route; then one day of
1,000,000 events (leads and calls) rolled up by `propertyhub rollup`.
Writes bench/results/analytics.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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

from bench.loadgen import HttpClient, run_load
from tests.support.processes import start_web, stop
from tests.support.servers import create_database, postgres_server

RESULTS = Path(__file__).parent / "results" / "analytics.json"


async def seed(dsn: str, base: str, listings: int, events: int, day: date) -> tuple[str, int]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        seller = (await http.post("/api/auth/register", json={
            "email": "seller@bench.test", "password": "benchmark1", "name": "S",
            "role": "seller"})).json()
        buyer = (await http.post("/api/auth/register", json={
            "email": "buyer@bench.test", "password": "benchmark1", "name": "B",
            "role": "buyer"})).json()
    seller_id, buyer_id = seller["user"]["id"], buyer["user"]["id"]
    conn = await asyncpg.connect(dsn)
    now = datetime.now(UTC)
    await conn.copy_records_to_table("properties", columns=(
        "owner_id", "title", "description", "property_type", "listing_type", "status", "price",
        "currency", "bedrooms", "bathrooms", "area_sqft", "address", "city", "city_key",
        "state", "postal_code", "country", "amenities", "images", "search_text", "created_at",
        "updated_at"), records=[
        (seller_id, f"Home {i}", "", "house", "sale", "active", 300_000, "USD", 3, 2.0, 1500,
         "", "Austin", "austin", "TX", "", "US", "[]", "[]", " home", now, now)
        for i in range(listings)])
    ids = [r["id"] for r in await conn.fetch("SELECT id FROM properties WHERE owner_id = $1",
                                             seller_id)]
    rng = random.Random(1)
    today = now.date()
    await conn.copy_records_to_table("listing_daily", columns=(
        "property_id", "day", "views", "cart_adds", "leads", "call_leads", "calls",
        "call_seconds"), records=[
        (pid, today - timedelta(days=d), rng.randint(0, 40), rng.randint(0, 4),
         rng.randint(0, 2), 0, rng.randint(0, 2), rng.randint(0, 600))
        for pid in ids for d in range(1, 366)])
    agent = await conn.fetchval(
        "INSERT INTO ai_agents (name, description, is_public, greeting, persona, voice, "
        "max_call_seconds, silence_timeout_seconds, price_monthly_cents, price_yearly_cents, "
        "created_at, updated_at) VALUES ('A', '', true, 'hi', '', '{}', 900, 60, 0, 0, $1, $1) "
        "RETURNING id", now)
    start = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
    half = events // 2
    await conn.copy_records_to_table("leads", columns=(
        "property_id", "buyer_id", "seller_id", "source", "status", "message", "notes",
        "created_at", "updated_at"), records=[
        (ids[i % len(ids)], buyer_id, seller_id, "call" if i % 3 == 0 else "form", "new", "",
         "", start + timedelta(seconds=i % 86400), now) for i in range(half)])
    await conn.copy_records_to_table("call_logs", columns=(
        "buyer_id", "seller_id", "ai_agent_id", "property_id", "status", "started_at",
        "duration_seconds"), records=[
        (buyer_id, seller_id, agent, ids[i % len(ids)], "ended",
         start + timedelta(seconds=i % 86400), 60 + i % 300) for i in range(events - half)])
    await conn.execute("VACUUM ANALYZE")
    await conn.close()
    return seller["access_token"], seller_id


async def load(port: int, target: str, clients: int, seconds: float, token: str) -> dict:
    conns = [HttpClient("127.0.0.1", port) for _ in range(clients)]
    for c in conns:
        c.headers = f"Authorization: Bearer {token}\r\n"

    async def one(i: int) -> bool:
        status, _ = await conns[i].get(target)
        return status == 200

    stats = await run_load(one, clients, seconds)
    for c in conns:
        c.close()
    return stats.summary()


async def main(args: argparse.Namespace) -> dict:
    with postgres_server({"shared_buffers": "2GB"}) as admin:
        dsn = create_database(admin, "analytics")
        env = {**os.environ, "DATABASE_URL": dsn, "PROPERTYHUB_ENV": "bench",
               "JWT_SECRET": "bench-" + "s" * 40, "LOG_LEVEL": "warning"}
        env.pop("REDIS_URL", None)
        subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True)
        web, base = start_web(env)
        port = int(base.rsplit(":", 1)[1])
        day = date.today() - timedelta(days=400)
        try:
            token, _ = await seed(dsn, base, args.listings, args.events, day)
            today = date.today()
            month = "/api/analytics"
            year = "/api/analytics?" + urlencode({"from": (today - timedelta(days=365))
                                                  .isoformat(), "to": today.isoformat()})
            out: dict = {"listings": args.listings, "days": 365}
            for clients in (2, 32):
                out[f"hello_{clients}"] = await load(port, "/healthz", clients, args.seconds,
                                                     token)
                out[f"month_{clients}"] = await load(port, month, clients, args.seconds, token)
                out[f"year_{clients}"] = await load(port, year, clients, args.seconds, token)
        finally:
            stop(web)
        t0 = time.monotonic()
        subprocess.run([sys.executable, "-m", "propertyhub.cli", "rollup", "--date",
                        day.isoformat()], env=env, check=True)
        out["rollup_events"] = args.events
        out["rollup_seconds"] = round(time.monotonic() - t0, 1)
    out["targets"] = {"month p99 (2 clients) <= 50 ms": out["month_2"]["p99_ms"] <= 50,
                      "rollup of 1,000,000 events <= 60 s": out["rollup_seconds"] <= 60}
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--out", type=Path, default=RESULTS)
    ns = parser.parse_args()
    result = asyncio.run(main(ns))
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    ns.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
