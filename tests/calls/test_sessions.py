"""Call sessions: reconnects, timers, and two web processes sharing calls through Redis."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import httpx
import pytest

from propertyhub.calls.sessions import Live
from tests.calls.conftest import subscribe
from tests.conftest import SECRETS_ENV
from tests.support.factories import create_listing, register
from tests.support.phone import Phone
from tests.support.processes import start_web, start_worker, stop
from tests.support.servers import create_database


def test_timers_give_the_end_reason():
    live = Live(call_id=1, started=0.0, last_input=0.0, max_seconds=600, silence_seconds=60)

    assert live.overdue(59.0, grace=30) is None
    assert live.overdue(60.0, grace=30) == "silence_timeout"
    live.last_input = 590.0
    assert live.overdue(600.0, grace=30) == "max_duration"
    live.detached_at = 595.0
    assert live.overdue(599.0, grace=30) is None
    assert live.overdue(625.0, grace=30) == "disconnected"


async def start_call(http, scene) -> int:
    response = await http.post("/api/calls/start", headers=scene["buyer"].auth,
                               json={"property_id": scene["home"]["id"]})
    assert response.status_code == 201, response.text
    return response.json()["call_id"]


async def test_a_buyer_who_comes_back_in_time_resumes(http, served, scene):
    await subscribe(http, scene)
    call_id = await start_call(http, scene)
    token = scene["buyer"].tokens["access_token"]

    async with Phone(served, token) as phone:
        await phone.send("call_start", {"call_id": call_id})
    async with Phone(served, token) as phone:  # back within the 1 s grace window
        resumed = await phone.send("call_start", {"call_id": call_id})
        await asyncio.sleep(1.5)  # past the window, connected: the call goes on
        answer = await phone.send("voice_input", {"call_id": call_id, "text": "Bedrooms?"})
        await phone.send("call_end", {"call_id": call_id})

    log = (await http.get(f"/api/calls/{call_id}", headers=scene["buyer"].auth)).json()
    assert (resumed["ok"], resumed["status"], answer["ok"]) == (True, "active", True)
    assert (log["status"], log["end_reason"]) == ("ended", "buyer_hung_up")
    assert [t["role"] for t in log["transcript"]] == ["agent", "buyer", "agent"]


async def test_silence_ends_the_call(http, served, scene):
    await http.put(f"/api/ai-agents/{scene['agent']['id']}", headers=scene["seller"].auth,
                   json={"silence_timeout_seconds": 5})
    await subscribe(http, scene)
    call_id = await start_call(http, scene)

    async with Phone(served, scene["buyer"].tokens["access_token"]) as phone:
        await phone.send("call_start", {"call_id": call_id})
        started = time.monotonic()
        ended = (await phone.said("call_ended", timeout=15))[0]
        waited = time.monotonic() - started

    assert ended["end_reason"] == "silence_timeout"
    assert 4 <= waited <= 8


async def transcript_rows(db: str, call_id: int) -> int:
    import asyncpg

    conn = await asyncpg.connect(db)
    try:
        return await conn.fetchval("SELECT count(*) FROM transcripts WHERE call_id = $1", call_id)
    finally:
        await conn.close()


@pytest.mark.production_topology
async def test_a_call_survives_a_web_process_dying_mid_call(pg_admin_url,
                                                                        redis_url):
    db = create_database(pg_admin_url, f"twoweb_{os.getpid()}_{time.monotonic_ns()}")
    env = {**os.environ, "DATABASE_URL": db, "REDIS_URL": redis_url, "PROPERTYHUB_ENV": "test",
           **SECRETS_ENV, "LOG_LEVEL": "warning", "CALL_RECONNECT_GRACE": "5",
           "RATE_LIMIT_REGISTER": "1000/minute", "RATE_LIMIT_LOGIN": "1000/minute"}
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True,
                   capture_output=True)
    worker = start_worker(env)
    web_a, base_a = start_web(env)
    web_b, base_b = start_web(env)
    try:
        async with httpx.AsyncClient(base_url=base_a, timeout=10) as http:
            seller = await register(http, role="seller")
            buyer = await register(http)
            home = await create_listing(http, seller)
            agent = (await http.post("/api/ai-agents", headers=seller.auth,
                                     json={"name": "Ava", "greeting": "Hi!"})).json()
            hired = await http.post("/api/ai-agents/hire", headers=seller.auth,
                                    json={"ai_agent_id": agent["id"], "plan": "monthly"})
            assert hired.json()["subscription"]["status"] == "active"
            call_id = (await http.post("/api/calls/start", headers=buyer.auth,
                                       json={"property_id": home["id"]})).json()["call_id"]
        token = buyer.tokens["access_token"]
        async with Phone(base_a, token) as on_a:
            await on_a.send("call_start", {"call_id": call_id})
            await on_a.send("voice_input", {"call_id": call_id, "text": "How much is it?"})
            # Process A dies mid-call, before its next flush: its turns live in Redis.
            stop(web_a, signal.SIGKILL)
            in_db_at_death = await transcript_rows(db, call_id)
        async with Phone(base_b, token) as on_b:
            resumed = await on_b.send("call_start", {"call_id": call_id})
            await on_b.send("voice_input", {"call_id": call_id, "text": "How many bedrooms?"})
            await on_b.send("voice_input", {"call_id": call_id, "text": "Goodbye"})
            ended = (await on_b.said("call_ended"))[0]
        async with httpx.AsyncClient(base_url=base_b, timeout=10) as http:
            log = (await http.get(f"/api/calls/{call_id}", headers=buyer.auth)).json()
    finally:
        for proc in (web_a, web_b, worker):
            stop(proc)

    assert in_db_at_death < 3  # the three turns said on A were not all written yet
    assert resumed["ok"] is True
    assert ended["end_reason"] == "goodbye"
    assert [t["text"] for t in log["transcript"]] == [
        "Hi!", "How much is it?", "The asking price is $450,000.",
        "How many bedrooms?", "It has 3 bedrooms.", "Goodbye", "Thanks for calling! Goodbye."]
    assert [t["role"] for t in log["transcript"]] == ["agent"] + ["buyer", "agent"] * 3
