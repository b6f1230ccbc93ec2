"""One way a call ends, whoever ends it, and calls that cannot outlive their billing, their
buyer's absence or their web process (issue 9, items 5, 8-11)."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import httpx
import pytest

from propertyhub.calls.sessions import Live
from propertyhub.calls.speech import SpeechPool
from propertyhub.calls.transcript import MemoryTurns
from tests.calls.conftest import subscribe
from tests.calls.test_sessions import start_call
from tests.support.factories import create_listing, register
from tests.support.phone import Phone
from tests.support.processes import embedded_env, start_web, stop


async def call_log(http, scene, call_id: int) -> dict:
    return (await http.get(f"/api/calls/{call_id}", headers=scene["buyer"].auth)).json()


async def test_ending_by_rest_stops_the_socket(http, served, scene):
    await subscribe(http, scene)
    call_id = await start_call(http, scene)

    async with Phone(served, scene["buyer"].tokens["access_token"]) as phone:
        await phone.send("call_start", {"call_id": call_id})
        ended = await http.post("/api/calls/end", headers=scene["buyer"].auth,
                                json={"call_id": call_id})
        heard = (await phone.said("call_ended"))[0]
        late = await phone.send("voice_input", {
            "call_id": call_id, "text": "Can I see it Saturday? My number is 512 555 0100"})

    leads = (await http.get("/api/crm/leads", headers=scene["seller"].auth)).json()["items"]
    log = await call_log(http, scene, call_id)
    assert ended.json()["status"] == "ended"
    assert (heard["call_id"], heard["end_reason"]) == (call_id, "buyer_hung_up")
    assert late["ok"] is False and late["error"]["code"] == "call_ended"
    assert [t["role"] for t in log["transcript"]] == ["agent"]  # the greeting only
    assert leads == []


async def test_a_lapsed_subscription_ends_the_call(http, served, scene):
    await subscribe(http, scene)
    call_id = await start_call(http, scene)
    rest_call = await start_call(http, scene)

    async with Phone(served, scene["buyer"].tokens["access_token"]) as phone:
        await phone.send("call_start", {"call_id": call_id})
        assert (await phone.send("voice_input", {"call_id": call_id, "text": "Price?"}))["ok"]
        await http.post(f"/api/ai-agents/{scene['agent']['id']}/terminate",
                        headers=scene["seller"].auth)
        await asyncio.sleep(1.2)  # past the per-call billing cache (CALL_BILLING_CHECK_S=1)
        refused = await phone.send("voice_input", {"call_id": call_id, "text": "Bedrooms?"})
        heard = (await phone.said("call_ended"))[0]
    by_rest = await http.post("/api/calls/process", headers=scene["buyer"].auth,
                              json={"call_id": rest_call, "text": "Price?"})

    assert refused["ok"] is False
    assert refused["error"]["code"] == "subscription_required"
    assert heard["end_reason"] == "subscription_ended"
    assert by_rest.status_code == 402
    assert (await call_log(http, scene, rest_call))["status"] in ("failed", "ended")


async def test_a_call_never_joined_ends_and_does_not_count(http, served, scene):
    await subscribe(http, scene)
    call_id = await start_call(http, scene)

    for _ in range(100):  # CALL_JOIN_TIMEOUT_S=2, swept every 2 s
        if (await call_log(http, scene, call_id))["status"] != "connecting":
            break
        await asyncio.sleep(0.1)

    log = await call_log(http, scene, call_id)
    live = (await http.get("/api/calls", headers=scene["buyer"].auth)).json()["items"]
    numbers = (await http.get("/api/analytics", headers=scene["seller"].auth)).json()
    assert (log["status"], log["end_reason"]) == ("failed", "not_joined")
    assert call_id not in [c["id"] for c in live]
    assert numbers["totals"]["calls"] == 0


def test_a_detached_call_is_not_ended_by_its_timers():
    live = Live(call_id=1, started=0.0, last_input=0.0, max_seconds=600, silence_seconds=5)
    live.detached_at = 1.0

    assert live.overdue(10.0, grace=30) is None  # silent for 10 s, but away: not silence
    assert live.overdue(31.0, grace=30) == "disconnected"


async def test_the_turn_buffer_forgets_ended_calls():
    turns = MemoryTurns()

    async def base() -> int:
        return 0

    for call_id in range(1000):
        await turns.append(call_id, base, {"role": "buyer", "text": "hi", "at": "x"})
        await turns.forget(call_id)

    assert (turns._seq, turns._turns) == ({}, {})


async def test_speech_is_bounded_and_degrades_to_text():
    class Slow:
        name = "slow"

        def __init__(self) -> None:
            self.running = self.most = 0

        async def synthesize(self, text, voice):
            self.running += 1
            self.most = max(self.most, self.running)
            await asyncio.sleep(0.05)
            self.running -= 1
            return b"RIFF...."

    speaker = Slow()
    pool = SpeechPool(concurrency=2, queue=3, speaker=speaker)

    results = await asyncio.gather(*(pool.payload("hello", {}) for _ in range(12)))

    assert speaker.most == 2
    assert sum(audio is not None for audio, _ in results) == 5
    assert [why for _, why in results].count("busy") == 7


@pytest.mark.embedded
async def test_calls_live_when_the_embedded_server_died_resume_or_drop(tmp_path: Path):
    env = embedded_env(f"sqlite://{tmp_path / 'calls.sqlite3'}", CALL_RECONNECT_GRACE="3")
    web, base = start_web(env)
    try:
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            seller = await register(http, role="seller")
            buyer = await register(http)
            home = await create_listing(http, seller)
            agent = (await http.post("/api/ai-agents", headers=seller.auth,
                                     json={"name": "Ava", "greeting": "Hi!"})).json()
            await http.post("/api/ai-agents/hire", headers=seller.auth,
                            json={"ai_agent_id": agent["id"], "plan": "monthly"})
            calls = [(await http.post("/api/calls/start", headers=buyer.auth,
                                      json={"property_id": home["id"]})).json()["call_id"]
                     for _ in range(2)]
            token = buyer.tokens["access_token"]
            async with Phone(base, token) as phone:
                for call_id in calls:
                    await phone.send("call_start", {"call_id": call_id})
                    await phone.send("voice_input", {"call_id": call_id, "text": "Price?"})
                stop(web, signal.SIGKILL)

        web, base = start_web(env)
        async with httpx.AsyncClient(base_url=base, timeout=10) as http, Phone(base, token) as phone:
            rejoined = await phone.send("call_start", {"call_id": calls[0]})
            answer = await phone.send("voice_input", {"call_id": calls[0],
                                                      "text": "How many bedrooms?"})
            started = time.monotonic()
            while time.monotonic() - started < 10:
                left = (await http.get(f"/api/calls/{calls[1]}", headers=buyer.auth)).json()
                if left["status"] != "active":
                    break
                await asyncio.sleep(0.2)
            live = (await http.get("/api/calls", headers=buyer.auth)).json()["items"]
            await phone.send("call_end", {"call_id": calls[0]})
    finally:
        stop(web)

    assert rejoined["ok"] is True and rejoined["status"] == "active"
    assert answer["ok"] is True
    assert (left["status"], left["end_reason"]) == ("dropped", "disconnected")
    assert [c["id"] for c in live] == [calls[0]]
