"""Live-call state shared by every web process: who is on the line, and the clocks.

Two stores behind one interface: in memory for the embedded mode, Redis when
several web processes serve calls (any of them may then take any event of any
call, and the sweeper of any of them may end it). The durable record (status,
transcript) is in the database; this is only what timers need.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from typing import Protocol

RECONNECT_GRACE_S = 30.0


@dataclass
class Live:
    call_id: int
    started: float
    last_input: float
    max_seconds: int
    silence_seconds: int
    detached_at: float | None = None

    def overdue(self, now: float, grace: float) -> str | None:
        if self.detached_at is not None and now - self.detached_at >= grace:
            return "disconnected"
        if now - self.started >= self.max_seconds:
            return "max_duration"
        if now - self.last_input >= self.silence_seconds:
            return "silence_timeout"
        return None


class Store(Protocol):
    async def put(self, live: Live) -> None: ...
    async def get(self, call_id: int) -> Live | None: ...
    async def forget(self, call_id: int) -> None: ...
    async def all(self) -> list[Live]: ...


class MemoryStore:
    def __init__(self) -> None:
        self._calls: dict[int, Live] = {}

    async def put(self, live: Live) -> None:
        self._calls[live.call_id] = live

    async def get(self, call_id: int) -> Live | None:
        return self._calls.get(call_id)

    async def forget(self, call_id: int) -> None:
        self._calls.pop(call_id, None)

    async def all(self) -> list[Live]:
        return list(self._calls.values())


class RedisStore:
    KEY = "propertyhub:live-calls"

    def __init__(self, redis) -> None:
        self.redis = redis

    async def put(self, live: Live) -> None:
        await self.redis.hset(self.KEY, str(live.call_id), json.dumps(asdict(live)))

    async def get(self, call_id: int) -> Live | None:
        raw = await self.redis.hget(self.KEY, str(call_id))
        return Live(**json.loads(raw)) if raw else None

    async def forget(self, call_id: int) -> None:
        await self.redis.hdel(self.KEY, str(call_id))

    async def all(self) -> list[Live]:
        return [Live(**json.loads(v)) for v in (await self.redis.hgetall(self.KEY)).values()]


class Sessions:
    def __init__(self, store: Store, grace: float = RECONNECT_GRACE_S) -> None:
        self.store, self.grace = store, grace

    async def attach(self, call_id: int, max_seconds: int, silence_seconds: int) -> None:
        now = time.time()
        live = await self.store.get(call_id)
        if live is None:
            live = Live(call_id, now, now, max_seconds, silence_seconds)
        live.detached_at = None
        live.last_input = now
        await self.store.put(live)

    async def heard(self, call_id: int) -> None:
        live = await self.store.get(call_id)
        if live is not None:
            live.last_input = time.time()
            await self.store.put(live)

    async def detach(self, call_id: int) -> None:
        live = await self.store.get(call_id)
        if live is not None:
            live.detached_at = time.time()
            await self.store.put(live)

    async def overdue(self) -> list[tuple[int, str]]:
        now = time.time()
        return [(live.call_id, reason) for live in await self.store.all()
                if (reason := live.overdue(now, self.grace))]

    async def forget(self, call_id: int) -> None:
        await self.store.forget(call_id)
