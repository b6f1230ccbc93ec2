"""Listing search benchmark: `python -m bench.search` (or `make bench`).

Seeds 1,000,000 listings into a throwaway PostgreSQL, serves the app, and in one
run measures, at 32 concurrent clients (capacity) and at 2 (unloaded latency):
the search mix through the service, the same SQL through raw asyncpg, and a
hello-world route. Then the same mix on the embedded SQLite default with
100,000 listings. Writes bench/results/search.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import asyncpg

from bench import twin
from bench.loadgen import HttpClient, get_load, json_ok, run_load, write_results
from bench.mix import is_next_page, next_query, query
from propertyhub.listings.search_params import parse_search
from tests.support.processes import SECRETS_ENV, start_web, stop
from tests.support.servers import create_database, postgres_server

RESULTS = Path(__file__).parent / "results" / "search.json"
PG_SETTINGS = {"shared_buffers": "4GB", "effective_cache_size": "12GB", "work_mem": "32MB",
               "max_parallel_workers_per_gather": "0", "jit": "off"}


def log(msg: str) -> None:
    print(msg, flush=True)


def bench_env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "PROPERTYHUB_ENV": "bench",
            **SECRETS_ENV, "LOG_LEVEL": "warning"}


def cli(url: str, *args: str) -> None:
    """Migrate and seed in their own processes, as an operator would (Tortoise is per process)."""
    subprocess.run([sys.executable, "-m", "propertyhub.cli", *args], env=bench_env(url),
                   check=True)


async def http_mix(port: int, clients: int, seconds: float, seed_: int) -> dict:
    rngs = [random.Random(seed_ + i) for i in range(clients)]
    conns = [HttpClient("127.0.0.1", port) for _ in range(clients)]
    cursors: list[dict[str, Any]] = [{} for _ in range(clients)]

    async def one(i: int) -> bool:
        rng = rngs[i]
        args = cursors[i] if is_next_page(rng) and cursors[i] else next_query(rng)
        status, body = await conns[i].get("/api/properties?" + urlencode(args))
        ok = json_ok(status, body)
        data = json.loads(body) if ok else {}
        cursors[i] = {**{k: v for k, v in args.items() if k != "cursor"},
                      "cursor": data["next_cursor"]} if data.get("next_cursor") else {}
        return ok

    stats = await run_load(one, clients, seconds)
    for c in conns:
        c.close()
    return stats.summary()


async def raw_mix(dsn: str, clients: int, seconds: float, seed_: int) -> dict:
    pool = await twin.pool(dsn, clients)
    rngs = [random.Random(seed_ + i) for i in range(clients)]
    state: list[tuple | None] = [None] * clients

    async def one(i: int) -> bool:
        rng = rngs[i]
        if is_next_page(rng) and state[i]:
            params, after = state[i]
        else:
            params, after = parse_search(next_query(rng), None), None
        async with pool.acquire() as conn:
            _, nxt = await twin.search(conn, params, after)
        state[i] = (params, nxt) if nxt else None
        return True

    stats = await run_load(one, clients, seconds)
    await pool.close()
    return stats.summary()


async def honesty(port: int, dsn: str) -> list[dict]:
    """Each search kind once: the reported total against an exact COUNT(*)."""
    from propertyhub.listings.search_sql import Query, where_clause

    rng = random.Random(7)
    client = HttpClient("127.0.0.1", port)
    conn = await asyncpg.connect(dsn)
    out = []
    for kind in range(8):
        args = query(kind, rng)
        _, body = await client.get("/api/properties?" + urlencode(args))
        data = json.loads(body)
        q = Query(True)
        where = where_clause(q, parse_search(args, None))
        exact = await conn.fetchval(f"SELECT count(*) FROM properties WHERE {where}", *q.values)
        rel = data["total_relation"]
        honest = (data["total"] == exact if rel == "eq" else
                  data["total"] <= exact if rel == "gte" else True)
        out.append({"kind": kind, "args": args, "total": data["total"], "relation": rel,
                    "exact": exact, "honest": honest})
    client.close()
    await conn.close()
    return out


async def measure(label: str, coro_factory) -> dict:
    log(f"  {label} ...")
    result = await coro_factory()
    log(f"  {label}: {result}")
    return result


async def main(args: argparse.Namespace) -> dict:
    results: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                               "seconds_per_run": args.seconds, "web_workers": args.workers}
    with postgres_server(PG_SETTINGS) as admin:
        url = create_database(admin, "bench")
        cli(url, "migrate")
        log(f"seeding {args.listings:,} listings into PostgreSQL")
        t0 = time.monotonic()
        cli(url, "seed", "--listings", str(args.listings), "--users", str(args.users))
        results["pg_seed_seconds"] = round(time.monotonic() - t0, 1)
        server, base = start_web({**bench_env(url), "WEB_CONCURRENCY": str(args.workers)})
        port = int(base.rsplit(":", 1)[1])
        try:
            pg: dict[str, Any] = {}
            for clients in (32, 2):
                pg[f"hello_{clients}"] = await measure(
                    f"hello, {clients} clients",
                    lambda c=clients: get_load(port, "/healthz", c, args.seconds))
                pg[f"search_{clients}"] = await measure(
                    f"search, {clients} clients",
                    lambda c=clients: http_mix(port, c, args.seconds, 1000))
                pg[f"raw_{clients}"] = await measure(
                    f"raw asyncpg, {clients} clients",
                    lambda c=clients: raw_mix(url, c, args.seconds, 1000))
            pg["totals"] = await honesty(port, url)
        finally:
            stop(server)
        results["postgres"] = pg
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{tmp}/bench.sqlite3"
        cli(url, "migrate")
        log(f"seeding {args.sqlite_listings:,} listings into SQLite")
        cli(url, "seed", "--listings", str(args.sqlite_listings), "--users", str(args.users))
        server, base = start_web(bench_env(url))
        port = int(base.rsplit(":", 1)[1])
        try:
            results["sqlite"] = {
                "listings": args.sqlite_listings,
                "search_2": await measure("sqlite search, 2 clients",
                                          lambda: http_mix(port, 2, args.seconds, 1000)),
                "search_32": await measure("sqlite search, 32 clients",
                                           lambda: http_mix(port, 32, args.seconds, 1000)),
            }
        finally:
            stop(server)
    pg = results["postgres"]
    results["ratios"] = {
        "search_vs_raw_capacity": round(pg["search_32"]["req_per_s"] / pg["raw_32"]["req_per_s"], 3),
        "search_vs_hello_capacity": round(pg["search_32"]["req_per_s"]
                                          / pg["hello_32"]["req_per_s"], 3),
        "search_p99_unloaded_ms": pg["search_2"]["p99_ms"],
        "raw_p99_unloaded_ms": pg["raw_2"]["p99_ms"],
        "sqlite_p99_unloaded_ms": results["sqlite"]["search_2"]["p99_ms"],
        "totals_honest": all(t["honest"] for t in pg["totals"]),
    }
    results["targets"] = {
        "search_vs_raw_capacity >= 0.6": results["ratios"]["search_vs_raw_capacity"] >= 0.6,
        "search_p99_unloaded_ms <= 40": pg["search_2"]["p99_ms"] <= 40,
        "sqlite_p99_unloaded_ms <= 100": results["sqlite"]["search_2"]["p99_ms"] <= 100,
        "totals honest": results["ratios"]["totals_honest"],
    }
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, default=1_000_000)
    parser.add_argument("--sqlite-listings", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=1, help="web processes")
    parser.add_argument("--out", type=Path, default=RESULTS)
    ns = parser.parse_args()
    out = asyncio.run(main(ns))
    write_results(out, ns.out, echo=False)
    log(json.dumps({"ratios": out["ratios"], "targets": out["targets"]}, indent=2))
    log(f"written to {ns.out}")
