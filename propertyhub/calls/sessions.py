"""Live-call state shared by every web process: who is on the line, and the clocks.

Two stores behind one interface: in memory for the embedded mode, Redis when
several web processes serve calls (any of them may then take any event of any
call, and the sweeper of any of them may end it). The durable record (status,
transcript) is in the database; this is only what timers need.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Protocol

from propertyhub.calls.models import EndReason

RECONNECT_GRACE_S = 30.0


@dataclass
class Live:
    call_id: int
    started: float
    last_input: float
    max_seconds: int
    silence_seconds: int
    detached_at: float | None = None

    def overdue(self, now: float, grace: float) -> EndReason | None:
        if self.detached_at is not None:
            # A buyer who left decides nothing by silence: the call is dropped after the
            # grace window, or goes on if they come back within it.
            return EndReason.DISCONNECTED if now - self.detached_at >= grace else None
        if now - self.started >= self.max_seconds:
            return EndReason.MAX_DURATION
        if now - self.last_input >= self.silence_seconds:
            return EndReason.SILENCE_TIMEOUT
        return None


class Store(Protocol):
    async def attach(self, call_id: int, now: float, max_seconds: int,
                     silence_seconds: int) -> None: ...
    async def touch(self, call_id: int, field: str, value: float) -> None: ...
    async def get(self, call_id: int) -> Live | None: ...
    async def forget(self, call_id: int) -> None: ...
    async def all(self) -> list[Live]: ...
    async def dialogue(self, call_id: int) -> dict | None: ...
    async def save_dialogue(self, call_id: int, data: dict) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self._calls: dict[int, Live] = {}
        self._dialogues: dict[int, str] = {}  # JSON, as in Redis: no state shared by reference

    async def dialogue(self, call_id: int) -> dict | None:
        raw = self._dialogues.get(call_id)
        return json.loads(raw) if raw else None

    async def save_dialogue(self, call_id: int, data: dict) -> None:
        self._dialogues[call_id] = json.dumps(data)

    async def attach(self, call_id: int, now: float, max_seconds: int,
                     silence_seconds: int) -> None:
        live = self._calls.setdefault(call_id, Live(call_id, now, now, max_seconds,
                                                    silence_seconds))
        live.last_input, live.detached_at = now, None

    async def touch(self, call_id: int, field: str, value: float) -> None:
        live = self._calls.get(call_id)
        if live is not None:
            setattr(live, field, value)

    async def get(self, call_id: int) -> Live | None:
        return self._calls.get(call_id)

    async def forget(self, call_id: int) -> None:
        self._calls.pop(call_id, None)
        self._dialogues.pop(call_id, None)

    async def all(self) -> list[Live]:
        return list(self._calls.values())


# A field of a call that is still live: a call another process has just ended (and
# forgotten) is not brought back by a late event.
_TOUCH = """
if redis.call('exists', KEYS[1]) == 1 then
  redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
end
"""


class RedisStore:
    """A hash per call, written field by field, so two processes handling one call at
    once (an event here, a disconnect there) never overwrite each other's clocks."""

    IDS = "propertyhub:live-calls:ids"

    def __init__(self, redis) -> None:
        self.redis = redis
        self._touch = redis.register_script(_TOUCH)

    @staticmethod
    def key(call_id: int) -> str:
        return f"propertyhub:live-call:{call_id}"

    async def attach(self, call_id: int, now: float, max_seconds: int,
                     silence_seconds: int) -> None:
        key = self.key(call_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(key, "started", now)
            pipe.hset(key, mapping={"call_id": call_id, "last_input": now,
                                    "max_seconds": max_seconds,
                                    "silence_seconds": silence_seconds})
            pipe.hdel(key, "detached_at")
            pipe.sadd(self.IDS, call_id)
            await pipe.execute()

    async def touch(self, call_id: int, field: str, value: float) -> None:
        await self._touch(keys=[self.key(call_id)], args=[field, value])

    @staticmethod
    def _live(raw: dict) -> Live | None:
        fields = {(k.decode() if isinstance(k, bytes) else k): float(v)
                  for k, v in raw.items()}
        if "started" not in fields:
            return None
        return Live(int(fields["call_id"]), fields["started"], fields["last_input"],
                    int(fields["max_seconds"]), int(fields["silence_seconds"]),
                    fields.get("detached_at"))

    async def get(self, call_id: int) -> Live | None:
        return self._live(await self.redis.hgetall(self.key(call_id)))

    async def forget(self, call_id: int) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self.key(call_id), self.dialogue_key(call_id))
            pipe.srem(self.IDS, call_id)
            await pipe.execute()

    @staticmethod
    def dialogue_key(call_id: int) -> str:
        return f"propertyhub:call:{call_id}:dialogue"

    async def dialogue(self, call_id: int) -> dict | None:
        raw = await self.redis.get(self.dialogue_key(call_id))
        return json.loads(raw) if raw else None

    async def save_dialogue(self, call_id: int, data: dict) -> None:
        await self.redis.set(self.dialogue_key(call_id), json.dumps(data), ex=24 * 3600)

    async def all(self) -> list[Live]:
        ids = [int(i) for i in await self.redis.smembers(self.IDS)]
        async with self.redis.pipeline(transaction=False) as pipe:
            for call_id in ids:
                pipe.hgetall(self.key(call_id))
            found = await pipe.execute()
        return [live for raw in found if (live := self._live(raw)) is not None]


class Sessions:
    def __init__(self, store: Store, grace: float = RECONNECT_GRACE_S) -> None:
        self.store, self.grace = store, grace

    async def attach(self, call_id: int, max_seconds: int, silence_seconds: int) -> None:
        await self.store.attach(call_id, time.time(), max_seconds, silence_seconds)

    async def is_live(self, call_id: int) -> bool:
        return await self.store.get(call_id) is not None

    async def heard(self, call_id: int) -> None:
        await self.store.touch(call_id, "last_input", time.time())

    async def detach(self, call_id: int) -> None:
        await self.store.touch(call_id, "detached_at", time.time())

    async def overdue(self) -> list[tuple[int, str]]:
        now = time.time()
        return [(live.call_id, reason) for live in await self.store.all()
                if (reason := live.overdue(now, self.grace))]

    async def forget(self, call_id: int) -> None:
        await self.store.forget(call_id)
