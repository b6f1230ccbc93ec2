"""The Procfile run as production runs it (honcho): PostgreSQL, Redis, two web processes,
a worker and beat — then a smoke run through all of it."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import asyncpg
import httpx
import pytest

from propertyhub.analytics.events import FLUSH_EVERY_S
from tests.conftest import SECRETS_ENV
from tests.support.factories import create_listing, register
from tests.support.phone import Phone
from tests.support.servers import create_database, free_port

pytestmark = pytest.mark.production_topology
ROOT = Path(__file__).resolve().parent.parent


async def eventually(check, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while True:
        result = await check()
        if result or time.monotonic() > deadline:
            return result
        await asyncio.sleep(0.3)


async def test_procfile_topology_smoke(pg_admin_url, redis_url, tmp_path):
    db = create_database(pg_admin_url, f"topology_{os.getpid()}")
    env = {**os.environ, "DATABASE_URL": db, "REDIS_URL": redis_url,
           "PROPERTYHUB_ENV": "production", **SECRETS_ENV, "LOG_LEVEL": "warning",
           "RENEW_EVERY_S": "2", "BEAT_SCHEDULE_FILE": str(tmp_path / "beat-schedule"),
           "RATE_LIMIT_REGISTER": "1000/minute", "RATE_LIMIT_LOGIN": "1000/minute"}
    release = subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env,
                             capture_output=True, text=True)
    assert release.returncode == 0, release.stderr
    base = free_port()
    honcho = subprocess.Popen(
        [sys.executable, "-m", "honcho", "start", "-f", str(ROOT / "Procfile"), "-p", str(base),
         "-c", "web=2", "web", "worker", "beat"],
        cwd=ROOT, env={**env, "PATH": f"{Path(sys.executable).parent}:{env['PATH']}"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    web1, web2 = f"http://127.0.0.1:{base}", f"http://127.0.0.1:{base + 1}"
    try:
        for url in (web1, web2):
            async def up(url=url):
                try:
                    return httpx.get(f"{url}/readyz", timeout=1).status_code == 200
                except httpx.TransportError:
                    return False
            assert await eventually(up), f"{url} did not come up"

        async with httpx.AsyncClient(base_url=web1, timeout=10) as one, \
                httpx.AsyncClient(base_url=web2, timeout=10) as two:
            seller = await register(one, role="seller")
            buyer = await register(two)
            home = await create_listing(one, seller)
            assert (await two.get(f"/api/properties/{home['id']}")).status_code == 200
            agent = (await one.post("/api/ai-agents", headers=seller.auth,
                                    json={"name": "Ava", "greeting": "Hi!"})).json()
            hired = await one.post("/api/ai-agents/hire", headers=seller.auth,
                                   json={"ai_agent_id": agent["id"], "plan": "monthly"})
            sub = hired.json()["subscription"]

            async def active():
                got = await two.get(f"/api/subscriptions/{sub['id']}", headers=seller.auth)
                return got.json()["status"] == "active"
            assert await eventually(active), "the worker did not settle the hire"

            call_id = (await two.post("/api/calls/start", headers=buyer.auth,
                                      json={"property_id": home["id"]})).json()["call_id"]
            async with Phone(web2, buyer.tokens["access_token"]) as phone:
                await phone.send("call_start", {"call_id": call_id})
                price = await phone.send("voice_input", {"call_id": call_id,
                                                         "text": "How much is it?"})
                await phone.send("call_end", {"call_id": call_id})

            # The period ends: beat finds it and a worker renews it, with nobody asking.
            conn = await asyncpg.connect(db)
            ended = (await conn.fetchval("SELECT now()")) - timedelta(minutes=1)
            await conn.execute("UPDATE subscriptions SET current_period_start = $1, "
                               "current_period_end = $2 WHERE id = $3",
                               ended - timedelta(days=30), ended, sub["id"])
            await conn.close()

            async def renewed():
                txs = (await one.get("/api/transactions", headers=seller.auth)).json()["items"]
                return [t["kind"] for t in txs if t["status"] == "succeeded"] == [
                    "renewal", "charge"]
            assert await eventually(renewed), "beat did not renew the subscription"

            # The same visitor on both web processes: one more view, not six.
            for web in (one, two):
                for _ in range(3):
                    await web.get(f"/api/properties/{home['id']}",
                                  headers={"User-Agent": "Firefox"})

            async def counted():
                body = (await one.get("/api/analytics", headers=seller.auth)).json()
                return body["totals"]["views"] >= 2 and body["totals"]["hires"] == 1
            assert await eventually(counted, 15), "analytics did not count the views and hire"
            await asyncio.sleep(FLUSH_EVERY_S + 1)  # any view counted twice is written by now
            views = (await one.get("/api/analytics", headers=seller.auth)).json()["totals"][
                "views"]
            metrics = (await two.get("/metrics")).text
    finally:
        os.killpg(honcho.pid, signal.SIGTERM)
        honcho.wait(60)

    assert hired.status_code == 201
    assert views == 2
    assert price["ok"] is True
    assert 'route="/api/properties/{listing_id}"' in metrics
