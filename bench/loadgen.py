"""A small closed-loop load generator: N concurrent clients, each one request at a time.

The HTTP client is a minimal keep-alive HTTP/1.1 client on asyncio streams, so
the generator spends as little of the machine's two cores as it can.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Stats:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        data = sorted(self.latencies_ms)
        if not data:
            return 0.0
        return data[min(len(data) - 1, int(q * len(data)))]

    def summary(self) -> dict:
        return {"requests": self.requests, "errors": self.errors, "req_per_s": round(self.rps, 1),
                "p50_ms": round(self.pct(0.50), 2), "p99_ms": round(self.pct(0.99), 2)}


class HttpClient:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.headers = ""  # extra header lines, each ending in CRLF

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(
            f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n{self.headers}\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length, chunked = 0, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        if not chunked:
            return status, await self.reader.readexactly(length)
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await self.reader.readexactly(size + 2)
            if size == 0:
                return status, b"".join(parts)
            parts.append(chunk[:-2])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def run_load(make_request: Callable[[int], Awaitable[bool]], clients: int,
                   seconds: float, warmup: float = 2.0) -> Stats:
    """`make_request(client_index)` performs one request and says whether it succeeded."""
    latencies: list[float] = []
    counts = {"ok": 0, "err": 0}
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + seconds

    async def worker(index: int) -> None:
        while True:
            t0 = time.perf_counter()
            if t0 >= stop_at:
                return
            ok = await make_request(index)
            t1 = time.perf_counter()
            if t0 >= measure_from:
                latencies.append((t1 - t0) * 1000)
                counts["ok" if ok else "err"] += 1

    await asyncio.gather(*(worker(i) for i in range(clients)))
    return Stats(counts["ok"] + counts["err"], counts["err"], seconds, latencies)


async def get_load(port: int, target: str, clients: int, seconds: float,
                   headers: str = "") -> dict:
    """`clients` keep-alive clients GETting one target; 200 is success."""
    conns = [HttpClient("127.0.0.1", port) for _ in range(clients)]
    for c in conns:
        c.headers = headers

    async def one(i: int) -> bool:
        status, _ = await conns[i].get(target)
        return status == 200

    stats = await run_load(one, clients, seconds)
    for c in conns:
        c.close()
    return stats.summary()


def write_results(result: dict, path: Path, echo: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    if echo:
        print(json.dumps(result, indent=2))


def json_ok(status: int, body: bytes) -> bool:
    if status != 200:
        return False
    json.loads(body)
    return True
