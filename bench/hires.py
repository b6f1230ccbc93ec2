"""Hire latency: `python -m bench.hires` (or `make bench-hires`).

`POST /api/ai-agents/hire` waits (up to 2 s) for its first charge to settle, so its latency
is the request's own work plus the time until the request learns the charge settled. Two
topologies, each in one web process on a throwaway database:

- production: PostgreSQL + Redis, the charge settled by a Celery worker process;
- embedded: SQLite, no Redis, the charge settled in the web process.

Each hire is one new seller's (a seller holds one live subscription per agent), one at a
time. As a same-run baseline for this (noisy, shared) machine each topology also times
`GET /api/auth/me` (a signed-in read: token check and one query) at one client; figures
are quoted as ratios to it. Writes bench/results/hires.json.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.loadgen import write_results
from tests.support.processes import SECRETS_ENV, start_web, start_worker, stop
from tests.support.servers import create_database, postgres_server, redis_server

RESULTS = Path(__file__).parent / "results" / "hires.json"


def pct(data: list[float], q: float) -> float:
    data = sorted(data)
    return round(data[min(len(data) - 1, int(q * len(data)))], 2) if data else 0.0


def summary(ms: list[float]) -> dict:
    return {"n": len(ms), "p50_ms": pct(ms, 0.5), "p90_ms": pct(ms, 0.9),
            "mean_ms": round(statistics.fmean(ms), 2) if ms else 0.0}


async def timed(http: httpx.AsyncClient, method: str, url: str, **kwargs) -> tuple[float, int]:
    t0 = time.perf_counter()
    response = await http.request(method, url, **kwargs)
    return (time.perf_counter() - t0) * 1000, response.status_code


async def measure(base: str, hires: int, reads: int) -> dict:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        async def user(role: str) -> dict:
            r = await http.post("/api/auth/register", json={
                "email": f"{role}{time.monotonic_ns()}@bench.test", "password": "benchmark1",
                "name": role, "role": role})
            assert r.status_code == 201, r.text
            return r.json()

        vendor = await user("seller")
        vendor_auth = {"Authorization": f"Bearer {vendor['access_token']}"}
        agent = (await http.post("/api/ai-agents", headers=vendor_auth, json={
            "name": "Bench", "is_public": True, "price_monthly_cents": 4900})).json()
        sellers = [await user("seller") for _ in range(hires)]
        for _ in range(20):  # warm-up: connections, caches, the worker's pool
            await http.get("/api/auth/me", headers=vendor_auth)
        read_ms = []
        for _ in range(reads):
            ms, status = await timed(http, "GET", "/api/auth/me", headers=vendor_auth)
            assert status == 200
            read_ms.append(ms)
        hire_ms, statuses = [], []
        for seller in sellers:
            auth = {"Authorization": f"Bearer {seller['access_token']}"}
            ms, status = await timed(http, "POST", "/api/ai-agents/hire", headers=auth,
                                     json={"ai_agent_id": agent["id"], "plan": "monthly"})
            hire_ms.append(ms)
            statuses.append(status)
        settled_in_request = 0
        for seller in sellers:
            auth = {"Authorization": f"Bearer {seller['access_token']}"}
            subs = (await http.get("/api/subscriptions", headers=auth)).json()["items"]
            settled_in_request += all(s["status"] == "active" for s in subs)
    hire, read = summary(hire_ms[5:]), summary(read_ms)  # the first hires warm up
    return {"baseline_me": read, "hire": hire,
            "errors": sum(s != 201 for s in statuses),
            "active_when_answered": settled_in_request,
            "hire_p50_over_baseline_p50": round(hire["p50_ms"] / read["p50_ms"], 2),
            "hire_mean_over_baseline_mean": round(hire["mean_ms"] / read["mean_ms"], 2)}


def env_for(database_url: str, redis_url: str | None) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "PROPERTYHUB_ENV": "bench",
           **SECRETS_ENV, "LOG_LEVEL": "warning", "RATE_LIMIT_REGISTER": "100000/minute",
           "RATE_LIMIT_LOGIN": "100000/minute"}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True,
                   capture_output=True)
    return env


async def production(args: argparse.Namespace) -> dict:
    with postgres_server() as admin, redis_server() as redis:
        env = env_for(create_database(admin, "hires"), redis)
        worker = start_worker(env)
        web, base = start_web(env)
        try:
            time.sleep(3)  # the worker's processes open their pools
            return await measure(base, args.hires, args.reads)
        finally:
            stop(web)
            stop(worker)


async def embedded(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = env_for(f"sqlite://{Path(tmp) / 'hires.sqlite3'}", None)
        web, base = start_web(env)
        try:
            return await measure(base, args.hires, args.reads)
        finally:
            stop(web)


async def main(args: argparse.Namespace) -> dict:
    return {"hires": args.hires, "production": await production(args),
            "embedded": await embedded(args)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hires", type=int, default=105)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--out", type=Path, default=RESULTS)
    ns = parser.parse_args()
    write_results(asyncio.run(main(ns)), ns.out)
