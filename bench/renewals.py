"""Renewal benchmark: `python -m bench.renewals` (or `make bench-renewals`).

Creates N subscriptions whose period has ended in a throwaway PostgreSQL, starts
one Celery worker with 2 processes on a throwaway Redis, sends the beat job once,
and times until every subscription has moved to its next period. Then checks
exactly-once: one succeeded renewal and one processor charge per subscription.
Writes bench/results/renewals.json.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

from bench.loadgen import write_results
from tests.support.processes import SECRETS_ENV
from tests.support.servers import create_database, postgres_server, redis_server

RESULTS = Path(__file__).parent / "results" / "renewals.json"


def env_for(db: str, redis: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": db, "REDIS_URL": redis, "PROPERTYHUB_ENV": "bench",
            **SECRETS_ENV}


async def make_due(dsn: str, n: int) -> datetime:
    conn = await asyncpg.connect(dsn)
    now = datetime.now(UTC)
    start, end = now - timedelta(days=40), now - timedelta(days=10)
    # One seller each: a seller holds at most one live subscription on an agent.
    await conn.copy_records_to_table(
        "users", columns=("email", "password_hash", "name", "role", "service_areas",
                          "created_at", "updated_at"),
        records=[(f"bench{i}@example.com", "x", "Bench", "seller", "[]", now, now)
                 for i in range(n)])
    sellers = await conn.fetch("SELECT id FROM users ORDER BY id")
    agent = await conn.fetchval(
        "INSERT INTO ai_agents (name, description, is_public, greeting, persona, voice, "
        "max_call_seconds, silence_timeout_seconds, price_monthly_cents, price_yearly_cents, "
        "created_at, updated_at) VALUES ('Bench', '', true, 'hi', '', '{}', 900, 60, 4900, "
        "49000, $1, $1) RETURNING id", now)
    await conn.copy_records_to_table(
        "subscriptions", columns=("user_id", "kind", "ai_agent_id", "plan", "status",
                                  "current_period_start", "current_period_end",
                                  "cancel_at_period_end", "amount_cents", "currency",
                                  "payment_method", "property_ids", "retry_count",
                                  "created_at", "updated_at"),
        records=[(seller["id"], "ai", agent, "monthly", "active", start, end, False, 4900,
                  "USD", "pm_card_visa", "[]", 0, now, now) for seller in sellers])
    await conn.execute("VACUUM ANALYZE subscriptions")
    await conn.close()
    return end


async def wait_done(dsn: str, period_start: datetime, n: int, limit_s: float) -> float:
    conn = await asyncpg.connect(dsn)
    started = time.monotonic()
    try:
        while time.monotonic() - started < limit_s:
            done = await conn.fetchval(
                "SELECT count(*) FROM subscriptions WHERE current_period_start = $1",
                period_start)
            if done == n:
                return time.monotonic() - started
            await asyncio.sleep(0.5)
        raise TimeoutError(f"only {done} of {n} renewed in {limit_s} s")
    finally:
        await conn.close()


async def exactly_once(dsn: str) -> dict:
    conn = await asyncpg.connect(dsn)
    row = await conn.fetchrow(
        "SELECT count(*) AS renewals, count(DISTINCT subscription_id) AS subscriptions "
        "FROM transactions WHERE kind = 'renewal' AND status = 'succeeded'")
    charges = await conn.fetchval("SELECT count(*) FROM payment_charges WHERE status = 'succeeded'")
    await conn.close()
    return {"succeeded_renewals": row["renewals"], "distinct_subscriptions": row["subscriptions"],
            "processor_charges": charges}


async def main(args: argparse.Namespace) -> dict:
    with postgres_server({"shared_buffers": "2GB", "max_connections": "200"}) as admin, \
            redis_server() as redis:
        dsn = create_database(admin, "renewals")
        env = env_for(dsn, redis)
        subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True)
        period_start = await make_due(dsn, args.subscriptions)
        print(f"{args.subscriptions:,} due subscriptions; starting the worker", flush=True)
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers.celery_app:celery_app", "worker",
             "--concurrency", str(args.processes), "--without-mingle", "--without-gossip",
             "--loglevel", "WARNING"], env=env, start_new_session=True)
        try:
            time.sleep(5)  # the worker's processes open their pools
            sender = subprocess.run(
                [sys.executable, "-c", "from workers.celery_app import celery_app as a; "
                 "a.send_task('workers.tasks.renew_due_task')"], env=env, check=True)
            assert sender.returncode == 0
            seconds = await wait_done(dsn, period_start, args.subscriptions, args.limit)
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(60)
        checks = await exactly_once(dsn)
    n = args.subscriptions
    return {"subscriptions": n, "worker_processes": args.processes,
            "seconds": round(seconds, 1), "renewals_per_second": round(n / seconds, 1),
            **checks, "exactly_once": checks["succeeded_renewals"] == n
            and checks["distinct_subscriptions"] == n and checks["processor_charges"] == n,
            "target_seconds": 120, "target_met": seconds <= 120}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--limit", type=float, default=1200)
    parser.add_argument("--out", type=Path, default=RESULTS)
    ns = parser.parse_args()
    result = asyncio.run(main(ns))
    write_results(result, ns.out)
