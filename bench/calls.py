"""Voice-call benchmark: `python -m bench.calls` (or `make bench-calls`).

One web process (uvicorn, PostgreSQL), 1,000 connected calls, 200 of them talking
(one utterance a second each) for 60 s. Measures errors, the server-side
voice_input -> agent_speak time (recorded by the server, CALLS_TIMING_FILE), the
client round trip, and the server's peak RSS; first, as a same-run baseline for this
(noisy, shared) machine, a hello-world route at 2 clients. Writes
bench/results/calls.json.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import socketio

from bench.loadgen import get_load, write_results
from tests.support.processes import SECRETS_ENV, start_web, stop
from tests.support.servers import create_database, postgres_server

RESULTS = Path(__file__).parent / "results" / "calls.json"
QUESTIONS = ["How much is it?", "How many bedrooms?", "Does it have a pool?",
             "How big is it?", "When was it built?", "Where is it?", "Is it available?",
             "Any 3 bedroom homes in Austin under 600k?"]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pct(data: list[float], q: float) -> float:
    data = sorted(data)
    return round(data[min(len(data) - 1, int(q * len(data)))], 2) if data else 0.0


async def setup(base: str, calls: int) -> tuple[str, list[int]]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        async def user(role: str) -> dict:
            r = await http.post("/api/auth/register", json={
                "email": f"{role}{time.monotonic_ns()}@bench.test", "password": "benchmark1",
                "name": role, "role": role})
            return r.json()
        seller, buyer = await user("seller"), await user("buyer")
        auth = {"Authorization": f"Bearer {seller['access_token']}"}
        for i in range(20):
            await http.post("/api/properties", headers=auth, json={
                "title": f"Bench home {i}", "property_type": "house", "listing_type": "sale",
                "price": 300_000 + i * 20_000, "bedrooms": 2 + i % 4, "city": "Austin",
                "amenities": ["pool"] if i % 2 else ["garage"], "year_built": 1990 + i})
        listing = (await http.get("/api/properties", params={"owner_id": seller["user"]["id"],
                                                             "limit": 1})).json()["items"][0]
        agent = (await http.post("/api/ai-agents", headers=auth, json={
            "name": "Bench", "max_call_seconds": 7200, "silence_timeout_seconds": 600})).json()
        await http.post("/api/ai-agents/hire", headers=auth,
                        json={"ai_agent_id": agent["id"], "plan": "monthly"})
        buyer_auth = {"Authorization": f"Bearer {buyer['access_token']}"}
        ids = []
        for _ in range(calls):
            r = await http.post("/api/calls/start", headers=buyer_auth,
                                json={"property_id": listing["id"]})
            ids.append(r.json()["call_id"])
        return buyer["access_token"], ids


async def run(base: str, token: str, call_ids: list[int], talkers: int, seconds: float,
              pid: int) -> dict:
    clients: list[socketio.AsyncClient] = []
    errors = {"connect": 0, "ack": 0}
    round_trips: list[float] = []
    peak = [0.0]

    async def join(call_id: int) -> socketio.AsyncClient | None:
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(base, namespaces=["/calls"], auth={"token": token},
                                 transports=["websocket"], wait_timeout=30)
            ack = await client.call("call_start", {"call_id": call_id}, namespace="/calls",
                                    timeout=30)
            if not ack.get("ok"):
                errors["ack"] += 1
            return client
        except Exception:
            errors["connect"] += 1
            return None

    for start in range(0, len(call_ids), 50):
        joined = await asyncio.gather(*(join(c) for c in call_ids[start:start + 50]))
        clients += [c for c in joined if c is not None]
        peak[0] = max(peak[0], rss_mib(pid))
    connected = len(clients)

    async def talk(client: socketio.AsyncClient, call_id: int, rng: random.Random) -> None:
        await asyncio.sleep(rng.random())  # spread the talkers over the second
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            try:
                ack = await client.call("voice_input", {"call_id": call_id,
                                                        "text": rng.choice(QUESTIONS)},
                                        namespace="/calls", timeout=10)
                if not ack.get("ok"):
                    errors["ack"] += 1
            except Exception:
                errors["ack"] += 1
            round_trips.append((time.perf_counter() - t0) * 1000)
            await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - t0)))

    async def watch() -> None:
        while True:
            peak[0] = max(peak[0], rss_mib(pid))
            await asyncio.sleep(1)

    watcher = asyncio.create_task(watch())
    await asyncio.gather(*(talk(clients[i], call_ids[i], random.Random(i))
                           for i in range(min(talkers, connected))))
    watcher.cancel()
    still = sum(1 for c in clients if c.connected)
    for c in clients:
        await c.disconnect()
    return {"connected": connected, "still_connected_at_end": still, "errors": errors,
            "utterances": len(round_trips), "client_round_trip_p50_ms": pct(round_trips, .5),
            "client_round_trip_p99_ms": pct(round_trips, .99), "server_rss_peak_mib":
            round(peak[0], 1)}


async def main(args: argparse.Namespace) -> dict:
    timing = Path(tempfile.mkdtemp()) / "turns.txt"
    with postgres_server() as admin:
        db = create_database(admin, "calls")
        env = {**os.environ, "DATABASE_URL": db, "PROPERTYHUB_ENV": "bench",
               **SECRETS_ENV, "LOG_LEVEL": "warning",
               "RATE_LIMIT_REGISTER": "10000/minute", "RATE_LIMIT_LOGIN": "10000/minute",
               "CALLS_TIMING_FILE": str(timing)}
        env.pop("REDIS_URL", None)
        subprocess.run([sys.executable, "-m", "propertyhub.cli", "migrate"], env=env, check=True)
        web, base = start_web(env)
        try:
            hello = await get_load(int(base.rsplit(":", 1)[1]), "/healthz", 2, 5)
            token, ids = await setup(base, args.calls)
            result = await run(base, token, ids, args.talkers, args.seconds, web.pid)
        finally:
            stop(web)  # graceful: the server writes its timings at exit
    server = [float(x) for x in timing.read_text().split()] if timing.exists() else []
    result.update({
        "hello_2": hello,
        "calls": args.calls, "talkers": args.talkers, "seconds": args.seconds,
        "server_turn_p50_ms": pct(server, .5), "server_turn_p99_ms": pct(server, .99),
        "server_turn_mean_ms": round(statistics.fmean(server), 2) if server else 0.0,
        "server_turns": len(server)})
    errors = sum(result["errors"].values())
    result["targets"] = {"0 errors": errors == 0 and result["connected"] == args.calls,
                         "server p99 <= 20 ms": bool(server)
                         and result["server_turn_p99_ms"] <= 20,
                         "rss <= 512 MiB": result["server_rss_peak_mib"] <= 512}
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--talkers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--out", type=Path, default=RESULTS)
    ns = parser.parse_args()
    out = asyncio.run(main(ns))
    write_results(out, ns.out)
